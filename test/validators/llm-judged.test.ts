import { describe, expect, it } from "vitest";
import {
  isHighQualityTranslation,
  llmJudgedValidators,
  NO_RELEVANT_ANSWER,
  onTopic,
  onTopicUnderscore,
  qaRelevanceLlmEval,
} from "../../src/validators/llm-judged.js";
import { fixture, runText, scriptedModel, verdictTable } from "./text-support.js";

const guardrails = fixture("guardrails-episode.txt");
const QUESTION = "What problem does Guardrails AI solve?";
const ANSWER =
  "Guardrails AI aims to solve these issues by adding a formalized structure around inference calls.";

const answering = (json: unknown) => scriptedModel(() => JSON.stringify(json));

describe("qa-relevance-llm-eval", () => {
  it("passes when the model judges the answer relevant, asking with question and answer", async () => {
    const llm = answering({ relevant: true });
    const verdict = await runText(
      qaRelevanceLlmEval,
      ANSWER,
      {},
      { llm, metadata: { question: QUESTION } },
    );
    expect(verdict).toEqual({ outcome: "pass" });
    expect(llm.prompts).toHaveLength(1);
    expect(llm.prompts[0]).toContain(QUESTION);
    expect(llm.prompts[0]).toContain(ANSWER);
    expect(llm.prompts[0]).toContain('name="relevant"');
  });

  verdictTable(qaRelevanceLlmEval, [
    {
      name: "fails an irrelevant answer with Guardrails' fallback as fix",
      value: "Purdue is in Indiana.",
      llm: answering({ relevant: false }),
      metadata: { question: QUESTION },
      message: `the model judged the answer not relevant to the question ${JSON.stringify(QUESTION)}`,
      fix: NO_RELEVANT_ANSWER,
    },
    {
      name: "says a model is required when there is none",
      value: ANSWER,
      metadata: { question: QUESTION },
      message:
        /^qa-relevance-llm-eval could not check \$\.summary: qa-relevance-llm-eval needs a model: run the guard with an llm/,
    },
    {
      name: "rejects a question that is not text",
      value: ANSWER,
      llm: answering({ relevant: true }),
      metadata: { question: 42 },
      message: /metadata\.question must be a string\.$/,
    },
    {
      name: "reports a model whose judgement cannot be parsed",
      value: ANSWER,
      llm: scriptedModel(() => "I would rather not say."),
      metadata: { question: QUESTION },
      message: /could not check \$\.summary: the model's judgement is unusable: /,
    },
  ]);

  it("is hidden from the prompt and requires metadata.question", () => {
    expect(qaRelevanceLlmEval.hidden).toBe(true);
    expect(qaRelevanceLlmEval.requiredMetadata).toEqual(["question"]);
  });
});

describe.each([onTopic, onTopicUnderscore])("$name", (definition) => {
  const topics = { valid_topics: ["AI engineering", "pottery"], invalid_topics: ["sports"] };

  it("asks the model for the main topic among every listed topic", async () => {
    const llm = answering({ topic: "AI engineering" });
    expect(await runText(definition, guardrails, topics, { llm })).toEqual({ outcome: "pass" });
    expect(llm.prompts).toHaveLength(1);
    for (const topic of [
      "- sports",
      "- AI engineering",
      "- pottery",
      "Each RAIL is also model-agnostic.",
    ]) {
      expect(llm.prompts[0]).toContain(topic);
    }
  });

  verdictTable(definition, [
    {
      name: "matches the model's topic case-insensitively",
      value: guardrails,
      args: topics,
      llm: answering({ topic: "ai Engineering " }),
    },
    {
      name: "fails an invalid main topic",
      value: guardrails,
      args: topics,
      llm: answering({ topic: "sports" }),
      message: "Most relevant topic is sports.",
    },
    {
      name: "fails when the model finds no listed topic",
      value: guardrails,
      args: topics,
      llm: answering({ topic: "other" }),
      message: "No valid topic was found.",
    },
    {
      name: "treats an unlisted answer as no topic",
      value: guardrails,
      args: topics,
      llm: answering({ topic: "cooking" }),
      message: "No valid topic was found.",
    },
    {
      name: "falls back to keywords without a model: valid topic",
      value: guardrails,
      args: { valid_topics: ["guardrails validation"], invalid_topics: ["pottery"] },
    },
    {
      name: "falls back to keywords without a model: invalid topic",
      value: "I really enjoy pottery; pottery is my hobby.",
      args: { valid_topics: ["guardrails validation"], invalid_topics: ["pottery"] },
      message: "Most relevant topic is pottery.",
    },
    {
      name: "falls back to keywords without a model: no topic",
      value: fixture("purdue.txt"),
      args: { valid_topics: ["guardrails validation"], invalid_topics: ["pottery"] },
      message: "No valid topic was found.",
    },
    {
      name: "gives a keyword tie to the invalid topic",
      value: "Guardrails and pottery.",
      args: { valid_topics: ["guardrails"], invalid_topics: ["pottery"] },
      message: "Most relevant topic is pottery.",
    },
    {
      name: "rejects a topic that is both valid and invalid",
      value: guardrails,
      args: { valid_topics: ["AI"], invalid_topics: ["ai"] },
      message: /A topic cannot be both valid and invalid: AI\.$/,
    },
    {
      name: "rejects empty valid_topics",
      value: guardrails,
      args: { valid_topics: [] },
      message: /valid_topics must list at least one topic\.$/,
    },
    {
      name: "rejects topics that are not strings",
      value: guardrails,
      args: { valid_topics: [1] },
      message: /valid_topics must be a list of strings\.$/,
    },
  ]);

  it("uses the keyword fallback with disable_llm, without calling the model", async () => {
    const llm = answering({ topic: "sports" });
    const args = { valid_topics: ["guardrails validation"], disable_llm: true };
    expect(await runText(definition, guardrails, args, { llm })).toEqual({ outcome: "pass" });
    expect(llm.prompts).toEqual([]);
  });
});

describe("is-high-quality-translation", () => {
  const source_text = "Each RAIL is also model-agnostic.";
  const translation = "Chaque RAIL est aussi indépendant du modèle.";

  it("passes a well-scored translation, asking with source and translation", async () => {
    const llm = answering({ score: 0.9 });
    const verdict = await runText(
      isHighQualityTranslation,
      translation,
      {},
      { llm, metadata: { source_text } },
    );
    expect(verdict).toEqual({ outcome: "pass" });
    expect(llm.prompts[0]).toContain(source_text);
    expect(llm.prompts[0]).toContain(translation);
  });

  verdictTable(isHighQualityTranslation, [
    {
      name: "fails a low score; fix is empty as in Guardrails",
      value: "Le chat dort.",
      llm: answering({ score: 0.2 }),
      metadata: { source_text },
      message: "translation quality 0.2 is below 0.5",
      fix: "",
    },
    {
      name: "honours the threshold",
      value: translation,
      args: { threshold: 0.95 },
      llm: answering({ score: 0.9 }),
      metadata: { source_text },
      message: "translation quality 0.9 is below 0.95",
      fix: "",
    },
    {
      name: "says a model is required when there is none",
      value: translation,
      metadata: { source_text },
      message: /is-high-quality-translation needs a model/,
    },
    {
      name: "rejects a missing source text",
      value: translation,
      llm: answering({ score: 0.9 }),
      message: /metadata\.source_text must be a string\.$/,
    },
  ]);
});

describe("the llm-judged family", () => {
  it("documents every validator for the README table", () => {
    for (const definition of llmJudgedValidators) {
      expect(definition.docs?.check, definition.name).toBeTruthy();
      expect(definition.docs?.fix, definition.name).toBeTruthy();
      expect(definition.docs?.advice, definition.name).toBeTruthy();
    }
  });

  it("registers on-topic under both spellings", () => {
    expect(llmJudgedValidators.map((definition) => definition.name)).toEqual([
      "qa-relevance-llm-eval",
      "on-topic",
      "on_topic",
      "is-high-quality-translation",
    ]);
  });
});
