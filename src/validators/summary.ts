// Summarization validators: is the summary grounded in, and faithful to, its sources? Offline by
// default (TF-IDF cosine, thefuzz-style ratios); an `embed` function switches to embeddings.

import type { ArgSpec, ValidatorContext, ValidatorDefinition, Verdict } from "../contract/types.js";
import { fail, pass } from "../contract/types.js";
import type { EmbedFunction } from "../llm/types.js";
import { checkComparisonWork } from "./text/budget.js";
import { findEmbed } from "./text/embed.js";
import { TextValidationError } from "./text/errors.js";
import { codePoints, RatioPattern } from "./text/fuzzy.js";
import { neverThrows, textOf } from "./text/guarded.js";
import { askInnerGuard, ignoredLlmCallable, innerRail, requireModel } from "./text/inner-guard.js";
import { missingTopics, topKeywords } from "./text/keywords.js";
import { countWords, fitWordBudget, readingMinutes } from "./text/reading.js";
import { splitSentences } from "./text/sentences.js";
import { fuzzyMatrix, type SimilarityMatrix, similarityMatrix } from "./text/similarity.js";
import { loadSources, type SourceText, sourceRequirement } from "./text/sources.js";
import {
  citeSupported,
  matchSentences,
  quoteSentences,
  type SentenceMatch,
  withoutCitations,
} from "./text/support.js";
import { contentWords } from "./text/tokenize.js";

const embedArg: ArgSpec = {
  name: "embed",
  type: "any",
  optional: true,
  description: "(texts) => vectors; also read from metadata.embed. Absent: offline TF-IDF.",
};

const embedFor = (ctx: ValidatorContext<{ embed?: unknown }>): EmbedFunction | undefined =>
  findEmbed(ctx.args, ctx.metadata);

const formatScore = (score: number): string => score.toFixed(2);

// Lexical cosine between a short summary and a whole document runs far below embedding cosine
// (a faithful extract scores ~0.5), so the offline default is lower than Guardrails' 0.7.
const LEXICAL_DOCUMENT_THRESHOLD = 0.25;
const EMBEDDING_DOCUMENT_THRESHOLD = 0.7;

type SimilarToDocumentArgs = {
  document?: string;
  threshold?: number;
  model?: string;
  embed?: unknown;
};

export const similarToDocument: ValidatorDefinition<SimilarToDocumentArgs> = {
  name: "similar-to-document",
  types: ["string"],
  args: [
    { name: "document", type: "string", optional: true, description: "Else metadata.document." },
    {
      name: "threshold",
      type: "number",
      optional: true,
      description: "Minimum cosine; default 0.7 with embeddings, 0.25 lexical.",
    },
    { name: "model", type: "string", optional: true, description: "Ignored: embed decides." },
    embedArg,
  ],
  requiredMetadata: [sourceRequirement(["document"])],
  hidden: true,
  description: "The text is similar (cosine) to a reference document.",
  docs: {
    check:
      "cosine(text, document) ≥ threshold: TF-IDF offline (default 0.25), embeddings with `embed` (default 0.7); document from the argument or metadata",
    fix: "none",
    advice: "`reask` to pull an off-topic answer back to the document; `noop` to only log drift",
  },
  validate: neverThrows("similar-to-document", async (value, ctx) => {
    const text = textOf(value);
    const sources = await loadSources(ctx.metadata, { document: ctx.args.document });
    const document = sources.map((source) => source.text).join("\n\n");
    const embed = embedFor(ctx);
    const [[score = 0] = []] = await similarityMatrix(embed)([text], [document]);
    const threshold =
      ctx.args.threshold ?? (embed ? EMBEDDING_DOCUMENT_THRESHOLD : LEXICAL_DOCUMENT_THRESHOLD);
    if (score >= threshold) return pass();
    const measure = embed ? "embedding" : "TF-IDF";
    return fail(
      `not similar enough to the document: ${measure} cosine ${formatScore(score)} < ${threshold}`,
    );
  }),
};

type ThresholdArgs = { threshold: number; embed?: unknown };

/** Fails naming the sentences no source supports; the fix keeps the rest, with citations. */
function citedSummaryVerdict(
  matches: readonly SentenceMatch[],
  sources: readonly SourceText[],
  criterion: string,
): Verdict {
  const unsupported = matches.filter((match) => !match.supported);
  if (unsupported.length === 0) return pass();
  return fail(
    `${unsupported.length} of ${matches.length} sentences match no source sentence (${criterion}): ${quoteSentences(unsupported.map((match) => match.sentence))}`,
    citeSupported(matches, sources),
  );
}

/**
 * The check both extractive validators make: every sentence (citations of an earlier fix
 * ignored) scores at least `threshold` against some source sentence, on the given measure.
 */
function citedSummaryCheck(
  name: string,
  measure: { label: string; matrix: (ctx: ValidatorContext<ThresholdArgs>) => SimilarityMatrix },
): ValidatorDefinition<ThresholdArgs>["validate"] {
  return neverThrows(name, async (value, ctx) => {
    const sources = await loadSources(ctx.metadata);
    const sentences = splitSentences(withoutCitations(textOf(value)));
    const { threshold } = ctx.args;
    const matches = await matchSentences(sentences, sources, measure.matrix(ctx), threshold);
    return citedSummaryVerdict(matches, sources, `${measure.label} ≥ ${threshold}`);
  });
}

const CITED_FIX =
  'the verified sentences, each followed by `[n]`, then the cited sources as `[n] label` lines (ignored when checking, so the fix re-validates); `""` when none is verified';

export const extractiveSummary: ValidatorDefinition<ThresholdArgs> = {
  name: "extractive-summary",
  types: ["string"],
  args: [{ name: "threshold", type: "number", default: 85, description: "Minimum ratio, 0–100." }],
  requiredMetadata: [sourceRequirement()],
  description: "Every sentence of the summary is (nearly) copied from a source sentence.",
  docs: {
    check:
      "every sentence fuzzy-matches a source sentence: thefuzz `ratio` ≥ threshold; sources from metadata `document`, `documents` or `filepaths`",
    fix: CITED_FIX,
    advice: "`fix` to drop invented sentences and cite the rest; `reask` to get a full extract",
  },
  validate: citedSummaryCheck("extractive-summary", { label: "ratio", matrix: () => fuzzyMatrix }),
};

export const extractedSummarySentencesMatch: ValidatorDefinition<ThresholdArgs> = {
  name: "extracted-summary-sentences-match",
  types: ["string"],
  args: [
    { name: "threshold", type: "number", default: 0.7, description: "Minimum cosine." },
    embedArg,
  ],
  requiredMetadata: [sourceRequirement()],
  hidden: true,
  description: "Every sentence of the summary is close (cosine) to a source sentence.",
  docs: {
    check:
      "every sentence has a source sentence with cosine ≥ threshold (embeddings with `embed`, TF-IDF offline); sources from metadata `document`, `documents` or `filepaths`",
    fix: CITED_FIX,
    advice: "`fix` to keep only grounded sentences with citations; `reask` for a complete summary",
  },
  validate: citedSummaryCheck("extracted-summary-sentences-match", {
    label: "cosine",
    matrix: (ctx) => similarityMatrix(embedFor(ctx)),
  }),
};

export const removeRedundantSentences: ValidatorDefinition<{ threshold: number }> = {
  name: "remove-redundant-sentences",
  types: ["string"],
  args: [{ name: "threshold", type: "number", default: 70, description: "Ratio, 0–100." }],
  description: "No sentence repeats an earlier one.",
  docs: {
    check: "no sentence has a thefuzz `ratio` above threshold with an earlier kept sentence",
    fix: "the text with the redundant sentences dropped",
    advice: "`fix`: dropping a repeat loses nothing",
  },
  validate: neverThrows("remove-redundant-sentences", (value, { args: { threshold } }) => {
    const sentences = splitSentences(textOf(value)).map((sentence) => ({
      sentence,
      pattern: new RatioPattern(sentence),
      characters: codePoints(sentence),
    }));
    const total = sentences.reduce((sum, { characters }) => sum + characters.length + 1, 0);
    checkComparisonWork(
      sentences.reduce((sum, { pattern }) => sum + pattern.cost(total), 0),
      `comparing the ${sentences.length} sentences with each other`,
    );
    const kept: typeof sentences = [];
    const redundant: string[] = [];
    for (const entry of sentences) {
      const repeats = kept.some((earlier) => entry.pattern.ratio(earlier.characters) > threshold);
      if (repeats) redundant.push(entry.sentence);
      else kept.push(entry);
    }
    if (redundant.length === 0) return pass();
    return fail(
      `redundant sentences (ratio > ${threshold} with an earlier one): ${quoteSentences(redundant)}`,
      kept.map((entry) => entry.sentence).join(" "),
    );
  }),
};

type SaliencyArgs = {
  docs_dir?: string;
  llm_callable?: unknown;
  threshold: number;
  use_llm: boolean;
  max_topics: number;
};

export const saliencyCheck: ValidatorDefinition<SaliencyArgs> = {
  name: "saliency-check",
  types: ["string"],
  args: [
    {
      name: "docs_dir",
      type: "string",
      optional: true,
      description: "Directory of source files; else metadata sources.",
    },
    {
      name: "llm_callable",
      type: "any",
      optional: true,
      description: "Guardrails' model argument: asks for model mode; the guard's model answers.",
    },
    { name: "threshold", type: "number", default: 0.25, description: "Minimum topic coverage." },
    { name: "use_llm", type: "boolean", default: false, description: "Topics by the model." },
    { name: "max_topics", type: "integer", default: 10, description: "Offline document topics." },
  ],
  requiredMetadata: [sourceRequirement(["docs_dir"])],
  description: "The summary covers the main topics of the source documents.",
  docs: {
    check:
      "share of the document's topics found in the summary ≥ threshold; offline topics are its top TF-IDF keywords, with `use_llm=true` (or `llm_callable`) an inner guard asks the guard's model for the topics of both",
    fix: '`""` (as Guardrails): an empty summary rather than one that misses the point',
    advice:
      "`reask` to get the missing topics covered (the message lists them); `fix` only where an empty summary is acceptable",
  },
  validate: neverThrows("saliency-check", async (value, ctx) => {
    const summary = textOf(value);
    const sources = await loadSources(ctx.metadata, { docs_dir: ctx.args.docs_dir }, ctx.specDir);
    const document = sources.map((source) => source.text).join("\n\n");
    const modelMode = ctx.args.use_llm || ctx.args.llm_callable != null;
    const [documentTopics, summaryTopics] = modelMode
      ? await Promise.all([askTopics(document, ctx), askTopics(summary, ctx)])
      : [topKeywords(document, ctx.args.max_topics), contentWords(summary)];
    if (documentTopics.length === 0) return pass();
    const missing = missingTopics(documentTopics, summaryTopics);
    const coverage = 1 - missing.length / documentTopics.length;
    if (coverage >= ctx.args.threshold) return pass();
    const covered = documentTopics.length - missing.length;
    return fail(
      `the summary covers ${covered} of ${documentTopics.length} topics of the document (${formatScore(coverage)} < ${ctx.args.threshold}); missing: ${missing.join(", ")}`,
      "",
    );
  }),
};

const TOPICS_RAIL = innerRail(
  `<list name="topics" description="The main topics of the text, each a phrase of one to three words.">
    <string/>
  </list>`,
  `List the main topics of the following text, each as a phrase of one to three words.

\${text}`,
);

/** Model mode of saliency-check: the topics of a text, by the guard's model. */
async function askTopics(text: string, ctx: ValidatorContext<unknown>): Promise<string[]> {
  const { topics } = await askInnerGuard("saliency-check", TOPICS_RAIL, { text }, ctx);
  return Array.isArray(topics) ? topics.filter((topic) => typeof topic === "string") : [];
}

type ReadingTimeArgs = { reading_time: number; words_per_minute: number };

export const readingTime: ValidatorDefinition<ReadingTimeArgs> = {
  name: "reading-time",
  types: ["string"],
  args: [
    { name: "reading_time", type: "number", description: "Maximum reading time in minutes." },
    { name: "words_per_minute", type: "number", default: 200, description: "Reading speed." },
  ],
  description: "The text can be read within the time budget.",
  docs: {
    check: "words / words_per_minute ≤ reading_time (minutes)",
    fix: "the leading whole sentences that fit the word budget (the first sentence cut to it when none fits)",
    advice: "`fix` for a hard budget (the fix keeps the opening); `reask` to get a shorter rewrite",
  },
  validate: neverThrows("reading-time", (value, { args }) => {
    const text = textOf(value);
    const minutes = readingMinutes(text, args.words_per_minute);
    if (minutes <= args.reading_time) return pass();
    const budget = Math.floor(args.reading_time * args.words_per_minute);
    return fail(
      `takes ${minutes.toFixed(2)} minutes to read (${countWords(text)} words at ${args.words_per_minute} words per minute), more than ${args.reading_time}`,
      fitWordBudget(text, budget),
    );
  }),
};

type ProvenanceArgs = { threshold: number; validation_method: string; embed?: unknown };

/** `metadata.sources` as labelled source texts. */
function metadataSources(metadata: Record<string, unknown>): SourceText[] {
  const sources = metadata.sources;
  if (!Array.isArray(sources) || !sources.every((source) => typeof source === "string")) {
    throw new TextValidationError("invalid-source", "metadata.sources must be a list of strings.");
  }
  return sources.map((text, index) => ({ label: `sources[${index}]`, text }));
}

const UNSUPPORTED = "None of the following sentences are supported by the provided sources:";

function validationMethod(method: string): "sentence" | "full" {
  if (method === "sentence" || method === "full") return method;
  throw new TextValidationError(
    "invalid-argument",
    `validation_method must be "sentence" or "full", got "${method}".`,
  );
}

/** Lists the unsupported claims; the fix keeps the supported sentences (nothing for `full`). */
function provenanceVerdict(
  claims: readonly { sentence: string; supported: boolean }[],
  method: "sentence" | "full",
): Verdict {
  const unsupported = claims.filter((claim) => !claim.supported);
  if (unsupported.length === 0) return pass();
  const listed = unsupported.map((claim) => `- ${claim.sentence}`).join("\n");
  const kept = claims.filter((claim) => claim.supported).map((claim) => claim.sentence);
  return fail(`${UNSUPPORTED}\n${listed}`, method === "full" ? "" : kept.join(" "));
}

const provenanceV0Definition = (name: string): ValidatorDefinition<ProvenanceArgs> => ({
  name,
  types: ["string"],
  args: [
    {
      name: "threshold",
      type: "number",
      default: 0.8,
      description: "Maximum cosine distance (1 − similarity) to the closest source chunk.",
    },
    {
      name: "validation_method",
      type: "string",
      default: "sentence",
      description: "sentence | full",
    },
    embedArg,
  ],
  requiredMetadata: ["sources"],
  description: "Each sentence (or the whole text) is supported by one of metadata.sources.",
  docs: {
    check:
      "cosine distance from each sentence (`validation_method=sentence`) or the whole text (`full`) to its closest source sentence ≤ threshold (embeddings with `embed`, TF-IDF offline); metadata `sources`",
    fix: 'sentence: the supported sentences only; full: `""`',
    advice: "`fix` to strip unsupported claims; `reask` when every claim must be sourced",
  },
  validate: neverThrows(name, async (value, ctx) => {
    const text = textOf(value);
    const method = validationMethod(ctx.args.validation_method);
    const sources = metadataSources(ctx.metadata);
    const claims = method === "full" ? [text] : splitSentences(text);
    const similarity = similarityMatrix(embedFor(ctx));
    return provenanceVerdict(
      await matchSentences(claims, sources, similarity, 1 - ctx.args.threshold),
      method,
    );
  }),
});

export const provenance = provenanceV0Definition("provenance");
export const provenanceV0 = provenanceV0Definition("provenance-v0");

const SUPPORT_RAIL = innerRail(
  `<bool name="supported" description="true when the contexts support the claim, false otherwise"/>`,
  `As an attribution validator, decide whether the contexts below support the claim.

Claim:
\${claim}

Contexts:
\${contexts}`,
);

type ProvenanceV1Args = {
  validation_method: string;
  llm_callable?: unknown;
  top_k: number;
  max_tokens?: number;
  embed?: unknown;
};

/** Whether the guard's model finds `claim` supported by its `topK` closest source sentences. */
async function judgeSupport(
  claims: string[],
  sources: SourceText[],
  ctx: ValidatorContext<ProvenanceV1Args>,
): Promise<boolean[]> {
  const chunks = sources.flatMap((source) => splitSentences(source.text));
  const scores = await similarityMatrix(embedFor(ctx))(claims, chunks);
  return Promise.all(
    claims.map(async (claim, row) => {
      const contexts = topIndices(scores[row] ?? [], ctx.args.top_k).map((index) => chunks[index]);
      const params = { claim, contexts: contexts.map((chunk) => `- ${chunk}`).join("\n") };
      const { supported } = await askInnerGuard("provenance-v1", SUPPORT_RAIL, params, ctx);
      return supported === true;
    }),
  );
}

const topIndices = (scores: readonly number[], count: number): number[] =>
  scores
    .map((score, index) => ({ score, index }))
    .sort((a, b) => b.score - a.score)
    .slice(0, Math.max(1, count))
    .map(({ index }) => index);

export const provenanceV1: ValidatorDefinition<ProvenanceV1Args> = {
  name: "provenance-v1",
  types: ["string"],
  args: [
    {
      name: "validation_method",
      type: "string",
      default: "sentence",
      description: "sentence | full",
    },
    ignoredLlmCallable,
    {
      name: "top_k",
      type: "integer",
      default: 3,
      description: "Source sentences shown per claim.",
    },
    { name: "max_tokens", type: "integer", optional: true, description: "Ignored." },
    embedArg,
  ],
  requiredMetadata: ["sources"],
  description: "The guard's model judges each sentence supported by the closest source sentences.",
  docs: {
    check:
      "for each sentence (or the whole text with `validation_method=full`) an inner guard asks the guard's model whether its `top_k` closest source sentences support it; metadata `sources`",
    fix: 'sentence: the supported sentences only; full: `""`',
    advice: "`fix` to strip unsupported claims; costs one model call per sentence",
  },
  validate: neverThrows("provenance-v1", async (value, ctx) => {
    const text = textOf(value);
    const method = validationMethod(ctx.args.validation_method);
    const sources = metadataSources(ctx.metadata);
    requireModel("provenance-v1", ctx.ask);
    const claims = method === "full" ? [text] : splitSentences(text);
    const verdicts = await judgeSupport(claims, sources, ctx);
    return provenanceVerdict(
      claims.map((sentence, index) => ({ sentence, supported: verdicts[index] === true })),
      method,
    );
  }),
};

type SimilarToListArgs = { standard_deviations: number; threshold: number; embed?: unknown };

export const similarToList: ValidatorDefinition<SimilarToListArgs> = {
  name: "similar-to-list",
  types: ["string", "integer", "float"],
  args: [
    { name: "standard_deviations", type: "number", default: 3, description: "Numbers: k." },
    {
      name: "threshold",
      type: "number",
      default: 0.1,
      description: "Strings: maximum cosine distance to the closest previous value.",
    },
    embedArg,
  ],
  requiredMetadata: ["prev_values"],
  description: "The value resembles the previous values in metadata.prev_values.",
  docs: {
    check:
      "numbers: |v − mean| ≤ standard_deviations · σ of metadata `prev_values`; strings: cosine distance to the closest previous value ≤ threshold (embeddings with `embed`, TF-IDF offline)",
    fix: "none",
    advice: "`reask` for an outlier; `noop` to monitor drift",
  },
  validate: neverThrows("similar-to-list", async (value, ctx) => {
    const previous = ctx.metadata.prev_values;
    if (!Array.isArray(previous) || previous.length === 0) {
      throw new TextValidationError(
        "invalid-metadata",
        "metadata.prev_values must be a non-empty list.",
      );
    }
    const number = asNumber(value);
    const numbers = previous.map(asNumber);
    if (number !== undefined && numbers.every((x) => x !== undefined)) {
      return withinDeviations(number, numbers as number[], ctx.args.standard_deviations);
    }
    const text = textOf(value);
    const [scores = []] = await similarityMatrix(embedFor(ctx))([text], previous.map(String));
    const distance = 1 - scores.reduce((best, score) => Math.max(best, score), -1);
    if (distance <= ctx.args.threshold) return pass();
    return fail(
      `not similar to any previous value: closest cosine distance ${formatScore(distance)} > ${ctx.args.threshold}`,
    );
  }),
};

/** A number, or a string that is exactly one (as Guardrails' `int(value)` accepts). */
function asNumber(value: unknown): number | undefined {
  if (typeof value === "number") return Number.isFinite(value) ? value : undefined;
  if (typeof value !== "string" || value.trim() === "") return undefined;
  const number = Number(value);
  return Number.isFinite(number) ? number : undefined;
}

function withinDeviations(value: number, previous: number[], deviations: number): Verdict {
  const mean = previous.reduce((sum, x) => sum + x, 0) / previous.length;
  const variance = previous.reduce((sum, x) => sum + (x - mean) ** 2, 0) / previous.length;
  const sigma = Math.sqrt(variance);
  if (Math.abs(value - mean) <= deviations * sigma) return pass();
  return fail(
    `${value} is more than ${deviations} standard deviations from the previous values (mean ${formatScore(mean)}, σ ${formatScore(sigma)})`,
  );
}

export const summaryValidators = [
  similarToDocument,
  extractiveSummary,
  extractedSummarySentencesMatch,
  removeRedundantSentences,
  saliencyCheck,
  readingTime,
  provenance,
  provenanceV0,
  provenanceV1,
  similarToList,
];
