import { describe, expect, it } from "vitest";
import type { ValidatorDefinition } from "../../src/contract/types.js";
import { fail, pass } from "../../src/contract/types.js";
import { Guard, InputValidationError, type ValidatorLog } from "../../src/guard/index.js";
import { scriptedLLM, testRegistry } from "./support.js";

const registry = testRegistry();

/** A string-output spec whose `<prompt>` (and optional `<instructions>`) carry validators. */
function inputSpec(promptAttributes: string, prompt: string, instructions = "") {
  return `<rail version="0.1">
<output type="string" description="a pizza name"/>
${instructions}
<prompt ${promptAttributes}>${prompt}</prompt>
</rail>`;
}

const inputLogs = (outcome: { call: { iterations: { validatorLogs: ValidatorLog[] }[] } }) =>
  outcome.call.iterations
    .flatMap((it) => it.validatorLogs)
    .filter((log) => log.path === "$prompt" || log.path === "$instructions");

describe("validators on <prompt> and <instructions> (input validation)", () => {
  it("exception stops the call with a typed error and no model call", async () => {
    const guard = Guard.fromRailString(
      inputSpec(`validators="two-words" on-fail-two-words="exception"`, "This is not two words"),
      { registry },
    );
    const model = scriptedLLM(["Margherita Royale"]);
    const outcome = await guard.call(model.llm);

    expect(model.prompts).toHaveLength(0);
    expect(outcome.validationPassed).toBe(false);
    expect(outcome.call.status).toBe("error");
    expect(outcome.error).toBeInstanceOf(InputValidationError);
    const error = outcome.error as InputValidationError;
    expect(error.code).toBe("input-validation-failed");
    expect(error.input).toBe("prompt");
    expect(error.validator).toBe("two-words");
    expect(error.action).toBe("exception");
    expect(error.message).toContain("must be exactly two words");
    const [iteration] = outcome.call.iterations;
    expect(iteration?.rawOutput).toBeUndefined();
    expect(inputLogs(outcome)).toEqual([
      expect.objectContaining({
        validator: "two-words",
        path: "$prompt",
        valueBefore: "This is not two words",
        outcome: "fail",
        actionTaken: "exception",
      }),
    ]);
  });

  it("fix sends the fixed prompt, and the history shows both", async () => {
    const guard = Guard.fromRailString(
      inputSpec(`validators="lower-case" on-fail-lower-case="fix"`, "Name A Pizza of ${what}"),
      { registry },
    );
    const model = scriptedLLM(["funghi"]);
    const outcome = await guard.call(model.llm, { promptParams: { what: "MUSHROOMS" } });

    expect(model.prompts).toEqual(["name a pizza of mushrooms"]);
    expect(outcome.validationPassed).toBe(true);
    expect(outcome.call.iterations[0]?.prompt).toBe("name a pizza of mushrooms");
    expect(inputLogs(outcome)).toEqual([
      expect.objectContaining({
        path: "$prompt",
        valueBefore: "Name A Pizza of MUSHROOMS",
        valueAfter: "name a pizza of mushrooms",
        actionTaken: "fixed",
      }),
      // The text sent is checked once more: the fix is sent only if every validator accepts it.
      expect.objectContaining({
        path: "$prompt",
        valueBefore: "name a pizza of mushrooms",
        outcome: "pass",
        actionTaken: "rechecked",
      }),
    ]);
  });

  it("noop sends the prompt as it is, and the failure fails the outcome", async () => {
    const guard = Guard.fromRailString(
      inputSpec(`validators="no-digits" on-fail-no-digits="noop"`, "Name pizza 42"),
      { registry },
    );
    const model = scriptedLLM(["funghi"]);
    const outcome = await guard.call(model.llm);

    expect(model.prompts).toEqual(["Name pizza 42"]);
    expect(outcome.validatedOutput).toBe("funghi");
    expect(outcome.validationPassed).toBe(false);
    expect(outcome.call.status).toBe("fail");
    expect(outcome.call.validationPassed).toBe(false);
    expect(outcome.failures).toEqual([
      {
        path: "$prompt",
        validator: "no-digits",
        message: "must not contain digits: Name pizza 42",
        reason: "noop",
      },
    ]);
  });

  it("fix without a fix value sends the text as it is and fails the call", async () => {
    const guard = Guard.fromRailString(
      inputSpec(`validators="no-digits" on-fail-no-digits="fix"`, "Name pizza 42"),
      { registry },
    );
    const model = scriptedLLM(["funghi"]);
    const outcome = await guard.call(model.llm);
    expect(model.prompts).toEqual(["Name pizza 42"]);
    expect(outcome.validationPassed).toBe(false);
    expect(outcome.failures).toEqual([
      expect.objectContaining({ path: "$prompt", reason: "fix-unavailable" }),
    ]);
  });

  it("fix_reask takes a fix its validator accepts, and stops when there is none", async () => {
    const fixed = Guard.fromRailString(
      inputSpec(`validators="lower-case" on-fail-lower-case="fix_reask"`, "Name A Pizza"),
      { registry },
    );
    const model = scriptedLLM(["funghi"]);
    expect((await fixed.call(model.llm)).validationPassed).toBe(true);
    expect(model.prompts).toEqual(["name a pizza"]);

    const unfixable = Guard.fromRailString(
      inputSpec(`validators="no-digits" on-fail-no-digits="fix_reask"`, "Name pizza 42"),
      { registry },
    );
    const stopped = await unfixable.call(model.llm);
    expect(model.prompts).toHaveLength(1);
    expect(stopped.error).toMatchObject({ input: "prompt", action: "fix_reask" });
  });

  it.each(["refrain", "filter", "reask"])(
    "%s stops the call before the model, as Guardrails raises",
    async (action) => {
      const guard = Guard.fromRailString(
        inputSpec(`validators="no-digits" on-fail-no-digits="${action}"`, "Name pizza 42"),
        { registry },
      );
      const model = scriptedLLM(["funghi"]);
      const outcome = await guard.call(model.llm);
      expect(model.prompts).toHaveLength(0);
      expect(outcome.validationPassed).toBe(false);
      expect(outcome.error).toBeInstanceOf(InputValidationError);
      expect(outcome.error).toMatchObject({ input: "prompt", action, validator: "no-digits" });
    },
  );

  it("validates the rendered <instructions> too, under $instructions", async () => {
    const guard = Guard.fromRailString(
      inputSpec(
        "",
        "Name a pizza",
        `<instructions validators="no-digits" on-fail-no-digits="exception">You are bot \${n}.</instructions>`,
      ),
      { registry },
    );
    const model = scriptedLLM(["funghi"]);
    const outcome = await guard.call(model.llm, { promptParams: { n: 7 } });
    expect(model.prompts).toHaveLength(0);
    expect(outcome.error).toMatchObject({ input: "instructions", validator: "no-digits" });
    expect(inputLogs(outcome)).toEqual([
      expect.objectContaining({ path: "$instructions", valueBefore: "You are bot 7." }),
    ]);
  });

  it("runs once, on the first prompt: reask prompts are the guard's own", async () => {
    const guard = Guard.fromRailString(
      `<rail version="0.1">
<output><string name="name" format="two-words" on-fail-two-words="reask"/></output>
<prompt validators="max-length: 5000" on-fail-max-length="exception">Name a pizza. \${gr.complete_json_suffix_v2}</prompt>
</rail>`,
      { registry },
    );
    const model = scriptedLLM(['{"name": "Funghi"}', '{"name": "Funghi Royale"}']);
    const outcome = await guard.call(model.llm);
    expect(model.prompts).toHaveLength(2);
    expect(outcome.validationPassed).toBe(true);
    expect(inputLogs(outcome)).toHaveLength(1);
  });

  it("applies a custom on-fail handler: its text is sent, anything else stops the call", async () => {
    const spec = inputSpec(`validators="no-digits" on-fail-no-digits="exception"`, "Name pizza 42");
    const redact = Guard.fromRailString(spec, {
      registry,
      onFail: { "no-digits": (value) => String(value).replace(/\d/g, "#") },
    });
    const model = scriptedLLM(["funghi", "funghi"]);
    const outcome = await redact.call(model.llm);
    expect(model.prompts).toEqual(["Name pizza ##"]);
    expect(outcome.validationPassed).toBe(true);

    const broken = Guard.fromRailString(spec, { registry, onFail: { "no-digits": () => 42 } });
    const stopped = await broken.call(model.llm);
    expect(model.prompts).toHaveLength(1);
    expect(stopped.error).toMatchObject({ input: "prompt", action: "custom" });
  });

  it("warns that validators on <reask_prompt> are not run", () => {
    const guard = Guard.fromRailString(
      `<rail version="0.1">
<output type="string"/>
<prompt>Name a pizza</prompt>
<reask_prompt validators="no-digits">Try again: \${previous_response}</reask_prompt>
</rail>`,
      { registry },
    );
    expect(guard.compiled.warnings).toContainEqual(
      expect.objectContaining({ code: "reask-validators-ignored", path: "reask_prompt" }),
    );
  });

  it("checks an input validator's required metadata before the model, like an output's", async () => {
    const guard = Guard.fromRailString(
      inputSpec(`validators="in-source" on-fail-in-source="noop"`, "Name a pizza"),
      { registry },
    );
    const model = scriptedLLM(["funghi"]);
    const outcome = await guard.call(model.llm);
    expect(model.prompts).toHaveLength(0);
    expect(outcome.error).toMatchObject({
      code: "missing-metadata",
      missing: [{ validator: "in-source", path: "$prompt", keys: ["source"] }],
    });
  });

  it("does not run for guard.parse, which sends no prompt", async () => {
    const guard = Guard.fromRailString(
      inputSpec(`validators="no-digits" on-fail-no-digits="exception"`, "Name pizza 42"),
      { registry },
    );
    const outcome = await guard.parse("funghi");
    expect(outcome.validationPassed).toBe(true);
    expect(inputLogs(outcome)).toHaveLength(0);
  });
});

describe("the inputValidators option of guards and calls", () => {
  const shout: ValidatorDefinition = {
    name: "no-shouting",
    types: ["string"],
    validate: (value) =>
      String(value).includes("!!!")
        ? fail("must not shout", String(value).replaceAll("!", ""))
        : pass(),
  };

  it("validates a call's prompt and instructions with code validators", async () => {
    const guard = Guard.fromZod(
      (await import("zod")).z.object({ name: (await import("zod")).z.string() }),
      {
        registry,
        instructions: "You name pizzas.",
        prompt: "Name a pizza!!! ${gr.complete_json_suffix_v2}",
      },
    );
    const model = scriptedLLM(['{"name": "funghi"}']);
    const outcome = await guard.call(model.llm, {
      inputValidators: {
        prompt: [{ validator: shout, onFail: "exception" }],
        instructions: [{ name: "max-length", args: [5], onFail: "fix" }],
      },
    });
    // The instructions are checked first: they are fixed (and the fix checked again), then the
    // prompt stops the call.
    expect(model.prompts).toHaveLength(0);
    expect(outcome.error).toMatchObject({ input: "prompt", validator: "no-shouting" });
    expect(inputLogs(outcome).map((log) => [log.path, log.actionTaken])).toEqual([
      ["$instructions", "fixed"],
      ["$instructions", "rechecked"],
      ["$prompt", "exception"],
    ]);
  });

  it("adds guard-level validators to the spec's, and a call's to both", async () => {
    const guard = Guard.fromRailString(
      inputSpec(`validators="lower-case" on-fail-lower-case="fix"`, "Name A Pizza Please"),
      {
        registry,
        inputValidators: { prompt: [{ name: "max-length", args: [12], onFail: "fix" }] },
      },
    );
    const model = scriptedLLM(["funghi", "funghi"]);
    await guard.call(model.llm);
    await guard.call(model.llm, {
      inputValidators: { prompt: [{ name: "two-words", onFail: "fix" }] },
    });
    expect(model.prompts).toEqual(["name a pizza", "name a"]);
  });

  it("rejects an unknown validator name or input with a clear error", async () => {
    const guard = Guard.fromRailString(inputSpec("", "Name a pizza"), { registry });
    const model = scriptedLLM(["funghi"]);
    await expect(
      guard.call(model.llm, { inputValidators: { prompt: [{ name: "two-word", onFail: "fix" }] } }),
    ).rejects.toThrow(/two-word/);
    await expect(
      guard.call(model.llm, {
        // @ts-expect-error: only prompt and instructions are inputs
        inputValidators: { messages: [{ name: "two-words", onFail: "fix" }] },
      }),
    ).rejects.toThrow(/the inputs are instructions, prompt/);
    for (const bad of [null, "prompt", ["two-words"]]) {
      // @ts-expect-error: not an object of inputs
      await expect(guard.call(model.llm, { inputValidators: bad })).rejects.toThrow(
        /inputValidators must be an object/,
      );
    }
    await expect(
      guard.call(model.llm, {
        // @ts-expect-error: not an on-fail action
        inputValidators: { prompt: [{ name: "two-words", onFail: "explode" }] },
      }),
    ).rejects.toThrow(/onFail must be one of/);
    expect(model.prompts).toHaveLength(0);
  });
});
