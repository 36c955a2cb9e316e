import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, expectTypeOf, it } from "vitest";
import { Guard, GuardConfigError, MissingMetadataError } from "../../src/guard/index.js";
import { LLMCallError } from "../../src/llm/index.js";
import type { LLM } from "../../src/llm/types.js";
import { parseRail, RailSpecError } from "../../src/rail/index.js";
import type { Field, RailSpec, ValidatorRef } from "../../src/rail/types.js";
import { ValidatorArgumentError, ValidatorBindingError } from "../../src/schema/index.js";
import { rail, scriptedLLM, testRegistry } from "./support.js";

const registry = testRegistry();
const params = { promptParams: { document: "d" } };

function catchError(run: () => unknown): Error {
  try {
    run();
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected an error");
}

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
    // The record's own copy of the error: the same class and message.
    expect(call?.error).toBeInstanceOf(LLMCallError);
    expect(call?.error?.message).toBe(outcome.error?.message);
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

  it("rejects a negative or fractional numReasks: the constructor throws, calls reject", async () => {
    expect(() => Guard.fromRailString(rail(`<string name="a"/>`), { numReasks: -1 })).toThrow(
      GuardConfigError,
    );
    const guard = Guard.fromRailString(rail(`<string name="a"/>`), { registry });
    // A rejected promise, never a synchronous throw: `guard.parse(…).catch(…)` sees it.
    const parsing = guard.parse("{}", { numReasks: 1.5 });
    await expect(parsing).rejects.toThrow(
      new GuardConfigError("numReasks must be a whole number ≥ 0, got 1.5."),
    );
    await expect(guard.call(scriptedLLM([]).llm, { numReasks: -2 })).rejects.toThrow(
      GuardConfigError,
    );
    expect(guard.history.length).toBe(0);
  });

  it("rejects a negative or fractional maxRetries and a bad retryDelayMs", async () => {
    expect(() => Guard.fromRailString(rail(`<string name="a"/>`), { maxRetries: 1.5 })).toThrow(
      new GuardConfigError("maxRetries must be a whole number ≥ 0, got 1.5."),
    );
    const guard = Guard.fromRailString(rail(`<string name="a"/>`), { registry });
    const model = scriptedLLM(['{"a": "x"}']);
    await expect(guard.call(model.llm, { maxRetries: -1 })).rejects.toThrow(
      new GuardConfigError("maxRetries must be a whole number ≥ 0, got -1."),
    );
    await expect(guard.parse("{}", { retryDelayMs: Number.NaN })).rejects.toThrow(
      new GuardConfigError("retryDelayMs must be a finite number ≥ 0, got NaN."),
    );
    expect(model.prompts).toEqual([]);
  });

  it("reports a model that is not a function as a GuardConfigError on the outcome", async () => {
    const guard = Guard.fromRailString(rail(`<string name="city"/>`), { registry });
    const outcome = await guard.call(undefined as unknown as LLM, {
      promptParams: { document: "d" },
    });
    expect(outcome.error).toBeInstanceOf(GuardConfigError);
    expect(outcome.error?.message).toBe(
      "guard.call needs a model: a function (prompt, request) => text, got nothing.",
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

  it("rejects an output to parse that is not a string", async () => {
    const guard = Guard.fromRailString(rail(`<string name="a"/>`), { registry });
    await expect(guard.parse({ a: 1 } as unknown as string)).rejects.toThrow(
      new GuardConfigError(
        "guard.parse needs the model's output as a string, got an object with keys a.",
      ),
    );
  });

  it("rejects a negative or non-finite timeoutMs before anything runs", async () => {
    const guard = Guard.fromRailString(rail(`<string name="a"/>`), { registry });
    const model = scriptedLLM(['{"a": "x"}']);
    for (const timeoutMs of [-1, Number.NaN, Number.POSITIVE_INFINITY]) {
      await expect(guard.call(model.llm, { timeoutMs })).rejects.toThrow(
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

  it("fromRail names the file in validator argument and binding errors", async () => {
    const dir = await mkdtemp(join(tmpdir(), "railguard-guard-"));
    try {
      const badArgument = join(dir, "bad-argument.rail");
      await writeFile(badArgument, rail(`<string name="n" format="max-length: many"/>`));
      const argumentError = catchError(() => Guard.fromRail(badArgument, { registry }));
      expect(argumentError).toBeInstanceOf(ValidatorArgumentError);
      expect((argumentError as ValidatorArgumentError).site.file).toBe(badArgument);
      expect(argumentError.message).toBe(
        `${badArgument}: Validator "max-length" on $.n (line 3, column 18): argument "max" must be an integer, got "many".`,
      );

      const inapplicable = join(dir, "inapplicable.rail");
      await writeFile(
        inapplicable,
        `<rail version="0.1"><output strict="true"><integer name="n" format="lower-case"/></output></rail>`,
      );
      expect(() => Guard.fromRail(inapplicable, { registry })).toThrow(
        new ValidatorBindingError(
          "validator-not-applicable",
          {
            path: "$.n",
            validator: "lower-case",
            file: inapplicable,
            position: { line: 1, column: 61 },
          },
          '"lower-case" is not valid for element integer',
        ),
      );
      const unknown = join(dir, "unknown.rail");
      await writeFile(unknown, rail(`<string name="n" format="lower-cse"/>`));
      const unknownError = catchError(() => Guard.fromRail(unknown, { registry }));
      expect(unknownError).toBeInstanceOf(RailSpecError);
      expect(unknownError.message).toContain(
        `${unknown}: output > string "n" (line 3, column 18): unknown validator "lower-cse" on $.n; did you mean \`lower-case\`?`,
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe("retries of a plain-function model", () => {
  const busy = () => Object.assign(new Error("busy"), { status: 503 });
  const guardWith = (options = {}) =>
    Guard.fromRailString(rail(`<string name="city"/>`), { registry, retryDelayMs: 0, ...options });

  it("follow the guard's maxRetries", async () => {
    const model = scriptedLLM([busy(), busy(), '{"city": "Oslo"}']);
    const outcome = await guardWith({ maxRetries: 2 }).call(model.llm, params);
    expect(outcome.validatedOutput).toEqual({ city: "Oslo" });
    expect(model.prompts).toHaveLength(3);
  });

  it("follow the call's maxRetries over the guard's", async () => {
    const model = scriptedLLM([busy(), '{"city": "Oslo"}']);
    const outcome = await guardWith({ maxRetries: 5 }).call(model.llm, {
      ...params,
      maxRetries: 0,
    });
    expect(outcome.error).toBeInstanceOf(LLMCallError);
    expect((outcome.error as LLMCallError).status).toBe(503);
    expect(model.prompts).toHaveLength(1);
  });

  it("wait the guard's retryDelayMs: longer than the call's timeout, the call times out", async () => {
    // With the default delay (at most 500 ms) the retry would come well within the 1 s budget.
    const model = scriptedLLM([busy(), '{"city": "Oslo"}']);
    const guard = guardWith({ maxRetries: 1, retryDelayMs: 60_000 });
    const outcome = await guard.call(model.llm, { ...params, timeoutMs: 1000 });
    expect((outcome.error as LLMCallError).kind).toBe("timeout");
    expect(model.prompts).toHaveLength(1);
  });

  it("wait the call's retryDelayMs over the guard's", async () => {
    const model = scriptedLLM([busy(), '{"city": "Oslo"}']);
    const guard = guardWith({ maxRetries: 1, retryDelayMs: 60_000 });
    const outcome = await guard.call(model.llm, { ...params, retryDelayMs: 0, timeoutMs: 2000 });
    expect(outcome.validatedOutput).toEqual({ city: "Oslo" });
    expect(model.prompts).toHaveLength(2);
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
    expectTypeOf(outcome.unwrap()).toEqualTypeOf<{ pet: string }>();
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

  it("shares one compiled spec between guards from the same RAIL text", () => {
    const xml = rail(`<string name="pet" format="lower-case" on-fail-lower-case="fix"/>`);
    const first = Guard.fromRailString(xml, { registry });
    expect(Guard.fromRailString(xml, { registry }).compiled).toBe(first.compiled);
    expect(Guard.fromRailString(xml, { registry: testRegistry() }).compiled).not.toBe(
      first.compiled,
    );
  });

  it("throws for an unknown validator naming its path, or keeps it as a hint when allowed", () => {
    const unknown = { ...lowerCase, name: "no-such-validator", source: "no-such-validator" };
    const lenient = Guard.fromSpec(codeSpec([unknown]), { registry, unknownValidators: "warn" });
    expect(lenient.compiled.warnings.map((warning) => warning.code)).toEqual(["unknown-validator"]);
    expect(() => Guard.fromSpec(codeSpec([unknown]), { registry })).toThrow(ValidatorBindingError);
    expect(() => Guard.fromSpec(codeSpec([unknown]), { registry })).toThrow(
      'Validator "no-such-validator" on $.pet: not a registered validator. Allowed:',
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
