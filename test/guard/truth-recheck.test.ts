import { describe, expect, it } from "vitest";
import { fail, pass, type ValidatorDefinition } from "../../src/contract/types.js";
import { Guard } from "../../src/guard/index.js";
import { rail, testRegistry } from "./support.js";

// The final check after an action: a pass means the validator accepts the very value returned.

describe("a validator that would change the value returned", () => {
  // Passes, but with its own spelling: the first letter upper-cased.
  const capitalises: ValidatorDefinition = {
    name: "capitalises",
    types: ["string"],
    validate: (value) => {
      const text = String(value);
      const wanted = text.charAt(0).toUpperCase() + text.slice(1);
      return wanted === text ? pass() : pass(wanted);
    },
  };
  // Fails any text with an upper-case letter, fixing it to lower case.
  const lowers: ValidatorDefinition = {
    name: "lowers",
    types: ["string"],
    validate: (value) => {
      const text = String(value);
      return text === text.toLowerCase() ? pass() : fail("must be lower case", text.toLowerCase());
    },
  };

  it("does not pass: its pass on the value returned asked for another value", async () => {
    const registry = testRegistry();
    registry.register(capitalises).register(lowers);
    const guard = Guard.fromRailString(
      rail(`<string name="name" format="capitalises; lowers" on-fail-lowers="fix"/>`),
      { registry },
    );
    // capitalises turns "rex" into "Rex"; lowers fixes it back to "rex", which capitalises would
    // change again: no value satisfies both, and the call must not say it does.
    const outcome = await guard.parse('{"name": "rex"}');
    expect(outcome.validatedOutput).toEqual({ name: "rex" });
    expect(outcome.validationPassed).toBe(false);
    expect(outcome.failures).toEqual([
      expect.objectContaining({
        path: "$.name",
        validator: "capitalises",
        reason: "rejected-after-actions",
        message: expect.stringContaining('"Rex"'),
      }),
    ]);
  });

  it("passes when its replacement is the value returned", async () => {
    // Fails text with spaces around it, fixing it to the trimmed text.
    const trims: ValidatorDefinition = {
      name: "trims",
      types: ["string"],
      validate: (value) => {
        const text = String(value);
        return text === text.trim() ? pass() : fail("must be trimmed", text.trim());
      },
    };
    const registry = testRegistry();
    registry.register(capitalises).register(trims);
    const guard = Guard.fromRailString(
      rail(`<string name="name" format="trims; capitalises" on-fail-trims="fix"/>`),
      { registry },
    );
    // trims fixes " rex " to "rex", capitalises replaces it with "Rex": the value returned, which
    // both accept as it is when checked again.
    const outcome = await guard.parse('{"name": " rex "}');
    expect(outcome.validatedOutput).toEqual({ name: "Rex" });
    expect(outcome.failures).toEqual([]);
    expect(outcome.validationPassed).toBe(true);
  });
});

describe("a fix value written otherwise than the spec's format", () => {
  // Fails every date before 2000, fixing it to a date written in words.
  const recent: ValidatorDefinition = {
    name: "recent",
    types: ["date"],
    validate: (value) =>
      String(value) >= "2000-01-01" ? pass() : fail("must be from 2000 on", "January 2, 2024"),
  };

  it("does not pass: the value returned is not a date as the spec writes one", async () => {
    const registry = testRegistry();
    registry.register(recent);
    const guard = Guard.fromRailString(
      rail(`<date name="when" format="recent" on-fail-recent="fix"/>`),
      { registry },
    );
    const outcome = await guard.parse('{"when": "1999-05-01"}');
    expect(outcome.validatedOutput).toEqual({ when: "January 2, 2024" });
    expect(outcome.validationPassed).toBe(false);
    expect(outcome.failures).toEqual([
      expect.objectContaining({
        path: "$.when",
        reason: "schema",
        message: expect.stringContaining("2024-01-02"),
      }),
    ]);
  });

  it("passes when the fix is written as the spec writes it", async () => {
    const registry = testRegistry();
    registry.register({
      ...recent,
      validate: (value) => (String(value) >= "2000" ? pass() : fail("old", "2024-01-02")),
    });
    const guard = Guard.fromRailString(
      rail(`<date name="when" format="recent" on-fail-recent="fix"/>`),
      { registry },
    );
    const outcome = await guard.parse('{"when": "1999-05-01"}');
    expect(outcome.validatedOutput).toEqual({ when: "2024-01-02" });
    expect(outcome.validationPassed).toBe(true);
  });
});

describe("the schema's reading of an answer no action changed", () => {
  it("is skipped only where a fit implies it; a null optional item passes both", async () => {
    // The parser keeps `null` in a list of optional items as it came, and the schema now takes a
    // null item too (optional-items.test.ts). The spec is not one whose exact fit implies the
    // schema, so the schema still reads the answer: an object where a string belongs fails there.
    const guard = Guard.fromRailString(rail(`<list name="xs"><string required="false"/></list>`));
    expect((await guard.parse('{"xs": [null, "a"]}')).validationPassed).toBe(true);
    expect(guard.compiled.zodSchema.safeParse({ xs: [null, {}] }).success).toBe(false);
  });
});
