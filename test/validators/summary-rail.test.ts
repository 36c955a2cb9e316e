import { describe, expect, it } from "vitest";
import { Guard, MissingMetadataError, ValidationError } from "../../src/guard/index.js";
import "../../src/validators/builtins.js";
import { NO_RELEVANT_ANSWER } from "../../src/validators/llm-judged.js";
import { fixture, scriptedModel } from "./text-support.js";

const document = fixture("guardrails-episode.txt");
const FAITHFUL =
  "Each RAIL is also model-agnostic. You can think of a guard as a wrapper for the API call.";
const INVENTED = "Each RAIL is also model-agnostic. Guardrails AI was acquired by Google in 2019.";
const CITED = "Each RAIL is also model-agnostic. [1]\n\n[1] document";
const FAILURE =
  '1 of 2 sentences match no source sentence (ratio ≥ 85): "Guardrails AI was acquired by Google in 2019."';

const summaryRail = (action: string) => `<rail version="0.1">
<output type="string" name="summary" validators="extractive-summary: 85" on-fail-extractive-summary="${action}"/>
<prompt>Summarize by copying sentences: \${document}</prompt>
</rail>`;

const parse = (action: string, output: string) =>
  Guard.fromRailString<string>(summaryRail(action)).parse(output, { metadata: { document } });

describe("extractive-summary in a RAIL spec, per on-fail action", () => {
  it("done when: a summary with an invented sentence fails extractive-summary", async () => {
    const llm = scriptedModel(() => INVENTED);
    const guard = Guard.fromRailString<string>(summaryRail("exception"));
    const outcome = await guard.call(llm, { promptParams: { document }, metadata: { document } });
    expect(outcome.validationPassed).toBe(false);
    expect(outcome.error).toBeInstanceOf(ValidationError);
    expect(outcome.call.iterations[0]?.validatorLogs).toEqual([
      expect.objectContaining({
        validator: "extractive-summary",
        outcome: "fail",
        message: FAILURE,
      }),
    ]);
  });

  it("passes a faithful extract", async () => {
    const outcome = await parse("noop", FAITHFUL);
    expect(outcome.validationPassed).toBe(true);
    expect(outcome.validatedOutput).toBe(FAITHFUL);
  });

  it("fix: keeps the verified sentence with its citation", async () => {
    expect((await parse("fix", INVENTED)).validatedOutput).toBe(CITED);
  });

  it("fix_reask: the cited fix passes when validated again", async () => {
    const outcome = await parse("fix_reask", INVENTED);
    expect(outcome.validatedOutput).toBe(CITED);
    expect(outcome.validationPassed).toBe(true);
  });

  it("noop: keeps the invented sentence and reports the failure", async () => {
    const outcome = await parse("noop", INVENTED);
    expect(outcome.validatedOutput).toBe(INVENTED);
    expect(outcome.validationPassed).toBe(false);
    expect(outcome.failures.map((failure) => failure.message)).toEqual([FAILURE]);
  });

  it("refrain: withholds the summary", async () => {
    const outcome = await parse("refrain", INVENTED);
    expect(outcome.refrained).toBe(true);
    expect(outcome.validatedOutput).toBe("");
  });

  it("exception: stops with a ValidationError naming the sentence", async () => {
    const outcome = await parse("exception", INVENTED);
    expect(outcome.error).toBeInstanceOf(ValidationError);
    expect(outcome.error?.message).toContain(FAILURE);
  });

  it("reask: sends the failure back and accepts the corrected summary", async () => {
    const answers = [INVENTED, FAITHFUL];
    const llm = scriptedModel(() => answers.shift() ?? FAITHFUL);
    const guard = Guard.fromRailString<string>(summaryRail("reask"));
    const outcome = await guard.call(llm, { promptParams: { document }, metadata: { document } });
    expect(outcome.validatedOutput).toBe(FAITHFUL);
    expect(outcome.validationPassed).toBe(true);
    expect(llm.prompts).toHaveLength(2);
    expect(llm.prompts[1]).toContain("Guardrails AI was acquired by Google in 2019.");
  });
});

describe("summary and llm-judged validators in the guard", () => {
  it("hides the hidden validators from the compiled prompt and shows the others", () => {
    const guard = Guard.fromRailString(`<rail version="0.1">
<output type="string" validators="similar-to-document; extracted-summary-sentences-match; qa-relevance-llm-eval; reading-time: 2"/>
</rail>`);
    expect(guard.compiled.outputSchema).toContain("reading-time: reading_time=2");
    for (const hidden of ["similar-to-document", "extracted-summary", "qa-relevance"]) {
      expect(guard.compiled.outputSchema).not.toContain(hidden);
    }
  });

  it("stops before the model when required metadata is missing", async () => {
    const llm = scriptedModel(() => FAITHFUL);
    const guard = Guard.fromRailString(`<rail version="0.1">
<output type="string" validators="provenance: 0.8 sentence"/>
<prompt>Answer.</prompt>
</rail>`);
    const outcome = await guard.call(llm);
    expect(outcome.error).toBeInstanceOf(MissingMetadataError);
    expect(outcome.error?.message).toContain('validator "provenance" at $ needs metadata sources');
    expect(llm.prompts).toEqual([]);
  });

  it("judges with the guard's own model through an inner guard", async () => {
    const llm = scriptedModel((prompt) =>
      prompt.includes('name="relevant"')
        ? JSON.stringify({ relevant: false })
        : "Purdue is in Indiana.",
    );
    const guard = Guard.fromRailString<string>(`<rail version="0.1">
<output type="string" validators="qa-relevance-llm-eval" on-fail-qa-relevance-llm-eval="fix"/>
<prompt>\${question}</prompt>
</rail>`);
    const question = "What does Guardrails AI validate?";
    const outcome = await guard.call(llm, { promptParams: { question }, metadata: { question } });
    expect(outcome.validatedOutput).toBe(NO_RELEVANT_ANSWER);
    expect(llm.prompts[1]).toContain(question);
    expect(llm.prompts[1]).toContain("Purdue is in Indiana.");
    // The final check asks the judge about the fix value too; this judge rejects it, so the
    // canned answer is offered but does not pass.
    expect(llm.prompts).toHaveLength(3);
    expect(llm.prompts[2]).toContain(NO_RELEVANT_ANSWER);
    expect(outcome.validationPassed).toBe(false);
    expect(outcome.failures).toMatchObject([{ reason: "rejected-after-actions" }]);
  });
});
