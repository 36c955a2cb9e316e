import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { describeValue } from "../../src/show.js";
import {
  endsWith,
  length,
  lowerCase,
  oneLine,
  stringValidators,
  twoWords,
  upperCase,
} from "../../src/validators/string.js";
import { checkTable, run } from "./run.js";

describe("length", () => {
  it("counts code points as [...text] does, lone surrogates included, without making the list", async () => {
    const text = fc.string({ unit: "binary", maxLength: 40 });
    await fc.assert(
      fc.asyncProperty(text, async (value) => {
        const count = [...value].length;
        expect((await run(length, value, { min: count, max: count })).outcome).toBe("pass");
        if (count > 0) {
          const verdict = await run(length, value, { max: count - 1 });
          expect(verdict).toMatchObject({
            outcome: "fail",
            message: expect.stringContaining(`got ${count}`),
          });
        }
      }),
    );
  });

  checkTable(length, {
    passes: [
      { value: "abc", args: { min: 1, max: 3 } },
      { value: "", args: { max: 3 } },
      { value: "a very long text", args: { min: 2 } },
      { value: ["a", "b"], args: { min: 2, max: 2 } },
      { value: "👍👍", args: { max: 2 } },
      { value: "abc", args: { min: null, max: null } },
    ],
    fails: [
      {
        value: "abcdef",
        args: { min: 1, max: 4 },
        message: "must have at most 4 characters, got 6",
        fix: "abcd",
      },
      {
        value: "ab",
        args: { min: 5 },
        message: "must have at least 5 characters, got 2",
        fix: "abbbb",
      },
      { value: "", args: { min: 1 }, message: "must have at least 1 character, got 0" },
      { value: [1, 2, 3], args: { max: 1 }, message: "must have at most 1 item, got 3", fix: [1] },
      {
        value: [{ a: 1 }],
        args: { min: 3 },
        message: "must have at least 3 items, got 1",
        fix: [{ a: 1 }, { a: 1 }, { a: 1 }],
      },
      { value: [], args: { min: 1 }, message: "must have at least 1 item, got 0" },
      {
        value: "👍👍👍",
        args: { max: 2 },
        message: "must have at most 2 characters, got 3",
        fix: "👍👍",
      },
      { value: "ab", args: { min: 5, max: 3 }, message: "must have at least 5 characters, got 2" },
      { value: 42, args: { min: 1 }, message: "expected a string or a list, got number 42" },
    ],
  });

  it("fixes any string into [min, max]", async () => {
    const bounds = fc
      .tuple(fc.nat(20), fc.nat(20))
      .map(([a, b]) => ({ min: Math.min(a, b), max: Math.max(a, b) }));
    await fc.assert(
      fc.asyncProperty(fc.string({ minLength: 1, maxLength: 40 }), bounds, async (text, args) => {
        const verdict = await run(length, text, args);
        if (verdict.outcome === "pass") return;
        const fixed = [...(verdict.fixValue as string)].length;
        expect(fixed).toBeGreaterThanOrEqual(args.min);
        expect(fixed).toBeLessThanOrEqual(args.max);
        expect(await run(length, verdict.fixValue, args)).toEqual({ outcome: "pass" });
      }),
    );
  });
});

describe("two-words", () => {
  it("passes exactly the texts that splitting on whitespace makes two words of", async () => {
    // Words and every kind of whitespace JavaScript's \s knows, in any mix.
    const piece = fc.constantFrom(
      "a",
      "Ünï",
      "👍",
      "x-y",
      " ",
      "\t",
      "\n",
      "\u00a0",
      "\u2003",
      "\ufeff",
    );
    await fc.assert(
      fc.asyncProperty(fc.array(piece, { maxLength: 12 }), async (pieces) => {
        const text = pieces.join("");
        const words = text.split(/\s+/).filter(Boolean).length;
        expect((await run(twoWords, text)).outcome).toBe(words === 2 ? "pass" : "fail");
      }),
      { numRuns: 500 },
    );
  });

  checkTable(twoWords, {
    passes: [{ value: "hello world" }, { value: "  spaced   out " }],
    fails: [
      { value: "one two three", message: "must be exactly two words, got 3", fix: "one two" },
      { value: "camelCase", message: "must be exactly two words, got 1", fix: "camel Case" },
      { value: "kebab-case-word", message: "must be exactly two words, got 1", fix: "kebab case" },
      { value: "snake_case", message: "must be exactly two words, got 1", fix: "snake case" },
      { value: "alone", message: "must be exactly two words, got 1", fix: "alone alone" },
      { value: "   ", message: "must be exactly two words, got 0" },
      { value: ["a", "b"], message: "expected a string, got a list" },
    ],
  });
});

describe("one-line", () => {
  checkTable(oneLine, {
    passes: [{ value: "single" }, { value: "" }, { value: "trailing newline\n" }],
    fails: [
      { value: "first\nsecond", message: "must be a single line, got 2 lines", fix: "first" },
      { value: "a\r\nb\rc", message: "must be a single line, got 3 lines", fix: "a" },
      { value: "x\u2028y", message: "must be a single line, got 2 lines", fix: "x" },
      { value: null, message: "expected a string, got null" },
    ],
  });
});

describe("lower-case and upper-case", () => {
  checkTable(lowerCase, {
    passes: [{ value: "already lower 123" }, { value: "" }],
    fails: [
      { value: "Mixed Case", message: "must be lower case", fix: "mixed case" },
      { value: 3, message: "expected a string, got number 3" },
    ],
  });
  checkTable(upperCase, {
    passes: [{ value: "LOUD 1" }],
    fails: [{ value: "Straße", message: "must be upper case", fix: "STRASSE" }],
  });
});

describe("ends-with", () => {
  checkTable(endsWith, {
    passes: [
      { value: ["a", "b", "end"], args: { end: "end" } },
      { value: [1, { x: 2 }], args: { end: { x: 2 } } },
      { value: "done.", args: { end: "." } },
    ],
    fails: [
      {
        value: ["a", "b"],
        args: { end: "end" },
        message: 'must end with "end", got "b"',
        fix: ["a", "b", "end"],
      },
      { value: [], args: { end: 0 }, message: "must end with 0, the list is empty", fix: [0] },
      { value: "done", args: { end: "." }, message: 'must end with "."', fix: "done." },
      { value: 5, args: { end: "." }, message: "expected a list or a string, got number 5" },
    ],
  });
});

describe("family", () => {
  it("registers the Guardrails Hub spellings as separate names", () => {
    const names = stringValidators.map((definition) => definition.name);
    expect(names).toEqual(
      expect.arrayContaining(["length", "valid_length", "two_words", "lowercase", "ends_with"]),
    );
    expect(new Set(names).size).toBe(names.length);
  });

  it("documents every validator", () => {
    for (const definition of stringValidators) expect(definition.docs?.check).toBeTruthy();
  });

  it("describes values for messages", () => {
    expect(describeValue("x".repeat(50))).toBe(`string "${"x".repeat(40)}…"`);
    expect(describeValue(undefined)).toBe("nothing");
    expect(describeValue({})).toBe("an empty object");
    expect(describeValue({ a: 1, b: 2 })).toBe("an object with keys a, b");
  });
});
