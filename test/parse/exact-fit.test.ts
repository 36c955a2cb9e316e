import { describe, expect, it } from "vitest";
import { conformToSchema, fitsExactly } from "../../src/parse/index.js";
import type { Field } from "../../src/rail/types.js";
import {
  bool,
  choice,
  date,
  enumOf,
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
  STRING_OUTPUT,
  scalar,
  str,
} from "../fixtures/malformed/specs.js";
import { sameValue } from "./exact-fit-helpers.js";

/** The bench's spec: `{"items": [{id, name, email, score, status}]}`. */
const ITEMS = obj([
  list(obj([int("id"), str("name"), str("email"), float("score"), str("status")]), "items"),
]);
const item = {
  id: 1,
  name: "Ada Lovelace",
  email: "ada@example.com",
  score: 9.5,
  status: "active",
};

/** Fits, and the conformer agrees: the same value back, nothing repaired or reported. */
function fits(root: Field, value: unknown): void {
  expect(fitsExactly(value, root)).toBe(true);
  const conformed = conformToSchema(value, root);
  expect(conformed.repairs).toEqual([]);
  expect(conformed.mismatches).toEqual([]);
  expect(sameValue(conformed.value, value)).toBe(true);
}

/** Does not fit, and the conformer would indeed change or report something. */
function misfits(root: Field, value: unknown): void {
  expect(fitsExactly(value, root)).toBe(false);
  const conformed = conformToSchema(value, root);
  const changed =
    conformed.repairs.length > 0 ||
    conformed.mismatches.length > 0 ||
    !sameValue(conformed.value, value);
  expect(changed).toBe(true);
}

/** `{ value }` against `{ value: field }`. */
const one = (field: Field) => obj([{ ...field, name: "value" } as Field]);

describe("fitsExactly: what fits", () => {
  it("the bench's output", () => {
    fits(ITEMS, { items: [item, { ...item, id: 2, status: "paused" }] });
    fits(ITEMS, { items: [] });
  });

  it.each([
    [str(), "text"],
    [scalar("email"), "a@b.c"],
    [scalar("url"), "https://example.com"],
    [scalar("percentage"), "12%"],
    [scalar("sql"), "select 1"],
    [scalar("pythoncode"), "print(1)"],
    [int(), 12],
    [int(), -0],
    [float(), 3.5],
    [float(), 3],
    [bool(), false],
    [enumOf("e", ["low", "high"]), "high"],
    [scalar("enum"), "anything"],
  ])("a %o field holding %o", (field, value) => {
    fits(one(field), { value });
  });

  it("null in an optional field of any kind", () => {
    for (const field of [str(), int(), FREE_OBJECT, PERSON, FREE_LIST, list(int()), GAME_MOVE]) {
      fits(one(optional(field)), { value: null });
    }
  });

  it("an optional key left out, in the order of the spec", () => {
    const root = obj([str("a"), optional(int("b")), str("c")]);
    fits(root, { a: "x", c: "y" });
    fits(root, { a: "x", b: 1, c: "y" });
  });

  it("free-form objects and lists whatever they hold", () => {
    fits(FREE_OBJECT, { Any: [1, { b: null }], __proto__x: 1 });
    fits(FREE_LIST, [1, "two", { three: 3 }, null]);
    fits(one(FREE_OBJECT), { value: {} });
  });

  it("a list root, a string root, an optional null root", () => {
    fits(list(PERSON), [{ name: "Ada", age: 36, tags: [] }]);
    fits(STRING_OUTPUT, "just text");
    fits(optional(PERSON), null);
  });

  it("a discriminated choice naming its case exactly, the discriminator first", () => {
    fits(GAME_MOVE, { action: { type: "fight", weapon: "sword" } });
    fits(GAME_MOVE, { action: { type: "flight", direction: "north", distance: 3 } });
    fits(list(GAME_MOVE.kind === "object" ? (GAME_MOVE.children[0] as Field) : GAME_MOVE), [
      { type: "fight", weapon: "axe" },
    ]);
  });

  it("a sibling choice, its case's keys right after it", () => {
    fits(SIBLING_MOVE, { action: "fight", weapon: "sword" });
    fits(SIBLING_MOVE, { action: "flight", direction: "north", distance: 3 });
    const around = obj([str("before"), choice("kind", { a: [int("x")] }, "sibling"), str("after")]);
    fits(around, { before: "b", kind: "a", x: 1, after: "c" });
  });

  it("integer-like keys, which every object lists first", () => {
    fits(obj([str("1"), str("2"), str("b")]), { 1: "x", 2: "y", b: "z" });
  });
});

describe("fitsExactly: what the conformer would change or report", () => {
  it.each([
    ["a string for an integer", int(), "12"],
    ["a string for a float", float(), "3.5"],
    ["a fraction for an integer", int(), 1.5],
    ["a string for a bool", bool(), "true"],
    ["a number for a string", str(), 12],
    ["a bool for a string", str(), true],
    ["a number for an enum", enumOf("e", ["1", "2"]), 1],
    ["an enum value in another case", enumOf("e", ["low", "high"]), "HIGH"],
    ["an enum value with spaces", enumOf("e", ["low", "high"]), " low "],
    ["a value no enum declares", enumOf("e", ["low", "high"]), "medium"],
    ["a scalar in a one-element list", str(), ["text"]],
    ["an object for a scalar", str(), { text: "x" }],
    ["null for a required string", str(), null],
    ["null for a required list", list(str()), null],
    ["a lone object where a list is expected", list(PERSON), { name: "Ada", age: 1, tags: [] }],
    ["a lone string where a list is expected", list(str()), "text"],
    ["an object in a one-element list", PERSON, [{ name: "Ada", age: 1, tags: [] }]],
    ["a list for an object", PERSON, []],
    ["a list for a free-form object", FREE_OBJECT, [{}]],
    ["an object for a free-form list", FREE_LIST, {}],
  ])("%s", (_label, field, value) => {
    misfits(one(field), { value });
  });

  it("a root list wrapped in an object", () => {
    misfits(list(PERSON), { people: [{ name: "Ada", age: 36, tags: [] }] });
    misfits(list(int()), { items: [1] });
  });

  it("a key in another case or style", () => {
    misfits(ITEMS, { Items: [] });
    misfits(obj([str("first_name")]), { firstName: "Ada" });
  });

  it("an undeclared key", () => {
    misfits(ITEMS, { items: [], extra: 1 });
    misfits(ITEMS, { items: [{ ...item, rank: 1 }] });
  });

  it("a missing required key", () => {
    misfits(obj([str("a"), str("b")]), { a: "x" });
  });

  it("keys out of the spec's order", () => {
    misfits(obj([str("a"), str("b")]), { b: "y", a: "x" });
  });

  it("an integer out of place in a list of objects", () => {
    misfits(ITEMS, { items: [item, { ...item, id: "2" }] });
  });

  it("a discriminated choice: unknown case, case in another spelling, discriminator not first or missing", () => {
    misfits(GAME_MOVE, { action: { type: "dance" } });
    misfits(GAME_MOVE, { action: { type: "Fight", weapon: "sword" } });
    misfits(GAME_MOVE, { action: { weapon: "sword", type: "fight" } });
    misfits(GAME_MOVE, { action: { weapon: "sword" } });
    misfits(GAME_MOVE, { action: { type: "fight", weapon: "sword", distance: 3 } });
    // The rest fits a case child named like the discriminator; the conformer takes it as the
    // discriminator, prunes `x` and misses the child.
    const shadowed = one(choice("c", { a: [str("type")] }, "discriminated", "type"));
    misfits(shadowed, { value: { x: "1", type: "a" } });
    misfits(shadowed, { value: { type: "a" } });
  });

  it("a discriminated case holding a sibling choice", () => {
    const nested = one(
      choice(
        "c",
        { a: [choice("kind", { k: [int("n")] }, "sibling"), str("tail")] },
        "discriminated",
        "type",
      ),
    );
    fits(nested, { value: { type: "a", kind: "k", n: 1, tail: "t" } });
    misfits(nested, { value: { kind: "k", type: "a", n: 1, tail: "t" } });
    misfits(nested, { value: { type: "a", kind: "k", tail: "t", n: 1 } });
    misfits(nested, { value: { type: "a", kind: "k", n: 1 } });
    // As above, a case child named like the discriminator must not stand in for it.
    const shadowed = one(
      choice(
        "c",
        { a: [str("type"), choice("kind", { k: [int("n")] }, "sibling")] },
        "discriminated",
        "type",
      ),
    );
    misfits(shadowed, { value: { x: "1", type: "a", kind: "k", n: 1 } });
  });

  it("a sibling choice: unknown case, another spelling, a case key before the choice, a missing required choice", () => {
    misfits(SIBLING_MOVE, { action: "dance" });
    misfits(SIBLING_MOVE, { action: "FIGHT", weapon: "sword" });
    misfits(SIBLING_MOVE, { weapon: "sword", action: "fight" });
    misfits(SIBLING_MOVE, { action: "fight", direction: "north" });
    misfits(SIBLING_MOVE, {});
  });
});

describe("fitsExactly: conservative where it does not model the conformer", () => {
  it("a free-form object that is not a plain one (a handler's map or date, carried into a reask round)", () => {
    // The conformer keeps it, but the schema (a record) refuses it: it must be read again.
    for (const value of [new Map([["a", 1]]), new Date(0), new (class Meta {})()]) {
      expect(fitsExactly({ value }, one(FREE_OBJECT))).toBe(false);
    }
  });

  it("date and time fields, even in ISO form", () => {
    for (const field of [date("d"), scalar("time"), scalar("date-time")]) {
      expect(fitsExactly({ value: "2024-01-02" }, one(field))).toBe(false);
    }
  });

  it("keys named __proto__, declared or not", () => {
    const value = JSON.parse('{"__proto__": "x"}');
    expect(fitsExactly(value, obj([str("__proto__")]))).toBe(false);
    const tagged = JSON.parse('{"__proto__": "a"}');
    expect(fitsExactly(tagged, choice("c", { a: [] }, "discriminated", "__proto__"))).toBe(false);
    expect(fitsExactly(tagged, obj([choice("__proto__", { a: [] }, "sibling")]))).toBe(false);
    misfits(obj([optional(str("a"))]), value);
  });

  it("an optional key missing where another declared key normalises like it", () => {
    // The conformer would take `firstName` for the missing `first_name`.
    const root = obj([optional(str("first_name")), optional(str("firstName"))]);
    misfits(root, { firstName: "Ada" });
    // Present, each is taken exactly.
    fits(root, { first_name: "Ada", firstName: "Ada" });
  });

  it("integer-like keys the spec lists after others, though every object lists them first", () => {
    expect(fitsExactly({ b: "z", 1: "x" }, obj([str("b"), str("1")]))).toBe(false);
  });

  it("objects not made by JSON.parse", () => {
    const bare = Object.assign(Object.create(null), { a: "x" });
    expect(fitsExactly(bare, obj([str("a")]))).toBe(false);
    expect(fitsExactly(new Date(0), obj([str("a")]))).toBe(false);
  });

  it("any value while Object.prototype has an enumerable key", () => {
    // `for…in` would list the inherited `a`, which the conformer (reading own keys) misses.
    const proto = Object.prototype as Record<string, unknown>;
    proto.a = "x";
    try {
      expect(fitsExactly({}, obj([str("a")]))).toBe(false);
      expect(fitsExactly({ a: "x" }, obj([str("a")]))).toBe(false);
    } finally {
      delete proto.a;
    }
    expect(fitsExactly({ a: "x" }, obj([str("a")]))).toBe(true);
  });

  it("the same spec object twice gives the same answers (the compiled check is cached)", () => {
    const value = { items: [item] };
    expect(fitsExactly(value, ITEMS)).toBe(true);
    expect(fitsExactly({ items: [{ ...item, id: 1.5 }] }, ITEMS)).toBe(false);
    expect(fitsExactly(value, ITEMS)).toBe(true);
  });
});
