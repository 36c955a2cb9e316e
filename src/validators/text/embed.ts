import { errorMessage } from "../../errors.js";
import { isVector } from "../../llm/openai-embed.js";
import type { EmbedFunction } from "../../llm/types.js";
import { TextValidationError } from "./errors.js";

// `embed_function` is Guardrails' metadata key; `embed` is ours.
const EMBED_KEYS = ["embed", "embed_function"] as const;

/**
 * The embed function from the validator's `embed` argument or the call's metadata; undefined
 * means "stay offline". Anything else under those keys is a mistake worth reporting.
 */
export function findEmbed(
  args: { embed?: unknown },
  metadata: Record<string, unknown>,
): EmbedFunction | undefined {
  const candidates: [string, unknown][] = [
    ["argument embed", args.embed],
    ...EMBED_KEYS.map((key): [string, unknown] => [`metadata.${key}`, metadata[key]]),
  ];
  for (const [where, candidate] of candidates) {
    if (candidate === undefined || candidate === null) continue;
    if (typeof candidate === "function") return candidate as EmbedFunction;
    throw new TextValidationError(
      "invalid-embed",
      `${where} must be a function (texts: string[]) => number[][], got ${typeof candidate}.`,
    );
  }
  return undefined;
}

/** Calls `embed` and checks it returned one numeric vector per text. */
export async function embedTexts(embed: EmbedFunction, texts: string[]): Promise<number[][]> {
  let vectors: unknown;
  try {
    vectors = await embed(texts);
  } catch (error) {
    throw new TextValidationError(
      "embed-failed",
      `The embed function failed: ${errorMessage(error)}`,
      {
        cause: error,
      },
    );
  }
  if (!Array.isArray(vectors) || vectors.length !== texts.length || !vectors.every(isVector)) {
    throw new TextValidationError(
      "embed-failed",
      `The embed function must return ${texts.length} numeric vectors, one per text.`,
    );
  }
  return vectors;
}
