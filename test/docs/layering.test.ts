import { fileURLToPath } from "node:url";
import { describe, expect, it, vi } from "vitest";
import { cycles, importGraph } from "../support/import-graph.js";

const src = fileURLToPath(new URL("../../src", import.meta.url));
const graph = importGraph(src);

// From the bottom up: a layer may import the layers below it, never one above. `base` is the
// files at the top of src/, `entry` is src/index.ts. `contract` is what a validator is (definition,
// context, verdict, binding) and the registry of them, without any validator: the compiler binds
// spec names against it, so it sits below schema.
const LAYERS = [
  "base",
  "llm",
  "rail",
  "contract",
  "prompt",
  "schema",
  "parse",
  "validators",
  "guard",
  "log",
  "testing",
  "cli",
  "entry",
] as const;

function layerOf(file: string): number {
  if (file === "index.ts") return LAYERS.indexOf("entry");
  const top = file.split("/")[0] ?? "";
  const layer = top.endsWith(".ts") ? "base" : top;
  const rank = LAYERS.indexOf(layer as (typeof LAYERS)[number]);
  if (rank < 0) throw new Error(`src/${top} is in no layer: add it to LAYERS`);
  return rank;
}

describe("the import graph of src", () => {
  it("sees the imports it checks", () => {
    expect(graph.get("index.ts")).toContain("guard/index.ts");
    expect(graph.size).toBeGreaterThan(100);
  });

  it("has no value-import cycle", () => {
    expect(cycles(graph)).toEqual([]);
  });

  it("finds a cycle when there is one", () => {
    const looped = new Map([
      ["a.ts", ["b.ts"]],
      ["b.ts", ["c.ts"]],
      ["c.ts", ["a.ts"]],
      ["d.ts", ["d.ts"]],
      ["e.ts", ["a.ts"]],
    ]);
    expect(cycles(looped)).toEqual([["a.ts", "b.ts", "c.ts"], ["d.ts"]]);
  });

  it("imports only downward", () => {
    const upward = [...graph].flatMap(([file, targets]) =>
      targets.filter((t) => layerOf(t) > layerOf(file)).map((t) => `${file} -> ${t}`),
    );
    expect(upward).toEqual([]);
  });
});

describe("the built-in catalogue", () => {
  const SPEC = `<rail version="0.1"><output><string name="s" format="two-words"/></output></rail>`;

  it("is registered by the public entry point, not by the guard", async () => {
    // A fresh module graph: the test setup's registration is not in it.
    vi.resetModules();
    const guardOnly = await import("../../src/guard/index.js");
    expect(() => guardOnly.Guard.fromRailString(SPEC)).toThrow(/two-words/);
    vi.resetModules();
    const api = await import("../../src/index.js");
    const outcome = await api.Guard.fromRailString(SPEC).parse('{"s": "hello world"}');
    expect(outcome.validationPassed).toBe(true);
  });

  it("is registered by railguard/testing", async () => {
    vi.resetModules();
    await import("../../src/testing/index.js");
    const { defaultRegistry } = await import("../../src/contract/registry.js");
    expect(defaultRegistry.has("two-words")).toBe(true);
  });
});
