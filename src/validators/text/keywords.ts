import { splitSentences } from "./sentences.js";
import { TfIdf, termCounts } from "./tfidf.js";
import { contentWords } from "./tokenize.js";

/**
 * The `count` most salient terms of a text: frequency in the text times idf across its own
 * sentences, so a term that runs through the text beats one repeated in a single sentence.
 * Ties break alphabetically so the result is stable.
 */
export function topKeywords(text: string, count: number): string[] {
  const model = new TfIdf(splitSentences(text));
  return [...termCounts(text)]
    .filter(([term]) => term.length >= 3 && !/^\d+$/.test(term))
    .map(([term, frequency]) => ({ term, score: frequency * model.idf(term) }))
    .sort((a, b) => b.score - a.score || a.term.localeCompare(b.term))
    .slice(0, count)
    .map(({ term }) => term);
}

/** A topic phrase as comparable terms: "Language Models" and "language model" meet. */
export const topicKey = (topic: string): string => contentWords(topic).sort().join(" ");

/** The topics of `wanted` that `covered` does not contain, compared by `topicKey`. */
export function missingTopics(wanted: readonly string[], covered: readonly string[]): string[] {
  const coveredKeys = new Set(covered.map(topicKey));
  return wanted.filter((topic) => !coveredKeys.has(topicKey(topic)));
}
