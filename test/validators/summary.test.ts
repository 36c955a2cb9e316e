import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import {
  extractedSummarySentencesMatch,
  extractiveSummary,
  provenance,
  provenanceV0,
  provenanceV1,
  readingTime,
  removeRedundantSentences,
  saliencyCheck,
  similarToDocument,
  similarToList,
  summaryValidators,
} from "../../src/validators/summary.js";
import { fixture, runText, verdictTable } from "./text-support.js";

const guardrails = fixture("guardrails-episode.txt");
const purdue = fixture("purdue.txt");
const fixtureDir = fileURLToPath(new URL("../fixtures/text/", import.meta.url));
const fixturePath = (name: string) =>
  fileURLToPath(new URL(`../fixtures/text/${name}`, import.meta.url));

const EXTRACT_1 =
  "Guardrails AI aims to solve these issues by adding a formalized structure around inference calls, which validates both the structure and quality of the output.";
const EXTRACT_2 = "Each RAIL is also model-agnostic.";
const INVENTED = "Guardrails AI was acquired by Google in 2019.";
const faithful = `${EXTRACT_1} ${EXTRACT_2}`;
const withInvention = `${EXTRACT_1} ${INVENTED} ${EXTRACT_2}`;
const paraphrase =
  "Guardrails AI wraps LLM inference calls in a formal structure that validates the output's structure and quality, and asks the model again when validation fails.";
const offTopic =
  "Purdue is a state school in Indiana with a large international student population.";

/** A stand-in embedding with two axes: "about Guardrails" and "about cats or Purdue". */
const topicEmbed = (texts: string[]) =>
  texts.map((text) => [/guardrails|rail/i.test(text) ? 1 : 0, /cat|purdue/i.test(text) ? 1 : 0]);

describe("similar-to-document", () => {
  verdictTable(similarToDocument, [
    {
      name: "passes a faithful extract (TF-IDF)",
      value: faithful,
      metadata: { document: guardrails },
    },
    { name: "takes the document as an argument", value: faithful, args: { document: guardrails } },
    {
      name: "fails an off-topic text, without fix",
      value: offTopic,
      metadata: { document: guardrails },
      message: /^not similar enough to the document: TF-IDF cosine 0\.\d\d < 0\.25$/,
    },
    {
      name: "honours an explicit threshold",
      value: faithful,
      args: { threshold: 0.9 },
      metadata: { document: guardrails },
      message: /TF-IDF cosine 0\.\d\d < 0\.9$/,
    },
    {
      name: "uses embeddings (default 0.7) when metadata.embed is given",
      value: offTopic,
      metadata: { document: guardrails, embed: topicEmbed },
      message: "not similar enough to the document: embedding cosine 0.00 < 0.7",
    },
    {
      name: "passes with embeddings that agree",
      value: faithful,
      args: { embed: topicEmbed },
      metadata: { document: guardrails },
    },
    {
      name: "reports a missing document",
      value: faithful,
      message:
        "similar-to-document could not check $.summary: No source text: pass one of metadata.document, metadata.documents, metadata.filepaths, metadata.docs_dir.",
    },
    {
      name: "reports a broken embed function",
      value: faithful,
      metadata: { document: guardrails, embed: "text-embedding-3-small" },
      message: /metadata\.embed must be a function/,
    },
    {
      name: "fails a non-string value",
      value: 42,
      metadata: { document: guardrails },
      message: "similar-to-document could not check $.summary: expected a string, got number 42",
    },
  ]);

  it("is hidden from the prompt", () => {
    expect(similarToDocument.hidden).toBe(true);
  });
});

describe("extractive-summary", () => {
  verdictTable(extractiveSummary, [
    { name: "passes a faithful extract", value: faithful, metadata: { document: guardrails } },
    {
      name: "passes a lightly edited extract (ratio ≥ 85)",
      value: "Each RAIL is model-agnostic.",
      metadata: { document: guardrails },
    },
    {
      name: "fails an invented sentence and cites the verified ones",
      value: withInvention,
      metadata: { document: guardrails },
      message: `1 of 3 sentences match no source sentence (ratio ≥ 85): "${INVENTED}"`,
      fix: `${EXTRACT_1} [1] ${EXTRACT_2} [1]\n\n[1] document`,
    },
    {
      name: "fails a paraphrase; nothing verified, fix is empty",
      value: paraphrase,
      metadata: { document: guardrails },
      message: /^1 of 1 sentences match no source sentence \(ratio ≥ 85\): "Guardrails AI wraps/,
      fix: "",
    },
    {
      name: "reads metadata.filepaths and cites the file it matched",
      value: `${EXTRACT_2} ${INVENTED}`,
      metadata: { filepaths: [fixturePath("purdue.txt"), fixturePath("guardrails-episode.txt")] },
      message: `1 of 2 sentences match no source sentence (ratio ≥ 85): "${INVENTED}"`,
      fix: `${EXTRACT_2} [2]\n\n[2] ${fixturePath("guardrails-episode.txt")}`,
    },
    {
      name: "honours the threshold",
      value: "Each RAIL is model-agnostic.",
      args: { threshold: 100 },
      metadata: { document: guardrails },
      message: /\(ratio ≥ 100\)/,
      fix: "",
    },
    {
      name: "passes an empty summary (no sentence to check)",
      value: "",
      metadata: { document: guardrails },
    },
    {
      name: "reports an unreadable file",
      value: faithful,
      metadata: { filepaths: ["/no/such/source.txt"] },
      message:
        /^extractive-summary could not check \$\.summary: Cannot read "\/no\/such\/source\.txt"/,
    },
  ]);
});

describe.each([extractiveSummary, extractedSummarySentencesMatch])(
  "$name's cited fix",
  (definition) => {
    it("passes the validator that produced it", async () => {
      const metadata = { documents: [purdue, guardrails] };
      const failed = await runText(definition, withInvention, {}, { metadata });
      expect(failed.outcome === "fail" && failed.fixValue).toMatch(
        /\[2\]\n\n\[2\] documents\[1\]$/,
      );
      const fixValue = failed.outcome === "fail" ? failed.fixValue : undefined;
      expect(await runText(definition, fixValue, {}, { metadata })).toEqual({ outcome: "pass" });
    });
  },
);

describe("extracted-summary-sentences-match", () => {
  verdictTable(extractedSummarySentencesMatch, [
    {
      name: "passes extracts (TF-IDF)",
      value: faithful,
      metadata: { documents: [purdue, guardrails] },
    },
    {
      name: "fails an invented sentence, citing documents[1]",
      value: withInvention,
      metadata: { documents: [purdue, guardrails] },
      message: `1 of 3 sentences match no source sentence (cosine ≥ 0.7): "${INVENTED}"`,
      fix: `${EXTRACT_1} [2] ${EXTRACT_2} [2]\n\n[2] documents[1]`,
    },
    {
      name: "uses embeddings when given",
      value: `${EXTRACT_2} ${offTopic}`,
      metadata: { document: guardrails, embed: topicEmbed },
      message: `1 of 2 sentences match no source sentence (cosine ≥ 0.7): "${offTopic}"`,
      fix: `${EXTRACT_2} [1]\n\n[1] document`,
    },
  ]);

  it("is hidden from the prompt", () => {
    expect(extractedSummarySentencesMatch.hidden).toBe(true);
  });
});

describe("remove-redundant-sentences", () => {
  verdictTable(removeRedundantSentences, [
    { name: "passes distinct sentences", value: fixture("sliders.txt") },
    {
      name: "fails a near repeat and drops it",
      value: `${EXTRACT_2} ${EXTRACT_1} Each RAIL is model-agnostic.`,
      message:
        'redundant sentences (ratio > 70 with an earlier one): "Each RAIL is model-agnostic."',
      fix: `${EXTRACT_2} ${EXTRACT_1}`,
    },
    {
      name: "honours the threshold",
      value: "The guard validates output. The guard validates input.",
      args: { threshold: 95 },
    },
    {
      name: "compares against kept sentences only",
      value: "The guard validates output. The guard validates output! The guard validates output?",
      message:
        'redundant sentences (ratio > 70 with an earlier one): "The guard validates output!"; "The guard validates output?"',
      fix: "The guard validates output.",
    },
  ]);
});

describe("saliency-check (offline)", () => {
  verdictTable(saliencyCheck, [
    {
      name: "passes a summary covering the main topics",
      value: faithful,
      metadata: { document: guardrails },
    },
    {
      name: "fails a summary about something else; fix is empty",
      value: offTopic,
      metadata: { document: guardrails },
      message:
        /^the summary covers 0 of 10 topics of the document \(0\.00 < 0\.25\); missing: (\w+, ){9}\w+$/,
      fix: "",
    },
    {
      name: "reads docs_dir and covers its topics",
      value: "The text model has a slider.",
      args: { docs_dir: fixtureDir, max_topics: 3 },
    },
    {
      name: "reads docs_dir and finds its topics missing",
      value: offTopic,
      args: { docs_dir: fixtureDir, max_topics: 3 },
      message:
        /^the summary covers 0 of 3 topics of the document \(0\.00 < 0\.25\); missing: \w+, \w+, \w+$/,
      fix: "",
    },
    {
      name: "asks for a model in model mode when there is none",
      value: faithful,
      args: { use_llm: true },
      metadata: { document: guardrails },
      message: /^saliency-check could not check \$\.summary: saliency-check needs a model/,
    },
  ]);

  it("names the missing topics, the document's top keywords", async () => {
    const verdict = await runText(
      saliencyCheck,
      offTopic,
      { max_topics: 3 },
      { metadata: { document: guardrails } },
    );
    expect(verdict).toMatchObject({ outcome: "fail" });
    expect(verdict.outcome === "fail" && verdict.message).toMatch(/missing: .*model/);
  });
});

describe("reading-time", () => {
  const tenWords = "One two three four five six seven eight nine ten.";
  const threeHundredWords = Array(30).fill(tenWords).join(" ");

  verdictTable(readingTime, [
    { name: "passes within budget", value: threeHundredWords, args: { reading_time: 1.5 } },
    {
      name: "fails over budget; the fix keeps whole sentences within it",
      value: threeHundredWords,
      args: { reading_time: 1 },
      message: "takes 1.50 minutes to read (300 words at 200 words per minute), more than 1",
      fix: Array(20).fill(tenWords).join(" "),
    },
    {
      name: "honours words_per_minute",
      value: threeHundredWords,
      args: { reading_time: 1, words_per_minute: 100 },
      message: "takes 3.00 minutes to read (300 words at 100 words per minute), more than 1",
      fix: Array(10).fill(tenWords).join(" "),
    },
    {
      name: "cuts a single long sentence to the budget",
      value: "word ".repeat(30).trim(),
      args: { reading_time: 0.05 },
      message: /^takes 0\.15 minutes/,
      fix: "word ".repeat(10).trim(),
    },
  ]);
});

describe.each([provenance, provenanceV0])("$name", (definition) => {
  const sources = [guardrails, purdue];
  verdictTable(definition, [
    { name: "passes supported sentences", value: faithful, metadata: { sources } },
    {
      name: "passes a close paraphrase (distance ≤ 0.8)",
      value: paraphrase,
      metadata: { sources },
    },
    {
      name: "fails an invented sentence and keeps the rest",
      value: withInvention,
      metadata: { sources },
      message: `None of the following sentences are supported by the provided sources:\n- ${INVENTED}`,
      fix: faithful,
    },
    {
      name: "full method judges the whole text; fix is empty",
      value: "Cats purr when content.",
      args: { validation_method: "full" },
      metadata: { sources },
      message:
        "None of the following sentences are supported by the provided sources:\n- Cats purr when content.",
      fix: "",
    },
    {
      name: "full method passes supported text",
      value: withInvention,
      args: { validation_method: "full" },
      metadata: { sources },
    },
    {
      name: "uses embeddings when given",
      value: `${EXTRACT_2} Cats purr.`,
      metadata: { sources: [guardrails], embed: topicEmbed },
      message:
        "None of the following sentences are supported by the provided sources:\n- Cats purr.",
      fix: EXTRACT_2,
    },
    {
      name: "rejects an unknown validation_method",
      value: faithful,
      args: { validation_method: "paragraph" },
      metadata: { sources },
      message: /validation_method must be "sentence" or "full", got "paragraph"\.$/,
    },
    {
      name: "rejects sources that are not strings",
      value: faithful,
      metadata: { sources: guardrails },
      message: /metadata\.sources must be a list of strings\.$/,
    },
  ]);

  it("declares metadata.sources as required", () => {
    expect(definition.requiredMetadata).toEqual(["sources"]);
  });
});

describe("similar-to-list", () => {
  verdictTable(similarToList, [
    {
      name: "passes a number near the previous ones",
      value: 10.5,
      metadata: { prev_values: [10, 11, 9, 10, 10] },
    },
    { name: "passes a numeric string", value: "10", metadata: { prev_values: [10, 11, 9] } },
    {
      name: "fails an outlier",
      value: 30,
      metadata: { prev_values: [10, 11, 9, 10, 10] },
      message:
        "30 is more than 3 standard deviations from the previous values (mean 10.00, σ 0.63)",
    },
    {
      name: "honours standard_deviations",
      value: 11,
      args: { standard_deviations: 1 },
      metadata: { prev_values: [10, 11, 9, 10, 10] },
      message: /^11 is more than 1 standard deviations/,
    },
    {
      name: "passes a string like a previous one",
      value: "Each RAIL is model-agnostic",
      metadata: { prev_values: ["Each RAIL is model agnostic", "Chess"] },
    },
    {
      name: "fails a string unlike every previous one",
      value: "Pottery",
      metadata: { prev_values: ["Each RAIL is model agnostic", "Chess"] },
      message: "not similar to any previous value: closest cosine distance 1.00 > 0.1",
    },
    {
      name: "uses embeddings when given",
      value: "Cats",
      metadata: { prev_values: ["Guardrails"], embed: topicEmbed },
      message: "not similar to any previous value: closest cosine distance 1.00 > 0.1",
    },
    {
      name: "rejects empty prev_values",
      value: 3,
      metadata: { prev_values: [] },
      message: /metadata\.prev_values must be a non-empty list\.$/,
    },
  ]);
});

describe("provenance-v1 without a model", () => {
  verdictTable(provenanceV1, [
    {
      name: "says a model is required",
      value: faithful,
      metadata: { sources: [guardrails] },
      message: /^provenance-v1 could not check \$\.summary: provenance-v1 needs a model/,
    },
  ]);
});

describe("the summary family", () => {
  it("documents every validator for the README table", () => {
    for (const definition of summaryValidators) {
      expect(definition.docs?.check, definition.name).toBeTruthy();
      expect(definition.docs?.fix, definition.name).toBeTruthy();
      expect(definition.docs?.advice, definition.name).toBeTruthy();
    }
  });

  it("registers every alias of the reference", () => {
    expect(summaryValidators.map((definition) => definition.name).sort()).toEqual([
      "extracted-summary-sentences-match",
      "extractive-summary",
      "provenance",
      "provenance-v0",
      "provenance-v1",
      "reading-time",
      "remove-redundant-sentences",
      "saliency-check",
      "similar-to-document",
      "similar-to-list",
    ]);
  });
});
