// biome-ignore-all lint/suspicious/noTemplateCurlyInString: RAIL writes template variables as ${var}
import { describe, expect, it } from "vitest";
import {
  formatLiteral,
  LiteralSyntaxError,
  parseLiteral,
  readBareScalar,
} from "../../src/rail/literal.js";

describe("parseLiteral", () => {
  it.each([
    ["1", 1],
    ["-3", -3],
    ["+2.5", 2.5],
    [".5", 0.5],
    ["1e3", 1000],
    ["-1.5E-2", -0.015],
    ["True", true],
    ["False", false],
    ["None", null],
    ["'single'", "single"],
    ['"double"', "double"],
    ["'it\\'s'", "it's"],
    ['"a\\"b"', 'a"b'],
    ["'tab\\tnew\\nline\\\\'", "tab\tnew\nline\\"],
    ["'\\x41\\u00e9\\U0001F600'", "Aé😀"],
    ["'\\d+'", "\\d+"],
    ["[]", []],
    ["['a', 'b']", ["a", "b"]],
    ["[1, [2, [3]],]", [1, [2, [3]]]],
    ["(1, 2)", [1, 2]],
    ["(1,)", [1]],
    ["()", []],
    ["{}", {}],
    ["{'a': 1, \"b\": [True, None]}", { a: 1, b: [true, null] }],
    ["{'nested': {'k': (1, 'x')}}", { nested: { k: [1, "x"] } }],
    ["  [ 1 ,2 ]  ", [1, 2]],
  ])("reads %s", (text, expected) => {
    expect(parseLiteral(text)).toEqual(expected);
  });

  it.each([
    ["__import__('os')", "\"__import__('os')\" is not a literal"],
    ["1+1", 'unexpected "+1"'],
    ["foo()", '"foo()" is not a literal'],
    ["[1, 2", 'expected "," or "]"'],
    ["{1: 'a'}", "dict keys must be strings"],
    ["{'a' 1}", 'expected ":" after dict key "a"'],
    ["'open", "unterminated string"],
    ["'\\x4'", "bad \\x escape"],
    ["", "expected a literal"],
    ["[1] [2]", 'unexpected "[2]"'],
    ["lambda: 1", "is not a literal"],
    ["{'a': 1}.keys()", 'unexpected ".keys()"'],
  ])("rejects %s without evaluating it", (text, reason) => {
    expect(() => parseLiteral(text)).toThrow(LiteralSyntaxError);
    expect(() => parseLiteral(text)).toThrow(reason);
  });

  it("reports where reading stopped", () => {
    try {
      parseLiteral("[1, oops]");
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(LiteralSyntaxError);
      expect((error as LiteralSyntaxError).offset).toBe(4);
    }
  });
});

describe("readBareScalar", () => {
  it("reads numbers and keywords, keeps everything else as a string", () => {
    expect(readBareScalar("10")).toBe(10);
    expect(readBareScalar("-0.5")).toBe(-0.5);
    expect(readBareScalar("True")).toBe(true);
    expect(readBareScalar("None")).toBe(null);
    expect(readBareScalar("true")).toBe("true");
    expect(readBareScalar("10px")).toBe("10px");
    expect(readBareScalar("toString")).toBe("toString");
    expect(readBareScalar("${conn}")).toBe("${conn}");
  });
});

describe("formatLiteral", () => {
  it("writes Python literals", () => {
    expect(formatLiteral(["a", 1, true, null, { k: "it's" }])).toBe(
      "['a', 1, True, None, {'k': 'it\\'s'}]",
    );
    expect(formatLiteral("line\nnext\\\t\x01")).toBe("'line\\nnext\\\\\\t\\x01'");
    expect(formatLiteral(-0)).toBe("-0");
  });

  it("writes what lies outside the grammar as None or a placeholder, never as source code", () => {
    expect(formatLiteral(undefined)).toBe("None");
    expect(formatLiteral([() => "secret"])).toBe("[<function>]");
  });

  it("refuses numbers that have no literal form", () => {
    expect(() => formatLiteral(Number.NaN)).toThrow("has no literal form");
  });

  it.each<[unknown]>([
    [["a", "b'c", 'd"e', "\\d"]],
    [{ x: [1.5, -2, 1e21, 0.1], y: { z: null } }],
    ["tab\t\u0000é😀"],
  ])("round-trips %j", (value) => {
    expect(parseLiteral(formatLiteral(value))).toEqual(value);
  });
});
