import { readFileSync } from "node:fs";
import { describe, expect, expectTypeOf, it } from "vitest";
import { RailguardError } from "../../src/index.js";
import type { CaseResult, RailguardMatchers, SuiteResult } from "../../src/testing/index.js";
import * as testing from "../../src/testing/index.js";

describe("the railguard/testing entry (src/testing/index.ts)", () => {
  it("exports exactly its documented names", () => {
    expect(Object.keys(testing).sort()).toEqual([
      "SuiteFileError",
      "findSuites",
      "railguardMatchers",
      "runSuite",
    ]);
    expect(new testing.SuiteFileError("a.cases.yaml", "why")).toBeInstanceOf(RailguardError);
  });

  it("is built and exported as a subpath, ESM and CommonJS with types", () => {
    const pkg = JSON.parse(readFileSync("package.json", "utf8"));
    expect(pkg.exports["./testing"]).toEqual({
      import: { types: "./dist/testing.d.ts", default: "./dist/testing.js" },
      require: { types: "./dist/testing.d.cts", default: "./dist/testing.cjs" },
    });
    const tsup = readFileSync("tsup.config.ts", "utf8");
    // In the entries (ESM), the CommonJS entries (the bin has none) and the types.
    expect(tsup.match(/testing: "src\/testing\/index\.ts"/g)).toHaveLength(3);
  });

  it("types the matchers for expect.extend and the results for reporters", () => {
    expectTypeOf<RailguardMatchers<void>["toHaveFailed"]>().parameters.toEqualTypeOf<
      [path: string, validator: string]
    >();
    expectTypeOf<SuiteResult["cases"]>().toEqualTypeOf<CaseResult[]>();
    expectTypeOf(testing.runSuite).returns.resolves.toEqualTypeOf<SuiteResult>();
  });
});
