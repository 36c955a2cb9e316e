import type { EmbedFunction } from "../../llm/types.js";
import { embedTexts } from "./embed.js";
import { ratio } from "./fuzzy.js";
import { TfIdf } from "./tfidf.js";
import { cosine, sparseCosine } from "./vectors.js";

/** `scores[i][j]`: how similar `queries[i]` is to `candidates[j]`, a cosine in [-1, 1]. */
export type SimilarityMatrix = (queries: string[], candidates: string[]) => Promise<number[][]>;

/** Embedding cosine when an embed function is given, TF-IDF cosine (offline) otherwise. */
export function similarityMatrix(embed: EmbedFunction | undefined): SimilarityMatrix {
  return embed ? embeddingMatrix(embed) : lexicalMatrix;
}

const lexicalMatrix: SimilarityMatrix = async (queries, candidates) => {
  const model = new TfIdf([...candidates, ...queries]);
  const candidateVectors = candidates.map((text) => model.vector(text));
  return queries.map((query) => {
    const queryVector = model.vector(query);
    return candidateVectors.map((vector) => sparseCosine(queryVector, vector));
  });
};

const embeddingMatrix =
  (embed: EmbedFunction): SimilarityMatrix =>
  async (queries, candidates) => {
    // One call for everything: embed APIs are priced and rate-limited per request.
    const vectors = await embedTexts(embed, [...queries, ...candidates]);
    const queryVectors = vectors.slice(0, queries.length);
    const candidateVectors = vectors.slice(queries.length);
    return queryVectors.map((query) => candidateVectors.map((vector) => cosine(query, vector)));
  };

/** thefuzz `ratio` of every query against every candidate, 0–100. */
export const fuzzyMatrix: SimilarityMatrix = async (queries, candidates) =>
  queries.map((query) => candidates.map((candidate) => ratio(query, candidate)));
