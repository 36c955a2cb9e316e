import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { generateMatch } from "../../src/validators/regex/generate.js";
import { RegexTranslationError, translatePythonRegex } from "../../src/validators/regex/python.js";
import { regexMatch } from "../../src/validators/regex.js";
import { checkTable, run } from "./run.js";

describe("regex_match", () => {
  checkTable(regexMatch, {
    passes: [
      { value: "123", args: { regex: "\\d{3}" } },
      { value: "ab", args: { regex: "a|ab" } },
      { value: "order 66 now", args: { regex: "\\d+", match_type: "search" } },
      { value: "HELLO", args: { regex: "(?i)hello" } },
      { value: "2024-05", args: { regex: "(?P<year>\\d{4})-(?P<month>\\d{2})" } },
      { value: "aa", args: { regex: "(?P<c>a)(?P=c)" } },
      { value: "x\ny", args: { regex: "(?s)x.y" } },
      { value: "ab12", args: { regex: "(?x) [a-z]+  # letters\n \\d+" } },
      { value: "]", args: { regex: "[]a]" } },
      { value: "line\nabc", args: { regex: "(?m)^abc$", match_type: "search" } },
      { value: "abc", args: { regex: "\\Aabc\\Z" } },
    ],
    fails: [
      {
        value: "12",
        args: { regex: "\\d{3}" },
        message: 'must match the pattern \\d{3}, got "12"',
        fix: "000",
      },
      {
        value: "123x",
        args: { regex: "\\d{3}" },
        message: 'must match the pattern \\d{3}, got "123x"',
        fix: "000",
      },
      {
        value: "no digits",
        args: { regex: "\\d+", match_type: "search" },
        message: 'must contain a match for the pattern \\d+, got "no digits"',
        fix: "0",
      },
      {
        value: "Bob",
        args: { regex: "(?P<first>[A-Z][a-z]+) (?P<last>[A-Z][a-z]+)" },
        message: /^must match the pattern/,
        fix: "Aa Aa",
      },
      {
        value: "x",
        args: { regex: "(?i)[a-f0-9]{2}-(yes|no)" },
        message: /^must match/,
        fix: "aa-yes",
      },
      { value: "x", args: { regex: "(?=a)a" }, message: /^must match/ },
      { value: "x", args: { regex: "(a)\\1" }, message: /^must match/ },
      {
        value: "x",
        args: { regex: "(" },
        message: 'the pattern "(" is not a valid regular expression: /(/: Unterminated group',
      },
      {
        value: "x",
        args: { regex: "a(?i)b" },
        message: 'the pattern "a(?i)b" uses inline flags that are not at the start',
      },
      {
        value: "x",
        args: { regex: "a", match_type: "match" },
        message: 'match_type must be "fullmatch" or "search", got "match"',
      },
      { value: 12, args: { regex: "\\d+" }, message: "expected a string, got number 12" },
      {
        value: "x",
        args: { regex: "x", timeout_ms: 0 },
        message: "timeout_ms must be a positive whole number of milliseconds, got 0",
      },
    ],
  });

  // `(a+)+$` on "aaaa…!" backtracks exponentially; the match is interrupted, not waited for.
  const catastrophic = `${"a".repeat(40)}!`;

  it.each(["fullmatch", "search"])("interrupts catastrophic backtracking (%s)", async (type) => {
    const verdict = await run(regexMatch, catastrophic, {
      regex: "(a+)+$",
      match_type: type,
      timeout_ms: 20,
    });
    expect(verdict).toEqual({
      outcome: "fail",
      message:
        "the pattern (a+)+$ was not run to completion: it did not finish within 20 ms (timeout_ms), backtracking catastrophically on this value; the value was not checked",
    });
  });

  it("matches normally after an interrupted match", async () => {
    await run(regexMatch, catastrophic, { regex: "(a+)+$", timeout_ms: 20 });
    expect(await run(regexMatch, "aaa", { regex: "(a+)+$" })).toEqual({ outcome: "pass" });
    expect(await run(regexMatch, "aaa!", { regex: "(a+)+$" })).toMatchObject({
      outcome: "fail",
      fixValue: "a",
    });
  });

  it("renders itself for the prompt", () => {
    expect(
      regexMatch.toPrompt?.({ regex: "^[A-Z]+$", match_type: "fullmatch", timeout_ms: 100 }),
    ).toBe("results should match ^[A-Z]+$");
  });
});

describe("translatePythonRegex", () => {
  it("rewrites Python-only syntax", () => {
    expect(translatePythonRegex("(?im)(?P<a>x)(?P=a)(?#note)\\A")).toEqual({
      source: "(?<a>x)\\k<a>(?<![\\s\\S])",
      flags: "im",
    });
    expect(translatePythonRegex("[^]x]\\Z")).toEqual({ source: "[^\\]x]$", flags: "" });
  });

  it("rejects unknown flags with a typed error", () => {
    expect(() => translatePythonRegex("(?q)a")).toThrow(RegexTranslationError);
  });
});

/** Patterns from the supported subset, written as Python source. */
const atom = fc.oneof(
  fc.constantFrom("a", "Z", "7", "\\.", "\\-", "\\d", "\\w", "\\s", "\\D", "\\W", "\\S", "."),
  fc.constantFrom("[a-z]", "[^0-9]", "[A-F\\d_]", "[.-]", "[^\\s]", "[xyz]"),
);
const quantifier = fc.constantFrom("", "", "*", "+", "?", "{2}", "{1,3}", "{2,}", "+?");
const piece = fc.tuple(atom, quantifier).map(([a, q]) => a + q);
const sequence = fc.array(piece, { minLength: 1, maxLength: 5 }).map((pieces) => pieces.join(""));
const pattern: fc.Arbitrary<string> = fc.letrec((tie) => ({
  pattern: fc.oneof(
    { depthSize: "small" },
    sequence,
    fc.tuple(tie("pattern"), tie("pattern")).map(([a, b]) => `${a}|${b}`),
    fc.tuple(tie("pattern"), quantifier, sequence).map(([a, q, s]) => `(${a})${q}${s}`),
    fc.tuple(tie("pattern"), quantifier).map(([a, q]) => `(?:${a})${q}`),
  ),
})).pattern as fc.Arbitrary<string>;
// Anchors only where a match is possible: around the whole pattern.
const anchored = fc.tuple(pattern, fc.boolean()).map(([p, anchor]) => (anchor ? `^(?:${p})$` : p));

describe("generated fixes", () => {
  it("always match the pattern in the supported subset", async () => {
    await fc.assert(
      fc.asyncProperty(
        anchored,
        fc.constantFrom("fullmatch", "search"),
        async (regex, matchType) => {
          // A quantified group ending in a quantifier, such as `(\D+){2,}`, can backtrack for
          // minutes on the generated example: then the match budget, not the generator, decides.
          fc.pre(!/[*+?}]\)+[*+?{]/.test(regex));
          // The property is about the generator, so the match budget is kept out of the way of a
          // busy test machine.
          const args = { regex, match_type: matchType, timeout_ms: 5000 };
          const verdict = await run(regexMatch, "\u0000never", args);
          if (verdict.outcome === "pass") return;
          expect(verdict.fixValue, `no fix for ${regex}`).toBeTypeOf("string");
          expect(await run(regexMatch, verdict.fixValue, args)).toEqual({ outcome: "pass" });
        },
      ),
      { numRuns: 300 },
    );
  });

  it("are absent when the generator cannot satisfy the pattern", () => {
    expect(generateMatch("a\\bb", (candidate) => /^a\bb$/.test(candidate))).toBeUndefined();
  });
});
