import { describe, expect, it } from "vitest";
import { Guard } from "../../src/index.js";
import { type RailguardMatchers, railguardMatchers, runSuite } from "../../src/testing/index.js";

expect.extend(railguardMatchers);
declare module "vitest" {
  // biome-ignore lint/suspicious/noExplicitAny: vitest's own declaration uses any
  interface Matchers<T = any> extends RailguardMatchers<T> {}
}

const guard = Guard.fromRailString(`<rail version="0.1"><output>
  <string name="pet" validators="two-words" on-fail-two-words="reask"/>
  <string name="tag" validators="lower-case" on-fail-lower-case="noop"/>
</output><prompt>Name a pet.</prompt></rail>`);

describe("railguard matchers", () => {
  it("reads a reasked, repaired, passing outcome", async () => {
    const answers = ['Here: {"pet": "Rex", "tag": "dog",}', '{"pet": "Rex Junior"}'];
    const outcome = await guard.call(() => answers.shift() ?? "");
    expect(outcome).toPassValidation();
    expect(outcome).toHaveFailed("$.pet", "two-words");
    expect(outcome).not.toHaveFailed("$.tag", "lower-case");
    expect(outcome).toHaveReasked(1);
    expect(outcome).toHaveRepaired("fix-syntax");
    expect(outcome).not.toHaveRepaired("extract-fence");
  });

  it("explains what it found when an expectation fails", async () => {
    const outcome = await guard.parse('{"pet": "Rex Junior", "tag": "DOG"}');
    expect(() => expect(outcome).toPassValidation()).toThrow(
      "expected validation to pass, but it failed (lower-case $.tag: must be lower case)",
    );
    expect(() => expect(outcome).toHaveFailed("$.pet", "two-words")).toThrow(
      "expected two-words to fail on $.pet; failed: lower-case $.tag",
    );
    expect(() => expect(outcome).toHaveReasked(1)).toThrow("expected 1 reask(s) to be sent, got 0");
    expect(() => expect(outcome).toHaveRepaired("strip-prose")).toThrow(
      'expected a "strip-prose" repair; repairs made: none',
    );
    expect(() => expect({ not: "an outcome" }).toPassValidation()).toThrow(
      "railguard matchers take a guard outcome",
    );
  });

  it("works on the outcomes of a suite's cases", async () => {
    const suite = await runSuite("rails/show-notes.cases.yaml");
    const reasked = suite.cases.find((c) => c.name.includes("re-asked"));
    expect(reasked?.outcome).toHaveReasked(1);
    expect(reasked?.outcome).toHaveFailed("$.guests[0]", "two-words");
    const saved = suite.cases.find((c) => c.name.includes("saved"));
    expect(saved?.outcome).toHaveRepaired("strip-think");
  });
});
