import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseOutput } from "../../src/parse/index.js";
import { FEES, FREE_LIST, FREE_OBJECT, PERSON } from "../fixtures/malformed/specs.js";

const whitespace = fc.stringMatching(/^[ \t\n\r]{0,4}$/);

/** A JSON text with random whitespace around it and, when pretty-printed, inside it. */
const jsonText = fc
  .tuple(fc.jsonValue(), fc.constantFrom(undefined, 2, "\t"), whitespace, whitespace)
  .map(
    ([value, indent, before, after]) => `${before}${JSON.stringify(value, null, indent)}${after}`,
  );

describe("no regression on valid JSON", () => {
  // Whatever the spec says: a valid JSON text that does not fit it is the conformer's business.
  for (const [label, root] of [
    ["a free-form object root", FREE_OBJECT],
    ["a free-form list root", FREE_LIST],
    ["an object spec", PERSON],
    ["a list-of-objects spec", FEES],
  ] as const) {
    it(`parses any valid JSON text exactly as JSON.parse does, with no repairs, for ${label}`, () => {
      fc.assert(
        fc.property(jsonText, (text) => {
          const result = parseOutput(text, root);
          expect(result).toEqual({ ok: true, value: JSON.parse(text), repairs: [] });
        }),
        { numRuns: 300 },
      );
    });
  }

  it("also for fc.json() texts, which include every JSON string escape", () => {
    fc.assert(
      fc.property(fc.json(), (text) => {
        expect(parseOutput(text, FREE_OBJECT)).toEqual({
          ok: true,
          value: JSON.parse(text),
          repairs: [],
        });
      }),
      { numRuns: 300 },
    );
  });

  it("keeps a fence marker inside a string of the object found in prose (fast-check's counterexample)", () => {
    expect(parseOutput('a\n{"":["~~~"]}\nA', FREE_OBJECT)).toMatchObject({
      ok: true,
      value: { "": ["~~~"] },
    });
  });

  it("finds any valid object inside prose and reports the prose", () => {
    // At least one letter: whitespace alone around valid JSON is not prose (and no repair).
    const prose = fc.stringMatching(/^[A-Za-z][A-Za-z ,.!?]{0,39}$/);
    const object = fc.dictionary(fc.string(), fc.jsonValue());
    fc.assert(
      fc.property(prose, object, prose, (before, value, after) => {
        const text = `${before}\n${JSON.stringify(value)}\n${after}`;
        const result = parseOutput(text, FREE_OBJECT);
        expect(result.ok && result.value).toEqual(JSON.parse(JSON.stringify(value)));
        expect(result.repairs.map((repair) => repair.kind)).toContain("strip-prose");
      }),
      { numRuns: 200 },
    );
  });
});
