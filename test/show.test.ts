import { describe, expect, it } from "vitest";
import { describeValue, formatPosition, lineColumn, positionAt } from "../src/show.js";

describe("describeValue", () => {
  it.each([
    [null, "null"],
    [undefined, "nothing"],
    [[1, 2], "a list"],
    ["abc", 'string "abc"'],
    ["x".repeat(50), `string "${"x".repeat(40)}…"`],
    [42, "number 42"],
    [Number.NaN, "number NaN"],
    [false, "boolean false"],
    [12n, "bigint 12"],
    [Symbol("s"), "symbol Symbol(s)"],
    [() => "secret source", "a function"],
    [{}, "an empty object"],
    [{ a: 1, b: 2 }, "an object with keys a, b"],
    [{ a: 1, b: 2, c: 3, d: 4, e: 5, f: 6 }, "an object with keys a, b, c, d, e, …"],
  ])("names %s as %s", (value, expected) => {
    expect(describeValue(value)).toBe(expected);
  });
});

describe("positions in a text", () => {
  const text = "ab\ncd\n\nef";

  it.each([
    [0, 1, 1],
    [2, 1, 3],
    [3, 2, 1],
    [7, 4, 1],
    [9, 4, 3],
  ])("puts offset %i at line %i, column %i", (offset, line, column) => {
    expect(positionAt(text, offset)).toEqual({ line, column });
    expect(lineColumn(text, offset)).toBe(`line ${line}, column ${column}`);
  });

  it("writes a position as every message does", () => {
    expect(formatPosition({ line: 12, column: 3 })).toBe("line 12, column 3");
  });
});
