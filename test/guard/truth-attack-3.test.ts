import { describe, expect, it } from "vitest";
import { Guard } from "../../src/guard/index.js";
import { rail } from "./support.js";

// Attacks on the changes of session 4: folded plain passes, the skipped schema reading of an
// exact fit, the reask slots the walk collects, and the bundles without keepNames.

describe("an exact fit the schema would still reject", () => {
  // JSON reads these as the integers written (no digit is lost, so the parser keeps them as
  // numbers), but they are past 2^53, where zod's `int()` stops.
  it.each([
    ["100000000000000000000"],
    ["9007199254740992"],
    ["1e20"],
  ])("an integer %s past the safe range fails the schema", async (written) => {
    const guard = Guard.fromRailString(rail(`<integer name="n"/>`));
    const outcome = await guard.parse(`{"n": ${written}}`);
    expect(guard.compiled.zodSchema.safeParse(outcome.validatedOutput).success).toBe(false);
    expect(outcome.validationPassed).toBe(false);
    expect(outcome.failures.map(({ path, reason }) => ({ path, reason }))).toEqual([
      { path: "$.n", reason: "schema" },
    ]);
  });
});
