import { describe, expect, it } from "vitest";
import { describeValue } from "../../src/parse/path.js";

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
