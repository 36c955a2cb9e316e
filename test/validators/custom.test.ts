import { describe, expect, it } from "vitest";
import { z } from "zod";
import {
  customValidators,
  registerFieldFunction,
  registerModel,
  validatorFromFunction,
} from "../../src/validators/custom.js";
import type { ValidatorContext, ValidatorDefinition } from "../../src/validators/types.js";
import { fail } from "../../src/validators/types.js";

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
