import { expect } from "vitest";
import { LLMCallError } from "../../src/llm-call-error.js";

/** Awaits a call that must fail with an LLMCallError, and returns that error. */
export async function callError(call: unknown): Promise<LLMCallError> {
  const error = await Promise.resolve(call).then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(LLMCallError);
  return error as LLMCallError;
}
