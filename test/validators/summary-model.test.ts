import { describe, expect, it } from "vitest";
import { provenanceV1, saliencyCheck } from "../../src/validators/summary.js";
import { fixture, runText, scriptedModel, verdictTable } from "./text-support.js";

const guardrails = fixture("guardrails-episode.txt");
const SUMMARY = "Guardrails AI validates the structure of model outputs and asks again on failure.";

/** Topics by prompt: the document's when the prompt holds the document, else the summary's. */
const topicModel = (summaryTopics: string[]) =>
  scriptedModel((prompt) =>
    JSON.stringify({
      topics: prompt.includes("playing a game of chess")
        ? ["Guardrails", "structured outputs", "chess"]
        : summaryTopics,
    }),
  );

describe("saliency-check in model mode", () => {
  it("asks the model for the topics of the document and of the summary", async () => {
    const llm = topicModel(["guardrails", "Structured Output"]);
    const verdict = await runText(
      saliencyCheck,
      SUMMARY,
      { use_llm: true },
      { llm, metadata: { document: guardrails } },
    );
    expect(verdict).toEqual({ outcome: "pass" });
    expect(llm.prompts).toHaveLength(2);
    expect(llm.prompts.some((prompt) => prompt.includes("Each RAIL is also model-agnostic."))).toBe(
      true,
    );
    expect(llm.prompts.some((prompt) => prompt.includes(SUMMARY))).toBe(true);
    for (const prompt of llm.prompts) expect(prompt).toContain('name="topics"');
  });

  verdictTable(saliencyCheck, [
    {
      name: "fails when the summary misses too many of the document's topics",
      value: SUMMARY,
      args: { use_llm: true, threshold: 0.9 },
      llm: topicModel(["guardrails", "structured output"]),
      metadata: { document: guardrails },
      message: "the summary covers 2 of 3 topics of the document (0.67 < 0.9); missing: chess",
      fix: "",
    },
    {
      name: "treats Guardrails' llm_callable argument as model mode",
      value: SUMMARY,
      args: { llm_callable: "gpt-3.5-turbo" },
      llm: topicModel(["pottery"]),
      metadata: { document: guardrails },
      message: /^the summary covers 0 of 3 topics/,
      fix: "",
    },
  ]);
});

describe("provenance-v1", () => {
  const SUPPORTED = "Each RAIL is also model-agnostic.";
  const UNSUPPORTED = "Guardrails AI was acquired by Google in 2019.";
  /** Supports a claim exactly when it mentions RAIL. */
  const judge = () =>
    scriptedModel((prompt) => {
      const claim = prompt.split("Claim:")[1]?.split("Contexts:")[0] ?? "";
      return JSON.stringify({ supported: claim.includes("RAIL") });
    });

  it("asks once per sentence with the top_k closest source sentences", async () => {
    const llm = judge();
    const verdict = await runText(
      provenanceV1,
      `${SUPPORTED} ${UNSUPPORTED}`,
      { top_k: 2 },
      { llm, metadata: { sources: [guardrails] } },
    );
    expect(verdict).toEqual({
      outcome: "fail",
      message: `None of the following sentences are supported by the provided sources:\n- ${UNSUPPORTED}`,
      fixValue: SUPPORTED,
    });
    expect(llm.prompts).toHaveLength(2);
    const [first] = llm.prompts;
    expect(first).toContain(SUPPORTED);
    expect(first).toContain(`- ${SUPPORTED}`);
    const contexts = first?.split("Contexts:")[1]?.split("\n\n")[0] ?? "";
    expect(contexts.split("\n").filter((line) => line.startsWith("- "))).toHaveLength(2);
  });

  verdictTable(provenanceV1, [
    {
      name: "passes supported sentences",
      value: SUPPORTED,
      llm: judge(),
      metadata: { sources: [guardrails] },
    },
    {
      name: "full method judges the whole text; fix is empty",
      value: UNSUPPORTED,
      args: { validation_method: "full" },
      llm: judge(),
      metadata: { sources: [guardrails] },
      message: `None of the following sentences are supported by the provided sources:\n- ${UNSUPPORTED}`,
      fix: "",
    },
  ]);
});
