import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fitImpliesSchema } from "../../src/parse/exact-fit.js";
import { conformToSchema, fitsExactly } from "../../src/parse/index.js";
import { type Field, SCALAR_KINDS } from "../../src/rail/types.js";
import { exactZodSchemaFor } from "../../src/schema/zod.js";
import {
  applyNearMiss,
  nearMiss,
  type SpecOptions,
  sameValue,
  specs,
  valuesOf,
} from "./exact-fit-helpers.js";

/** Everything the conformer reads: repeated and confusable names, `__proto__`, sibling choices, dates. */
const ANY: SpecOptions = {
  names: ["a", "b", "id", "first_name", "firstName", "First Name", "1", "type", "__proto__"],
  kinds: SCALAR_KINDS,
  siblings: true,
  repeats: true,
  onFail: true,
};

/**
 * What the check models fully: no dates, no sibling choices, no `on-fail-choice`, names unique,
 * unconfusable and not integer-like (objects list those first, whatever the spec's order).
 */
const MODELLED: SpecOptions = {
  names: ["a", "b", "id", "name", "x1", "long key"],
  kinds: SCALAR_KINDS.filter((kind) => !["date", "time", "date-time"].includes(kind)),
  siblings: false,
  repeats: false,
  onFail: false,
};

/** A spec, a value of its shape, and that value with a near miss applied. */
const cases = (options: SpecOptions) =>
  specs(options).chain((root) =>
    fc.record({
      root: fc.constant(root),
      exact: valuesOf(root),
      miss: nearMiss,
    }),
  );

function unchanged(value: unknown, root: Field): boolean {
  const conformed = conformToSchema(value, root);
  return (
    conformed.repairs.length === 0 &&
    conformed.mismatches.length === 0 &&
    sameValue(conformed.value, value)
  );
}

describe("fitsExactly agrees with conformToSchema", () => {
  it("whenever it says a value fits, the conformer returns it unchanged with nothing to report", () => {
    let exactFits = 0;
    let exactSeen = 0;
    fc.assert(
      fc.property(cases(ANY), ({ root, exact, miss }) => {
        for (const value of [exact, applyNearMiss(exact, miss)]) {
          if (fitsExactly(value, root)) expect(unchanged(value, root)).toBe(true);
        }
        if (unchanged(exact, root)) {
          exactSeen++;
          if (fitsExactly(exact, root)) exactFits++;
        }
      }),
      { numRuns: 1500 },
    );
    // Not true by always saying false: most values the conformer leaves alone are recognised.
    expect(exactFits / exactSeen).toBeGreaterThan(0.5);
  });

  it("for specs it models fully, it says a value fits exactly when the conformer leaves it alone", () => {
    fc.assert(
      fc.property(cases(MODELLED), ({ root, exact, miss }) => {
        for (const value of [exact, applyNearMiss(exact, miss)]) {
          expect(fitsExactly(value, root)).toBe(unchanged(value, root));
        }
      }),
      { numRuns: 1500 },
    );
  });

  it("where it claims a fit implies the schema, the spec's schema passes whatever fits", () => {
    let claimed = 0;
    fc.assert(
      fc.property(cases(ANY), fc.boolean(), ({ root: generated, exact, miss }, required) => {
        const root = { ...generated, required } as Field;
        if (!fitImpliesSchema(root)) return;
        claimed++;
        for (const value of [exact, applyNearMiss(exact, miss)]) {
          if (fitsExactly(value, root)) {
            expect(exactZodSchemaFor(root).safeParse(value).success).toBe(true);
          }
        }
      }),
      { numRuns: 3000 },
    );
    // Not true by never claiming it.
    expect(claimed).toBeGreaterThan(300);
  });
});
