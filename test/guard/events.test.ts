import { describe, expect, it } from "vitest";
import { fail, pass } from "../../src/contract/types.js";
import type { GuardEvent } from "../../src/guard/events.js";
import { Call } from "../../src/guard/history/call.js";
import { recordInto } from "../../src/guard/history/recorder.js";
import { Guard, GuardConfigError } from "../../src/guard/index.js";
import { rail, scriptedLLM, testRegistry } from "./support.js";

const registry = testRegistry();
const spec = rail(
  `<string name="pet" format="no-digits; lower-case" on-fail-no-digits="reask" on-fail-lower-case="fix"/>`,
);
const params = { promptParams: { document: "doc" } };

/** A guard whose events are collected, and a model that errs once, then corrects itself. */
async function reaskedCall(onEvent?: (event: GuardEvent) => unknown) {
  const events: GuardEvent[] = [];
  const guard = Guard.fromRailString(spec, {
    registry,
    onEvent: (event) => {
      events.push(event);
      return onEvent?.(event);
    },
  });
  const model = scriptedLLM([
    {
      text: 'Here: {"pet": "Rex2",} ok',
      usage: { promptTokens: 10, completionTokens: 5, totalTokens: 15 },
    },
    '{"pet": "Rex"}',
  ]);
  const outcome = await guard.call(model.llm, params);
  return { guard, outcome, events, model };
}

describe("guard events (GuardOptions.onEvent)", () => {
  it("announces every step of a call, in order, stamped with its call and round", async () => {
    const { outcome, events, model } = await reaskedCall();
    expect(
      events.map((event) => `${event.type}${"round" in event ? ` ${event.round}` : ""}`),
    ).toEqual([
      "call-start",
      "round-start 0",
      "model-answer 0",
      "parsed 0",
      "verdicts 0",
      "validated 0",
      "reask-planned 0",
      "round-end 0",
      "round-start 1",
      "model-answer 1",
      "parsed 1",
      "verdicts 1",
      "validated 1",
      // The final check: the fixed value is validated once more by both validators.
      "verdicts 1",
      "round-end 1",
      "call-end",
    ]);
    const verdicts = events.flatMap((event) => (event.type === "verdicts" ? [event.logs] : []));
    expect(verdicts.map((logs) => logs.length)).toEqual([1, 2, 2]);
    expect(new Set(events.map((event) => event.call))).toEqual(new Set([outcome.call.id]));
    const [, start, answer, parsed] = events;
    expect(start).toMatchObject({ type: "round-start", kind: "initial", prompt: model.prompts[0] });
    expect(answer).toMatchObject({ text: 'Here: {"pet": "Rex2",} ok', usage: { totalTokens: 15 } });
    expect(parsed).toMatchObject({ type: "parsed", value: { pet: "Rex2" } });
    expect(
      (parsed as Extract<GuardEvent, { type: "parsed" }>).repairs.map((r) => r.kind),
    ).toContain("strip-prose");
    expect(events.find((event) => event.type === "reask-planned")).toMatchObject({
      sent: true,
      request: { prompt: model.prompts[1], paths: ["$.pet"] },
    });
    expect(events.at(-1)).toMatchObject({
      type: "call-end",
      status: "pass",
      validationPassed: true,
      validatedOutput: { pet: "rex" },
      failures: [],
    });
  });

  it("is what the history is built from: the same events rebuild the same record", async () => {
    const { outcome, events } = await reaskedCall();
    const rebuilt = new Call(outcome.call.id, outcome.call.inputs, outcome.call.warnings);
    const record = recordInto(rebuilt);
    for (const event of events) record(event);
    expect(rebuilt.toJSON()).toEqual(outcome.call.toJSON());
  });

  it("ignores a listener that throws or rejects: the call and its history are unchanged", async () => {
    const quiet = await reaskedCall();
    const throwing = await reaskedCall(() => {
      throw new Error("log sink down");
    });
    const rejecting = await reaskedCall(() => Promise.reject(new Error("log sink down")));
    for (const noisy of [throwing, rejecting]) {
      expect(noisy.outcome.validationPassed).toBe(true);
      expect(noisy.outcome.validatedOutput).toEqual(quiet.outcome.validatedOutput);
      expect(noisy.events).toHaveLength(quiet.events.length);
      // Every field but the wall time and the id (unique in the process) is the same.
      const { ms: _a, id: _c, iterations: a, ...noisyCall } = noisy.outcome.call.toJSON();
      const { ms: _b, id: _d, iterations: b, ...quietCall } = quiet.outcome.call.toJSON();
      expect(noisyCall).toEqual(quietCall);
      expect((a as unknown[]).length).toBe((b as unknown[]).length);
    }
  });

  it("says when a fix value stood in for an unanswered reask, and the call fails", async () => {
    const events: GuardEvent[] = [];
    const guard = Guard.fromRailString(
      rail(`<string name="guest" format="two-words" on-fail-two-words="reask"/>`),
      {
        registry,
        onEvent: (event) => events.push(event),
      },
    );
    const outcome = await guard.parse('{"guest": "Shreya Rajpal Extra"}', { numReasks: 0 });
    expect(outcome.validationPassed).toBe(false);
    expect(events.find((event) => event.type === "fix-stood-in")).toMatchObject({
      path: "$.guest",
      validator: "two-words",
      fixValue: "Shreya Rajpal",
    });
    const log = outcome.call.iterations[0]?.validatorLogs.find(
      (entry) => entry.validator === "two-words",
    );
    expect(log).toMatchObject({ actionTaken: "fixed-unanswered", valueAfter: "Shreya Rajpal" });
  });

  it("announces a call that stops before any round, and one the model fails", async () => {
    const events: GuardEvent[] = [];
    const guard = Guard.fromRailString(spec, { registry, onEvent: (event) => events.push(event) });
    await guard.call(() => '{"pet": "rex"}'); // no `document`: stops before the model
    expect(events.map((event) => event.type)).toEqual(["call-start", "call-end"]);
    expect(events.at(-1)).toMatchObject({ status: "error", validationPassed: false });
    events.length = 0;
    await guard.call(
      () => {
        throw new Error("model down");
      },
      { ...params, maxRetries: 0 },
    );
    expect(events.map((event) => event.type)).toEqual([
      "call-start",
      "round-start",
      "round-end",
      "call-end",
    ]);
    expect(events.at(-1)).toMatchObject({ status: "error", error: { code: "llm-call" } });
  });

  it("reaches a listener whatever a handler's value holds: past 1,000 levels it reads [Too deep]", async () => {
    let deep: unknown = "bottom";
    for (let level = 0; level < 1_500; level++) deep = { inner: deep };
    const heard: GuardEvent[] = [];
    const rejects = testRegistry().register({
      name: "rejects",
      types: "all",
      validate: () => fail("never good enough"),
    });
    const guard = Guard.fromRailString(
      rail(`<object name="tree" format="rejects" on-fail-rejects="fix"/>`),
      { registry: rejects, onFail: { rejects: () => deep }, onEvent: (event) => heard.push(event) },
    );
    await guard.parse('{"tree": {"A": 1}}');
    expect(heard.map((event) => event.type)).toContain("call-end");
    const verdicts = heard.find((event) => event.type === "verdicts");
    const handled = verdicts?.type === "verdicts" ? verdicts.logs[0] : undefined;
    expect(handled).toMatchObject({ validator: "rejects", actionTaken: "custom" });
    let node = handled?.valueAfter;
    let levels = 0;
    while (typeof node === "object" && node !== null) {
      node = (node as { inner: unknown }).inner;
      levels++;
    }
    expect(node).toBe("[Too deep]");
    expect(levels).toBeGreaterThan(900);
  });

  it("announces no empty verdicts: a final check that logs nothing new says nothing", async () => {
    const shouts = testRegistry().register({
      name: "shouts",
      types: ["string"],
      validate: (value) => pass(String(value).toUpperCase()),
    });
    const heard: GuardEvent[] = [];
    const guard = Guard.fromRailString(rail(`<string name="pet" format="shouts"/>`), {
      registry: shouts,
      onEvent: (event) => heard.push(event),
    });
    // The replacement makes the final check run; its verdict on "REX" is the one already logged.
    const outcome = await guard.parse('{"pet": "rex"}');
    expect(outcome.validatedOutput).toEqual({ pet: "REX" });
    const verdicts = heard.flatMap((event) => (event.type === "verdicts" ? [event.logs] : []));
    expect(verdicts.map((logs) => logs.length)).toEqual([1]);
  });

  it("rejects an onEvent that is not a function", () => {
    expect(() => Guard.fromRailString(spec, { registry, onEvent: "log" as never })).toThrowError(
      GuardConfigError,
    );
  });
});
