import { describe, expect, it } from "vitest";
import { pass } from "../../src/contract/types.js";
import { Guard } from "../../src/guard/index.js";
import { rail, testRegistry } from "./support.js";

describe("one call, one budget", () => {
  it("gives the input and the output validators the same regex budget, not one each", async () => {
    const budgets: unknown[] = [];
    const registry = testRegistry().register({
      name: "sees-budget",
      types: "all",
      validate: (_value, { budget }) => {
        budgets.push(budget);
        return pass();
      },
    });
    const guard = Guard.fromRailString(rail(`<string name="pet" format="sees-budget"/>`), {
      registry,
      inputValidators: { prompt: [{ name: "sees-budget", onFail: "noop" }] },
    });
    const outcome = await guard.call(() => '{"pet": "Rex"}', {
      promptParams: { document: "d" },
    });
    expect(outcome.validationPassed).toBe(true);
    expect(budgets).toHaveLength(2);
    expect(budgets[0]).toBeDefined();
    expect(budgets[1]).toBe(budgets[0]);
  });
});
