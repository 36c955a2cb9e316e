import { describe, expect, it } from "vitest";
import { ValidatorRegistry } from "../../src/contract/registry.js";
import type { GuardEvent } from "../../src/guard/events.js";
import { Guard } from "../../src/guard/index.js";
import { laterLower, rail, testRegistry } from "./support.js";

/**
 * `parse` of an output whose validators answer at once runs in one go: no step of it waits for a
 * microtask (an `async` step per stage was most of a small call's fixed cost). Whatever waits (an
 * asynchronous validator, a model, a deadline) makes the rest of the call wait for it, with the
 * same record and events.
 */
describe("the call's synchronous path", () => {
  const spec = rail(`<string name="pet" format="lower-case" on-fail-lower-case="fix"/>`);

  it("has recorded the whole call when parse returns, if nothing it ran had to wait", () => {
    const events: GuardEvent[] = [];
    const guard = Guard.fromRailString(spec, {
      registry: testRegistry(),
      onEvent: (event) => {
        events.push(event);
      },
    });
    const outcome = guard.parse('{"pet": "rex"}');
    expect(guard.history.last?.status).toBe("pass");
    expect(guard.history.last?.validatedOutput).toEqual({ pet: "rex" });
    expect(events.at(-1)?.type).toBe("call-end");
    return expect(outcome).resolves.toMatchObject({ validationPassed: true });
  });

  it("waits for an asynchronous validator, then records the same call", async () => {
    const registry = new ValidatorRegistry().register(laterLower);
    const guard = Guard.fromRailString(
      rail(`<string name="pet" format="later-lower" on-fail-later-lower="fix"/>`),
      { registry },
    );
    const outcome = guard.parse('{"pet": "Rex"}');
    expect(guard.history.last?.status).toBe("running");
    const done = await outcome;
    expect(done.validationPassed).toBe(true);
    expect(done.validatedOutput).toEqual({ pet: "rex" });
    expect(guard.history.last?.status).toBe("pass");
    expect(guard.history.last?.iterations[0]?.validatorLogs.map((log) => log.actionTaken)).toEqual([
      "fixed",
      "rechecked",
    ]);
  });

  it("ends with an outcome when a synchronous custom handler throws", async () => {
    const guard = Guard.fromRailString(
      rail(`<string name="pet" format="lower-case" on-fail-lower-case="noop"/>`),
      {
        registry: testRegistry(),
        onFail: {
          "lower-case": () => {
            throw new Error("handler broke");
          },
        },
      },
    );
    const outcome = await guard.parse('{"pet": "Rex"}');
    expect(outcome.validationPassed).toBe(false);
    expect(outcome.failures.map((failure) => failure.message).join()).toContain("handler broke");
    expect(guard.history.last?.status).not.toBe("running");
  });

  it("takes the same path under a deadline, which it meets", async () => {
    const guard = Guard.fromRailString(spec, { registry: testRegistry() });
    const controller = new AbortController();
    const outcome = await guard.parse('{"pet": "Rex"}', {
      timeoutMs: 5_000,
      signal: controller.signal,
    });
    expect(outcome.validationPassed).toBe(true);
    expect(outcome.validatedOutput).toEqual({ pet: "rex" });
  });

  it("fails a call whose signal was aborted before it began, though nothing had to wait", async () => {
    const guard = Guard.fromRailString(spec, { registry: testRegistry() });
    const controller = new AbortController();
    controller.abort();
    const outcome = await guard.parse('{"pet": "rex"}', { signal: controller.signal });
    expect(outcome.validationPassed).toBe(false);
    expect(outcome.failures.map((failure) => failure.message)).toEqual([
      `validator "lower-case" did not run: aborted by the caller's signal`,
    ]);
  });
});
