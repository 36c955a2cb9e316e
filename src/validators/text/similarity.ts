import type { EmbedFunction } from "../../llm/types.js";
import { checkComparisonWork } from "./budget.js";
import { embedTexts } from "./embed.js";
import { codePoints, RatioPattern } from "./fuzzy.js";
import { TfIdf } from "./tfidf.js";
import { cosine, sparseCosine, sumOfSquares } from "./vectors.js";

/** `scores[i][j]`: how similar `queries[i]` is to `candidates[j]`, a cosine in [-1, 1]. */
export type SimilarityMatrix = (queries: string[], candidates: string[]) => Promise<number[][]>;

/** Embedding cosine when an embed function is given, TF-IDF cosine (offline) otherwise. */
export function similarityMatrix(embed: EmbedFunction | undefined): SimilarityMatrix {
  return embed ? embeddingMatrix(embed) : lexicalMatrix;
}

const comparing = (queries: string[], candidates: string[]): string =>
  `comparing ${queries.length} text(s) with ${candidates.length} source text(s)`;

const lexicalMatrix: SimilarityMatrix = async (queries, candidates) => {
  const model = new TfIdf([...candidates, ...queries]);
  const weighted = (text: string) => {
    const vector = model.vector(text);
    return { vector, squares: sumOfSquares(vector) };
  };
  const queryVectors = queries.map(weighted);
  // Each cosine walks the shorter of its two vectors; the query's length bounds that.
  const work = queryVectors.reduce((sum, query) => sum + query.vector.size + 1, 0);
  checkComparisonWork(work * candidates.length, comparing(queries, candidates));
  const candidateVectors = candidates.map(weighted);
  return queryVectors.map((query) =>
    candidateVectors.map((candidate) =>
      sparseCosine(query.vector, candidate.vector, query.squares, candidate.squares),
    ),
  );
};

const embeddingMatrix =
  (embed: EmbedFunction): SimilarityMatrix =>
  async (queries, candidates) => {
    // One call for everything: embed APIs are priced and rate-limited per request.
    const vectors = await embedTexts(embed, [...queries, ...candidates]);
    const dimensions = vectors[0]?.length ?? 0;
    checkComparisonWork(
      queries.length * candidates.length * (dimensions + 1),
      comparing(queries, candidates),
    );
    const queryVectors = vectors.slice(0, queries.length);
    const candidateVectors = vectors.slice(queries.length);
    return queryVectors.map((query) => candidateVectors.map((vector) => cosine(query, vector)));
  };

/** thefuzz `ratio` of every query against every candidate, 0–100. */
export const fuzzyMatrix: SimilarityMatrix = async (queries, candidates) => {
  const patterns = queries.map((query) => new RatioPattern(query));
  const others = candidates.map(codePoints);
  const totalLength = others.reduce((sum, other) => sum + other.length + 1, 0);
  const work = patterns.reduce((sum, pattern) => sum + pattern.cost(totalLength), 0);
  checkComparisonWork(work, comparing(queries, candidates));
  return patterns.map((pattern) => others.map((other) => pattern.ratio(other)));
};
