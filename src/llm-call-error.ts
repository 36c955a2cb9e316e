import { RailguardError } from "./errors.js";

// In the base layer, beside the deadline that fails with it: the guard and the validators stop on
// it as the model layer does.

/**
 * Why a model call produced no text:
 * - `threw`: the model (or the SDK under it) threw;
 * - `invalid-response`: it returned something that is not a string or `{ text }`;
 * - `no-text`: the provider answered, but without any text (empty choices, null content, refusal);
 * - `aborted`: the caller's `AbortSignal` fired;
 * - `timeout`: the call's total `timeoutMs` elapsed.
 */
export type LLMCallFailure = "threw" | "invalid-response" | "no-text" | "aborted" | "timeout";

export interface LLMCallErrorOptions {
  /** HTTP status of the failing response, when there was one. */
  status?: number;
  cause?: unknown;
}

/** A model call that did not yield text. `reason` says why, in words a user can act on. */
export class LLMCallError extends RailguardError {
  readonly kind: LLMCallFailure;
  readonly reason: string;
  readonly status?: number;

  constructor(kind: LLMCallFailure, reason: string, options: LLMCallErrorOptions = {}) {
    super("llm-call", `LLM call failed: ${reason}`, { cause: options.cause });
    this.kind = kind;
    this.reason = reason;
    this.status = options.status;
  }
}
