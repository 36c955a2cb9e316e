// Validators a model judges: each asks the guard's own model (`ctx.ask`) through an inner guard
// with a small RAIL spec, so the judgement is parsed and validated like any other output.

import type { ValidatorContext, ValidatorDefinition } from "../contract/types.js";
import { fail, pass } from "../contract/types.js";
import { TextValidationError } from "./text/errors.js";
import { neverThrows, textOf } from "./text/guarded.js";
import { askInnerGuard, ignoredLlmCallable, innerRail } from "./text/inner-guard.js";
import { termCounts } from "./text/tfidf.js";
import { contentWords } from "./text/tokenize.js";

/** A metadata entry that must be text, with a message naming it when it is not. */
function metadataText(metadata: Record<string, unknown>, key: string): string {
  const value = metadata[key];
  if (typeof value === "string") return value;
  throw new TextValidationError("invalid-metadata", `metadata.${key} must be a string.`);
}

const RELEVANCE_RAIL = innerRail(
  `<bool name="relevant" description="true when the answer is relevant to the question, false otherwise"/>`,
  `Is the answer below relevant to the question?

Question:
\${question}

Answer:
\${answer}`,
);

export const NO_RELEVANT_ANSWER = "No relevant answer found.";

export const qaRelevanceLlmEval: ValidatorDefinition<{ llm_callable?: unknown }> = {
  name: "qa-relevance-llm-eval",
  types: ["string"],
  args: [ignoredLlmCallable],
  requiredMetadata: ["question"],
  hidden: true,
  description: "The guard's model judges the answer relevant to metadata.question.",
  docs: {
    check:
      'an inner guard asks the guard\'s model `<bool name="relevant"/>` for the answer and metadata `question`',
    fix: `"${NO_RELEVANT_ANSWER}"`,
    advice: "`reask` to get an answer to the question; `fix` to show a safe fallback",
  },
  validate: neverThrows("qa-relevance-llm-eval", async (value, ctx) => {
    const answer = textOf(value);
    const question = metadataText(ctx.metadata, "question");
    const { relevant } = await askInnerGuard(
      "qa-relevance-llm-eval",
      RELEVANCE_RAIL,
      { question, answer },
      ctx,
    );
    if (relevant === true) return pass();
    return fail(
      `the model judged the answer not relevant to the question ${JSON.stringify(question)}`,
      NO_RELEVANT_ANSWER,
    );
  }),
};

const TOPIC_RAIL = innerRail(
  `<string name="topic" description="The main topic of the text: exactly one of the listed topics, or other"/>`,
  `Which one of the topics below is the main topic of the text? Answer with one of the listed topics,
written exactly as listed, or "other" when none of them fits.

Topics:
\${topics}

Text:
\${text}`,
);

type OnTopicArgs = {
  valid_topics: unknown[];
  invalid_topics: unknown[];
  device?: unknown;
  model?: unknown;
  llm_callable?: unknown;
  disable_classifier: boolean;
  disable_llm: boolean;
};

interface Topics {
  valid: string[];
  invalid: string[];
}

function topicsOf(args: OnTopicArgs): Topics {
  const valid = topicList("valid_topics", args.valid_topics);
  const invalid = topicList("invalid_topics", args.invalid_topics);
  if (valid.length === 0) {
    throw new TextValidationError("invalid-argument", "valid_topics must list at least one topic.");
  }
  const both = valid.filter((topic) => invalid.some((other) => sameTopic(topic, other)));
  if (both.length > 0) {
    throw new TextValidationError(
      "invalid-argument",
      `A topic cannot be both valid and invalid: ${both.join(", ")}.`,
    );
  }
  return { valid, invalid };
}

function topicList(name: string, topics: unknown): string[] {
  if (topics === undefined || topics === null) return [];
  if (Array.isArray(topics) && topics.every((topic) => typeof topic === "string")) return topics;
  throw new TextValidationError("invalid-argument", `${name} must be a list of strings.`);
}

const sameTopic = (a: string, b: string): boolean =>
  a.trim().toLowerCase() === b.trim().toLowerCase();

/** The main topic by the guard's model; undefined when it answers "other" or something unlisted. */
async function topicByModel(
  text: string,
  candidates: string[],
  ctx: ValidatorContext<unknown>,
): Promise<string | undefined> {
  const params = { text, topics: candidates.map((topic) => `- ${topic}`).join("\n") };
  const { topic } = await askInnerGuard("on-topic", TOPIC_RAIL, params, ctx);
  return candidates.find((candidate) => typeof topic === "string" && sameTopic(candidate, topic));
}

/**
 * Offline fallback: the topic whose words occur most often in the text (per topic word); none
 * when no topic word occurs. Invalid topics come first, so a tie counts against the text.
 */
function topicByKeywords(text: string, candidates: string[]): string | undefined {
  const counts = termCounts(text);
  let best: { topic: string; score: number } | undefined;
  for (const topic of candidates) {
    const terms = contentWords(topic);
    const hits = terms.reduce((sum, term) => sum + (counts.get(term) ?? 0), 0);
    const score = terms.length ? hits / terms.length : 0;
    if (score > 0 && score > (best?.score ?? 0)) best = { topic, score };
  }
  return best?.topic;
}

const onTopicDefinition = (name: string): ValidatorDefinition<OnTopicArgs> => ({
  name,
  types: ["string"],
  args: [
    { name: "valid_topics", type: "list", description: "Topics the text may be about." },
    {
      name: "invalid_topics",
      type: "list",
      default: [],
      description: "Topics it must not be about.",
    },
    {
      name: "device",
      type: "any",
      optional: true,
      description: "Ignored (Guardrails' classifier).",
    },
    {
      name: "model",
      type: "any",
      optional: true,
      description: "Ignored (Guardrails' classifier).",
    },
    ignoredLlmCallable,
    { name: "disable_classifier", type: "boolean", default: false, description: "Ignored." },
    {
      name: "disable_llm",
      type: "boolean",
      default: false,
      description: "Use the keyword fallback.",
    },
  ],
  description: "The main topic of the text is one of valid_topics.",
  docs: {
    check:
      'the main topic among valid and invalid topics (or "other") is a valid one: an inner guard asks the guard\'s model; without a model (or with `disable_llm=true`) the topic whose words occur most often in the text, ties going to invalid topics',
    fix: "none",
    advice: "`reask` to steer back to the allowed topics; `refrain` to withhold off-topic answers",
  },
  validate: neverThrows(name, async (value, ctx) => {
    const text = textOf(value);
    const { valid, invalid } = topicsOf(ctx.args);
    const candidates = [...invalid, ...valid];
    const useModel = ctx.ask !== undefined && !ctx.args.disable_llm;
    const topic = useModel
      ? await topicByModel(text, candidates, ctx)
      : topicByKeywords(text, candidates);
    if (topic === undefined) return fail("No valid topic was found.");
    if (invalid.includes(topic)) return fail(`Most relevant topic is ${topic}.`);
    return pass();
  }),
});

export const onTopic = onTopicDefinition("on-topic");
export const onTopicUnderscore = onTopicDefinition("on_topic");

const TRANSLATION_RAIL = innerRail(
  `<float name="score" description="Quality of the translation, from 0 (wrong or unrelated) to 1 (faithful and fluent)"/>`,
  `Rate how well the translation renders the source text: its meaning, completeness and fluency.

Source text:
\${source}

Translation:
\${translation}`,
);

export const isHighQualityTranslation: ValidatorDefinition<{ threshold: number }> = {
  name: "is-high-quality-translation",
  types: ["string"],
  args: [{ name: "threshold", type: "number", default: 0.5, description: "Minimum score, 0–1." }],
  requiredMetadata: ["source_text"],
  description: "The guard's model rates the translation of metadata.source_text highly enough.",
  docs: {
    check:
      "an inner guard asks the guard's model to score the translation of metadata `source_text` from 0 to 1; score ≥ threshold",
    fix: '`""` (as Guardrails)',
    advice: "`reask` for a better translation; `fix` only where an empty value is acceptable",
  },
  validate: neverThrows("is-high-quality-translation", async (value, ctx) => {
    const translation = textOf(value);
    const source = metadataText(ctx.metadata, "source_text");
    const { score } = await askInnerGuard(
      "is-high-quality-translation",
      TRANSLATION_RAIL,
      { source, translation },
      ctx,
    );
    if (typeof score !== "number") {
      throw new TextValidationError("model-answer-unusable", "the model gave no numeric score.");
    }
    if (score >= ctx.args.threshold) return pass();
    return fail(`translation quality ${score} is below ${ctx.args.threshold}`, "");
  }),
};

export const llmJudgedValidators = [
  qaRelevanceLlmEval,
  onTopic,
  onTopicUnderscore,
  isHighQualityTranslation,
];
