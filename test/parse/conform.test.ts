import { describe, expect, it } from "vitest";
import { conformToSchema } from "../../src/parse/index.js";
import type { Field } from "../../src/rail/types.js";
import {
  bool,
  date,
  enumOf,
  FEES,
  FREE_LIST,
  FREE_OBJECT,
  float,
  GAME_MOVE,
  int,
  list,
  obj,
  optional,
  PERSON,
  SIBLING_MOVE,
  scalar,
  str,
} from "../fixtures/malformed/specs.js";

/** Conforms `{ value }` against `{ value: field }`, so paths read `$.value`. */
function one(field: Field, value: unknown) {
  const named = { ...field, name: "value" } as Field;
  return conformToSchema({ value }, obj([named]));
}

function coerced(field: Field, value: unknown) {
  const result = one(field, value);
  expect(result.mismatches).toEqual([]);
  return (result.value as { value: unknown }).value;
}

/** Rows led by their field's kind, for readable test names. */
function labelled(rows: [Field, unknown, unknown][]): [string, Field, unknown, unknown][] {
  return rows.map(([field, input, output]) => [field.kind, field, input, output]);
}

function mismatch(field: Field, value: unknown): string[] {
  return one(field, value).mismatches.map((m) => m.message);
}

describe("conformToSchema: scalar coercion", () => {
  it.each(
    labelled([
      [int(), "12", 12],
      [int(), " -7 ", -7],
      [int(), "12.0", 12],
      [int(), "1e3", 1000],
      [int(), 12.0, 12],
      [int(), ["5"], 5],
      [float(), "3.5", 3.5],
      [float(), ".5", 0.5],
      [float(), "+2", 2],
      [float(), "1,234.5", 1234.5],
      [float(), "1,234,567", 1234567],
      [bool(), "true", true],
      [bool(), "FALSE", false],
      [bool(), " True ", true],
      [str(), 5, "5"],
      [str(), false, "false"],
      [scalar("percentage"), 20, "20"],
      [scalar("email"), "a@b.co", "a@b.co"],
      [enumOf("e", ["Red", "Green"]), "green", "Green"],
      [enumOf("e", ["1", "2"]), 2, "2"],
      [date("d"), "2024-03-05", "2024-03-05"],
      [date("d"), "March 5, 2024", "2024-03-05"],
      [date("d", "%d.%m.%Y"), "05.03.2024", "2024-03-05"],
      [scalar("time"), "7:05 am", "07:05:00"],
      [scalar("date-time"), "2024-03-05 10:00:00+02:00", "2024-03-05T10:00:00+02:00"],
    ]),
  )("%s from %o becomes %o", (_, field, input, output) => {
    expect(coerced(field, input)).toEqual(output);
  });

  it("records each coercion with its path", () => {
    const result = one(int(), "12");
    expect(result.repairs).toEqual([
      { kind: "coerce", path: "$.value", message: '$.value: coerced "12" to 12 (integer)' },
    ]);
  });

  it("leaves values of the right type alone and records nothing", () => {
    const result = conformToSchema({ name: "Ann", age: 3, tags: ["x"] }, PERSON);
    expect(result).toEqual({
      value: { name: "Ann", age: 3, tags: ["x"] },
      repairs: [],
      mismatches: [],
    });
  });

  it.each(
    labelled([
      [int(), 12.5, "$.value: expected an integer, got 12.5"],
      [int(), "12.5", 'expected an integer, got "12.5"'],
      [int(), true, "expected an integer, got true"],
      [float(), "abc", 'expected a number, got "abc"'],
      [float(), "3.5%", 'expected a number, got "3.5%"'],
      [float(), "$12", 'expected a number, got "$12"'],
      [float(), "1,5", 'expected a number, got "1,5"'],
      [float(), "NaN", 'expected a number, got "NaN"'],
      [float(), "", 'expected a number, got ""'],
      [bool(), "yes", 'expected a boolean (true or false), got "yes"'],
      [bool(), 1, "expected a boolean (true or false), got 1"],
      [str(), { a: 1 }, 'expected a string, got an object ({"a":1})'],
      [str(), [1, 2], "expected a string, got a list ([1,2])"],
      [enumOf("e", ["low", "high"]), "urgent", 'expected one of "low", "high", got "urgent"'],
      [date("d"), "05/13/2024x", 'expected a date (YYYY-MM-DD), got "05/13/2024x"'],
      [date("d", "%d/%m/%Y"), "2024/03/05", 'expected a date (%d/%m/%Y), got "2024/03/05"'],
      [date("d"), 20240305, "expected a date (YYYY-MM-DD), got 20240305"],
      [scalar("time"), "25:00", 'expected a time (HH:MM:SS), got "25:00"'],
    ]),
  )("%s given %o is a mismatch", (_, field, input, message) => {
    const messages = mismatch(field, input);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain(message);
  });

  it("keeps the value it could not coerce, so a reask can show it", () => {
    expect(one(float(), "abc").value).toEqual({ value: "abc" });
  });
});

describe("conformToSchema: keys", () => {
  it("renames keys found in another case or style, recording each", () => {
    const spec = obj([str("first_name"), int("item count")]);
    const result = conformToSchema({ FirstName: "Ann", "item-count": 2 }, spec);
    expect(result.value).toEqual({ first_name: "Ann", "item count": 2 });
    expect(result.repairs.map((r) => r.message)).toEqual([
      '$: renamed the key "FirstName" to "first_name"',
      '$: renamed the key "item-count" to "item count"',
    ]);
  });

  it("prunes undeclared keys, each with its path and value", () => {
    const fee = obj([str("name"), float("rate")]);
    const result = conformToSchema({ name: "x", rate: 1, note: "keep me?" }, fee);
    expect(result.value).toEqual({ name: "x", rate: 1 });
    expect(result.repairs).toEqual([
      {
        kind: "prune-key",
        path: "$.note",
        message: '$.note: removed the undeclared key "note" (value: "keep me?")',
      },
    ]);
  });

  it("uses bracket paths for keys that are not identifiers", () => {
    const result = conformToSchema({ "bad key": 1 }, obj([optional(str("a"))]));
    expect(result.repairs[0]?.path).toBe('$["bad key"]');
  });

  it("reports missing required keys and accepts missing optional ones", () => {
    const spec = obj([str("a"), optional(str("b")), obj([str("c")], "inner")]);
    const result = conformToSchema({ inner: {} }, spec);
    expect(result.mismatches).toEqual([
      { path: "$", message: '$: missing the required key "a"' },
      { path: "$.inner", message: '$.inner: missing the required key "c"' },
    ]);
  });

  it("keeps null for optional fields and reports it for required ones", () => {
    const spec = obj([optional(int("a")), int("b")]);
    const result = conformToSchema({ a: null, b: null }, spec);
    expect(result.value).toEqual({ a: null, b: null });
    expect(result.mismatches.map((m) => m.message)).toEqual(["$.b: expected an integer, got null"]);
  });

  it("accepts anything in a free-form object or list", () => {
    const value = { Any: [1, { x: null }], "odd key": true };
    expect(conformToSchema(value, FREE_OBJECT)).toEqual({ value, repairs: [], mismatches: [] });
    expect(conformToSchema([value, 3], FREE_LIST)).toEqual({
      value: [value, 3],
      repairs: [],
      mismatches: [],
    });
  });

  it("does not change its input", () => {
    const input = { Name: "Ann", age: "3", tags: "x", extra: 1 };
    const copy = structuredClone(input);
    conformToSchema(input, PERSON);
    expect(input).toEqual(copy);
  });

  it("is idempotent: conforming its own output changes nothing", () => {
    const first = conformToSchema({ Name: "Ann", age: "3", tags: "x", extra: 1 }, PERSON);
    expect(conformToSchema(first.value, PERSON)).toEqual({
      value: first.value,
      repairs: [],
      mismatches: [],
    });
  });
});

describe("conformToSchema: containers", () => {
  it("wraps a single value where a list is expected", () => {
    const result = conformToSchema({ name: "wire", rate: 1 }, FEES);
    expect(result.value).toEqual([{ name: "wire", rate: 1 }]);
    expect(result.repairs[0]).toEqual({
      kind: "wrap-in-list",
      path: "$",
      message: '$: wrapped an object ({"name":"wire","rate":1}) in a one-element list',
    });
  });

  it("unwraps a one-element list where an object or scalar is expected", () => {
    const result = conformToSchema([{ name: ["Ann"], age: 1, tags: [] }], PERSON);
    expect(result.value).toEqual({ name: "Ann", age: 1, tags: [] });
    expect(result.repairs.map((r) => `${r.kind} ${r.path}`)).toEqual([
      "unwrap-list $",
      "unwrap-list $.name",
    ]);
  });

  it("does not unwrap lists of several elements", () => {
    expect(mismatch(str(), ["a", "b"])).toEqual([
      '$.value: expected a string, got a list (["a","b"])',
    ]);
    expect(conformToSchema([{}, {}], PERSON).mismatches[0]?.message).toBe(
      "$: expected an object, got a list ([{},{}])",
    );
  });

  it("unwraps a list output from the object wrapping it", () => {
    const result = conformToSchema({ results: [{ name: "wire", rate: "1" }] }, FEES);
    expect(result.value).toEqual([{ name: "wire", rate: 1 }]);
    expect(result.repairs.map((r) => r.kind)).toEqual(["unwrap-object", "coerce"]);
  });

  it("only unwraps at the root", () => {
    const spec = obj([list(int(), "ids")]);
    const result = conformToSchema({ ids: { all: [1] } }, spec);
    expect(result.value).toEqual({ ids: [{ all: [1] }] });
    expect(result.mismatches.map((m) => m.message)).toEqual([
      '$.ids[0]: expected an integer, got an object ({"all":[1]})',
    ]);
  });

  it("reports a scalar where an object is expected", () => {
    expect(conformToSchema("Ann", PERSON).mismatches).toEqual([
      { path: "$", message: '$: expected an object, got "Ann"' },
    ]);
  });

  it("names values JSON cannot show as they are, never as null, and never crashes on them", () => {
    // JSON.parse("1e400") is Infinity; values given in code can be anything.
    expect(one(int(), Number.POSITIVE_INFINITY).mismatches.map((m) => m.message)).toEqual([
      "$.value: expected an integer, got Infinity",
    ]);
    expect(one(int(), 10n).mismatches.map((m) => m.message)).toEqual([
      "$.value: expected an integer, got 10",
    ]);
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    expect(one(int(), cycle).mismatches.map((m) => m.message)).toEqual([
      "$.value: expected an integer, got an object ([object Object])",
    ]);
  });

  it("gives paths into lists", () => {
    const result = conformToSchema(
      [
        { name: "a", rate: 1 },
        { name: "b", rate: "abc" },
      ],
      FEES,
    );
    expect(result.mismatches).toEqual([
      { path: "$[1].rate", message: '$[1].rate: expected a number, got "abc"' },
    ]);
  });
});

describe("conformToSchema: choice", () => {
  it("keeps a valid discriminated case and its children", () => {
    const value = { action: { type: "flight", direction: "n", distance: "4" } };
    const result = conformToSchema(value, GAME_MOVE);
    expect(result.value).toEqual({ action: { type: "flight", direction: "n", distance: 4 } });
    expect(result.mismatches).toEqual([]);
  });

  it("lists the cases when the discriminator names none of them", () => {
    const result = conformToSchema({ action: { type: 3 } }, GAME_MOVE);
    expect(result.mismatches.map((m) => m.message)).toEqual([
      '$.action.type: unknown case 3; expected one of "fight", "flight"',
    ]);
  });

  it("reports a discriminated choice that is not an object", () => {
    const result = conformToSchema({ action: "fight" }, GAME_MOVE);
    expect(result.mismatches.map((m) => m.message)).toEqual([
      '$.action: expected an object with "type" naming one of "fight", "flight", got "fight"',
    ]);
  });

  it("reads the sibling style from the enclosing object", () => {
    const result = conformToSchema({ Action: "fight", weapon: "bow" }, SIBLING_MOVE);
    expect(result.value).toEqual({ action: "fight", weapon: "bow" });
    expect(result.repairs.map((r) => r.kind)).toEqual(["rename-key"]);
  });

  it("reports a missing sibling choice key", () => {
    const result = conformToSchema({ weapon: "bow" }, SIBLING_MOVE);
    expect(result.mismatches.map((m) => m.message)).toEqual([
      '$: missing the required key "action" (one of "fight", "flight")',
    ]);
    expect(result.repairs.map((r) => r.path)).toEqual(["$.weapon"]);
  });
});

describe("conformToSchema: a choice declaring on-fail-choice", () => {
  // The guard's `choice` validator judges the case and applies the declared action.
  const declared = (spec: Field): Field => {
    const root = structuredClone(spec) as Field & { children: Field[] };
    for (const child of root.children) if (child.kind === "choice") child.onFail = "reask";
    return root;
  };

  it("leaves an unknown or missing discriminator in place, with no mismatch", () => {
    for (const value of [{ action: { type: 3, x: 1 } }, { action: { x: 1 } }]) {
      const result = conformToSchema(value, declared(GAME_MOVE));
      expect(result.mismatches).toEqual([]);
      expect(result.value).toEqual(value);
    }
  });

  it("keeps an unknown sibling case, and gives a missing required one as null", () => {
    const unknown = conformToSchema({ action: "hide", weapon: "bow" }, declared(SIBLING_MOVE));
    expect(unknown.mismatches).toEqual([]);
    expect(unknown.value).toEqual({ action: "hide" });
    const missing = conformToSchema({ weapon: "bow" }, declared(SIBLING_MOVE));
    expect(missing.mismatches).toEqual([]);
    expect(missing.value).toEqual({ action: null });
  });

  it("still reports a discriminated choice that is not an object", () => {
    const result = conformToSchema({ action: "fight" }, declared(GAME_MOVE));
    expect(result.mismatches).toHaveLength(1);
  });
});
