// A validator test suite run from vitest, with railguard's matchers on its outcomes. `npm test`
// runs it; in a project of your own, import from "railguard/testing".
import { expect, it } from "vitest";
import { type RailguardMatchers, railguardMatchers, runSuite } from "../../src/testing/index.js";

expect.extend(railguardMatchers);
declare module "vitest" {
  // biome-ignore lint/suspicious/noExplicitAny: vitest's own declaration uses any
  interface Matchers<T = any> extends RailguardMatchers<T> {}
}

it("re-asks the guest named by first name only", async () => {
  const suite = await runSuite("rails/show-notes.cases.yaml");
  const outcome = suite.cases[1]?.outcome;
  expect(outcome).toPassValidation();
  expect(outcome).toHaveFailed("$.guests[0]", "two-words");
  expect(outcome).toHaveReasked(1);
  expect(suite.cases[2]?.outcome).toHaveRepaired("strip-think");
});
