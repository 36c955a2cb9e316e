import { getEventListeners } from "node:events";
import { describe, expect, it } from "vitest";
import { fail, pass } from "../../src/contract/types.js";
import type { GuardEvent } from "../../src/guard/events.js";
import { Guard } from "../../src/guard/index.js";
import type { LLM } from "../../src/llm/types.js";
import { laterLower, rail, testRegistry } from "./support.js";

// Attacks on the synchronous call path (6325f4f): a call runs at once until a step hands it a
// promise, and throws become rejections only where a step waited.

/** An error whose message cannot be read: reading it throws the error itself. */
function unreadableError(): Error {
  const error = new Error("never shown");
  Object.defineProperty(error, "message", {
    get() {
      throw error;
    },
  });
  return error;
}

/** A value nothing can be asked of: `instanceof`, `String()` and every property read throw. */
function revokedProxy(): object {
  const { proxy, revoke } = Proxy.revocable({}, {});
  revoke();
  return proxy;
}

/**
 * Claims to be a railguard ValidationError (the registry marker every copy of the package reads)
 * without being one: stopping the call on it cannot make an outcome, and the call rejects, as it
 * always did. What these tests check is what the call leaves behind then.
 */
const forgedValidationError = () => ({
  [Symbol.for("railguard.error")]: ["ValidationError", "RailguardError"],
});

const petSpec = (validator: string, action: string) =>
  rail(`<string name="pet" format="${validator}" on-fail-${validator}="${action}"/>`);

function recording() {
  const events: GuardEvent[] = [];
  const onEvent = (event: GuardEvent) => {
    events.push(event);
  };
  const typesOf = (call: number) =>
    events.filter((event) => event.call === call).map((event) => event.type);
  return { events, onEvent, typesOf };
}

describe("a thrown value whose message cannot be read", () => {
  it("fails its validator like any validator that throws", async () => {
    const registry = testRegistry().register({
      name: "unreadable",
      types: "all",
      validate: () => {
        throw unreadableError();
      },
    });
    const guard = Guard.fromRailString(petSpec("unreadable", "noop"), { registry });
    const outcome = await guard.parse('{"pet": "rex"}');
    expect(outcome.validationPassed).toBe(false);
    expect(outcome.failures.map((failure) => failure.message)).toEqual([
      `validator "unreadable" threw: a value that cannot be shown as text`,
    ]);
    expect(guard.history.last?.status).toBe("fail");
  });

  it("thrown by the metadata ends the call with an outcome, and its deadline with it", async () => {
    const guard = Guard.fromRailString(petSpec("in-source", "noop"), {
      registry: testRegistry(),
    });
    const controller = new AbortController();
    const metadata = {
      get source(): string {
        throw revokedProxy();
      },
    };
    const outcome = await guard.parse('{"pet": "rex"}', {
      metadata,
      signal: controller.signal,
      timeoutMs: 60_000,
    });
    expect(outcome.validationPassed).toBe(false);
    expect(outcome.error?.code).toBe("unexpected-error");
    expect(outcome.error?.message).toBe(
      "The call stopped before the first round: a value that cannot be shown as text",
    );
    expect(guard.history.last?.status).toBe("error");
    expect(() => JSON.stringify(guard.history)).not.toThrow();
    expect(getEventListeners(controller.signal, "abort")).toHaveLength(0);
  });

  it("thrown by the model ends the call with an outcome", async () => {
    const guard = Guard.fromRailString(petSpec("lower-case", "reask"), {
      registry: testRegistry(),
    });
    const model: LLM = () => {
      throw unreadableError();
    };
    const outcome = await guard.call(model, { promptParams: { document: "d" }, maxRetries: 0 });
    expect(outcome.validationPassed).toBe(false);
    expect(outcome.error?.code).toBe("unexpected-error");
    expect(outcome.error?.message).toContain("a value that cannot be shown as text");
    expect(guard.history.last?.status).toBe("error");
  });
});

describe("a call that cannot be stopped with an outcome (it rejects, as it always did)", () => {
  it("still rejects, never throws, and leaves no listener on the caller's signal", async () => {
    const guard = Guard.fromRailString(petSpec("in-source", "noop"), {
      registry: testRegistry(),
    });
    const controller = new AbortController();
    const metadata = {
      get source(): string {
        throw forgedValidationError();
      },
    };
    const options = { metadata, signal: controller.signal, timeoutMs: 60_000 };
    let pending: Promise<unknown> | undefined;
    expect(() => {
      pending = guard.parse('{"pet": "rex"}', options);
    }).not.toThrow();
    await expect(pending).rejects.toThrow(TypeError);
    // The deadline's timer and its listener went with it: a long-lived signal shared by many
    // calls would otherwise collect one listener (and a live timer) per such call.
    expect(getEventListeners(controller.signal, "abort")).toHaveLength(0);
  });

  /** A fix value of a class of its own, which the schema check reads through a getter. */
  class ThrowsWhenRead {
    get name(): string {
      throw forgedValidationError();
    }
  }

  for (const timing of ["at once", "after a wait"] as const) {
    it(`still ends the round it was in, once (the validator answers ${timing})`, async () => {
      const verdict = () => fail("odd", new ThrowsWhenRead());
      const registry = testRegistry().register({
        name: "odd-fix",
        types: "all",
        validate: timing === "at once" ? verdict : async () => verdict(),
      });
      const { onEvent, typesOf } = recording();
      const guard = Guard.fromRailString(
        rail(
          `<object name="pet" format="odd-fix" on-fail-odd-fix="fix"><string name="name"/></object>`,
        ),
        { registry, onEvent },
      );
      await expect(guard.parse('{"pet": {"name": "rex"}}')).rejects.toThrow(TypeError);
      const call = guard.history.last?.id ?? -1;
      expect(typesOf(call).filter((type) => type === "round-end")).toHaveLength(1);
      expect(typesOf(call).at(-1)).toBe("round-end");
    });
  }
});

describe("rounds that wait and rounds that do not, in one call", () => {
  const registry = () =>
    testRegistry().register({
      name: "later-lower",
      types: ["string"],
      validate: async (value) =>
        value === String(value).toLowerCase() ? pass() : fail("lower case"),
    });

  it("announce each step once, in order, with the round it belongs to", async () => {
    const { events, onEvent } = recording();
    const guard = Guard.fromRailString(
      rail(
        `<string name="pet" format="lower-case; later-lower" on-fail-lower-case="reask" on-fail-later-lower="reask"/>`,
      ),
      { registry: registry(), onEvent },
    );
    const answers = ['{"pet": "Max"}', '{"pet": "rex"}'];
    const model: LLM = async () => answers.shift() ?? "";
    const outcome = await guard.parse('{"pet": "Rex"}', { llm: model, numReasks: 2 });
    expect(outcome.validationPassed).toBe(true);
    const round = ["round-start", "model-answer", "parsed", "verdicts", "validated"];
    const reasked = [...round, "reask-planned", "round-end"];
    expect(events.map((event) => `${event.type}${"round" in event ? event.round : ""}`)).toEqual([
      "call-start",
      ...reasked.map((type) => `${type}0`),
      ...reasked.map((type) => `${type}1`),
      ...[...round, "round-end"].map((type) => `${type}2`),
      "call-end",
    ]);
    const ms = (guard.history.last?.iterations ?? []).map((iteration) => iteration.ms);
    expect(ms).toHaveLength(3);
    for (const each of ms) expect(each).toBeGreaterThan(0);
  });

  it("reask hundreds of times without a deeper stack or a lost round", async () => {
    const guard = Guard.fromRailString(petSpec("lower-case", "reask"), {
      registry: testRegistry(),
    });
    let asked = 0;
    const model: LLM = async () => {
      asked++;
      return '{"pet": "Rex"}';
    };
    const outcome = await guard.parse('{"pet": "Rex"}', { llm: model, numReasks: 300 });
    expect(outcome.validationPassed).toBe(false);
    expect(asked).toBe(300);
    const iterations = guard.history.last?.iterations ?? [];
    expect(iterations.map((iteration) => iteration.index)).toEqual(
      Array.from({ length: 301 }, (_, index) => index),
    );
    expect(guard.history.last?.status).toBe("fail");
  });
});

describe("calls that run inside one another or side by side", () => {
  it("keep their own records when a listener parses again from inside an event", async () => {
    let inner: Promise<unknown> | undefined;
    let parsedAgain = false;
    const { onEvent, typesOf } = recording();
    const guard: Guard = Guard.fromRailString(petSpec("lower-case", "fix"), {
      registry: testRegistry(),
      onEvent: (event) => {
        onEvent(event);
        if (event.type === "round-start" && !parsedAgain) {
          parsedAgain = true;
          inner = guard.parse('{"pet": "Max"}');
        }
      },
    });
    const outcome = await guard.parse('{"pet": "Rex"}');
    await inner;
    expect(outcome.validatedOutput).toEqual({ pet: "rex" });
    const [outer, nested] = [...guard.history];
    expect(outer?.id).toBe(outcome.call.id);
    expect(outer?.validatedOutput).toEqual({ pet: "rex" });
    expect(nested?.validatedOutput).toEqual({ pet: "max" });
    // The fix, then the recheck of the value fixed.
    const fixed = ["round-start", "model-answer", "parsed", "verdicts", "validated", "verdicts"];
    for (const call of [outer, nested]) {
      expect(call?.iterations).toHaveLength(1);
      expect(typesOf(call?.id ?? -1)).toEqual(["call-start", ...fixed, "round-end", "call-end"]);
    }
  });

  it("never mix, a thousand at once, some waiting and some not", async () => {
    const registry = testRegistry().register(laterLower);
    const spec = rail(
      `<string name="pet" format="lower-case; later-lower" on-fail-lower-case="fix" on-fail-later-lower="fix"/>`,
    );
    const guard = Guard.fromRailString(spec, { registry, historyLimit: 1000 });
    const names = Array.from({ length: 1000 }, (_, index) =>
      index % 3 === 0 ? `Pet${index}` : `pet${index}`,
    );
    const outcomes = await Promise.all(
      names.map((name) => guard.parse(JSON.stringify({ pet: name }))),
    );
    outcomes.forEach((outcome, index) => {
      expect(outcome.validatedOutput).toEqual({ pet: names[index]?.toLowerCase() });
      expect(outcome.call.rawOutputs).toEqual([JSON.stringify({ pet: names[index] })]);
      expect(guard.history.at(index)).toBe(outcome.call);
    });
  });
});
