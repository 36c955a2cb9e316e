import type OpenAI from "openai";
import { RailguardError } from "../errors.js";
import { LLMCallError } from "../llm-call-error.js";
import { describeValue, isPlainObject } from "../show.js";

export interface OpenAIEmbedParams {
  /** e.g. `text-embedding-3-small`. */
  model: string;
  /** Shorter vectors, for the models that support it. */
  dimensions?: number;
  /** Texts per request; default 256, well under the API's 2048 inputs per request. */
  batchSize?: number;
}

const DEFAULT_BATCH_SIZE = 256;

/**
 * Embeddings over the official SDK (any OpenAI-compatible base URL), one request per batch of
 * texts, batches sent one after another. Retries and timeouts are the client's; SDK errors are
 * rethrown as they are, and an answer without one numeric vector per text is an
 * `invalid-response` LLMCallError.
 */
export function openAIEmbed(
  client: OpenAI,
  params: OpenAIEmbedParams,
): (texts: string[]) => Promise<number[][]> {
  const { model, dimensions, batchSize = DEFAULT_BATCH_SIZE } = params;
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    throw new RailguardError(
      "invalid-option",
      `openAIEmbed: batchSize must be a whole number ≥ 1, got ${batchSize}.`,
    );
  }
  return async (texts) => {
    const vectors: number[][] = [];
    for (let start = 0; start < texts.length; start += batchSize) {
      const input = texts.slice(start, start + batchSize);
      const response: unknown = await client.embeddings.create({
        model,
        input,
        // Plain numbers: the SDK's default (base64) breaks on compatible servers that ignore it.
        encoding_format: "float",
        ...(dimensions === undefined ? {} : { dimensions }),
      });
      vectors.push(...vectorsOf(response, input.length));
    }
    return vectors;
  };
}

/** The response's vectors in input order (by each item's `index`), checked one per input. */
function vectorsOf(response: unknown, count: number): number[][] {
  const data = isPlainObject(response) && Array.isArray(response.data) ? response.data : [];
  const vectors = new Array<number[] | undefined>(count).fill(undefined);
  for (const item of data) {
    if (!isPlainObject(item)) continue;
    const { index, embedding } = item;
    if (isIndexBelow(index, count) && isVector(embedding)) vectors[index] = embedding;
  }
  const missing = vectors.indexOf(undefined);
  if (data.length !== count || missing !== -1) {
    throw new LLMCallError(
      "invalid-response",
      `the embeddings response does not hold one numeric vector per input (${count} sent, ` +
        `got ${describeValue(response)}${missing === -1 ? "" : `, input ${missing} has none`})`,
    );
  }
  return vectors as number[][];
}

function isIndexBelow(value: unknown, count: number): value is number {
  return Number.isInteger(value) && (value as number) >= 0 && (value as number) < count;
}

/** A list of finite numbers: what an embedding must be. */
export function isVector(value: unknown): value is number[] {
  return Array.isArray(value) && value.every((x) => typeof x === "number" && Number.isFinite(x));
}
