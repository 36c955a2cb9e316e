import { LLMCallError } from "../llm-call-error.js";
import { isPlainObject } from "../show.js";

/** Connection-level failures worth another try (Node and undici codes). */
const TRANSIENT_NETWORK_CODES = new Set([
  "ECONNRESET",
  "ECONNREFUSED",
  "ECONNABORTED",
  "ETIMEDOUT",
  "EPIPE",
  "EAI_AGAIN",
  "ENETUNREACH",
  "EHOSTUNREACH",
  "UND_ERR_SOCKET",
  "UND_ERR_CONNECT_TIMEOUT",
  "UND_ERR_HEADERS_TIMEOUT",
  "UND_ERR_BODY_TIMEOUT",
]);

/**
 * Whether a plain-function model's error deserves a retry: HTTP 408/429/5xx or a transient
 * network code (on the error or its `cause`, where fetch puts it). Errors from the `openai` SDK
 * are not retried here: the client already applied its own retry policy (`maxRetries`).
 */
export function isRetryable(error: unknown): boolean {
  if (isOpenAIError(error) || LLMCallError.isInstance(error)) return false;
  const status = httpStatusOf(error);
  if (status !== undefined) return status === 408 || status === 429 || status >= 500;
  return hasTransientCode(error) || (isPlainObject(error) && hasTransientCode(error.cause));
}

/**
 * Whether an error comes from the `openai` SDK, told by its class (`OpenAIError` or a subclass)
 * without importing the SDK, which is loaded only by a model call; any copy of the SDK counts.
 */
function isOpenAIError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  for (let proto = Object.getPrototypeOf(error); proto; proto = Object.getPrototypeOf(proto)) {
    if (proto.constructor?.name === "OpenAIError") return true;
  }
  return false;
}

/** `status` or `statusCode` of an error, as most HTTP clients set them. */
export function httpStatusOf(error: unknown): number | undefined {
  if (!isPlainObject(error)) return undefined;
  const value = error.status ?? error.statusCode;
  return typeof value === "number" && Number.isInteger(value) ? value : undefined;
}

function hasTransientCode(error: unknown): boolean {
  const code = (error as { code?: unknown } | null | undefined)?.code;
  return typeof code === "string" && TRANSIENT_NETWORK_CODES.has(code);
}

export interface BackoffSettings {
  baseDelayMs: number;
  maxDelayMs: number;
  /** Jitter source in [0, 1). */
  random: () => number;
}

/**
 * Delay before retry number `retry` (0-based): base·2^retry capped at the maximum, then jittered
 * into [50 %, 100 %] of that so concurrent callers spread out.
 */
export function backoffDelayMs(retry: number, settings: BackoffSettings): number {
  const ceiling = Math.min(settings.maxDelayMs, settings.baseDelayMs * 2 ** retry);
  return ceiling * (0.5 + settings.random() * 0.5);
}
