import OpenAI from "openai";
import { describe, expect, expectTypeOf, it } from "vitest";
import { z } from "zod";
import { z as z3 } from "zod/v3";
import { Guard, GuardConfigError } from "../../src/guard/index.js";
import { openAIChat } from "../../src/llm/openai.js";
import { startOpenAIServer } from "../support/openai-server.js";
import { scriptedLLM, testRegistry } from "./support.js";

const registry = testRegistry();

/** The outcome's failures as `path validator: message`, for compact assertions. */
const listed = (outcome: { failures: { path: string; validator: string; message: string }[] }) =>
  outcome.failures.map((failure) => `${failure.path} ${failure.validator}: ${failure.message}`);

// One schema per zod check kind, each with an output that breaks it and one that keeps it.
const CASES: [string, z.ZodType, unknown, unknown, RegExp][] = [
  ["min", z.object({ name: z.string().min(3) }), { name: "Al" }, { name: "Ann" }, />=3 char/],
  ["max", z.object({ name: z.string().max(3) }), { name: "Anna" }, { name: "Ann" }, /<=3 char/],
  ["length", z.object({ code: z.string().length(2) }), { code: "ABC" }, { code: "AB" }, /2 char/],
  ["email", z.object({ to: z.string().email() }), { to: "ann" }, { to: "a@b.io" }, /email/],
  ["url", z.object({ home: z.string().url() }), { home: "nope" }, { home: "https://a.io" }, /URL/],
  ["regex", z.object({ id: z.string().regex(/^A\d+$/) }), { id: "B1" }, { id: "A1" }, /pattern/],
  ["positive", z.object({ n: z.number().positive() }), { n: -2 }, { n: 2 }, />0/],
  ["int", z.object({ n: z.number().int().max(10) }), { n: 12 }, { n: 10 }, /<=10/],
  [
    "refine",
    z.object({ name: z.string().refine((v) => v.includes(" "), "give the full name") }),
    { name: "Ann" },
    { name: "Ann Lee" },
    /give the full name/,
  ],
  [
    "check",
    z.object({
      name: z.string().check((ctx) => {
        if (ctx.value !== ctx.value.trim()) {
          ctx.issues.push({ code: "custom", message: "no outer spaces", input: ctx.value });
        }
      }),
    }),
    { name: " Ann" },
    { name: "Ann" },
    /no outer spaces/,
  ],
  [
    "array min",
    z.object({ tags: z.array(z.string()).min(2) }),
    { tags: ["a"] },
    { tags: ["a", "b"] },
    />=2 items/,
  ],
];

describe("Guard.fromZod runs zod's own checks", () => {
  for (const [kind, schema, bad, good, message] of CASES) {
    it(`fails on a broken .${kind} check at its path, and passes what zod accepts`, async () => {
      const guard = Guard.fromZod(schema, { registry });
      const failed = await guard.parse(JSON.stringify(bad));
      expect(failed.validationPassed).toBe(false);
      const [key] = Object.keys(bad as object);
      expect(failed.failures).toHaveLength(1);
      expect(failed.failures[0]).toMatchObject({ path: `$.${key}`, validator: "schema" });
      expect(failed.failures[0]?.message).toMatch(message);
      // Logged like any validator: in the iteration's logs, with its on-fail action (reask).
      const logs = failed.call.iterations[0]?.validatorLogs ?? [];
      expect(logs).toContainEqual(
        expect.objectContaining({
          validator: "schema",
          path: `$.${key}`,
          outcome: "fail",
          onFail: "reask",
        }),
      );
      const passed = await guard.parse(JSON.stringify(good));
      expect(passed.failures).toEqual([]);
      expect(passed.validationPassed).toBe(true);
      expect(schema.parse(passed.validatedOutput)).toEqual(good);
    });
  }

  it("reports an object's refinement with the key it names, and re-checks after each answer", async () => {
    const Signup = z
      .object({ password: z.string().min(4), confirm: z.string() })
      .refine((v) => v.password === v.confirm, { message: "passwords differ", path: ["confirm"] });
    const guard = Guard.fromZod(Signup, { registry });
    const outcome = await guard.parse('{"password": "abcd", "confirm": "abce"}');
    expect(listed(outcome)).toEqual(["$ schema: $.confirm: passwords differ"]);
    const both = await guard.parse('{"password": "abc", "confirm": "abce"}');
    // The object's own failure asks for the whole object again, so it carries its keys' messages.
    expect(listed(both)).toEqual([
      "$ schema: $.password: Too small: expected string to have >=4 characters; $.confirm: passwords differ",
    ]);
    const onlyKey = await guard.parse('{"password": "abc", "confirm": "abc"}');
    expect(listed(onlyKey)).toEqual([
      "$.password schema: Too small: expected string to have >=4 characters",
    ]);
  });

  it("checks each case of a discriminated union with that case's schema", async () => {
    const Pick = z.object({
      pick: z.discriminatedUnion("type", [
        z.object({ type: z.literal("word"), x: z.string().min(3) }),
        z.object({ type: z.literal("count"), x: z.number().max(3) }),
      ]),
    });
    const guard = Guard.fromZod(Pick, { registry });
    expect(listed(await guard.parse('{"pick": {"type": "word", "x": "ab"}}'))).toEqual([
      "$.pick.x schema: Too small: expected string to have >=3 characters",
    ]);
    expect(listed(await guard.parse('{"pick": {"type": "count", "x": 5}}'))).toEqual([
      "$.pick.x schema: Too big: expected number to be <=3",
    ]);
    expect((await guard.parse('{"pick": {"type": "word", "x": "abc"}}')).validationPassed).toBe(
      true,
    );
  });

  it("reasks with zod's message and passes once the model's answer satisfies the schema", async () => {
    const guard = Guard.fromZod(z.object({ guest: z.string().min(5, "give the full name") }), {
      registry,
      prompt: "Who is the guest? ${text}",
    });
    const model = scriptedLLM(['{"guest": "Ann"}', '{"guest": "Ann Lee"}']);
    const outcome = await guard.call(model.llm, { promptParams: { text: "Ann Lee spoke." } });
    expect(model.prompts[1]).toContain("give the full name");
    expect(outcome.validationPassed).toBe(true);
    expect(outcome.validatedOutput).toEqual({ guest: "Ann Lee" });
  });

  it("awaits asynchronous refinements", async () => {
    const known = async (name: string) => name === "Ann Lee";
    const guard = Guard.fromZod(z.object({ guest: z.string().refine(known, "not on the list") }), {
      registry,
    });
    expect(listed(await guard.parse('{"guest": "Bob"}'))).toEqual([
      "$.guest schema: not on the list",
    ]);
    expect((await guard.parse('{"guest": "Ann Lee"}')).validationPassed).toBe(true);
  });

  it("takes another on-fail action for the schema's checks", async () => {
    const guard = Guard.fromZod(z.object({ n: z.number().max(3) }), {
      registry,
      schemaOnFail: "noop",
    });
    const outcome = await guard.parse('{"n": 5}');
    expect(outcome.failures).toEqual([
      expect.objectContaining({ path: "$.n", validator: "schema", reason: "noop" }),
    ]);
  });

  it("checks the whole value, items of lists and list bounds included", async () => {
    const schema = z.array(z.object({ n: z.number().int().min(1) })).max(2);
    const guard = Guard.fromZod(schema, { registry });
    const outcome = await guard.parse('[{"n": 0}, {"n": 1}, {"n": 2}]');
    // zod checks a list's bounds before its items: the items are checked once the length holds.
    expect(listed(outcome)).toEqual(["$ schema: Too big: expected array to have <=2 items"]);
    const itemOnly = await guard.parse('[{"n": 0}, {"n": 1}]');
    expect(listed(itemOnly)).toEqual(["$[0].n schema: Too small: expected number to be >=1"]);
  });
});

describe("zod 3 and other Standard Schemas", () => {
  it("accepts a zod 3 schema (zod/v3) with its checks, refinements and types", async () => {
    const Person = z3.object({
      name: z3.string().min(3).describe("Full name"),
      email: z3.string().email().optional(),
      age: z3.number().int().positive(),
      tags: z3.array(z3.string()).max(2),
      kind: z3.enum(["a", "b"]),
      city: z3.string().refine((v) => v === v.toUpperCase(), "upper case, please"),
    });
    const guard = Guard.fromZod(Person, { registry });
    expectTypeOf(guard).toEqualTypeOf<Guard<z3.infer<typeof Person>>>();
    const root = guard.compiled.spec.output.root;
    const kinds = root.kind === "object" ? root.children.map((c) => [c.name, c.kind]) : [];
    expect(kinds).toEqual([
      ["name", "string"],
      ["email", "email"],
      ["age", "integer"],
      ["tags", "list"],
      ["kind", "enum"],
      ["city", "string"],
    ]);
    expect(guard.compiled.outputSchema).toContain("Full name");
    const bad = { name: "Al", email: "x", age: -1, tags: ["a", "b", "c"], kind: "a", city: "oslo" };
    const failed = await guard.parse(JSON.stringify(bad));
    expect(failed.failures.map((f) => f.path)).toEqual([
      "$.name",
      "$.email",
      "$.age",
      "$.tags",
      "$.city",
    ]);
    expect(failed.failures.at(-1)?.message).toBe("upper case, please");
    const good = { name: "Ann", age: 3, tags: [], kind: "b", city: "OSLO" };
    const passed = await guard.parse(JSON.stringify(good));
    expect(passed.validationPassed).toBe(true);
    expect(Person.parse(passed.validatedOutput)).toEqual(good);
  });

  it("Guard.fromSchema takes a zod schema like fromZod", async () => {
    const guard = Guard.fromSchema(z.object({ n: z.number().min(2) }), { registry });
    expectTypeOf(guard).toEqualTypeOf<Guard<{ n: number }>>();
    expect(listed(await guard.parse('{"n": 1}'))).toEqual([
      "$.n schema: Too small: expected number to be >=2",
    ]);
  });

  // A Standard Schema written by hand, as any library may implement it: no zod inside.
  interface Guest {
    guest: string;
  }
  const guestSchema = {
    "~standard": {
      version: 1 as const,
      vendor: "hand-made",
      validate(value: unknown) {
        const guest = (value as { guest?: unknown } | null)?.guest;
        if (typeof guest !== "string") {
          return { issues: [{ message: "guest must be a string", path: ["guest"] }] };
        }
        if (guest.split(" ").length !== 2) {
          return { issues: [{ message: "first and last name", path: [{ key: "guest" }] }] };
        }
        return { value: value as Guest };
      },
      types: undefined as unknown as { input: Guest; output: Guest },
    },
  };

  it("Guard.fromSchema validates with any Standard Schema and maps issues by path", async () => {
    const guard = Guard.fromSchema(guestSchema, {
      registry,
      prompt: "Extract the guest from: ${text}",
      jsonSchema: {
        type: "object",
        properties: { guest: { type: "string", description: "first and last name" } },
        required: ["guest"],
      },
    });
    expectTypeOf(guard).toEqualTypeOf<Guard<Guest>>();
    const model = scriptedLLM(['{"guest": "Ann"}', '{"guest": "Ann Lee"}']);
    const outcome = await guard.call(model.llm, { promptParams: { text: "Ann Lee spoke." } });
    // The JSON Schema given describes the output in the prompt, with the format instructions.
    expect(model.prompts[0]).toContain('<string name="guest" description="first and last name"');
    expect(model.prompts[0]).toContain("Return ONLY a valid JSON object");
    expect(model.prompts[1]).toContain("first and last name");
    expect(outcome.validationPassed).toBe(true);
    expect(outcome.validatedOutput).toEqual({ guest: "Ann Lee" });
    // With the shape known, each issue is a failure on its own path, reasked there.
    const failed = await guard.parse('{"guest": "Ann"}');
    expect(listed(failed)).toEqual(["$.guest schema: first and last name"]);
    expect(failed.reask?.paths).toEqual(["$.guest"]);
    const nothing = await Guard.fromSchema(guestSchema, { registry }).parse('{"guest": 3}');
    expect(listed(nothing)).toEqual(["$ schema: $.guest: guest must be a string"]);
  });

  it("puts each issue of another Standard Schema on its field: list items, lists, the root", async () => {
    type Panel = { host: string; guests: string[] };
    const panel = {
      "~standard": {
        version: 1 as const,
        vendor: "hand-made",
        validate(value: unknown) {
          const { host, guests } = value as Partial<Panel>;
          if (!Array.isArray(guests)) return { issues: [{ message: "a list", path: ["guests"] }] };
          const issues = guests.flatMap((guest, index) =>
            String(guest).split(" ").length === 2
              ? []
              : [{ message: "first and last name", path: ["guests", index] }],
          );
          if (guests.length > 2) issues.push({ message: "at most two guests", path: ["guests"] });
          if (guests.includes(host as string))
            issues.push({ message: "the host is no guest", path: [] });
          return issues.length > 0 ? { issues } : { value: value as Panel };
        },
        types: undefined as unknown as { input: Panel; output: Panel },
      },
    };
    const jsonSchema = {
      type: "object",
      properties: {
        host: { type: "string" },
        guests: { type: "array", items: { type: "string" } },
      },
      required: ["host", "guests"],
    };
    const guard = Guard.fromSchema(panel, { registry, jsonSchema });
    const parse = async (value: Panel) => listed(await guard.parse(JSON.stringify(value)));
    expect(await parse({ host: "Zed Roe", guests: ["Ann Lee", "Bob"] })).toEqual([
      "$.guests[1] schema: first and last name",
    ]);
    expect(await parse({ host: "Zed Roe", guests: ["Ann Lee", "Bob Lee", "Cy Young"] })).toEqual([
      "$.guests schema: at most two guests",
    ]);
    expect(await parse({ host: "Ann Lee", guests: ["Ann Lee"] })).toEqual([
      "$ schema: the host is no guest",
    ]);
    expect(await parse({ host: "Zed Roe", guests: ["Ann Lee"] })).toEqual([]);
  });

  it("reads the JSON Schema a Standard Schema offers (Standard JSON Schema) when none is given", async () => {
    const offering = {
      "~standard": {
        ...guestSchema["~standard"],
        jsonSchema: {
          input: () => ({
            type: "object",
            properties: { guest: { type: "string", description: "first and last name" } },
            required: ["guest"],
          }),
        },
      },
    };
    const guard = Guard.fromSchema(offering, { registry, prompt: "Who? ${text}" });
    expect(guard.compiled.outputSchema).toContain(
      '<string name="guest" description="first and last name"/>',
    );
    // One it cannot describe leaves the output any JSON object, still judged by the schema.
    const opaque = {
      "~standard": { ...offering["~standard"], jsonSchema: { input: () => ({ anyOf: [] }) } },
    };
    const loose = Guard.fromSchema(opaque, { registry });
    expect(loose.compiled.spec.output.root).toMatchObject({ kind: "object", children: [] });
    expect(listed(await loose.parse('{"guest": "Ann"}'))).toEqual([
      "$ schema: $.guest: first and last name",
    ]);
  });

  it("fails, never crashes, when a schema throws", async () => {
    const throwing = {
      "~standard": {
        version: 1 as const,
        vendor: "broken",
        validate: () => {
          throw new Error("boom");
        },
      },
    };
    const outcome = await Guard.fromSchema(throwing, { registry }).parse("{}");
    expect(listed(outcome)).toEqual(["$ schema: the schema could not check the value: boom"]);
  });

  it("rejects what is no schema with a GuardConfigError", () => {
    expect(() => Guard.fromSchema({} as never)).toThrow(GuardConfigError);
    expect(() => Guard.fromSchema({} as never)).toThrow(/Standard Schema/);
  });
});

describe("option checks", () => {
  const schema = z.object({ name: z.string() });
  it("names a validator without onFail, a bad onFail, bad args and unknown options", () => {
    const bad = (options: unknown) => () =>
      Guard.fromZod(schema, { registry, ...(options as object) });
    expect(bad({ validators: { "$.name": [{ name: "lower-case" }] } })).toThrow(
      new GuardConfigError(
        'Guard.fromZod: validators["$.name"][0] (lower-case) needs onFail: one of reask, fix, filter, refrain, noop, exception, fix_reask.',
      ),
    );
    expect(bad({ validators: { "$.name": [{ name: "lower-case", onFail: "retry" }] } })).toThrow(
      /validators\["\$\.name"\]\[0\] \(lower-case\) has onFail "retry"; use one of reask/,
    );
    expect(bad({ validators: { "$.name": { name: "lower-case", onFail: "fix" } } })).toThrow(
      /validators\["\$\.name"\] must be a list of validators/,
    );
    expect(bad({ validators: { "$.name": [{ onFail: "fix" }] } })).toThrow(
      /validators\["\$\.name"\]\[0\] needs a `name` \(a registered alias\) or a `validator` definition/,
    );
    expect(
      bad({ validators: { "$.name": [{ name: "lower-case", onFail: "fix", args: 3 }] } }),
    ).toThrow(/validators\["\$\.name"\]\[0\] \(lower-case\): args must be a list or an object/);
    expect(bad({ prompt: 42 })).toThrow(/Guard.fromZod: prompt must be a string, got number 42/);
    expect(bad({ schemaOnFail: "never" })).toThrow(/schemaOnFail "never"; use one of reask/);
    expect(bad({ validator: {} })).toThrow(/unknown option "validator"/);
    expect(bad({ registry: {} })).toThrow(/registry must be a ValidatorRegistry/);
    expect(bad({ llm: "gpt-4o" })).toThrow(/llm must be a model: a function/);
    expect(bad({ fullSchemaReask: "yes" })).toThrow(/fullSchemaReask must be true or false/);
    expect(bad({ unknownTags: "warn" })).toThrow(/unknownTags must be "error" or "string"/);
    expect(bad({ numReasks: -1 })).toThrow(/numReasks must be a whole number/);
    expect(() =>
      Guard.fromSchema(schema, {
        validators: { "$.nope": [{ name: "lower-case", onFail: "fix" }] },
      }),
    ).toThrow(/^Guard.fromSchema: no field at \$\.nope/);
    expect(bad({ onFail: { schema: "reask" } })).toThrow(/onFail\.schema must be a function/);
    expect(() => Guard.fromZod(schema, null as never)).toThrow(/options must be an object/);
    expect(bad({ validators: [] })).toThrow(/validators must be an object of validator lists/);
  });
});

describe("format instructions", () => {
  it("are appended when the prompt says nothing of the output's format", async () => {
    const guard = Guard.fromZod(z.object({ guest: z.string().describe("The guest's name") }), {
      registry,
      prompt: "Extract the guest from: ${text}",
    });
    const model = scriptedLLM(['{"guest": "Ann Lee"}']);
    await guard.call(model.llm, { promptParams: { text: "Ann Lee spoke." } });
    expect(model.prompts[0]).toMatch(/^Extract the guest from: Ann Lee spoke\.\n\n/);
    expect(model.prompts[0]).toContain("The guest's name");
    expect(model.prompts[0]).toContain("Return ONLY a valid JSON object");
  });

  it("are not added twice when the prompt or instructions carry the schema", async () => {
    for (const options of [
      { prompt: "Extract: ${text}\n${gr.complete_json_suffix_v2}" },
      { prompt: "Extract: ${text}", instructions: "Answer as ${output_schema}" },
    ]) {
      const guard = Guard.fromZod(z.object({ guest: z.string() }), { registry, ...options });
      const model = scriptedLLM(['{"guest": "Ann Lee"}']);
      await guard.call(model.llm, { promptParams: { text: "x" } });
      const sent = `${model.requests[0]?.instructions ?? ""}${model.prompts[0]}`;
      expect(sent.split("<output>").length).toBe(2);
    }
  });

  it("show zod's constraints to the model", () => {
    const guard = Guard.fromZod(
      z.object({ guest: z.string().min(3).max(40), email: z.email(), n: z.int().positive() }),
      { registry, prompt: "x" },
    );
    const shown = guard.compiled.outputSchema;
    expect(shown).toContain('<string name="guest" format="schema: minLength=3 maxLength=40"/>');
    expect(shown).toContain('<email name="email"/>');
    expect(shown).toContain('<integer name="n" format="schema: exclusiveMinimum=0"/>');
  });
});

describe("over the real openai client", () => {
  it("sends the schema, reasks with zod's messages over HTTP, and passes the corrected answer", async () => {
    const server = await startOpenAIServer({
      replies: [
        { text: '{"guest": "Ann", "email": "ann"}' },
        { text: '{"guest": "Ann Lee", "email": "ann@lee.io"}' },
      ],
    });
    try {
      const client = new OpenAI({ apiKey: "test-key", baseURL: server.baseURL, maxRetries: 0 });
      const Guest = z.object({ guest: z.string().min(5, "give the full name"), email: z.email() });
      const guard = Guard.fromZod(Guest, { registry, prompt: "Who spoke? ${text}" });
      const llm = openAIChat(client, { model: "gpt-test" });
      const outcome = await guard.call(llm, { promptParams: { text: "Ann Lee (ann@lee.io)" } });
      const sent = server.requests.map(
        (request) => (request.body as { messages: { content: string }[] }).messages.at(-1)?.content,
      );
      expect(sent[0]).toContain('<string name="guest" format="schema: minLength=5"/>');
      expect(sent[1]).toContain("give the full name");
      expect(sent[1]).toContain("Invalid email address");
      expect(outcome.validationPassed).toBe(true);
      expect(Guest.parse(outcome.validatedOutput)).toEqual({
        guest: "Ann Lee",
        email: "ann@lee.io",
      });
    } finally {
      await server.close();
    }
  });
});

describe("the output type", () => {
  it("is the schema's input type: what the guard returns, defaults not filled in", async () => {
    const schema = z.object({ title: z.string(), lang: z.string().default("en") });
    const guard = Guard.fromZod(schema, { prompt: "Title?" });
    const outcome = await guard.parse('{"title": "Guardrails"}');
    expect(outcome.validationPassed).toBe(true);
    const output = outcome.unwrap();
    expectTypeOf(output).toEqualTypeOf<{ title: string; lang?: string | undefined }>();
    expect(output).toEqual({ title: "Guardrails" });
    expect(schema.parse(output)).toEqual({ title: "Guardrails", lang: "en" });
  });
});
