import { describe, expect, it } from "vitest";
import { Guard } from "../../src/guard/index.js";
import { conformToSchema, parseOutput } from "../../src/parse/index.js";
import type { Field } from "../../src/rail/types.js";
import { float, int, list, obj, str } from "../fixtures/malformed/specs.js";

/**
 * Integers beyond 2^53 (9007199254740991) cannot all be held by a JavaScript number:
 * `JSON.parse("9007199254740993")` is 9007199254740992. A number is never changed silently: its
 * digits are kept as text where the spec allows text, and an integer field that cannot hold them
 * fails with a reason.
 */

function read(text: string, root: Field) {
  const parsed = parseOutput(text, root);
  if (!parsed.ok) throw new Error(parsed.error);
  const conformed = conformToSchema(parsed.value, root);
  return { ...conformed, repairs: [...parsed.repairs, ...conformed.repairs] };
}

const BEYOND = "9007199254740993";

describe("integers beyond 2^53", () => {
  it("fail an integer field with a reason instead of rounding", () => {
    const result = read(`{"id": ${BEYOND}}`, obj([int("id")]));
    expect(result.mismatches).toEqual([
      {
        path: "$.id",
        message: `$.id: ${BEYOND} is beyond the integers a JavaScript number holds exactly (±9007199254740991); it would become 9007199254740992`,
      },
    ]);
  });

  it("fail an integer field given the digits as a string", () => {
    const result = read(`{"id": "-${BEYOND}"}`, obj([int("id")]));
    expect(result.mismatches.map((m) => m.message)).toEqual([
      `$.id: -${BEYOND} is beyond the integers a JavaScript number holds exactly (±9007199254740991); it would become -9007199254740992`,
    ]);
  });

  it("keep the digits in a string field, and say so", () => {
    const result = read(`{"id": ${BEYOND}, "n": 12}`, obj([str("id"), int("n")]));
    expect(result.mismatches).toEqual([]);
    expect(result.value).toEqual({ id: BEYOND, n: 12 });
    expect(result.repairs).toContainEqual({
      kind: "keep-digits",
      message: `kept the digits of ${BEYOND} as text at line 1, column 8: as a number it would become 9007199254740992`,
    });
  });

  it("keep the digits in a list without a type, each one said", () => {
    const result = read(`[1, ${BEYOND}, 18446744073709551616, 9007199254740992]`, list());
    // 2^64 and 2^53 are held exactly: only the one that would change is kept as text.
    expect(result.value).toEqual([1, BEYOND, 2 ** 64, 2 ** 53]);
    expect(result.repairs.map((r) => r.kind)).toEqual(["keep-digits"]);
  });

  it("record the rounding when a float field takes them", () => {
    const result = read(`{"x": ${BEYOND}}`, obj([float("x")]));
    expect(result.value).toEqual({ x: 9007199254740992 });
    expect(result.repairs.map((r) => r.message).join("\n")).toContain(
      `coerced "${BEYOND}" to 9007199254740992 (float)`,
    );
  });

  it("keep the digits in repaired JSON, with the other repairs still in place", () => {
    const result = read(`Here: {"id": ${BEYOND}, 'n': 2,}`, obj([str("id"), int("n")]));
    expect(result.value).toEqual({ id: BEYOND, n: 2 });
    const messages = result.repairs.map((r) => r.message);
    expect(messages).toContain(
      `kept the digits of ${BEYOND} as text at line 1, column 14: as a number it would become 9007199254740992`,
    );
    expect(messages).toContain("removed a trailing comma at line 1, column 38");
    expect(messages).toContain("replaced single quotes with double quotes at line 1, column 32");
  });

  it("leave digits inside strings alone", () => {
    const result = read(`{"id": "${BEYOND}"}`, obj([str("id")]));
    expect(result.value).toEqual({ id: BEYOND });
    expect(result.repairs).toEqual([]);
  });

  it("fail the guard's call for an integer field, never pass a rounded value", async () => {
    const guard = Guard.fromRailString(
      `<rail version="0.1"><output><integer name="id"/></output></rail>`,
    );
    const outcome = await guard.parse(`{"id": ${BEYOND}}`);
    expect(outcome.validationPassed).toBe(false);
    expect(outcome.error?.message).toContain(`${BEYOND} is beyond the integers`);
  });
});
