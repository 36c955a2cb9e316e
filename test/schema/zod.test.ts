import { describe, expect, it } from "vitest";
import { zodSchemaFor } from "../../src/schema/zod.js";
import { choice, choiceCase, list, object, scalar } from "./helpers.js";

const accepts = (schema: ReturnType<typeof zodSchemaFor>, value: unknown): unknown => {
  const result = schema.safeParse(value);
  expect(result.success, JSON.stringify(result.error?.issues)).toBe(true);
  return result.data;
};
const rejects = (schema: ReturnType<typeof zodSchemaFor>, value: unknown): string => {
  const result = schema.safeParse(value);
  expect(result.success).toBe(false);
  return result.error?.issues.map((issue) => issue.message).join("; ") ?? "";
};

describe("zod scalars", () => {
  it.each(["string", "email", "url", "sql", "pythoncode", "percentage"] as const)(
    "%s is a string, numbers and booleans written as text",
    (kind) => {
      const schema = zodSchemaFor(scalar(kind));
      expect(accepts(schema, "20%")).toBe("20%");
      expect(accepts(schema, 5)).toBe("5");
      expect(accepts(schema, true)).toBe("true");
      rejects(schema, ["a"]);
      rejects(schema, { a: 1 });
    },
  );

  it("integer accepts integers and integer text", () => {
    const schema = zodSchemaFor(scalar("integer"));
    expect(accepts(schema, 3)).toBe(3);
    expect(accepts(schema, " -12 ")).toBe(-12);
    rejects(schema, 3.5);
    rejects(schema, "3.5");
    rejects(schema, "three");
  });

  it("float accepts numbers and numeric text", () => {
    const schema = zodSchemaFor(scalar("float"));
    expect(accepts(schema, 2)).toBe(2);
    expect(accepts(schema, "3.25")).toBe(3.25);
    expect(accepts(schema, "-1e3")).toBe(-1000);
    rejects(schema, "1,5");
    rejects(schema, null);
  });

  it("bool accepts booleans and true/false text in any case", () => {
    const schema = zodSchemaFor(scalar("bool"));
    expect(accepts(schema, false)).toBe(false);
    expect(accepts(schema, "TRUE")).toBe(true);
    expect(accepts(schema, " False ")).toBe(false);
    rejects(schema, "yes");
    rejects(schema, 1);
  });

  it("dates, times and date-times become ISO text, honouring the spec's format", () => {
    expect(accepts(zodSchemaFor(scalar("date")), "March 4, 2024")).toBe("2024-03-04");
    expect(accepts(zodSchemaFor(scalar("date", "d", { format: "%d.%m.%Y" })), "04.03.2024")).toBe(
      "2024-03-04",
    );
    expect(accepts(zodSchemaFor(scalar("time", "t", { format: "%Hh%M" })), "09h30")).toBe(
      "09:30:00",
    );
    expect(accepts(zodSchemaFor(scalar("date-time")), "2024-03-04T09:30:00Z")).toBe(
      "2024-03-04T09:30:00Z",
    );
    expect(
      rejects(zodSchemaFor(scalar("date", "d", { format: "%d.%m.%Y" })), "2024/03/04"),
    ).toContain('Expected a date as %d.%m.%Y, got "2024/03/04"');
    rejects(zodSchemaFor(scalar("time")), 930);
  });

  it("enum accepts only its values", () => {
    const schema = zodSchemaFor(scalar("enum", "c", { values: ["red", "green"] }));
    expect(accepts(schema, "green")).toBe("green");
    rejects(schema, "blue");
    rejects(zodSchemaFor(scalar("enum", "c", { values: [] })), "anything");
  });

  it("carries descriptions", () => {
    expect(zodSchemaFor(scalar("string", "a", { description: "The A" })).description).toBe("The A");
  });
});

describe("zod containers", () => {
  it("object: required and optional keys, undeclared keys dropped", () => {
    const schema = zodSchemaFor(
      object(undefined, [scalar("string", "a"), scalar("integer", "b", { required: false })]),
    );
    expect(accepts(schema, { a: "x", b: "2", extra: 1 })).toEqual({ a: "x", b: 2 });
    expect(accepts(schema, { a: "x" })).toEqual({ a: "x" });
    expect(accepts(schema, { a: "x", b: null })).toEqual({ a: "x", b: null });
    rejects(schema, { b: 1 });
    rejects(schema, ["a"]);
  });

  it("object without children is free-form", () => {
    const schema = zodSchemaFor(object("free", []));
    expect(accepts(schema, { anything: [1, { x: 2 }] })).toEqual({ anything: [1, { x: 2 }] });
    rejects(schema, "text");
  });

  it("list: items coerced, free-form without a child", () => {
    expect(accepts(zodSchemaFor(list("n", scalar("integer"))), ["1", 2])).toEqual([1, 2]);
    rejects(zodSchemaFor(list("n", scalar("integer"))), ["x"]);
    expect(accepts(zodSchemaFor(list("any")), [1, "a", null])).toEqual([1, "a", null]);
    rejects(zodSchemaFor(list("any")), { a: 1 });
  });

  it("discriminated choice: the discriminator picks the case", () => {
    const schema = zodSchemaFor(
      choice(
        "decision",
        [
          choiceCase("answer", [scalar("string", "text")]),
          choiceCase("refuse", [
            scalar("string", "reason", { required: false }),
            scalar("integer", "code"),
          ]),
        ],
        { discriminator: "kind" },
      ),
    );
    expect(accepts(schema, { kind: "answer", text: "hi" })).toEqual({ kind: "answer", text: "hi" });
    expect(accepts(schema, { kind: "refuse", code: "4" })).toEqual({ kind: "refuse", code: 4 });
    rejects(schema, { kind: "answer", code: 4 });
    rejects(schema, { kind: "other", text: "hi" });
    rejects(schema, { text: "hi" });
  });

  it("0.1-style choice: the choice key selects which case's keys sit beside it", () => {
    const schema = zodSchemaFor(
      object(undefined, [
        scalar("string", "name"),
        choice(
          "action",
          [
            choiceCase("fight", [scalar("string", "fight_move")]),
            choiceCase("flight", [scalar("integer", "flight_speed")]),
          ],
          { style: "sibling" },
        ),
      ]),
    );
    expect(
      accepts(schema, { name: "n", action: "flight", flight_speed: "3", fight_move: "x" }),
    ).toEqual({
      name: "n",
      action: "flight",
      flight_speed: 3,
    });
    expect(accepts(schema, { name: "n", action: "fight", fight_move: "kick" })).toEqual({
      name: "n",
      action: "fight",
      fight_move: "kick",
    });
    rejects(schema, { name: "n", action: "fight", flight_speed: 3 });
    rejects(schema, { name: "n", action: "run" });
  });

  it("several 0.1-style choices in one object allow every combination", () => {
    const schema = zodSchemaFor(
      object(undefined, [
        choice(
          "a",
          [choiceCase("x", [scalar("string", "ax")]), choiceCase("y", [scalar("string", "ay")])],
          {
            style: "sibling",
          },
        ),
        choice(
          "b",
          [choiceCase("x", [scalar("string", "bx")]), choiceCase("y", [scalar("string", "by")])],
          {
            style: "sibling",
          },
        ),
      ]),
    );
    expect(accepts(schema, { a: "y", ay: "1", b: "x", bx: "2" })).toEqual({
      a: "y",
      ay: "1",
      b: "x",
      bx: "2",
    });
    rejects(schema, { a: "y", ay: "1", b: "x" });
  });
});
