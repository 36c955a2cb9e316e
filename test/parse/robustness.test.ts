import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { conformToSchema, parseOutput } from "../../src/parse/index.js";
import {
  FEES,
  FREE_LIST,
  GAME_MOVE,
  INVOICE,
  MOVIE,
  PERSON,
  SIBLING_MOVE,
  STRING_OUTPUT,
} from "../fixtures/malformed/specs.js";

const ROOTS = [PERSON, FEES, INVOICE, MOVIE, GAME_MOVE, SIBLING_MOVE, FREE_LIST, STRING_OUTPUT];

/** Text built from the characters that matter to the parser, so the fuzzing hits its branches. */
const jsonish = fc
  .array(
    fc.constantFrom(
      ..."{}[]:,\"'\u201c\u201d \n/*#\\".split(""),
      "<think>",
      "</think>",
      "```",
      "```json\n",
      "None",
      "true",
      "name",
      "12",
      "//",
      "/*",
      "*/",
    ),
    { maxLength: 60 },
  )
  .map((parts) => parts.join(""));

describe("bad input never crashes the parser", () => {
  it("parseOutput returns a result for any text and any root", () => {
    fc.assert(
      fc.property(fc.oneof(jsonish, fc.string()), fc.constantFrom(...ROOTS), (text, root) => {
        const result = parseOutput(text, root);
        expect(typeof result.ok).toBe("boolean");
        for (const repair of result.repairs) expect(repair.message.length).toBeGreaterThan(0);
        if (!result.ok) expect(result.error.length).toBeGreaterThan(0);
      }),
      { numRuns: 1000 },
    );
  });

  it("conformToSchema returns a result for any JSON value and any root", () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.constantFrom(...ROOTS), (value, root) => {
        const result = conformToSchema(value, root);
        for (const mismatch of result.mismatches)
          expect(mismatch.message.startsWith(mismatch.path)).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it("gives up on thousands of stray brackets with a bounded, readable error", () => {
    const text = "{x} ".repeat(5000);
    const result = parseOutput(text, PERSON);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toMatch(
      /^found 200 JSON-like fragments but none could be repaired: .*; and 197 more$/,
    );
  });

  it("closes deeply nested truncated input", () => {
    const result = parseOutput(`${"[".repeat(100)}1`, FREE_LIST);
    let expected: unknown = [1];
    for (let depth = 1; depth < 100; depth++) expected = [expected];
    expect(result).toMatchObject({ ok: true, value: expected });
    expect(result.repairs.map((repair) => repair.kind)).toEqual(["close-truncated"]);
  });

  it("reports nesting too deep to repair instead of crashing", () => {
    const result = parseOutput(`${"[".repeat(20000)}1`, FREE_LIST);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toMatch(
      /^found 4 JSON-like fragments but none could be repaired: at line 1, column 1: /,
    );
  });
});
