import OpenAI from "openai";
import { afterEach, describe, expect, it, vi } from "vitest";
import { RailguardError } from "../../src/errors.js";
import { callLLM } from "../../src/llm/call.js";
import type { LLM, LLMRequest } from "../../src/llm/types.js";
import { LLMCallError } from "../../src/llm-call-error.js";
import { callError } from "./call-error.js";

const request: LLMRequest = { messages: [{ role: "user", content: "p" }] };

/** A model that throws `errors` in turn, then answers "ok"; counts its calls. */
function flakyModel(...errors: unknown[]) {
  const model = {
    calls: 0,
    llm: (() => {
      model.calls++;
      const error = errors[model.calls - 1];
      if (error !== undefined) throw error;
      return "ok";
    }) as LLM,
  };
  return model;
}

afterEach(() => {
  vi.useRealTimers();
});

const neverAnswers: LLM = () => new Promise<string>(() => {});

describe("callLLM normalisation", () => {
  it("wraps a string answer and passes the prompt and request through", async () => {
    const seen: unknown[] = [];
    const llm: LLM = (prompt, req) => {
      seen.push(prompt, req.messages);
      return "hello";
    };
    expect(await callLLM(llm, "the prompt", request)).toEqual({ text: "hello" });
    expect(seen).toEqual(["the prompt", request.messages]);
  });

  it("keeps { text, usage } and fills in a missing total", async () => {
    const full = { text: "a", usage: { promptTokens: 2, completionTokens: 3, totalTokens: 9 } };
    const partial = { text: "b", usage: { promptTokens: 2, completionTokens: 3 } };
    expect(await callLLM(async () => full, "p", request)).toEqual(full);
    expect(await callLLM(() => partial as never, "p", request)).toEqual({
      text: "b",
      usage: { promptTokens: 2, completionTokens: 3, totalTokens: 5 },
    });
    expect(await callLLM(() => ({ text: "c" }), "p", request)).toEqual({ text: "c" });
  });

  it.each([
    [42, "the model returned number 42, expected a string or { text: string }"],
    [null, "the model returned null, expected a string or { text: string }"],
    [undefined, "the model returned nothing, expected a string or { text: string }"],
    [["a"], "the model returned a list, expected a string or { text: string }"],
    [() => "x", "the model returned a function, expected a string or { text: string }"],
    [{}, "the model returned an empty object, expected a string or { text: string }"],
    [
      { content: "x", role: "assistant" },
      "the model returned an object with keys content, role, expected a string or { text: string }",
    ],
    [
      { text: 7 },
      "the model returned an object whose text is number 7, expected a string or { text: string }",
    ],
  ])("rejects %j as an invalid response", async (value, reason) => {
    const error = await callError(callLLM(() => value as never, "p", request));
    expect(error.kind).toBe("invalid-response");
    expect(error.reason).toBe(reason);
    expect(error.message).toBe(`LLM call failed: ${reason}`);
  });

  it("rejects usage that is not made of token counts", async () => {
    const llm = () => ({ text: "a", usage: { promptTokens: "2", completionTokens: 1 } }) as never;
    const error = await callError(callLLM(llm, "p", request));
    expect(error.kind).toBe("invalid-response");
    expect(error.reason).toContain('{"promptTokens":"2","completionTokens":1}');
  });
});

describe("callLLM errors and retries", () => {
  it("turns a thrown error into a threw LLMCallError carrying the cause, without retrying", async () => {
    const cause = new TypeError("bad key");
    const model = flakyModel(cause);
    const error = await callError(callLLM(model.llm, "p", request, { baseDelayMs: 0 }));
    expect(error.kind).toBe("threw");
    expect(error.reason).toBe("the model threw TypeError: bad key");
    expect(error.cause).toBe(cause);
    expect(error.status).toBeUndefined();
    expect(model.calls).toBe(1);
  });

  it("describes thrown non-errors", async () => {
    const error = await callError(callLLM(flakyModel("nope").llm, "p", request));
    expect(error.reason).toBe('the model threw a string: "nope"');
  });

  it("retries 429, 5xx and transient network errors, then answers", async () => {
    const rateLimited = Object.assign(new Error("slow down"), { status: 429 });
    const reset = Object.assign(new Error("socket hang up"), { code: "ECONNRESET" });
    const fetchFailed = new TypeError("fetch failed", { cause: { code: "UND_ERR_SOCKET" } });
    const unavailable = { statusCode: 503 };
    const model = flakyModel(rateLimited, reset, fetchFailed, unavailable);
    const result = await callLLM(model.llm, "p", request, { maxRetries: 4, baseDelayMs: 1 });
    expect(result).toEqual({ text: "ok" });
    expect(model.calls).toBe(5);
  });

  it("gives up after maxRetries and says how many attempts were made", async () => {
    const unavailable = Object.assign(new Error("unavailable"), { status: 503 });
    const model = flakyModel(unavailable, unavailable, unavailable);
    const error = await callError(
      callLLM(model.llm, "p", request, { maxRetries: 1, baseDelayMs: 1 }),
    );
    expect(error.reason).toBe("the model threw Error: unavailable (after 2 attempts)");
    expect(error.status).toBe(503);
    expect(model.calls).toBe(2);
  });

  it("retries twice by default", async () => {
    const unavailable = { status: 500 };
    const model = flakyModel(unavailable, unavailable, unavailable);
    await callError(callLLM(model.llm, "p", request, { baseDelayMs: 1 }));
    expect(model.calls).toBe(3);
  });

  it.each([
    ["a 400", Object.assign(new Error("bad request"), { status: 400 })],
    ["an unknown network code", Object.assign(new Error("no host"), { code: "ENOTFOUND" })],
    [
      "an openai SDK error (the client retried already)",
      OpenAI.APIError.generate(429, undefined, "rate", new Headers()),
    ],
    ["an LLMCallError", new LLMCallError("no-text", "empty")],
  ])("does not retry %s", async (_, thrown) => {
    const model = flakyModel(thrown);
    await callError(callLLM(model.llm, "p", request, { baseDelayMs: 1 }));
    expect(model.calls).toBe(1);
  });

  it("passes an LLMCallError thrown by the model through unchanged", async () => {
    const thrown = new LLMCallError("no-text", "the completion response has no choices");
    expect(await callError(callLLM(flakyModel(thrown).llm, "p", request))).toBe(thrown);
  });

  it("waits the exponential backoff between attempts", async () => {
    vi.useFakeTimers();
    const model = flakyModel({ status: 500 }, { status: 500 });
    const call = callLLM(model.llm, "p", request, { baseDelayMs: 100, random: () => 0 });
    await vi.advanceTimersByTimeAsync(49);
    expect(model.calls).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(model.calls).toBe(2);
    await vi.advanceTimersByTimeAsync(99);
    expect(model.calls).toBe(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(await call).toEqual({ text: "ok" });
    expect(model.calls).toBe(3);
  });

  it("rejects invalid options with a typed error", async () => {
    for (const options of [{ maxRetries: -1 }, { maxRetries: 1.5 }, { timeoutMs: Number.NaN }]) {
      const error = await callLLM(() => "x", "p", request, options).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RailguardError);
      expect((error as RailguardError).code).toBe("invalid-option");
    }
  });
});

describe("callLLM abort and timeout", () => {
  it("does not call the model when the signal is already aborted", async () => {
    const model = flakyModel();
    const signal = AbortSignal.abort("user left");
    const error = await callError(callLLM(model.llm, "p", { ...request, signal }));
    expect(error.kind).toBe("aborted");
    expect(error.reason).toBe("aborted by the caller's signal");
    expect(error.cause).toBe("user left");
    expect(model.calls).toBe(0);
  });

  it("stops waiting on abort, even for a model that ignores the signal, and aborts its signal", async () => {
    const controller = new AbortController();
    let received: AbortSignal | undefined;
    const llm: LLM = (_, req) => {
      received = req.signal;
      controller.abort();
      return neverAnswers("p", req);
    };
    const error = await callError(callLLM(llm, "p", { ...request, signal: controller.signal }));
    expect(error.kind).toBe("aborted");
    expect(received?.aborted).toBe(true);
    expect(received?.reason).toBe(error);
  });

  it("times out a model that never answers", async () => {
    vi.useFakeTimers();
    const call = callError(callLLM(neverAnswers, "p", request, { timeoutMs: 250 }));
    await vi.advanceTimersByTimeAsync(250);
    const error = await call;
    expect(error.kind).toBe("timeout");
    expect(error.reason).toBe("timed out after 250 ms");
  });

  it("counts backoff waits against the total timeout", async () => {
    vi.useFakeTimers();
    const model = flakyModel({ status: 429 }, { status: 429 });
    const call = callError(
      callLLM(model.llm, "p", request, { timeoutMs: 300, baseDelayMs: 10_000, random: () => 0 }),
    );
    await vi.advanceTimersByTimeAsync(300);
    expect((await call).kind).toBe("timeout");
    expect(model.calls).toBe(1);
  });

  it("leaves no timer behind once the model has answered", async () => {
    vi.useFakeTimers();
    await callLLM(() => "fast", "p", request, { timeoutMs: 60_000 });
    expect(vi.getTimerCount()).toBe(0);
  });
});
