import { describe, expect, it } from "vitest";
import { Guard } from "../../src/guard/index.js";

/**
 * `required="false"` on a list's item lets an item be null, as it lets a key be null: the
 * conformer always read it so, and the compiled schemas now say the same. Before, the answer
 * `["a", null]` was accepted as parsed, then failed the guard's own zod schema.
 */
describe("a list of optional items", () => {
  const spec = (item: string) =>
    `<rail version="0.1"><output><list name="xs">${item}</list></output></rail>`;

  it("passes a null item, in the outcome and in every compiled schema", async () => {
    const guard = Guard.fromRailString(spec(`<string required="false"/>`));
    const outcome = await guard.parse('{"xs": ["a", null]}');
    expect(outcome.failures).toEqual([]);
    expect(outcome).toMatchObject({ validationPassed: true, validatedOutput: { xs: ["a", null] } });
    expect(guard.compiled.zodSchema.safeParse({ xs: ["a", null] }).success).toBe(true);
    const nullable = { anyOf: [{ type: "string" }, { type: "null" }] };
    expect(guard.compiled.jsonSchema).toMatchObject({ properties: { xs: { items: nullable } } });
    expect(guard.compiled.openAISchema).toMatchObject({ properties: { xs: { items: nullable } } });
  });

  it("passes a null object item, and fails a null item that is required", async () => {
    const objects = Guard.fromRailString(
      spec(`<object required="false"><string name="a"/></object>`),
    );
    expect((await objects.parse('{"xs": [{"a": "b"}, null]}')).validationPassed).toBe(true);
    const required = Guard.fromRailString(spec(`<string/>`));
    const outcome = await required.parse('{"xs": ["a", null]}');
    expect(outcome.validationPassed).toBe(false);
    expect(required.compiled.zodSchema.safeParse({ xs: ["a", null] }).success).toBe(false);
  });
});
