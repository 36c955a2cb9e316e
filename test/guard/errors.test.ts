import { describe, expect, expectTypeOf, it } from "vitest";
import { Guard, GuardConfigError, MissingMetadataError } from "../../src/guard/index.js";
import { LLMCallError } from "../../src/llm/index.js";
import type { LLM } from "../../src/llm/types.js";
import { parseRail } from "../../src/rail/index.js";
import type { Field, RailSpec, ValidatorRef } from "../../src/rail/types.js";
import { ValidatorBindingError } from "../../src/schema/index.js";
import { rail, scriptedLLM, testRegistry } from "./support.js";

const registry = testRegistry();
const simple = rail(`<string name="city" format="in-source" on-fail-in-source="noop"/>`);

describe("errors stop the call and stay in the history", () => {
  it("a model that throws gives an LLMCallError on the outcome, never a throw", async () => {
    const guard = Guard.fromRailString(rail(`<string name="city"/>`), { registry });
    const model = scriptedLLM([new TypeError("socket closed")]);
    const outcome = await guard.call(model.llm, { promptParams: { document: "d" } });
    expect(outcome.error).toBeInstanceOf(LLMCallError);
    expect((outcome.error as LLMCallError).kind).toBe("threw");
    expect(outcome.error?.message).toContain("socket closed");
    expect(outcome.validatedOutput).toBeNull();
    expect(outcome.rawOutput).toBeNull();
    const call = guard.history.last;
    expect(call?.status).toBe("error");
    expect(call?.error).toBe(outcome.error);
    expect(call?.iterations).toHaveLength(1);
    expect(call?.iterations[0]?.prompt).toContain("Extract from d.");
  });

  it("a model failing on the reask keeps the first round and its raw output", async () => {
    const guard = Guard.fromRailString(
      rail(`<string name="code" format="no-digits" on-fail-no-digits="reask"/>`),
      { registry },
    );
    const bad: LLM = () => 42 as unknown as string;
    let calls = 0;
    const llm: LLM = (prompt, request) => (++calls === 1 ? '{"code": "a1"}' : bad(prompt, request));
    const outcome = await guard.call(llm, { promptParams: { document: "d" } });
    expect((outcome.error as LLMCallError).kind).toBe("invalid-response");
    expect(outcome.call.iterations).toHaveLength(2);
    expect(outcome.call.iterations[0]?.reask?.sent).toBe(true);
    expect(outcome.rawOutput).toBe('{"code": "a1"}');
    expect(outcome.call.rawOutputs).toEqual(['{"code": "a1"}']);
  });

  it("a missing prompt variable is a typed error and the model is never called", async () => {
    const guard = Guard.fromRailString(rail(`<string name="city"/>`), { registry });
    const model = scriptedLLM(['{"city": "x"}']);
    const outcome = await guard.call(model.llm);
    expect(outcome.error?.code).toBe("missing-prompt-variable");
    expect(outcome.error?.message).toContain("document");
    expect(model.prompts).toEqual([]);
    expect(outcome.call.iterations).toEqual([]);
    expect(outcome.call.status).toBe("error");
  });

  it("missing validator metadata is a MissingMetadataError before any model call", async () => {
    const guard = Guard.fromRailString(simple, { registry });
    const model = scriptedLLM(['{"city": "x"}']);
    const outcome = await guard.call(model.llm, { promptParams: { document: "d" } });
    expect(outcome.error).toBeInstanceOf(MissingMetadataError);
    expect((outcome.error as MissingMetadataError).missing).toEqual([
      { validator: "in-source", path: "$.city", keys: ["source"] },
    ]);
    expect(model.prompts).toEqual([]);
  });

  it("metadata reaches async validators", async () => {
    const guard = Guard.fromRailString(simple, { registry });
    const ok = await guard.parse('{"city": "Oslo"}', { metadata: { source: "We met in Oslo." } });
    expect(ok.validationPassed).toBe(true);
    const bad = await guard.parse('{"city": "Rome"}', { metadata: { source: "We met in Oslo." } });
    expect(bad.failures[0]?.message).toBe('"Rome" is not in the source');
  });

  it("an aborted signal stops the call with an LLMCallError", async () => {
    const guard = Guard.fromRailString(rail(`<string name="city"/>`), { registry });
    const controller = new AbortController();
    controller.abort();
    const model = scriptedLLM(['{"city": "x"}']);
    const outcome = await guard.call(model.llm, {
      promptParams: { document: "d" },
      signal: controller.signal,
    });
    expect((outcome.error as LLMCallError).kind).toBe("aborted");
  });

  it("timeoutMs bounds a model that never answers", async () => {
    const guard = Guard.fromRailString(rail(`<string name="city"/>`), { registry });
    const never: LLM = () => new Promise<string>(() => {});
    const outcome = await guard.call(never, { promptParams: { document: "d" }, timeoutMs: 20 });
    expect((outcome.error as LLMCallError).kind).toBe("timeout");
  });

  it("a guard without a prompt cannot call, but can parse", async () => {
    const guard = Guard.fromRailString(
      `<rail version="0.1"><output><string name="city"/></output></rail>`,
      { registry },
    );
    const model = scriptedLLM(['{"city": "x"}']);
    const outcome = await guard.call(model.llm);
    expect(outcome.error).toBeInstanceOf(GuardConfigError);
    expect(model.prompts).toEqual([]);
    expect((await guard.parse('{"city": "x"}')).validatedOutput).toEqual({ city: "x" });
  });

  it("rejects a negative or fractional numReasks", async () => {
    expect(() => Guard.fromRailString(rail(`<string name="a"/>`), { numReasks: -1 })).toThrow(
      GuardConfigError,
    );
    const guard = Guard.fromRailString(rail(`<string name="a"/>`), { registry });
    expect(() => guard.parse("{}", { numReasks: 1.5 })).toThrow(GuardConfigError);
  });

  it("reports a model that is not a function as a GuardConfigError on the outcome", async () => {
    const guard = Guard.fromRailString(rail(`<string name="city"/>`), { registry });
    const outcome = await guard.call(undefined as unknown as LLM, {
      promptParams: { document: "d" },
    });
    expect(outcome.error).toBeInstanceOf(GuardConfigError);
    expect(outcome.error?.message).toBe(
      "guard.call needs a model: a function (prompt, request) => text, got nothing (undefined).",
    );
    expect(outcome.call.iterations[0]?.prompt).toContain("Extract from d.");
  });

  it("calls the guard's own model when the call gives none", async () => {
    const model = scriptedLLM(['{"city": "Oslo"}']);
    const guard = Guard.fromRailString(rail(`<string name="city"/>`), {
      registry,
      llm: model.llm,
    });
    const outcome = await guard.call(undefined as unknown as LLM, {
      promptParams: { document: "d" },
    });
    expect(outcome.validatedOutput).toEqual({ city: "Oslo" });
  });

  it("rejects an output to parse that is not a string", () => {
    const guard = Guard.fromRailString(rail(`<string name="a"/>`), { registry });
    expect(() => guard.parse({ a: 1 } as unknown as string)).toThrow(
      new GuardConfigError(
        "guard.parse needs the model's output as a string, got an object with keys a.",
      ),
    );
  });

  it("rejects a negative or non-finite timeoutMs before anything runs", async () => {
    const guard = Guard.fromRailString(rail(`<string name="a"/>`), { registry });
    const model = scriptedLLM(['{"a": "x"}']);
    for (const timeoutMs of [-1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => guard.call(model.llm, { timeoutMs })).toThrow(
        `timeoutMs must be a finite number ≥ 0, got ${timeoutMs}.`,
      );
    }
    expect(model.prompts).toEqual([]);
    expect(guard.history.length).toBe(0);
  });

  it("fromRail reads a spec file", () => {
    const guard = Guard.fromRail("rails/show-notes.rail");
    expect(guard.compiled.spec.output.type).toBe("object");
    expect(guard.history.length).toBe(0);
  });

  it("fromRail names the file in errors", () => {
    expect(() => Guard.fromRail("/nonexistent/x.rail")).toThrow(/x\.rail/);
  });
});

describe("Guard.fromSpec", () => {
  const field = (name: string, validators: ValidatorRef[] = []): Field => ({
    kind: "string",
    name,
    required: true,
    validators,
  });
  const lowerCase: ValidatorRef = {
    name: "lower-case",
    args: [],
    kwargs: {},
    onFail: "fix",
    source: "lower-case",
  };
  const codeSpec = (validators: ValidatorRef[]): RailSpec => ({
    version: "0.1",
    output: {
      type: "object",
      strict: false,
      root: {
        kind: "object",
        required: true,
        validators: [],
        children: [field("pet", validators)],
      },
    },
    prompt: { text: "Name a pet from ${place}.", validators: [] },
    warnings: [],
  });

  it("builds a working guard from a spec built in code, with the given registry", async () => {
    const guard = Guard.fromSpec<{ pet: string }>(codeSpec([lowerCase]), { registry });
    const model = scriptedLLM(['{"pet": "Rex"}']);
    const outcome = await guard.call(model.llm, { promptParams: { place: "Oslo" } });
    expect(model.prompts[0]).toBe("Name a pet from Oslo.");
    expect(outcome.validatedOutput).toEqual({ pet: "rex" });
    expectTypeOf(outcome.validatedOutput).toEqualTypeOf<{ pet: string } | null>();
  });

  it("gives the same guard as fromRailString for a parsed spec", async () => {
    const xml = rail(`<string name="pet" format="lower-case" on-fail-lower-case="fix"/>`);
    const fromSpec = Guard.fromSpec(parseRail(xml), { registry });
    const fromString = Guard.fromRailString(xml, { registry });
    expect(fromSpec.compiled.outputSchema).toBe(fromString.compiled.outputSchema);
    expect(fromSpec.compiled.jsonSchema).toEqual(fromString.compiled.jsonSchema);
    const output = '{"pet": "Rex"}';
    expect((await fromSpec.parse(output)).validatedOutput).toEqual(
      (await fromString.parse(output)).validatedOutput,
    );
  });

  it("keeps an unknown validator as a hint, or throws naming its path when the output is strict", () => {
    const unknown = { ...lowerCase, name: "no-such-validator", source: "no-such-validator" };
    const lenient = Guard.fromSpec(codeSpec([unknown]), { registry });
    expect(lenient.compiled.warnings.map((warning) => warning.code)).toEqual(["unknown-validator"]);
    const strict = codeSpec([unknown]);
    strict.output.strict = true;
    expect(() => Guard.fromSpec(strict, { registry })).toThrow(ValidatorBindingError);
    expect(() => Guard.fromSpec(strict, { registry })).toThrow(
      'Validator "no-such-validator" on $.pet: "no-such-validator" is not a registered validator.',
    );
  });

  it("checks numReasks like the other constructors", () => {
    expect(() => Guard.fromSpec(codeSpec([]), { numReasks: 0.5 })).toThrow(GuardConfigError);
  });
});

describe("guard.parse", () => {
  const guard = Guard.fromRailString(
    rail(`<string name="code" format="no-digits" on-fail-no-digits="reask"/>`),
    { registry },
  );

  it("makes no reask without a model", async () => {
    const outcome = await guard.parse('{"code": "a1"}', { numReasks: 3 });
    expect(outcome.call.iterations).toHaveLength(1);
    expect(outcome.call.inputs.numReasks).toBe(0);
    expect(outcome.call.inputs.mode).toBe("parse");
    expect(outcome.call.iterations[0]?.prompt).toBeUndefined();
  });

  it("reasks with the model it is given", async () => {
    const model = scriptedLLM(['{"code": "ab"}']);
    const outcome = await guard.parse('{"code": "a1"}', {
      llm: model.llm,
      promptParams: { document: "d" },
    });
    expect(model.prompts).toHaveLength(1);
    expect(outcome.validatedOutput).toEqual({ code: "ab" });
    expect(outcome.call.iterations.map((it) => it.rawOutput)).toEqual([
      '{"code": "a1"}',
      '{"code": "ab"}',
    ]);
  });
});
