import { describe, expect, it } from "vitest";
import { findSuites, runSuite } from "../../src/testing/index.js";

// The suites shipped beside the specs in rails/: every spec has one, and every case passes.
const files = findSuites(["rails"]);

describe.each(files)("%s", (file) => {
  it("passes every case", async () => {
    const result = await runSuite(file);
    expect(result.error).toBeUndefined();
    expect(result.cases.length).toBeGreaterThan(0);
    const failures = result.cases
      .filter((c) => !c.passed)
      .map((c) => `${c.name}:\n${c.problems.join("\n")}`);
    expect(failures.join("\n\n")).toBe("");
  });
});

it("every spec in rails/ has a suite", async () => {
  const { readdirSync } = await import("node:fs");
  const specs = readdirSync("rails").filter((name) => name.endsWith(".rail"));
  const suites = new Set(
    files.map((file) => file.replace(/^rails\//, "").replace(/\.cases\.(ya?ml|json)$/, ".rail")),
  );
  expect(specs.filter((spec) => !suites.has(spec))).toEqual([]);
});
