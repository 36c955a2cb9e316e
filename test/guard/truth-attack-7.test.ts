import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import { ValidatorRegistry } from "../../src/contract/registry.js";
import { fail, pass } from "../../src/contract/types.js";
import type { GuardEvent } from "../../src/guard/events.js";
import { Guard } from "../../src/guard/index.js";

// Attacks on the record that makes a returned value again (25516d9): when the value a call
// returns is its answer as `JSON.parse` read it, the caller gets that value itself and the record
// keeps the answer's text, making the value (and the round's logs) again when read.

const registry = new ValidatorRegistry().register({
  name: "ok",
  types: "all",
  validate: () => pass(),
});

const SPEC = `<rail version="0.1"><output>
  <object name="o" validators="ok"><string name="a" validators="ok"/></object>
  <list name="l"><object><string name="s" validators="ok"/></object></list>
</output></rail>`;
const ANSWER = JSON.stringify({ o: { a: "x" }, l: [{ s: "p" }, { s: "q" }] });

/** Changes every object and list in `value`, in place. */
function scramble(value: unknown): void {
  if (Array.isArray(value)) {
    for (const item of value) scramble(item);
    value.push("added");
  } else if (typeof value === "object" && value !== null) {
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      scramble(record[key]);
      record[key] = `changed ${key}`;
    }
  }
}

describe("a round's values read from the record while the call runs", () => {
  // A listener that reads the round's value from the history during the call holds what the
  // record gave it: the caller's changes to the outcome must not reach it, as they did not when
  // the record kept the value and the caller got a copy.
  for (const [type, spec] of [
    ["parsed", SPEC],
    ["verdicts", SPEC],
    ["validated", SPEC],
    [
      "validated",
      `<rail version="0.1"><output><object name="o"><string name="a"/></object></output></rail>`,
    ],
  ] as const) {
    it(`stay the values validated when read at '${type}'${spec === SPEC ? "" : " (no validator)"}`, async () => {
      const read: { parsed?: unknown; validated?: unknown } = {};
      const guard: Guard = Guard.fromRailString(spec, {
        registry,
        onEvent: (event: GuardEvent) => {
          if (event.type !== type) return;
          const iteration = guard.history.last?.iterations[0];
          read.parsed = iteration?.parsedValue;
          read.validated = iteration?.validatedValue;
        },
      });
      const answer = spec === SPEC ? ANSWER : '{"o": {"a": "x"}}';
      const outcome = await guard.parse(answer);
      expect(outcome.validationPassed).toBe(true);
      expect(read.parsed).toEqual(JSON.parse(answer));
      scramble(outcome.validatedOutput);
      expect(read.parsed).toEqual(JSON.parse(answer));
      if (read.validated !== undefined) expect(read.validated).toEqual(JSON.parse(answer));
      // And the record itself reads as it did.
      expect(guard.history.last?.iterations[0]?.parsedValue).toEqual(JSON.parse(answer));
      expect(guard.history.last?.validatedOutput).toEqual(JSON.parse(answer));
    });
  }

  it("stay the values validated when the round's JSON object was taken during the call", async () => {
    let json: Record<string, unknown> | undefined;
    const guard: Guard = Guard.fromRailString(
      `<rail version="0.1"><output><object name="o"><string name="a"/></object></output></rail>`,
      {
        onEvent: (event: GuardEvent) => {
          const iteration = guard.history.last?.iterations[0] as unknown as {
            toJSON(): typeof json;
          };
          if (event.type === "validated") json = iteration.toJSON();
        },
      },
    );
    const outcome = await guard.parse('{"o": {"a": "x"}}');
    scramble(outcome.validatedOutput);
    expect(json?.validatedValue).toEqual({ o: { a: "x" } });
  });
});

/** `gc()`, exposed for this process. */
function collectGarbage(): () => void {
  setFlagsFromString("--expose-gc");
  return runInNewContext("gc") as () => void;
}

describe("a record that makes the returned value again", () => {
  // It keeps the answer's text, not the value: a caller who lets the value go lets it go. The
  // walk's own log list (which holds the items of the lists it walked) is not the record's.
  it("does not hold on to the value the caller was given", async () => {
    const gc = collectGarbage();
    const guard = Guard.fromRailString(SPEC, { registry });
    const refs = await (async () => {
      const outcome = await guard.parse(ANSWER);
      const value = outcome.validatedOutput as { l: unknown[] };
      expect(outcome.validationPassed).toBe(true);
      return [new WeakRef(value), new WeakRef(value.l)];
    })();
    for (let round = 0; round < 3; round++) {
      await new Promise((resolve) => setTimeout(resolve, 0));
      gc();
    }
    expect(refs.map((ref) => ref.deref() === undefined)).toEqual([true, true]);
    expect(guard.history.last?.validatedOutput).toEqual(JSON.parse(ANSWER));
    expect(guard.history.last?.iterations[0]?.validatorLogs).toHaveLength(4);
  });
});

const withRefuse = registry.clone().register({
  name: "refuse",
  types: "all",
  validate: () => fail("refused"),
});

describe("a record that keeps the passes of a list's items as a range", () => {
  // The range makes the items' logs again from the items alone: it must not keep the walk's
  // state, which holds the call's metadata (and its verdict cache, model and signal).
  it("does not hold on to the call's metadata", async () => {
    const gc = collectGarbage();
    const guard = Guard.fromRailString(
      `<rail version="0.1"><output>
        <list name="l"><object><string name="s" validators="ok"/></object></list>
        <string name="t" validators="refuse" on-fail-refuse="noop"/>
      </output></rail>`,
      { registry: withRefuse },
    );
    const ref = await (async () => {
      const metadata = { secret: {} };
      const answer = JSON.stringify({ l: [{ s: "a" }, { s: "b" }], t: "x" });
      const outcome = await guard.parse(answer, { metadata });
      expect(outcome.validationPassed).toBe(false);
      return new WeakRef(metadata.secret);
    })();
    for (let round = 0; round < 3; round++) {
      await new Promise((resolve) => setTimeout(resolve, 0));
      gc();
    }
    expect(ref.deref()).toBeUndefined();
    expect(guard.history.last?.iterations[0]?.validatorLogs).toHaveLength(3);
  });
});
