import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { conformToSchema, parseOutput } from "../../src/parse/index.js";
import type { ParseResult } from "../../src/parse/types.js";
import { FREE_LIST, FREE_OBJECT, float, obj, PERSON, str } from "../fixtures/malformed/specs.js";

/**
 * Hostile model output against the lenient parser. Each input here once took from 20 seconds to
 * hours (quadratic scans) or overflowed the stack; a regression shows as the test timeout.
 */

const FREE_OBJECT_NAMED = { ...FREE_OBJECT, name: "__proto__" };

const errorOf = (result: ParseResult): string => (result.ok ? "" : result.error);

describe("pathological text stays linear", () => {
  it("removes 100 000 stray commas", () => {
    const result = parseOutput(`[${",".repeat(100_000)}]`, FREE_LIST);
    expect(result).toMatchObject({ ok: true, value: [] });
    expect(result.repairs[0]?.message).toMatch(
      /^removed a stray comma ×100000 at line 1, column 2;/,
    );
  });

  it("removes 100 000 comments, one per line", () => {
    const result = parseOutput(`[${"//\n".repeat(100_000)}`, FREE_LIST);
    expect(result).toMatchObject({ ok: true, value: [] });
    expect(result.repairs[0]?.message).toMatch(/^removed a comment ×100000 .*and 99997 more$/);
  });

  it("reads 150 000 unclosed <think> tags as prose", () => {
    const result = parseOutput("<think>".repeat(150_000), PERSON);
    expect(errorOf(result)).toMatch(/^no JSON object or array found in 1049993 characters/);
    expect(result.repairs).toEqual([
      {
        kind: "strip-think",
        message: "removed an unclosed <think> tag; the text after it is read as prose",
      },
    ]);
  });

  it("still pairs <think> blocks after unclosed tags of the other name", () => {
    const text = `${"<thinking>".repeat(10_000)}<think>plan</think>{"name": "Ann"}`;
    const result = parseOutput(text, PERSON);
    expect(result).toMatchObject({ ok: true, value: { name: "Ann" } });
    expect(result.repairs[0]).toEqual({
      kind: "strip-think",
      message: "removed a <think> block (19 characters)",
    });
  });

  it("names the places of 300 fragments after a million lines of prose", () => {
    const result = parseOutput(`${"word\n".repeat(1_000_000)}${"{x} ".repeat(300)}`, PERSON);
    expect(errorOf(result)).toMatch(
      /^found 200 JSON-like fragments but none could be repaired: at line 1000001, column 1: .*; at line 1000001, column 5: /,
    );
  });

  it("gives up on a megabyte of apostrophes instead of repairing it for minutes", () => {
    const text = `[ it's ${"don't ".repeat(170_000)}`;
    expect(errorOf(parseOutput(text, FREE_LIST))).toMatch(
      /^found 1 JSON-like fragment but none could be repaired: at line 1, column 1: too costly to repair \(1020006 characters with \d+ unescaped quotes\)$/,
    );
  });

  it("shares the repair budget across candidates, so many costly ones cannot add up", () => {
    const costly = `{"name": "${'x"'.repeat(6000)}"}`;
    const text = Array.from({ length: 40 }, () => costly).join("\n\n");
    const result = parseOutput(text, PERSON);
    expect(result.ok).toBe(true);
    // The first candidates are repaired until the budget runs out; the rest are not tried.
    const picked = result.repairs.find((repair) => repair.kind === "pick-candidate");
    const found = Number(/^found (\d+) JSON values/.exec(picked?.message ?? "")?.[1]);
    expect(found).toBeGreaterThan(1);
    expect(found).toBeLessThan(40);
  });

  it("still repairs a 2 MB answer cut off by the token limit", () => {
    const answer = JSON.stringify({ name: "x".repeat(2_000_000), age: 3 });
    const result = parseOutput(answer.slice(0, -10), PERSON);
    expect(result.ok).toBe(true);
    expect(result.repairs.map((repair) => repair.kind)).toEqual(["close-truncated"]);
  });
});

describe("nesting too deep for the walks after parsing", () => {
  it("rejects 100 000 levels of valid JSON with a reason", () => {
    const text = `${"[".repeat(100_000)}${"]".repeat(100_000)}`;
    expect(parseOutput(text, FREE_LIST)).toEqual({
      ok: false,
      error: "the JSON is unusable: it nests more than 1000 lists or objects deep",
      repairs: [],
    });
  });

  it("rejects deep nesting in prose or unclosed, naming where", () => {
    for (const text of [`x ${"[".repeat(5_000)}${"]".repeat(5_000)}`, '{"a":'.repeat(50_000)]) {
      expect(errorOf(parseOutput(text, PERSON))).toMatch(
        /none could be repaired: at line 1, column \d+: it nests more than 1000 lists or objects deep/,
      );
    }
  });

  it("keeps a shallow candidate beside a deep one", () => {
    const text = `${"[".repeat(2_000)}${"]".repeat(2_000)} and then {"name": "Ann"}`;
    expect(parseOutput(text, PERSON)).toMatchObject({ ok: true, value: { name: "Ann" } });
  });

  it("accepts 1000 levels", () => {
    const text = `${"[".repeat(1_000)}${"]".repeat(1_000)}`;
    expect(parseOutput(text, FREE_LIST).ok).toBe(true);
  });
});

describe("hostile characters and values", () => {
  it("escapes NUL and other raw control characters inside strings", () => {
    const result = parseOutput('{"name": "a\u0000b\u001fc" ,}', PERSON);
    expect(result).toMatchObject({ ok: true, value: { name: "a\u0000b\u001fc" } });
    expect(result.repairs.map((repair) => repair.message)).toContain(
      "escaped a raw newline or control character inside a string at line 1, column 10",
    );
  });

  it("keeps lone surrogates, U+2028 and a BOM without crashing", () => {
    const result = parseOutput('\uFEFF{"name": "\ud800 \u2028 \udc00"}', PERSON);
    expect(result).toMatchObject({ ok: true, value: { name: "\ud800 \u2028 \udc00" } });
  });

  it("reports 1e400 in a number field as a mismatch, never as Infinity", () => {
    const root = obj([float("x")]);
    const parsed = parseOutput('{"x": 1e400}', root);
    const conformed = conformToSchema(parsed.ok ? parsed.value : null, root);
    expect(conformed.mismatches).toEqual([
      { path: "$.x", message: "$.x: expected a number, got Infinity" },
    ]);
  });

  it("never pollutes Object.prototype, however __proto__ and constructor are nested", () => {
    const hostile = '{"__proto__": {"polluted": 1}, "constructor": {"prototype": {"polluted": 2}}}';
    for (const text of [hostile, `prose ${hostile.replace("}}}", "}},")}`]) {
      const parsed = parseOutput(text, FREE_OBJECT);
      const value = parsed.ok ? parsed.value : undefined;
      expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
      expect(Object.hasOwn(value as object, "__proto__")).toBe(true);
      conformToSchema(value, obj([str("name")]));
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("keeps a spec key named __proto__ (a spec built in code) as a key, not a prototype", () => {
    const conformed = conformToSchema({ ["__proto__"]: { polluted: 1 } }, obj([FREE_OBJECT_NAMED]));
    expect(Object.hasOwn(conformed.value as object, "__proto__")).toBe(true);
    expect(Object.getPrototypeOf(conformed.value)).toBe(Object.prototype);
    expect(conformed.mismatches).toEqual([]);
  });

  it("survives hostile building blocks repeated thousands of times", () => {
    const block = fc.constantFrom(
      "[",
      "{",
      '{"a":',
      '"',
      "'",
      "don't ",
      ",",
      "//",
      "/*",
      "```",
      "```json\n",
      "<think>",
      "</think>",
      "\u0000",
      "\ud800",
      "1e400",
      "__proto__",
    );
    fc.assert(
      fc.property(
        fc.array(fc.tuple(block, fc.integer({ min: 1, max: 3_000 })), { maxLength: 4 }),
        (parts) => {
          const text = parts.map(([part, count]) => part.repeat(count)).join("");
          const result = parseOutput(text, PERSON);
          expect(typeof result.ok).toBe("boolean");
          if (!result.ok) expect(result.error.length).toBeGreaterThan(0);
        },
      ),
      { numRuns: 40 },
    );
  });
});
