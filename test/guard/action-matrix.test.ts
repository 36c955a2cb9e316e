import { describe, expect, it } from "vitest";
import { Guard, ValidationError } from "../../src/guard/index.js";
import type { OnFailAction } from "../../src/rail/types.js";
import { rail, scriptedLLM, testRegistry } from "./support.js";

// Every on-fail action on every kind of place a value can sit: an object key, a list item, a key
// of a nested object, a case child of a choice, and a string output. The failing value is always
// "Rex", which `lower-case` rejects with the fix "rex". Each case asserts `validationPassed`, the
// value and the failures left standing (issue 7's truth table).
const registry = testRegistry();

interface Shape {
  /** The RAIL document, with `ACTION` where the on-fail action goes. */
  rail: (action: string) => string;
  /** The model's first answer. */
  first: string;
  /** The answer to a targeted reask (only the failing value). */
  reaskAnswer: string;
  /** The output with the failing value replaced. */
  withValue: (value: string) => unknown;
  /** What `filter` leaves, and what `refrain` gives. */
  filtered: unknown;
  /** Whether what `filter` leaves is still valid: not when it drops a required key. */
  filterPasses: boolean;
  empty: unknown;
  path: string;
}

const validator = (action: string) => `format="lower-case" on-fail-lower-case="${action}"`;
const prompt = "<prompt>Name a pet.</prompt>";

const shapes: Record<string, Shape> = {
  "an object key": {
    rail: (a) => rail(`<string name="pet" ${validator(a)}/><integer name="age"/>`, prompt),
    first: '{"pet": "Rex", "age": 3}',
    reaskAnswer: '{"pet": "rex"}',
    withValue: (pet) => ({ pet, age: 3 }),
    filtered: { age: 3 },
    filterPasses: false,
    empty: {},
    path: "$.pet",
  },
  "a list item": {
    rail: (a) => rail(`<list name="pets"><string ${validator(a)}/></list>`, prompt),
    first: '{"pets": ["max", "Rex"]}',
    reaskAnswer: '{"pets": ["rex"]}',
    withValue: (pet) => ({ pets: ["max", pet] }),
    filtered: { pets: ["max"] },
    filterPasses: true,
    empty: {},
    path: "$.pets[1]",
  },
  "a nested object key": {
    rail: (a) =>
      rail(
        `<object name="owner"><object name="home"><string name="pet" ${validator(a)}/><integer name="rooms"/></object></object>`,
        prompt,
      ),
    first: '{"owner": {"home": {"pet": "Rex", "rooms": 2}}}',
    reaskAnswer: '{"owner": {"home": {"pet": "rex"}}}',
    withValue: (pet) => ({ owner: { home: { pet, rooms: 2 } } }),
    filtered: { owner: { home: { rooms: 2 } } },
    filterPasses: false,
    empty: {},
    path: "$.owner.home.pet",
  },
  "a choice case child": {
    rail: (a) =>
      rail(
        `<choice name="action" discriminator="type"><case name="adopt"><string name="pet" ${validator(a)}/></case><case name="wait"><integer name="days"/></case></choice>`,
        prompt,
      ),
    first: '{"action": {"type": "adopt", "pet": "Rex"}}',
    reaskAnswer: '{"action": {"pet": "rex"}}',
    withValue: (pet) => ({ action: { type: "adopt", pet } }),
    filtered: { action: { type: "adopt" } },
    filterPasses: false,
    empty: {},
    path: "$.action.pet",
  },
  "a string output": {
    rail: (a) => `<rail version="0.1"><output type="string" ${validator(a)}/>${prompt}</rail>`,
    first: "Rex",
    reaskAnswer: "rex",
    withValue: (pet) => pet,
    // Filtering the whole output leaves nothing: a refusal.
    filtered: "",
    filterPasses: false,
    empty: "",
    path: "$",
  },
};

async function run(
  shape: Shape,
  action: OnFailAction | "custom",
  { handler = (value: unknown): unknown => String(value).toLowerCase(), numReasks = 1 } = {},
) {
  const guard = Guard.fromRailString(shape.rail(action === "custom" ? "noop" : action), {
    registry,
    ...(action === "custom" ? { onFail: { "lower-case": handler } } : {}),
  });
  const model = scriptedLLM([shape.first, shape.reaskAnswer]);
  const outcome = await guard.call(model.llm, { numReasks });
  const logs = outcome.call.iterations[0]?.validatorLogs ?? [];
  return { outcome, prompts: model.prompts, log: logs.find((l) => l.outcome === "fail") };
}

describe.each(Object.entries(shapes))("on-fail actions on %s", (_, shape) => {
  it("noop keeps the value and fails", async () => {
    const { outcome, prompts, log } = await run(shape, "noop");
    expect(outcome.validatedOutput).toEqual(shape.withValue("Rex"));
    expect(outcome.validationPassed).toBe(false);
    expect(outcome.failures).toEqual([
      { path: shape.path, validator: "lower-case", message: "must be lower case", reason: "noop" },
    ]);
    expect(prompts).toHaveLength(1);
    expect(log).toMatchObject({ path: shape.path, actionTaken: "kept", valueAfter: "Rex" });
  });

  it("fix puts the fix value in place", async () => {
    const { outcome, log } = await run(shape, "fix");
    expect(outcome.validatedOutput).toEqual(shape.withValue("rex"));
    expect(outcome.validationPassed).toBe(true);
    expect(outcome.failures).toEqual([]);
    expect(log).toMatchObject({ valueBefore: "Rex", valueAfter: "rex", actionTaken: "fixed" });
  });

  it("reask asks for that value only and merges the answer back", async () => {
    const { outcome, prompts, log } = await run(shape, "reask");
    expect(prompts).toHaveLength(2);
    expect(prompts[1]).toContain(shape.path === "$" ? "Rex" : '"incorrect_value": "Rex"');
    expect(prompts[1]).toContain("must be lower case");
    expect(outcome.validatedOutput).toEqual(shape.withValue("rex"));
    expect(outcome.validationPassed).toBe(true);
    expect(outcome.failures).toEqual([]);
    expect(outcome.call.iterations[0]?.reask).toMatchObject({ paths: [shape.path], sent: true });
    expect(log?.actionTaken).toBe("reask");
  });

  it("fix_reask takes a fix the validator accepts, without asking again", async () => {
    const { outcome, prompts, log } = await run(shape, "fix_reask");
    expect(prompts).toHaveLength(1);
    expect(outcome.validatedOutput).toEqual(shape.withValue("rex"));
    expect(outcome.validationPassed).toBe(true);
    expect(outcome.failures).toEqual([]);
    expect(log).toMatchObject({ onFail: "fix_reask", actionTaken: "fixed" });
  });

  it("reask unanswered (none left) offers the fix value and fails", async () => {
    const { outcome, prompts } = await run(shape, "reask", { numReasks: 0 });
    expect(prompts).toHaveLength(1);
    expect(outcome.validatedOutput).toEqual(shape.withValue("rex"));
    expect(outcome.validationPassed).toBe(false);
    expect(outcome.unansweredFixes).toMatchObject([{ path: shape.path, fixValue: "rex" }]);
    expect(outcome.failures.map((f) => [f.path, f.reason])).toEqual([
      [shape.path, "reask-unanswered"],
    ]);
  });

  it("filter removes the value, and passes only if what remains is valid", async () => {
    const { outcome, log } = await run(shape, "filter");
    expect(outcome.validatedOutput).toEqual(shape.filtered);
    expect(outcome.refrained).toBe(shape.path === "$");
    expect(outcome.validationPassed).toBe(shape.filterPasses);
    const reason = shape.path === "$" ? "refrained" : "schema";
    const failures = shape.filterPasses ? [] : [[shape.path, reason]];
    expect(outcome.failures.map((f) => [f.path, f.reason])).toEqual(failures);
    expect(log).toMatchObject({ actionTaken: "filtered", valueAfter: undefined });
  });

  it("refrain empties the whole output", async () => {
    const { outcome, log } = await run(shape, "refrain");
    expect(outcome.validatedOutput).toEqual(shape.empty);
    expect(outcome.refrained).toBe(true);
    expect(outcome.validationPassed).toBe(false);
    expect(outcome.failures.map((f) => [f.path, f.reason])).toEqual([[shape.path, "refrained"]]);
    expect(log?.actionTaken).toBe("refrained");
  });

  it("exception stops the call with a ValidationError naming the path", async () => {
    const { outcome, prompts } = await run(shape, "exception");
    const failure = {
      path: shape.path,
      validator: "lower-case",
      message: "must be lower case",
      reason: "exception" as const,
    };
    expect(outcome.error).toEqual(new ValidationError([failure]));
    expect(outcome.error).toMatchObject({ path: shape.path, reason: "exception" });
    expect(outcome.failures).toEqual([failure]);
    expect(outcome.validationPassed).toBe(false);
    expect(outcome.validatedOutput).toBeNull();
    expect(outcome.call.status).toBe("error");
    expect(prompts).toHaveLength(1);
  });

  it("a custom handler replaces the action with its own value, which is checked again", async () => {
    const { outcome, log } = await run(shape, "custom");
    expect(outcome.validatedOutput).toEqual(shape.withValue("rex"));
    expect(outcome.validationPassed).toBe(true);
    expect(outcome.failures).toEqual([]);
    expect(log).toMatchObject({ onFail: "custom", actionTaken: "custom", valueAfter: "rex" });
  });

  it("a custom handler's value that its validator rejects fails", async () => {
    const handler = (value: unknown) => String(value).toUpperCase();
    const { outcome } = await run(shape, "custom", { handler });
    expect(outcome.validatedOutput).toEqual(shape.withValue("REX"));
    expect(outcome.validationPassed).toBe(false);
    expect(outcome.failures).toEqual([
      {
        path: shape.path,
        validator: "lower-case",
        message: "must be lower case",
        reason: "rejected-after-actions",
      },
    ]);
  });

  it("a custom handler's value of the wrong type fails on the schema", async () => {
    const { outcome } = await run(shape, "custom", { handler: () => ({ not: "text" }) });
    expect(outcome.validationPassed).toBe(false);
    expect(outcome.failures.map((f) => [f.path, f.reason])).toEqual([[shape.path, "schema"]]);
  });
});
