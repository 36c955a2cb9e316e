import { LLMCallError } from "../llm-call-error.js";
import { describeValue, isPlainObject } from "../show.js";
import type { TokenUsage } from "./types.js";

/** A model's answer once normalised: always an object with the text. */
export interface LLMResult {
  text: string;
  usage?: TokenUsage;
}

/** Accepts `string` or `{ text, usage? }`; anything else is an `invalid-response` LLMCallError. */
export function normaliseResponse(response: unknown): LLMResult {
  if (typeof response === "string") return { text: response };
  if (!isPlainObject(response) || typeof response.text !== "string") {
    throw new LLMCallError(
      "invalid-response",
      `the model returned ${describeReturn(response)}, expected a string or { text: string }`,
    );
  }
  if (response.usage === undefined) return { text: response.text };
  return { text: response.text, usage: normaliseUsage(response.usage) };
}

function describeReturn(response: unknown): string {
  if (isPlainObject(response) && "text" in response) {
    return `an object whose text is ${describeValue(response.text)}`;
  }
  return describeValue(response);
}

/** `totalTokens` may be omitted (it is then the sum); the two counts must be numbers. */
function normaliseUsage(usage: unknown): TokenUsage {
  const counts = isPlainObject(usage) ? usage : {};
  const { promptTokens, completionTokens } = counts;
  const totalTokens = counts.totalTokens ?? sum(promptTokens, completionTokens);
  if (!isCount(promptTokens) || !isCount(completionTokens) || !isCount(totalTokens)) {
    throw new LLMCallError(
      "invalid-response",
      "the model returned usage that is not { promptTokens, completionTokens, totalTokens? } " +
        `as non-negative finite numbers (got ${usageText(usage)})`,
    );
  }
  return { promptTokens, completionTokens, totalTokens };
}

function sum(a: unknown, b: unknown): number | undefined {
  return isCount(a) && isCount(b) ? a + b : undefined;
}

/** A token count: a finite number ≥ 0. */
export function isCount(value: unknown): value is number {
  return typeof value === "number" && Number.isFinite(value) && value >= 0;
}

/** The usage as given; NaN and Infinity as themselves, where JSON would write null. */
function usageText(usage: unknown): string {
  try {
    const text = JSON.stringify(usage, (_key, value: unknown) =>
      typeof value === "number" && !Number.isFinite(value) ? String(value) : value,
    );
    return text ?? describeValue(usage);
  } catch {
    return describeValue(usage);
  }
}
