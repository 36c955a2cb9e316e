import { describe, expect, it } from "vitest";
import { parseOutput } from "../../src/parse/index.js";
import { list, obj, str } from "../fixtures/malformed/specs.js";

/**
 * The malformed shapes that took quadratic time, at 1 MB: from a minute (commas) to hours
 * (brackets after the JSON). Each must give the right value and repairs; a regression shows as the
 * test timeout (bench/malformed.ts measures them).
 */

const ROOT = obj([list(obj([str("name")]), "items")]);
const SIZE = 1024 * 1024;
const item = (i: number) => `{"name": "item ${i}"}`;
const count = (unit: string) => Math.ceil(SIZE / unit.length);
const names = (n: number) => Array.from({ length: n }, (_, i) => ({ name: `item ${i}` }));

describe("malformed shapes at 1 MB", () => {
  it("unbalanced brackets after the JSON", () => {
    const result = parseOutput(`{"items": [${item(0)}]} ${"{]".repeat(SIZE / 2)}`, ROOT);
    expect(result).toMatchObject({ ok: true, value: { items: names(1) } });
    expect(result.repairs.map((repair) => repair.kind)).toEqual(["strip-prose"]);
  });

  it("closed <think> blocks", () => {
    const blocks = count("<think>x</think>");
    const result = parseOutput(`${"<think>x</think>".repeat(blocks)}{"items": []}`, ROOT);
    expect(result).toMatchObject({ ok: true, value: { items: [] } });
    expect(result.repairs).toEqual([
      {
        kind: "strip-think",
        message: `removed a <think> block ×${blocks} (${blocks * 16} characters in all) at line 1, column 1; line 1, column 17; line 1, column 33; and ${blocks - 3} more`,
      },
    ]);
  });

  it("trailing commas", () => {
    const n = count(`${item(99999)},,\n`);
    const items = Array.from({ length: n }, (_, i) => item(i).replace("}", ",}"));
    const result = parseOutput(`{"items": [${items.join(",\n")},]}`, ROOT);
    expect(result).toMatchObject({ ok: true, value: { items: names(n) } });
    expect(result.repairs).toHaveLength(1);
    expect(result.repairs[0]?.message).toMatch(
      new RegExp(
        `^removed a trailing comma ×${n + 1} at line 1, column 29; .*; and ${n - 2} more$`,
      ),
    );
  });

  it("missing commas", () => {
    const n = count(`${item(99999)}\n`);
    const text = `{"items": [${Array.from({ length: n }, (_, i) => item(i)).join("\n")}]}`;
    const result = parseOutput(text, ROOT);
    expect(result).toMatchObject({ ok: true, value: { items: names(n) } });
    expect(result.repairs).toHaveLength(1);
    expect(result.repairs[0]?.message).toMatch(
      new RegExp(`^inserted a missing comma ×${n - 1} at line 2, column 1; .*; and ${n - 4} more$`),
    );
  });
});
