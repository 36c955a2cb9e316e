import { describe, expect, it } from "vitest";
import { fail, type ValidatorDefinition } from "../../src/contract/types.js";
import { Guard } from "../../src/guard/index.js";
import { rail, testRegistry } from "./support.js";

// Attacks on the paths made faster in session 3 (issue 8): the exact fit, the exact schema, the
// synchronous walk, the light logs and the recheck's skips.

describe("a validator returning a thenable that is not a promise", () => {
  // Its `then` calls back later and returns nothing, as a minimal thenable may.
  const lateThenable: ValidatorDefinition = {
    name: "late-thenable",
    types: "all",
    validate: () =>
      ({
        then(resolve: (verdict: unknown) => void) {
          setTimeout(() => resolve(fail("rejected later")), 1);
        },
      }) as never,
  };

  it("gets its verdict, not the return of its `then`", async () => {
    const registry = testRegistry();
    registry.register(lateThenable);
    const guard = Guard.fromRailString(
      rail(`<string name="a" format="late-thenable" on-fail-late-thenable="noop"/>`),
      { registry },
    );
    const outcome = await guard.parse('{"a": "x"}');
    expect(outcome.error).toBeUndefined();
    expect(outcome.validationPassed).toBe(false);
    expect(outcome.failures).toMatchObject([
      { path: "$.a", validator: "late-thenable", message: "rejected later", reason: "noop" },
    ]);
    expect(outcome.call.iterations[0]?.validatorLogs).toMatchObject([
      { validator: "late-thenable", outcome: "fail", actionTaken: "kept" },
    ]);
  });
});
