/**
 * The final check reads an unaltered value with `exactZodSchemaFor` (no coercions) first, and
 * takes its pass for the coercing schema's: the claim is that the exact schema passes nothing
 * the coercing one rejects. And it is worth having: on what the conformer hands
 * over, it passes almost everything the coercing one passes.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ZodType } from "zod/v4";
import { conformToSchema } from "../../src/parse/index.js";
import { SCALAR_KINDS } from "../../src/rail/types.js";
import { exactZodSchemaFor, zodSchemaFor } from "../../src/schema/zod.js";
import {
  applyNearMiss,
  nearMiss,
  type SpecOptions,
  specs,
  valuesOf,
} from "../parse/exact-fit-helpers.js";

const ANY: SpecOptions = {
  names: ["a", "b", "id", "first_name", "firstName", "1", "type", "__proto__"],
  kinds: SCALAR_KINDS,
  siblings: true,
  repeats: false,
  onFail: true,
};

/** The schema's verdict, or undefined where zod throws (see below). */
function verdictOf(schema: ZodType, value: unknown) {
  try {
    return schema.safeParse(value);
  } catch {
    return undefined;
  }
}

describe("the exact schema of a spec", () => {
  it("passes only what the coercing schema passes, and most of what it passes", () => {
    let coercedPasses = 0;
    let exactPasses = 0;
    fc.assert(
      fc.property(
        specs(ANY).chain((root) =>
          fc.record({ root: fc.constant(root), value: valuesOf(root), miss: nearMiss }),
        ),
        ({ root, value, miss }) => {
          const missed = applyNearMiss(value, miss);
          const conformed = [value, missed].map((answer) => conformToSchema(answer, root).value);
          for (const answer of [value, missed, ...conformed]) {
            // A spec built in code can name a case's key like its discriminator, which zod
            // cannot read as a discriminated union (it throws on parse): no schema works there.
            const coercing = verdictOf(zodSchemaFor(root), answer);
            const exact = verdictOf(exactZodSchemaFor(root), answer);
            if (!coercing || !exact) continue;
            // The final check reads only the verdict. (Their data may differ: where two cases
            // of a choice share a name, zod's union takes the first branch that passes, and a
            // coercion can make an earlier one pass.)
            if (exact.success) expect(coercing.success).toBe(true);
          }
          for (const answer of conformed) {
            if (!verdictOf(zodSchemaFor(root), answer)?.success) continue;
            coercedPasses++;
            if (verdictOf(exactZodSchemaFor(root), answer)?.success) exactPasses++;
          }
        },
      ),
      { numRuns: 1000 },
    );
    expect(exactPasses / coercedPasses).toBeGreaterThan(0.9);
  });
});
