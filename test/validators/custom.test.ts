import { describe, expect, it } from "vitest";
import { z } from "zod";
import type { ValidatorContext, ValidatorDefinition } from "../../src/contract/types.js";
import { fail } from "../../src/contract/types.js";
import {
  Guard,
  MissingMetadataError,
  pass,
  registerValidator,
  ValidatorArgumentError,
} from "../../src/index.js";
import {
  customValidators,
  registerFieldFunction,
  registerModel,
  validatorFromFunction,
} from "../../src/validators/custom.js";

const byName = (name: string) =>
  customValidators.find((definition) => definition.name === name) as ValidatorDefinition;

const ctx = (args: Record<string, unknown>, metadata: Record<string, unknown> = {}) =>
  ({
    args,
    metadata,
    path: "$.x",
    field: { kind: "string", required: true, validators: [] },
  }) as ValidatorContext;

describe("pydantic (zod models registered in code)", () => {
  registerModel("Guest", z.object({ name: z.string().min(3), episodes: z.coerce.number() }));
  const pydantic = byName("pydantic");

  it("passes and returns zod's parsed value", async () => {
    const verdict = await pydantic.validate(
      { name: "Shreya", episodes: "2" },
      ctx({ model: "Guest" }),
    );
    expect(verdict).toEqual({ outcome: "pass", value: { name: "Shreya", episodes: 2 } });
  });

  it("fails with every issue and its path", async () => {
    const verdict = await pydantic.validate({ name: "S" }, ctx({ model: "Guest" }));
    expect(verdict.outcome).toBe("fail");
    expect(verdict.outcome === "fail" && verdict.message).toMatch(
      /^does not match model Guest: \$\.name: .*; \$\.episodes: /,
    );
    expect(verdict).not.toHaveProperty("fixValue");
  });

  it("fails clearly when the model is not registered", async () => {
    const verdict = await pydantic.validate({}, ctx({ model: "Nope" }));
    expect(verdict).toEqual({
      outcome: "fail",
      message: 'no model named "Nope" is registered (use registerModel)',
    });
  });
});

describe("pydantic_field_validator (functions registered in code)", () => {
  const fieldValidator = byName("pydantic_field_validator");
  registerFieldFunction("is-vegan", (value) => !String(value).includes("bacon") || "has bacon");
  registerFieldFunction("throws", () => {
    throw new Error("boom");
  });
  registerFieldFunction("with-fix", (value) => fail("too loud", String(value).toLowerCase()));

  it.each([
    ["tofu", { outcome: "pass" }],
    ["bacon bits", { outcome: "fail", message: "has bacon" }],
  ])("%s", async (value, expected) => {
    expect(await fieldValidator.validate(value, ctx({ validator: "is-vegan" }))).toEqual(expected);
  });

  it("keeps the fix value of a returned verdict", async () => {
    expect(await fieldValidator.validate("LOUD", ctx({ validator: "with-fix" }))).toEqual({
      outcome: "fail",
      message: "too loud",
      fixValue: "loud",
    });
  });

  it("turns a throwing function into a failure", async () => {
    const verdict = await fieldValidator.validate("x", ctx({ validator: "throws" }));
    expect(verdict).toEqual({
      outcome: "fail",
      message: 'throws failed on string "x": Error: boom',
    });
  });

  it("fails clearly when the function is not registered", async () => {
    const verdict = await fieldValidator.validate("x", ctx({ validator: "nope" }));
    expect(verdict.outcome === "fail" && verdict.message).toContain('"nope" is registered');
  });
});

describe("validatorFromFunction", () => {
  it("maps booleans and messages to verdicts and passes metadata", async () => {
    const definition = validatorFromFunction("mentions-guest", (value, metadata) =>
      String(value).includes(String(metadata.guest)) ? true : `does not mention ${metadata.guest}`,
    );
    expect(definition.types).toBe("all");
    expect(await definition.validate("with Shreya", ctx({}, { guest: "Shreya" }))).toEqual({
      outcome: "pass",
    });
    expect(await definition.validate("with nobody", ctx({}, { guest: "Shreya" }))).toEqual({
      outcome: "fail",
      message: "does not mention Shreya",
    });
    const rejecting = validatorFromFunction("never", () => false);
    expect(await rejecting.validate(1, ctx({}))).toEqual({
      outcome: "fail",
      message: "never rejected the value",
    });
  });
});

describe("registerValidator, end to end from RAIL", () => {
  const seen: { path: string; metadata: unknown; field: string; args: unknown }[] = [];
  registerValidator<{ limit: number; ellipsis: string }>({
    name: "catalogue-max-words",
    types: ["string"],
    args: [
      { name: "limit", type: "integer" },
      { name: "ellipsis", type: "string", default: "…" },
    ],
    requiredMetadata: [{ oneOf: ["audience", "reader"] }],
    async validate(value, { args, path, metadata, field }) {
      seen.push({ path, metadata, field: field.kind, args });
      const words = String(value).split(/\s+/);
      if (words.length <= args.limit) return pass();
      return fail(
        `has ${words.length} words, more than ${args.limit}`,
        words.slice(0, args.limit).join(" ") + args.ellipsis,
      );
    },
    toPrompt: (args) => `at most ${args.limit} words`,
  });
  registerValidator({
    name: "catalogue-secret-check",
    types: "all",
    hidden: true,
    validate: (value) => (value === "leak" ? fail("leaks") : pass()),
  });

  const rail = (validators: string, action = "fix") => `<rail version="0.1">
<output>
  <string name="title" validators="${validators}" on-fail-catalogue-max-words="${action}"/>
</output>
<prompt>Title this. \${output_schema}</prompt>
</rail>`;

  it("runs with typed, defaulted arguments, the field path and the call's metadata", async () => {
    seen.length = 0;
    const guard = Guard.fromRailString(rail("catalogue-max-words: '3'"));
    const outcome = await guard.parse('{"title": "one two three four"}', {
      metadata: { reader: "kids" },
    });
    expect(outcome.validatedOutput).toEqual({ title: "one two three…" });
    expect(seen[0]).toEqual({
      path: "$.title",
      metadata: { reader: "kids" },
      field: "string",
      args: { limit: 3, ellipsis: "…" },
    });
  });

  it("shows the model its toPrompt text, and nothing of a hidden validator", () => {
    const guard = Guard.fromRailString(rail("catalogue-max-words: 3; catalogue-secret-check"));
    expect(guard.compiled.outputSchema).toContain('format="at most 3 words"');
    expect(guard.compiled.outputSchema).not.toContain("catalogue-secret-check");
  });

  it("runs a synchronous validator the same way", async () => {
    const rail = `<rail version="0.1"><output><string name="a" validators="catalogue-secret-check" on-fail-catalogue-secret-check="filter"/><string name="b"/></output></rail>`;
    const outcome = await Guard.fromRailString(rail).parse('{"a": "leak", "b": "ok"}');
    expect(outcome.validatedOutput).toEqual({ b: "ok" });
  });

  it.each([
    ["catalogue-max-words: three", 'argument "limit" must be an integer, got "three"'],
    ["catalogue-max-words", 'argument "limit" is required (integer)'],
    ["catalogue-max-words: 3 '…' 9", 'argument "#3 (9)" is one too many'],
    ["catalogue-max-words: size=3", 'argument "size" is unknown (allowed: limit, ellipsis)'],
  ])("rejects %s when the spec compiles, naming the site", (validators, reason) => {
    const error = (() => {
      try {
        Guard.fromRailString(rail(validators));
      } catch (thrown) {
        return thrown;
      }
    })();
    expect(error).toBeInstanceOf(ValidatorArgumentError);
    expect((error as Error).message).toContain('Validator "catalogue-max-words" on $.title');
    expect((error as Error).message).toContain(reason);
  });

  it("stops before the model when its required metadata is missing", async () => {
    const prompts: string[] = [];
    const guard = Guard.fromRailString(rail("catalogue-max-words: 3"));
    const outcome = await guard.call((prompt) => {
      prompts.push(prompt);
      return '{"title": "short"}';
    });
    expect(outcome.error).toBeInstanceOf(MissingMetadataError);
    expect(outcome.error?.message).toContain("needs metadata one of audience, reader");
    expect(prompts).toEqual([]);
  });
});
