// biome-ignore-all lint/suspicious/noTemplateCurlyInString: RAIL writes template variables as ${var}
import { describe, expect, it } from "vitest";
import {
  formatValidator,
  formatValidators,
  type ParsedValidator,
  parseValidatorSpec,
  ValidatorSyntaxError,
} from "../../src/rail/validator-spec.js";

const item = (name: string, args: unknown[] = [], kwargs = {}) => ({ name, args, kwargs });

/** Name, args and kwargs only: what the items mean, without their source text. */
const meaning = (spec: string) =>
  parseValidatorSpec(spec).map(({ name, args, kwargs }) => ({ name, args, kwargs }));

describe("parseValidatorSpec", () => {
  it("reads aliases without arguments", () => {
    expect(meaning("two-words")).toEqual([item("two-words")]);
    expect(meaning("lower-case; two-words")).toEqual([item("lower-case"), item("two-words")]);
  });

  it("reads positional arguments as numbers, keywords and bare strings", () => {
    expect(meaning("length: 1 10")).toEqual([item("length", [1, 10])]);
    expect(meaning("x: -2.5 True False None abc 10px")).toEqual([
      item("x", [-2.5, true, false, null, "abc", "10px"]),
    ]);
  });

  it("reads keyword arguments", () => {
    expect(meaning("length: min=1 max=10")).toEqual([item("length", [], { min: 1, max: 10 })]);
    expect(meaning("similar-to-document: doc threshold=0.7 model=text-embedding-ada-002")).toEqual([
      item("similar-to-document", ["doc"], { threshold: 0.7, model: "text-embedding-ada-002" }),
    ]);
    expect(meaning("x: key={['a', 'b']} flag=True")).toEqual([
      item("x", [], { key: ["a", "b"], flag: true }),
    ]);
  });

  it("reads quoted strings in either quote, with spaces and escapes", () => {
    expect(meaning(`regex_match: "^\\d+ [a-z]$" 'full match'`)).toEqual([
      item("regex_match", ["^\\d+ [a-z]$", "full match"]),
    ]);
    expect(meaning("x: 'it\\'s; fine' \"10\"")).toEqual([item("x", ["it's; fine", "10"])]);
  });

  it("reads Python literals inside {…}", () => {
    expect(meaning("valid-choices: {['a','b']}")).toEqual([item("valid-choices", [["a", "b"]])]);
    expect(meaning("x: {('a', 1)} {{'k': [None, False]}} {-3}")).toEqual([
      item("x", [["a", 1], { k: [null, false] }, -3]),
    ]);
  });

  it("does not split on ';' or spaces inside {…} or quotes", () => {
    expect(meaning("valid-choices: {['a; b', 'c d']}; length: 1 2")).toEqual([
      item("valid-choices", [["a; b", "c d"]]),
      item("length", [1, 2]),
    ]);
    expect(meaning("x: {{'a': {'b': ';'}}}; y")).toEqual([
      item("x", [{ a: { b: ";" } }]),
      item("y"),
    ]);
    expect(meaning("x: 'a;b'; y")).toEqual([item("x", ["a;b"]), item("y")]);
  });

  it("keeps the worked example of the reference", () => {
    expect(meaning("length: 1 10; valid-choices: {['a','b']}")).toEqual([
      item("length", [1, 10]),
      item("valid-choices", [["a", "b"]]),
    ]);
  });

  it("keeps hub ids whole and splits their arguments at the next ':'", () => {
    expect(meaning("hub://guardrails/regex_match: '^a' search")).toEqual([
      item("hub://guardrails/regex_match", ["^a", "search"]),
    ]);
    expect(meaning("hub://guardrails/two_words")).toEqual([item("hub://guardrails/two_words")]);
  });

  it("keeps hint-only formats and apostrophes that do not start a token", () => {
    expect(meaning("1-indexed; units-imperial")).toEqual([
      item("1-indexed"),
      item("units-imperial"),
    ]);
    expect(meaning("capitalize two-words")).toEqual([item("capitalize two-words")]);
    expect(meaning("x: Linus' don't")).toEqual([item("x", ["Linus'", "don't"])]);
  });

  it("keeps ${…} template arguments as strings, not literals", () => {
    expect(meaning("bug-free-sql: ${conn_str} ${schema_file}")).toEqual([
      item("bug-free-sql", ["${conn_str}", "${schema_file}"]),
    ]);
  });

  it("records each item's source and skips empty items", () => {
    expect(parseValidatorSpec("  length:1   10 ;; two-words; ").map((v) => v.source)).toEqual([
      "length:1   10",
      "two-words",
    ]);
    expect(parseValidatorSpec("")).toEqual([]);
  });

  it.each([
    ["x: {__import__('os')}", "x: {__import__('os')}", "{__import__('os')}", "is not a literal"],
    ["x: {1+1}", "x: {1+1}", "{1+1}", 'unexpected "+1"'],
    ["x: {foo()}", "x: {foo()}", "{foo()}", "is not a literal"],
    [
      "ok; x: a={open('f').read()}",
      "x: a={open('f').read()}",
      "{open('f').read()}",
      "is not a literal",
    ],
    ["{__import__('os')}", "{__import__('os')}", "{__import__('os')}", "not a validator name"],
    ["x: {1}{2}", "x: {1}{2}", "{1}{2}", 'unexpected "}{2"'],
    ["x: {[1, 2}", "x: {[1, 2}", "{[1, 2}", 'expected "," or "]"'],
    ["x: 'open", "x: 'open", "'open", "unterminated string"],
    ["x: 'a'b", "x: 'a'b", "'a'b", "text after the closing quote"],
    ["x: {1", "x: {1", "{1", 'unclosed "{"'],
    ["x: 1}", "x: 1}", "}", 'unmatched "}"'],
    ["x: min=", "x: min=", "min=", 'keyword "min" has no value'],
    ["x: a=1 a=2", "x: a=1 a=2", "a=2", 'keyword "a" is given twice'],
    ["a<b: 1", "a<b: 1", "a<b", "not a validator name"],
  ])("rejects %s naming the item and the offending text", (spec, badItem, text, reason) => {
    try {
      parseValidatorSpec(spec);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ValidatorSyntaxError);
      const {
        item: errorItem,
        text: errorText,
        reason: errorReason,
      } = error as ValidatorSyntaxError;
      expect({ item: errorItem, text: errorText }).toEqual({ item: badItem, text });
      expect(errorReason).toContain(reason);
    }
  });

  it("never evaluates arguments", () => {
    const marker = globalThis as { railguardEvaluated?: boolean };
    expect(() => parseValidatorSpec("x: {globalThis.railguardEvaluated = true}")).toThrow(
      ValidatorSyntaxError,
    );
    expect(marker.railguardEvaluated).toBeUndefined();
  });
});

describe("formatValidators", () => {
  const ref = (name: string, args: unknown[], kwargs = {}, source = ""): ParsedValidator =>
    ({ name, args, kwargs, source }) as ParsedValidator;

  it("writes the canonical form when there is no usable source", () => {
    expect(formatValidator(ref("length", [1, 10]))).toBe("length: 1 10");
    expect(formatValidator(ref("two-words", []))).toBe("two-words");
    expect(formatValidator(ref("x", ["a b", "10", "True", "", "k=v", "plain"], { n: -1 }))).toBe(
      "x: 'a b' '10' 'True' '' 'k=v' plain n=-1",
    );
    expect(formatValidator(ref("valid-choices", [["a", "b"]], { map: { k: null } }))).toBe(
      "valid-choices: {['a', 'b']} map={{'k': None}}",
    );
  });

  it("keeps an item's source when it still means the same validator", () => {
    const [parsed] = parseValidatorSpec("length:1   10");
    expect(formatValidators([parsed as ParsedValidator])).toBe("length:1   10");
    const edited = { ...(parsed as ParsedValidator), args: [2, 20] };
    expect(formatValidators([edited])).toBe("length: 2 20");
  });

  it("joins items with '; ' and reads back the same validators", () => {
    const spec =
      "valid-choices: {['a; b', \"c'd\"]}; hub://org/name: x=1; length: 0 5; regex_match: '\\d+'";
    const parsed = parseValidatorSpec(spec);
    const canonical = parsed.map((p) => ({ ...p, source: "" }));
    expect(meaning(formatValidators(canonical))).toEqual(meaning(spec));
    expect(formatValidators(parsed)).toBe(spec);
  });
});
