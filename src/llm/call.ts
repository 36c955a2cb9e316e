import { CallDeadline } from "../deadline.js";
import { durationProblem } from "../durations.js";
import { RailguardError } from "../errors.js";
import { LLMCallError } from "../llm-call-error.js";
import { describeValue } from "../show.js";
import { type LLMResult, normaliseResponse } from "./response.js";
import { backoffDelayMs, httpStatusOf, isRetryable } from "./retry.js";
import type { LLM, LLMRequest } from "./types.js";

export interface CallLLMOptions {
  /** Total time for the call, retries and waits included. Default: no limit. */
  timeoutMs?: number;
  /** Retries of retryable errors thrown by plain-function models. Default 2. */
  maxRetries?: number;
  /** First backoff delay; doubles per retry. Default 500 ms. */
  baseDelayMs?: number;
  /** Backoff ceiling. Default 8000 ms. */
  maxDelayMs?: number;
  /** Jitter source in [0, 1). Default `Math.random`. */
  random?: () => number;
}

/**
 * The one place a guard calls a model. Returns `{ text, usage? }`; everything else the model
 * returns or throws, an abort of `request.signal`, or the end of `timeoutMs` becomes an
 * `LLMCallError`. The model receives a signal that aborts in both cases.
 */
export async function callLLM(
  llm: LLM,
  prompt: string,
  request: LLMRequest,
  options: CallLLMOptions = {},
): Promise<LLMResult> {
  const settings = resolveSettings(options);
  const deadline = new CallDeadline(request.signal, options.timeoutMs);
  try {
    const guarded = { ...request, signal: deadline.signal };
    return await callWithRetries(llm, prompt, guarded, settings, deadline);
  } finally {
    deadline.dispose();
  }
}

type Settings = Required<Omit<CallLLMOptions, "timeoutMs">>;

async function callWithRetries(
  llm: LLM,
  prompt: string,
  request: LLMRequest,
  settings: Settings,
  deadline: CallDeadline,
): Promise<LLMResult> {
  for (let attempt = 1; ; attempt++) {
    if (deadline.failure) throw deadline.failure;
    try {
      return normaliseResponse(await deadline.race(invoke(llm, prompt, request)));
    } catch (error) {
      if (deadline.failure) throw deadline.failure;
      if (attempt > settings.maxRetries || !isRetryable(error)) throw toCallError(error, attempt);
    }
    await deadline.race(delay(backoffDelayMs(attempt - 1, settings), deadline.signal));
  }
}

/** Calls the model so that a synchronous throw becomes a rejection. */
function invoke(llm: LLM, prompt: string, request: LLMRequest): Promise<unknown> {
  return new Promise((resolve) => resolve(llm(prompt, request)));
}

function delay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener("abort", () => clearTimeout(timer), { once: true });
  });
}

function toCallError(error: unknown, attempts: number): LLMCallError {
  if (LLMCallError.isInstance(error)) return error;
  const after = attempts > 1 ? ` (after ${attempts} attempts)` : "";
  return new LLMCallError("threw", `the model threw ${describeThrown(error)}${after}`, {
    status: httpStatusOf(error),
    cause: error,
  });
}

function describeThrown(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  if (typeof error === "string") return `a string: ${JSON.stringify(error)}`;
  return describeValue(error);
}

function resolveSettings(options: CallLLMOptions): Settings {
  const settings = {
    maxRetries: options.maxRetries ?? 2,
    baseDelayMs: options.baseDelayMs ?? 500,
    maxDelayMs: options.maxDelayMs ?? 8000,
    random: options.random ?? Math.random,
  };
  if (!Number.isInteger(settings.maxRetries) || settings.maxRetries < 0) {
    invalid(`maxRetries must be a whole number ≥ 0, got ${settings.maxRetries}.`);
  }
  const durations = { ...settings, timeoutMs: options.timeoutMs };
  for (const name of ["baseDelayMs", "maxDelayMs", "timeoutMs"] as const) {
    const problem =
      durations[name] === undefined ? undefined : durationProblem(name, durations[name]);
    if (problem) invalid(problem);
  }
  return settings;
}

function invalid(problem: string): never {
  throw new RailguardError("invalid-option", `callLLM: ${problem}`);
}
