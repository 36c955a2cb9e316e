import { describe, expect, it } from "vitest";
import { Guard, type HandlerContext } from "../../src/guard/index.js";
import { rail, testRegistry } from "./support.js";

const registry = testRegistry();
const spec = rail(`<string name="pet" format="no-digits"/>`);
const params = { promptParams: { document: "doc" } };
/** A custom on-fail handler that never settles. */
const stuck = { "no-digits": () => new Promise(() => {}) };

describe("the call's deadline bounds every wait, not only the model's", () => {
  it("ends a call whose custom on-fail handler never settles when timeoutMs runs out", async () => {
    const guard = Guard.fromRailString(spec, { registry, onFail: stuck });
    const started = performance.now();
    const outcome = await guard.call(() => '{"pet": "Rex2"}', { ...params, timeoutMs: 150 });
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(outcome.validationPassed).toBe(false);
    expect(outcome.error).toMatchObject({ code: "llm-call", kind: "timeout" });
    expect(outcome.error?.message).toContain("150 ms");
    expect(outcome.call.status).toBe("error");
    expect(outcome.rawOutput).toBe('{"pet": "Rex2"}');
  });

  it("ends it when the caller's signal aborts", async () => {
    const guard = Guard.fromRailString(spec, { registry, onFail: stuck });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const outcome = await guard.parse('{"pet": "Rex2"}', { signal: controller.signal });
    expect(outcome.validationPassed).toBe(false);
    expect(outcome.error).toMatchObject({ code: "llm-call", kind: "aborted" });
  });

  it("gives up on a handler that has not settled when validatorTimeoutMs runs out", async () => {
    // A handler is the caller's code, like a validator: it gets the same time limit. The failure
    // stands (the handler gave no value), and the call goes on to its end.
    const guard = Guard.fromRailString(spec, { registry, onFail: stuck });
    const outcome = await guard.parse('{"pet": "Rex2"}', { validatorTimeoutMs: 100 });
    expect(outcome.validationPassed).toBe(false);
    expect(outcome.error).toBeUndefined();
    expect(outcome.validatedOutput).toEqual({ pet: "Rex2" });
    expect(outcome.failures).toMatchObject([{ path: "$.pet", reason: "custom-failed" }]);
    expect(outcome.failures[0]?.message).toContain(
      "(custom on-fail handler did not settle within 100 ms)",
    );
    expect(outcome.call.iterations[0]?.validatorLogs[0]?.actionTaken).toBe("custom-failed");
  });

  it("gives a handler a signal that aborts when it is given up on, and the value's path", async () => {
    const seen: { path?: string; aborted?: unknown } = {};
    const listening = {
      "no-digits": (_value: unknown, _failures: unknown, { signal, path }: HandlerContext) =>
        new Promise((resolve) => {
          seen.path = path;
          signal.addEventListener("abort", () => {
            seen.aborted = signal.reason;
            resolve("stopped");
          });
        }),
    };
    const guard = Guard.fromRailString(spec, { registry, onFail: listening });
    const outcome = await guard.parse('{"pet": "Rex2"}', { validatorTimeoutMs: 50 });
    expect(seen.path).toBe("$.pet");
    expect(seen.aborted).toMatchObject({ code: "llm-call", kind: "timeout" });
    expect(outcome.failures).toMatchObject([{ reason: "custom-failed" }]);
    // Its answer after it was given up on is not taken.
    expect(outcome.validatedOutput).toEqual({ pet: "Rex2" });
  });

  it("aborts that signal when the caller's signal aborts", async () => {
    let aborted = false;
    const listening = {
      "no-digits": (_value: unknown, _failures: unknown, { signal }: HandlerContext) =>
        new Promise(() => signal.addEventListener("abort", () => (aborted = true))),
    };
    const guard = Guard.fromRailString(spec, { registry, onFail: listening });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 30);
    const outcome = await guard.parse('{"pet": "Rex2"}', { signal: controller.signal });
    expect(aborted).toBe(true);
    expect(outcome.error).toMatchObject({ code: "llm-call", kind: "aborted" });
  });

  it("leaves a call that finishes in time untouched", async () => {
    const guard = Guard.fromRailString(spec, { registry });
    const outcome = await guard.call(() => '{"pet": "Rex"}', { ...params, timeoutMs: 10_000 });
    expect(outcome.validationPassed).toBe(true);
  });
});
