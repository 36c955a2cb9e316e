import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";

/** The npm packages importing `target` loads (in a fresh node), after calling `call` if given. */
function loadedPackages(target: string, call?: string): string[] {
  const args = ["--import", "tsx", "test/support/loaded-packages.mjs", target];
  const output = execFileSync(process.execPath, call ? [...args, call] : args, {
    encoding: "utf8",
  });
  return JSON.parse(output) as string[];
}

// Together they were most of the 241 ms that importing railguard cost; many programs never use
// them. The built package is checked the same way by .ci/package-smoke.
// @opentelemetry/api is optional: it loads when an otelListener is made, if installed.
const HEAVY = [
  "openai",
  "sql.js",
  "node-sql-parser",
  "@lezer/python",
  "acorn",
  "obscenity",
  "@opentelemetry/api",
];

describe("heavy dependencies load on first use", () => {
  it("importing railguard loads none of them", () => {
    const loaded = loadedPackages("./src/index.ts");
    expect(loaded).toContain("zod");
    expect(loaded.filter((name) => HEAVY.includes(name))).toEqual([]);
  }, 30_000);

  it("the first use loads what it needs", () => {
    expect(loadedPackages("./src/validators/sql/sqljs.ts", "loadSqlJs")).toContain("sql.js");
    expect(loadedPackages("./src/log/otel.ts", "otelListener")).toContain("@opentelemetry/api");
  }, 30_000);
});
