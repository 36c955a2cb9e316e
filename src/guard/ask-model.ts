import type { AskModel } from "../contract/types.js";
import type { LLM } from "../llm/types.js";

/** What asking needs of a guard: one call, and whether its answer validated. */
export interface InnerGuard {
  call(
    llm: LLM,
    options: { promptParams: Record<string, string>; signal?: AbortSignal },
  ): Promise<{ validationPassed: boolean; validatedOutput?: unknown; error?: { message: string } }>;
}

/**
 * The `ask` of a validator context: a fresh guard per question (a guard's history grows with each
 * call), built by `guardFor` so that this file needs no guard class; the spec text is compiled once
 * (`compileRail` caches by text). An answer that did not validate, or is not an object, is unusable.
 */
export function askThrough(llm: LLM, guardFor: (rail: string) => InnerGuard): AskModel {
  return async (rail, promptParams, signal) => {
    const outcome = await guardFor(rail).call(llm, { promptParams, ...(signal ? { signal } : {}) });
    const answer = outcome.validatedOutput;
    if (!outcome.validationPassed || typeof answer !== "object" || answer === null) {
      return { ok: false, reason: outcome.error?.message ?? "its answer did not validate" };
    }
    return { ok: true, answer: answer as Record<string, unknown> };
  };
}
