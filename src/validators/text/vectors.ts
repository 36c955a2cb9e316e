import { TextValidationError } from "./errors.js";

/** Cosine similarity of two dense vectors; 0 when either is all zeros. */
export function cosine(a: readonly number[], b: readonly number[]): number {
  if (a.length !== b.length) {
    throw new TextValidationError(
      "embedding-mismatch",
      `Embedding vectors differ in length (${a.length} vs ${b.length}).`,
    );
  }
  let dot = 0;
  let normA = 0;
  let normB = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as number;
    const y = b[i] as number;
    dot += x * y;
    normA += x * x;
    normB += y * y;
  }
  return normA === 0 || normB === 0 ? 0 : dot / Math.sqrt(normA * normB);
}

/**
 * Cosine similarity of two sparse term-weight vectors. A caller comparing each vector with many
 * passes their `sumOfSquares`, computed once.
 */
export function sparseCosine(
  a: ReadonlyMap<string, number>,
  b: ReadonlyMap<string, number>,
  squaresA = sumOfSquares(a),
  squaresB = sumOfSquares(b),
): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let dot = 0;
  for (const [term, weight] of small) dot += weight * (large.get(term) ?? 0);
  const norm = Math.sqrt(squaresA * squaresB);
  return norm === 0 ? 0 : dot / norm;
}

export const sumOfSquares = (vector: ReadonlyMap<string, number>): number => {
  let sum = 0;
  for (const weight of vector.values()) sum += weight * weight;
  return sum;
};
