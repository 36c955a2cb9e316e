// biome-ignore-all lint/suspicious/noThenProperty: JSON Schema has a `then` keyword
import { describe, expect, it } from "vitest";
import { jsonSchemaFor } from "../../src/schema/json-schema.js";
import { openAIResponseFormat, openAIStrictSchema } from "../../src/schema/openai-schema.js";
import { choice, choiceCase, list, object, scalar } from "./helpers.js";

const DRAFT = "https://json-schema.org/draft/2020-12/schema";

describe("jsonSchemaFor", () => {
  it("maps every scalar kind", () => {
    const root = object(undefined, [
      scalar("string", "s", { description: "S" }),
      scalar("integer", "i"),
      scalar("float", "f"),
      scalar("bool", "b"),
      scalar("email", "e"),
      scalar("url", "u"),
      scalar("percentage", "p"),
      scalar("sql", "q"),
      scalar("pythoncode", "c"),
      scalar("date", "d"),
      scalar("date-time", "dt"),
      scalar("time", "t"),
      scalar("date", "custom", { format: "%d/%m/%Y", description: "When" }),
      scalar("enum", "en", { values: ["a", "b"] }),
    ]);
    const { properties } = jsonSchemaFor(root) as { properties: Record<string, unknown> };
    expect(properties).toEqual({
      s: { type: "string", description: "S" },
      i: { type: "integer" },
      f: { type: "number" },
      b: { type: "boolean" },
      e: { type: "string", format: "email" },
      u: { type: "string", format: "uri" },
      p: { type: "string", format: "percentage" },
      q: { type: "string" },
      c: { type: "string" },
      d: { type: "string", format: "date" },
      dt: { type: "string", format: "date-time" },
      t: { type: "string", pattern: "^([01]\\d|2[0-3]):[0-5]\\d:[0-5]\\d$" },
      custom: { type: "string", description: "When (strptime format: %d/%m/%Y)" },
      en: { type: "string", enum: ["a", "b"] },
    });
  });

  it("closes objects, lists required keys, and leaves free-form ones open", () => {
    const root = object(undefined, [
      scalar("string", "a"),
      scalar("string", "b", { required: false }),
      list("items", object(undefined, [scalar("integer", "n")])),
      list("anything"),
      object("free", [], { description: "Free" }),
    ]);
    expect(jsonSchemaFor(root)).toEqual({
      $schema: DRAFT,
      type: "object",
      properties: {
        a: { type: "string" },
        b: { type: "string" },
        items: {
          type: "array",
          items: {
            type: "object",
            properties: { n: { type: "integer" } },
            required: ["n"],
            additionalProperties: false,
          },
        },
        anything: { type: "array", items: {} },
        free: { type: "object", additionalProperties: true, description: "Free" },
      },
      required: ["a", "items", "anything", "free"],
      additionalProperties: false,
    });
  });

  it("renders a string output and a list output at the root", () => {
    expect(jsonSchemaFor(scalar("string", "summary", { description: "D" }))).toEqual({
      $schema: DRAFT,
      type: "string",
      description: "D",
    });
    expect(jsonSchemaFor(list(undefined, scalar("integer")))).toEqual({
      $schema: DRAFT,
      type: "array",
      items: { type: "integer" },
    });
  });

  it("renders a discriminated choice as a discriminator enum plus if/then blocks", () => {
    const root = choice(
      "decision",
      [
        choiceCase("answer", [scalar("string", "text")]),
        choiceCase("refuse", [scalar("string", "reason", { required: false })]),
      ],
      { discriminator: "kind" },
    );
    expect(jsonSchemaFor(object(undefined, [root])).properties).toEqual({
      decision: {
        type: "object",
        properties: { kind: { type: "string", enum: ["answer", "refuse"] } },
        required: ["kind"],
        allOf: [
          {
            if: { properties: { kind: { const: "answer" } }, required: ["kind"] },
            then: { properties: { text: { type: "string" } }, required: ["text"] },
          },
          {
            if: { properties: { kind: { const: "refuse" } }, required: ["kind"] },
            then: { properties: { reason: { type: "string" } }, required: [] },
          },
        ],
        unevaluatedProperties: false,
      },
    });
  });

  it("renders a 0.1-style choice as a selector key with conditional sibling keys", () => {
    const root = object(undefined, [
      scalar("string", "name"),
      choice("action", [choiceCase("fight", [scalar("string", "move")]), choiceCase("flee", [])], {
        style: "sibling",
        description: "Pick one",
      }),
    ]);
    expect(jsonSchemaFor(root)).toEqual({
      $schema: DRAFT,
      type: "object",
      properties: {
        name: { type: "string" },
        action: { type: "string", enum: ["fight", "flee"], description: "Pick one" },
      },
      required: ["name", "action"],
      allOf: [
        {
          if: { properties: { action: { const: "fight" } }, required: ["action"] },
          then: { properties: { move: { type: "string" } }, required: ["move"] },
        },
        {
          if: { properties: { action: { const: "flee" } }, required: ["action"] },
          then: { properties: {}, required: [] },
        },
      ],
      unevaluatedProperties: false,
    });
  });
});

describe("openAIStrictSchema", () => {
  it("requires every key, makes optional ones nullable and keeps only supported formats", () => {
    const root = object(undefined, [
      scalar("string", "a", { description: "A" }),
      scalar("url", "u", { required: false }),
      scalar("date", "d"),
      list("tags", scalar("email")),
    ]);
    expect(openAIStrictSchema(root)).toEqual({
      type: "object",
      properties: {
        a: { type: "string", description: "A" },
        u: { anyOf: [{ type: "string" }, { type: "null" }] },
        d: { type: "string", format: "date" },
        tags: { type: "array", items: { type: "string", format: "email" } },
      },
      required: ["a", "u", "d", "tags"],
      additionalProperties: false,
    });
  });

  it("renders a discriminated choice as anyOf of closed case objects", () => {
    const root = object(undefined, [
      choice("c", [choiceCase("x", [scalar("integer", "n")]), choiceCase("y", [])], {
        discriminator: "k",
      }),
    ]);
    expect(openAIStrictSchema(root)?.properties).toEqual({
      c: {
        anyOf: [
          {
            type: "object",
            properties: { k: { type: "string", enum: ["x"] }, n: { type: "integer" } },
            required: ["k", "n"],
            additionalProperties: false,
          },
          {
            type: "object",
            properties: { k: { type: "string", enum: ["y"] } },
            required: ["k"],
            additionalProperties: false,
          },
        ],
      },
    });
  });

  it("flattens a 0.1-style choice into its selector and nullable case keys", () => {
    const root = object(undefined, [
      choice("action", [choiceCase("fight", [scalar("string", "move")])], { style: "sibling" }),
    ]);
    expect(openAIStrictSchema(root)).toEqual({
      type: "object",
      properties: {
        action: { type: "string", enum: ["fight"] },
        move: { anyOf: [{ type: "string" }, { type: "null" }] },
      },
      required: ["action", "move"],
      additionalProperties: false,
    });
  });

  it("gives up where strict mode cannot express the output", () => {
    expect(openAIStrictSchema(object(undefined, [object("free", [])]))).toBeUndefined();
    expect(openAIStrictSchema(object(undefined, [list("any")]))).toBeUndefined();
    expect(openAIStrictSchema(list(undefined, scalar("string")))).toBeUndefined();
    expect(openAIStrictSchema(scalar("string"))).toBeUndefined();
    expect(openAIResponseFormat(scalar("string"))).toBeUndefined();
  });

  it("wraps the schema as a response_format", () => {
    const root = object(undefined, [scalar("bool", "ok")]);
    expect(openAIResponseFormat(root, "verdict")).toEqual({
      type: "json_schema",
      json_schema: { name: "verdict", schema: openAIStrictSchema(root), strict: true },
    });
  });
});
