import { contentWords } from "./tokenize.js";

/**
 * TF-IDF over a small corpus (sentences, chunks or whole documents), with scikit-learn's smoothed
 * idf `ln((1 + n) / (1 + df)) + 1` so a term in every text still counts a little.
 */
export class TfIdf {
  readonly #documentFrequency = new Map<string, number>();
  readonly #corpusSize: number;

  constructor(corpus: readonly string[]) {
    this.#corpusSize = corpus.length;
    for (const text of corpus) {
      for (const term of new Set(contentWords(text))) {
        this.#documentFrequency.set(term, (this.#documentFrequency.get(term) ?? 0) + 1);
      }
    }
  }

  idf(term: string): number {
    const df = this.#documentFrequency.get(term) ?? 0;
    return Math.log((1 + this.#corpusSize) / (1 + df)) + 1;
  }

  /** Term → tf·idf weight for one text. */
  vector(text: string): Map<string, number> {
    const vector = new Map<string, number>();
    for (const [term, count] of termCounts(text)) vector.set(term, count * this.idf(term));
    return vector;
  }
}

/** How often each content term occurs in a text. */
export function termCounts(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const term of contentWords(text)) counts.set(term, (counts.get(term) ?? 0) + 1);
  return counts;
}
