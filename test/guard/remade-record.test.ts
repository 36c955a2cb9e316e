import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ValidatorRegistry } from "../../src/contract/registry.js";
import { pass } from "../../src/contract/types.js";
import type { GuardEvent } from "../../src/guard/events.js";
import { Guard } from "../../src/guard/index.js";

/**
 * A passing answer that `JSON.parse` read as it stands (it fitted the spec, nothing changed it,
 * every verdict a plain pass) is handed to the caller as it is: the record keeps the answer's text
 * and makes the value, and the round's logs, again when read. Whatever the caller does to the value
 * must not reach the record, and the record must read as it would have had it kept the value.
 */
const registry = new ValidatorRegistry().register({
  name: "ok",
  types: "all",
  validate: () => pass(),
});

const LIST_SPEC = `<rail version="0.1"><output><list name="items"><object>
  <integer name="id" validators="ok"/>
  <string name="name" validators="ok"/>
  <object name="tags" validators="ok"><string name="a"/></object>
</object></list><string name="title" validators="ok"/></output></rail>`;

const answer = (items: number) =>
  JSON.stringify({
    items: Array.from({ length: items }, (_, id) => ({
      id,
      name: `n${id}`,
      tags: { a: `t${id}` },
    })),
    title: "t",
  });

/** Changes every object and list in `value`, in place. */
function scramble(value: unknown): void {
  if (Array.isArray(value)) {
    for (const item of value) scramble(item);
    value.push("added");
    value.reverse();
  } else if (typeof value === "object" && value !== null) {
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      scramble(record[key]);
      record[key] = `changed ${key}`;
    }
    record.extra = 1;
  }
}

/** The record as the listeners heard it: the call's events, as plain data. */
function heardGuard(spec = LIST_SPEC) {
  const events: GuardEvent[] = [];
  const guard = Guard.fromRailString(spec, { registry, onEvent: (event) => events.push(event) });
  return { guard, events };
}

describe("a record that makes the returned value again", () => {
  it("is untouched by a caller who changes every part of the value", async () => {
    const { guard } = heardGuard();
    const text = answer(3);
    const outcome = await guard.parse(text);
    expect(outcome.validationPassed).toBe(true);
    scramble(outcome.validatedOutput);
    const call = guard.history.last;
    const expected = JSON.parse(text);
    expect(call?.validatedOutput).toEqual(expected);
    expect(call?.iterations[0]?.parsedValue).toEqual(expected);
    expect(call?.iterations[0]?.validatedValue).toEqual(expected);
    const logs = call?.iterations[0]?.validatorLogs ?? [];
    expect(logs).toHaveLength(3 * 3 + 1);
    expect(logs[2]).toMatchObject({
      validator: "ok",
      path: "$.items[0].tags",
      valueBefore: { a: "t0" },
    });
    expect(logs.at(-1)).toMatchObject({ path: "$.title", valueBefore: "t" });
  });

  it("reads as the events told it, logs and values alike", async () => {
    const { guard, events } = heardGuard();
    const outcome = await guard.parse(answer(4));
    scramble(outcome.validatedOutput);
    const iteration = guard.history.last?.iterations[0];
    const heard = events.flatMap((event) => (event.type === "verdicts" ? event.logs : []));
    expect(iteration?.validatorLogs).toEqual(heard);
    const validated = events.find((event) => event.type === "validated");
    expect(iteration?.validatedValue).toEqual(validated?.type === "validated" && validated.value);
  });

  it("keeps its keys in their order, in JSON", async () => {
    const { guard } = heardGuard();
    await guard.parse(answer(1));
    const json = guard.history.last?.toJSON() as { iterations: Record<string, unknown>[] };
    expect(Object.keys(json)).toEqual([
      "id",
      "inputs",
      "warnings",
      "status",
      "error",
      "validatedOutput",
      "validationPassed",
      "refrained",
      "unansweredFixes",
      "tokens",
      "ms",
      "iterations",
    ]);
    // As the record wrote them when it kept the values (the previous engine's order).
    expect(Object.keys(json.iterations[0] ?? {})).toEqual([
      "index",
      "kind",
      "prompt",
      "instructions",
      "repairs",
      "mismatches",
      "unmatchedSlots",
      "validatorLogs",
      "failures",
      "ms",
      "rawOutput",
      "usage",
      "parsedValue",
      "validatedValue",
    ]);
  });

  it("is the same whether its logs were read during the call or after", async () => {
    const reading = heardGuard();
    let readEarly: unknown;
    const guard = Guard.fromRailString(LIST_SPEC, {
      registry,
      // Reading the round's logs while the call runs: the guard then copies the value for the
      // caller, as the record holds the logs as read.
      onEvent: (event) => {
        if (event.type === "validated") {
          readEarly = guard.history.last?.iterations[0]?.validatorLogs.length;
        }
      },
    });
    const [early, late] = [await guard.parse(answer(2)), await reading.guard.parse(answer(2))];
    expect(readEarly).toBe(7);
    scramble(early.validatedOutput);
    scramble(late.validatedOutput);
    const logsOf = (g: Guard) => JSON.stringify(g.history.last?.iterations[0]?.validatorLogs);
    expect(logsOf(guard)).toBe(logsOf(reading.guard));
    expect(guard.history.last?.validatedOutput).toEqual(JSON.parse(answer(2)));
    expect(reading.guard.history.last?.validatedOutput).toEqual(JSON.parse(answer(2)));
  });

  it("is what it was for an answer with integers past 2^53, kept as digits", async () => {
    const { guard } = heardGuard(
      `<rail version="0.1"><output><integer name="big" validators="ok"/></output></rail>`,
    );
    const outcome = await guard.parse('{"big": 123456789012345678901}');
    const before = JSON.stringify(guard.history.last);
    scramble(outcome.validatedOutput);
    expect(JSON.stringify(guard.history.last)).toBe(before);
  });

  it("matches its JSON before and after the caller changes the value (property)", async () => {
    const item = fc.record({
      id: fc.integer(),
      name: fc.string(),
      tags: fc.record({ a: fc.string() }),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(item, { maxLength: 6 }), fc.string(), async (items, title) => {
        const { guard } = heardGuard();
        const outcome = await guard.parse(JSON.stringify({ items, title }));
        expect(outcome.validationPassed).toBe(true);
        const { validatedOutput } = outcome;
        const json = JSON.stringify(guard.history.last);
        expect(JSON.parse(json).validatedOutput).toEqual({ items, title });
        scramble(validatedOutput);
        expect(JSON.stringify(guard.history.last)).toBe(json);
      }),
      { numRuns: 60 },
    );
  });
});
