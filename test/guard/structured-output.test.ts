import { describe, expect, it } from "vitest";
import { Guard } from "../../src/guard/index.js";
import { rail, scriptedLLM, testRegistry } from "./support.js";

// Which schema a guard offers adapters as `request.jsonSchema`, and whether it is strict-safe.
const registry = testRegistry();
const params = { promptParams: { document: "d" } };

const LIST_OUTPUT = `<rail version="0.1">
<output type="list" name="pets">
  <object><string name="name" format="lower-case" on-fail-lower-case="fix"/><integer name="age"/></object>
</output>
<prompt>List the pets in \${document}.</prompt>
</rail>`;

describe("the schema sent for structured output", () => {
  it("is OpenAI's strict form when the spec fits it: optional keys come back null, unvalidated", async () => {
    const guard = Guard.fromRailString(
      rail(`<string name="name"/>
<string name="nickname" required="false" format="two-words" on-fail-two-words="exception"/>`),
      { registry },
    );
    // What a strict-mode model writes for an optional key it has nothing for.
    const model = scriptedLLM(['{"name": "Rex", "nickname": null}']);
    const outcome = await guard.call(model.llm, params);

    const [request] = model.requests;
    expect(guard.compiled.openAISchema).toBeDefined();
    expect(request?.jsonSchema).toEqual(guard.compiled.openAISchema);
    expect(request?.jsonSchema).not.toEqual(guard.compiled.jsonSchema);
    expect(request?.jsonSchemaStrict).toBe(true);
    expect(outcome.error).toBeUndefined();
    expect(outcome.validationPassed).toBe(true);
    expect(outcome.validatedOutput).toEqual({ name: "Rex", nickname: null });
    expect(outcome.call.iterations[0]?.validatorLogs).toEqual([]);
  });

  it("still validates an optional key that has a value", async () => {
    const guard = Guard.fromRailString(
      rail(
        `<string name="nickname" required="false" format="two-words" on-fail-two-words="noop"/>`,
      ),
      { registry },
    );
    const outcome = await guard.parse('{"nickname": "Rex"}');
    expect(outcome.validationPassed).toBe(false);
    expect(outcome.failures.map((failure) => failure.path)).toEqual(["$.nickname"]);
  });

  it("is the full JSON Schema, marked not strict, when strict mode cannot express the spec", async () => {
    // A free-form object has no place in OpenAI's strict subset.
    const guard = Guard.fromRailString(rail(`<string name="name"/><object name="extra"/>`), {
      registry,
    });
    const model = scriptedLLM(['{"name": "Rex", "extra": {"any": 1}}']);
    await guard.call(model.llm, params);
    expect(guard.compiled.openAISchema).toBeUndefined();
    expect(model.requests[0]?.jsonSchema).toEqual(guard.compiled.jsonSchema);
    expect(model.requests[0]?.jsonSchemaStrict).toBe(false);
  });

  it("wraps a list output as { items: [...] }, and reads the wrapped answer back as the list", async () => {
    const guard = Guard.fromRailString(LIST_OUTPUT, { registry });
    const model = scriptedLLM([
      '{"items": [{"name": "Rex", "age": 3}, {"name": "tom", "age": 1}]}',
    ]);
    const outcome = await guard.call(model.llm, params);

    expect(model.requests[0]?.jsonSchema).toEqual({
      type: "object",
      properties: {
        items: {
          type: "array",
          items: {
            type: "object",
            properties: { name: { type: "string" }, age: { type: "integer" } },
            required: ["name", "age"],
            additionalProperties: false,
          },
        },
      },
      required: ["items"],
      additionalProperties: false,
    });
    expect(model.requests[0]?.jsonSchemaStrict).toBe(true);
    expect(outcome.validatedOutput).toEqual([
      { name: "rex", age: 3 },
      { name: "tom", age: 1 },
    ]);
    expect(outcome.validationPassed).toBe(true);
    expect(outcome.call.iterations[0]?.repairs.map((repair) => repair.kind)).toContain(
      "unwrap-object",
    );
  });

  it("wraps the full schema of a list output that strict mode cannot express", async () => {
    const guard = Guard.fromRailString(
      `<rail version="0.1"><output type="list" name="things"><object/></output>
<prompt>Things.</prompt></rail>`,
      { registry },
    );
    const model = scriptedLLM(['{"items": [{"a": 1}]}']);
    const outcome = await guard.call(model.llm);
    const { $schema, ...list } = guard.compiled.jsonSchema;
    expect(model.requests[0]?.jsonSchema).toEqual({
      $schema,
      type: "object",
      properties: { items: list },
      required: ["items"],
      additionalProperties: false,
    });
    expect(model.requests[0]?.jsonSchemaStrict).toBe(false);
    expect(outcome.validatedOutput).toEqual([{ a: 1 }]);
  });

  it("is not sent for a string output", async () => {
    const guard = Guard.fromRailString(
      `<rail version="0.1"><output type="string" name="pet"/><prompt>Name a pet.</prompt></rail>`,
      { registry },
    );
    const model = scriptedLLM(["Rex"]);
    await guard.call(model.llm);
    expect(model.requests[0]).not.toHaveProperty("jsonSchema");
    expect(model.requests[0]).not.toHaveProperty("jsonSchemaStrict");
  });
});
