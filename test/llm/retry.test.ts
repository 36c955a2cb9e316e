import OpenAI from "openai";
import { describe, expect, it } from "vitest";
import { backoffDelayMs, httpStatusOf, isRetryable } from "../../src/llm/retry.js";
import { LLMCallError } from "../../src/llm-call-error.js";

describe("backoffDelayMs", () => {
  const settings = (random: number) => ({
    baseDelayMs: 100,
    maxDelayMs: 1000,
    random: () => random,
  });

  it("doubles per retry and jitters into the upper half of the step", () => {
    for (let retry = 0; retry < 3; retry++) {
      const step = 100 * 2 ** retry;
      expect(backoffDelayMs(retry, settings(0))).toBe(step / 2);
      expect(backoffDelayMs(retry, settings(0.5))).toBe(step * 0.75);
      expect(backoffDelayMs(retry, settings(0.999))).toBeLessThan(step);
    }
  });

  it("never exceeds the ceiling", () => {
    expect(backoffDelayMs(20, settings(0.999))).toBeLessThan(1000);
    expect(backoffDelayMs(20, settings(0))).toBe(500);
  });
});

describe("isRetryable", () => {
  it.each([
    [{ status: 429 }, true],
    [{ status: 408 }, true],
    [{ statusCode: 502 }, true],
    [{ status: 404 }, false],
    [Object.assign(new Error("x"), { code: "ETIMEDOUT" }), true],
    [new TypeError("fetch failed", { cause: { code: "ECONNREFUSED" } }), true],
    [new Error("plain"), false],
    ["a string", false],
    [null, false],
    [new OpenAI.APIConnectionError({ message: "down" }), false],
    [new LLMCallError("no-text", "empty"), false],
  ])("%o → %s", (error, expected) => {
    expect(isRetryable(error)).toBe(expected);
  });
});

describe("httpStatusOf", () => {
  it("reads status or statusCode when it is an integer", () => {
    expect(httpStatusOf({ status: 503 })).toBe(503);
    expect(httpStatusOf({ statusCode: 429 })).toBe(429);
    expect(httpStatusOf({ status: "503" })).toBeUndefined();
    expect(httpStatusOf(undefined)).toBeUndefined();
  });
});
