import { describe, expect, expectTypeOf, it } from "vitest";
import { z } from "zod";
import { fail, pass } from "../../src/contract/types.js";
import { Guard, GuardConfigError } from "../../src/guard/index.js";
import { scriptedLLM, testRegistry } from "./support.js";

const registry = testRegistry();

const Pet = z.object({
  name: z.string().describe("The pet's name"),
  age: z.number().int(),
  weight: z.number().optional(),
  vaccinated: z.boolean(),
  kind: z.enum(["cat", "dog"]),
  email: z.email().optional(),
  tags: z.array(z.string()),
  owner: z.object({ city: z.string() }),
  action: z.discriminatedUnion("type", [
    z.object({ type: z.literal("sleep"), hours: z.number() }),
    z.object({ type: z.literal("play"), toy: z.string() }),
  ]),
});

const good = {
  name: "Rex",
  age: 3,
  vaccinated: true,
  kind: "dog",
  tags: ["a"],
  owner: { city: "oslo" },
  action: { type: "play", toy: "ball" },
};

describe("Guard.fromZod", () => {
  it("builds the spec from the schema, infers the output type, and coerces per kind", async () => {
    const guard = Guard.fromZod(Pet, {
      prompt: `Describe \${pet}.\n\${gr.complete_json_suffix_v2}`,
      registry,
    });
    expectTypeOf(guard).toEqualTypeOf<Guard<z.infer<typeof Pet>>>();
    const root = guard.compiled.spec.output.root;
    expect(root.kind).toBe("object");
    const kinds =
      root.kind === "object" ? root.children.map((c) => [c.name, c.kind, c.required]) : [];
    expect(kinds).toEqual([
      ["name", "string", true],
      ["age", "integer", true],
      ["weight", "float", false],
      ["vaccinated", "bool", true],
      ["kind", "enum", true],
      ["email", "email", false],
      ["tags", "list", true],
      ["owner", "object", true],
      ["action", "choice", true],
    ]);
    expect(guard.compiled.outputSchema).toContain("The pet's name");
    const outcome = await guard.parse(JSON.stringify({ ...good, age: "3", vaccinated: "true" }));
    expect(outcome.validatedOutput).toEqual(good);
    const model = scriptedLLM([JSON.stringify(good)]);
    const called = await guard.call(model.llm, { promptParams: { pet: "my dog" } });
    expect(model.prompts[0]).toContain("Describe my dog.");
    expect(called.unwrap().owner.city).toBe("oslo");
  });

  it("attaches validators by path, lists and choice cases included", async () => {
    const guard = Guard.fromZod(Pet, {
      registry,
      validators: {
        "$.name": [{ name: "lower-case", onFail: "fix" }],
        "$.tags.*": [{ name: "no-digits", onFail: "filter" }],
        "$.tags": [{ name: "max-length", args: [1], onFail: "fix" }],
        "$.action.toy": [{ name: "lower-case", onFail: "fix" }],
      },
    });
    const outcome = await guard.parse(
      JSON.stringify({ ...good, tags: ["x1", "b", "c"], action: { type: "play", toy: "BALL" } }),
    );
    expect(outcome.validatedOutput).toEqual({
      ...good,
      name: "rex",
      tags: ["b"],
      action: { type: "play", toy: "ball" },
    });
  });

  it("takes inline validator definitions, registered for this guard only", async () => {
    const notRex = {
      name: "not-rex",
      types: ["string"] as const,
      validate: (value: unknown) => (value === "Rex" ? fail("no Rex, please", "Max") : pass()),
    };
    const guard = Guard.fromZod(z.object({ name: z.string() }), {
      registry,
      validators: { "$.name": [{ validator: notRex, onFail: "fix" }] },
    });
    expect((await guard.parse('{"name": "Rex"}')).validatedOutput).toEqual({ name: "Max" });
    expect(registry.has("not-rex")).toBe(false);
  });

  it("accepts null for a nullable field and a missing key for an optional one", async () => {
    const guard = Guard.fromZod(
      z.object({ nick: z.string().nullable(), age: z.number().optional(), name: z.string() }),
      { registry },
    );
    const outcome = await guard.parse('{"nick": null, "name": "Rex"}');
    expect(outcome.error).toBeUndefined();
    expect(outcome.validatedOutput).toEqual({ nick: null, name: "Rex" });
    const missing = await guard.parse('{"nick": "R"}');
    expect(missing.error?.message).toContain('missing the required key "name"');
  });

  it("supports array and string roots", async () => {
    const list = Guard.fromZod(z.array(z.number().int()), { registry });
    expect((await list.parse("[1, 2]")).validatedOutput).toEqual([1, 2]);
    const text = Guard.fromZod(z.string().describe("A haiku"), {
      registry,
      validators: { $: [{ name: "lower-case", onFail: "fix" }] },
    });
    expect((await text.parse("Old Pond")).validatedOutput).toBe("old pond");
  });

  it("rejects unknown paths, unknown validators and unsupported zod types with a typed error", () => {
    const schema = z.object({ name: z.string() });
    expect(() =>
      Guard.fromZod(schema, {
        registry,
        validators: { "$.nope": [{ name: "lower-case", onFail: "fix" }] },
      }),
    ).toThrow(/no field at \$\.nope; the fields are \$, \$\.name/);
    expect(() =>
      Guard.fromZod(schema, {
        registry,
        validators: { "$.name": [{ name: "unheard-of", onFail: "fix" }] },
      }),
    ).toThrow();
    expect(() => Guard.fromZod(z.object({ when: z.date() }), { registry })).toThrow(
      GuardConfigError,
    );
    expect(() => Guard.fromZod(z.object({ when: z.date() }), { registry })).toThrow(
      /\$\.when is a zod "date"/,
    );
    // Named as the validator paths name it, so the message points where `validators` would.
    expect(() => Guard.fromZod(z.object({ "due date": z.date() }), { registry })).toThrow(
      'Guard.fromZod: $["due date"] is a zod "date"',
    );
    const notZod = { shape: { name: "string" } } as unknown as z.ZodObject;
    expect(() => Guard.fromZod(notZod, { registry })).toThrow(
      new GuardConfigError(
        "Guard.fromZod: $ is not a zod schema (zod 3 or zod 4); for another Standard Schema, use Guard.fromSchema.",
      ),
    );
  });
});

describe("a list's items that zod wraps", () => {
  // JSON cannot hold `undefined` in a list: an item `.optional()` or `.default()` lets through
  // is never in an answer, so only `.nullable()` (or `.nullish()`) lets an item be null, in the
  // schemas shown to the model as in the guard (optional-items.test.ts for RAIL).
  const itemsOf = (schema: unknown) =>
    (schema as { properties: { xs: { items: unknown } } }).properties.xs.items;

  it("shows the model null items only where zod takes them", async () => {
    for (const item of [z.string().optional(), z.string().default("x")]) {
      const guard = Guard.fromZod(z.object({ xs: z.array(item) }));
      expect(itemsOf(guard.compiled.jsonSchema)).toEqual({ type: "string" });
      expect(itemsOf(guard.compiled.openAISchema)).toEqual({ type: "string" });
      expect((await guard.parse('{"xs": ["a", null]}')).validationPassed).toBe(false);
    }
    for (const item of [z.string().nullable(), z.string().nullish()]) {
      const guard = Guard.fromZod(z.object({ xs: z.array(item) }));
      const nullable = { anyOf: [{ type: "string" }, { type: "null" }] };
      expect(itemsOf(guard.compiled.jsonSchema)).toEqual(nullable);
      expect(itemsOf(guard.compiled.openAISchema)).toEqual(nullable);
      const outcome = await guard.parse('{"xs": ["a", null]}');
      expect(outcome).toMatchObject({
        validationPassed: true,
        validatedOutput: { xs: ["a", null] },
      });
    }
  });
});

describe("a discriminated union whose option takes several values", () => {
  // zod lets one option answer to several values of its key (`z.enum`, or a literal of several);
  // each value is a case of its own, with that option's keys.
  const schema = z.object({
    pet: z.discriminatedUnion("type", [
      z.object({ type: z.enum(["cat", "dog"]), name: z.string().min(2) }),
      z.object({ type: z.literal(["fish", "eel"]), fins: z.number() }),
    ]),
  });

  it("passes an answer for every value, not only the first", async () => {
    const guard = Guard.fromZod(schema);
    for (const pet of [
      { type: "cat", name: "Tom" },
      { type: "dog", name: "Rex" },
      { type: "fish", fins: 2 },
      { type: "eel", fins: 0 },
    ]) {
      const outcome = await guard.parse(JSON.stringify({ pet }));
      expect(outcome.failures).toEqual([]);
      expect(outcome).toMatchObject({ validationPassed: true, validatedOutput: { pet } });
    }
    const wrong = await guard.parse('{"pet": {"type": "dog", "fins": 2}}');
    expect(wrong.validationPassed).toBe(false);
    // The option's own checks hold for each of its values.
    for (const type of ["cat", "dog"]) {
      const short = await guard.parse(JSON.stringify({ pet: { type, name: "R" } }));
      expect(short.validationPassed).toBe(false);
      expect(short.failures.map(({ path }) => path)).toEqual(["$.pet.name"]);
    }
  });
});
