import { describe, expect, it } from "vitest";
import { z } from "zod";
import type { ValidatorRegistry } from "../../src/contract/registry.js";
import { fail, pass, type ValidatorDefinition } from "../../src/contract/types.js";
import { Guard, OutputParseError, ValidationError } from "../../src/guard/index.js";
import { rail, scriptedLLM, testRegistry } from "../guard/support.js";

/**
 * The guard against hostile model output, misbehaving validators and handlers, and load: every
 * call ends with an outcome that says what went wrong, and a history that serialises and renders.
 */

const registry = testRegistry();
const document = { promptParams: { document: "d" } };

/** The history survives: it serialises, renders, and its call has ended. */
function expectHistoryIntact(guard: Guard) {
  const call = guard.history.last;
  expect(call?.status).not.toBe("running");
  expect(() => JSON.stringify(guard.history)).not.toThrow();
  expect(call?.tree().length).toBeGreaterThan(0);
}

/** A registry with the test validators plus `extra`. */
function registryWith(...extra: ValidatorDefinition[]): ValidatorRegistry {
  const result = testRegistry();
  for (const definition of extra) result.register(definition);
  return result;
}

const nested = (depth: number): unknown => {
  let value: unknown = 1;
  for (let level = 0; level < depth; level++) value = [value];
  return value;
};

describe("hostile model output", () => {
  it("answers 100 000 levels of nesting with a parse failure, not a stack overflow", async () => {
    const guard = Guard.fromRailString(rail(`<object name="data"/>`), { registry });
    const deep = `${"[".repeat(100_000)}${"]".repeat(100_000)}`;
    const outcome = await guard.parse(`{"data": {"x": ${deep}}}`);
    expect(outcome.error).toBeInstanceOf(OutputParseError);
    expect(outcome.error?.message).toBe(
      "The model output is not parseable as JSON: the JSON is unusable: it nests more than 1000 lists or objects deep",
    );
    expect(outcome.call.status).toBe("fail");
    expect(outcome.call.iterations[0]?.parseError).toMatch(/nests more than 1000/);
    expectHistoryIntact(guard);
  });

  it("keeps __proto__ and constructor as plain data and never touches Object.prototype", async () => {
    const guard = Guard.fromRailString(rail(`<object name="data"/><string name="name"/>`), {
      registry,
    });
    const outcome = await guard.parse(
      '{"data": {"__proto__": {"polluted": 1}, "constructor": {"prototype": {"polluted": 2}}},' +
        ' "name": "a", "__proto__": {"x": 1}}',
    );
    const data = (outcome.validatedOutput as { data: object }).data;
    expect(Object.getPrototypeOf(data)).toBe(Object.prototype);
    expect(Object.getPrototypeOf(outcome.validatedOutput)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).x).toBeUndefined();
    expect(outcome.call.iterations[0]?.repairs.map((repair) => repair.path)).toContain(
      "$.__proto__",
    );
  });

  it("refuses a zod schema with a __proto__ key, as RAIL does", () => {
    const schema = z.object({ ["__proto__"]: z.object({ polluted: z.number() }) });
    expect(() => Guard.fromZod(schema)).toThrow(
      'Guard.fromZod: $: "__proto__" cannot be a JSON key.',
    );
  });

  it("reasks a field named constructor without reading Object's constructor", async () => {
    const guard = Guard.fromRailString(
      rail(
        `<string name="constructor" format="no-digits" on-fail-no-digits="reask"/>
         <string name="other" format="no-digits" on-fail-no-digits="reask"/>`,
      ),
      { registry },
    );
    const model = scriptedLLM(['{"constructor": "a1", "other": "b2"}', '{"other": "fine"}']);
    const outcome = await guard.call(model.llm, document);
    expect(outcome.call.iterations[1]?.mismatches).toEqual([]);
    expect(outcome.validatedOutput).toEqual({ constructor: "a1", other: "fine" });
    expect(outcome.failures).toEqual([
      {
        path: "$.constructor",
        validator: "no-digits",
        message: "must not contain digits: a1 (the reask's answer left it out)",
        reason: "reask-unanswered",
      },
    ]);
  });
});

describe("misbehaving validators", () => {
  it("turns a thrown value that cannot become text into a failed verdict", async () => {
    const guard = Guard.fromRailString(rail(`<string name="pet" format="weird"/>`), {
      registry: registryWith({
        name: "weird",
        types: "all",
        validate: () => {
          throw Object.create(null);
        },
      }),
    });
    const outcome = await guard.parse('{"pet": "Rex"}');
    expect(outcome.failures).toEqual([
      {
        path: "$.pet",
        validator: "weird",
        message: 'validator "weird" threw: a value that cannot be shown as text',
        reason: "noop",
      },
    ]);
  });

  it("gives each validator its own copy: one that mutates its input changes neither output nor log", async () => {
    const guard = Guard.fromRailString(
      rail(`<object name="o" format="meddle"><string name="a"/></object>`),
      {
        registry: registryWith({
          name: "meddle",
          types: "all",
          validate: (value) => {
            const target = value as Record<string, unknown>;
            target.injected = true;
            delete target.a;
            return pass();
          },
        }),
      },
    );
    const outcome = await guard.parse('{"o": {"a": "x"}}');
    expect(outcome.validatedOutput).toEqual({ o: { a: "x" } });
    expect(outcome.call.iterations[0]?.validatorLogs[0]).toMatchObject({
      valueBefore: { a: "x" },
      valueAfter: { a: "x" },
    });
  });

  const hangs: ValidatorDefinition = {
    name: "hangs",
    types: "all",
    validate: (_value, { signal }) =>
      new Promise((_resolve, reject) => {
        signal?.addEventListener("abort", () => reject(new Error("saw the abort")));
      }),
  };

  it("fails a validator that never answers once validatorTimeoutMs runs out", async () => {
    const guard = Guard.fromRailString(
      rail(`<string name="pet" format="hangs" on-fail-hangs="noop"/>`),
      { registry: registryWith(hangs), validatorTimeoutMs: 20 },
    );
    const outcome = await guard.parse('{"pet": "Rex"}');
    expect(outcome.validatedOutput).toEqual({ pet: "Rex" });
    expect(outcome.failures).toEqual([
      {
        path: "$.pet",
        validator: "hangs",
        message: 'validator "hangs" gave no verdict: timed out after 20 ms',
        reason: "noop",
      },
    ]);
  });

  it("lets a call override the guard's validatorTimeoutMs, and checks it", async () => {
    const guard = Guard.fromRailString(rail(`<string name="pet" format="hangs"/>`), {
      registry: registryWith(hangs),
      validatorTimeoutMs: 60_000,
    });
    const outcome = await guard.parse('{"pet": "Rex"}', { validatorTimeoutMs: 5 });
    expect(outcome.failures[0]?.message).toBe(
      'validator "hangs" gave no verdict: timed out after 5 ms',
    );
    await expect(guard.parse("{}", { validatorTimeoutMs: -1 })).rejects.toThrow(
      "validatorTimeoutMs must be a finite number ≥ 0, got -1.",
    );
  });

  it("ends a hanging validator when the caller aborts, and the call after it", async () => {
    const guard = Guard.fromRailString(
      rail(`<string name="pet" format="hangs" on-fail-hangs="reask"/>`),
      { registry: registryWith(hangs) },
    );
    const controller = new AbortController();
    let aborted = false;
    const model = scriptedLLM([
      () => {
        setTimeout(() => controller.abort(), 5);
        return '{"pet": "Rex"}';
      },
    ]);
    const outcome = await guard.call(model.llm, {
      ...document,
      signal: controller.signal,
      numReasks: 3,
    });
    aborted = controller.signal.aborted;
    expect(aborted).toBe(true);
    expect(outcome.call.iterations[0]?.validatorLogs[0]?.message).toBe(
      `validator "hangs" gave no verdict: aborted by the caller's signal`,
    );
    // The reask it asked for never reaches the model: the call ends as aborted.
    expect(model.prompts).toHaveLength(1);
    expect(outcome.error?.message).toBe("LLM call failed: aborted by the caller's signal");
    expectHistoryIntact(guard);
  });

  it("refuses a handler's value its copy cannot read, history intact", async () => {
    // The guard's own copy of the value (the handler may keep it) reads the getter: the handler
    // failed, and the value stays as it was.
    const unreadable = {
      get deep(): never {
        throw new Error("a getter that throws");
      },
    };
    const guard = Guard.fromRailString(
      rail(`<string name="pet" format="lower-case; no-digits" on-fail-lower-case="fix"/>`),
      { registry, onFail: { "lower-case": () => unreadable } },
    );
    const outcome = await guard.parse('{"pet": "Rex"}');
    expect(outcome.error).toBeUndefined();
    expect(outcome.call.status).toBe("fail");
    expect(outcome.failures).toMatchObject([
      {
        path: "$.pet",
        reason: "custom-failed",
        message:
          "must be lower case (custom on-fail handler gave a value that cannot be read: a getter that throws)",
      },
    ]);
    expectHistoryIntact(guard);
  });

  it("copies a handler's value of any depth for the next validator, history intact", async () => {
    const guard = Guard.fromRailString(
      rail(`<string name="pet" format="lower-case; no-digits" on-fail-lower-case="fix"/>`),
      { registry, onFail: { "lower-case": () => ({ deep: nested(100_000) }) } },
    );
    const outcome = await guard.parse('{"pet": "Rex"}');
    expect(outcome.error).toBeUndefined();
    expect(outcome.failures.map(({ reason }) => reason)).toEqual(["schema"]);
    expect(JSON.stringify(outcome.call)).toContain('"[Too deep]"');
    expectHistoryIntact(guard);
  });

  it("turns a custom handler throwing a non-error into a standing failure", async () => {
    const guard = Guard.fromRailString(
      rail(`<string name="pet" format="lower-case" on-fail-lower-case="fix"/>`),
      {
        registry,
        onFail: {
          "lower-case": () => {
            throw Object.create(null);
          },
        },
      },
    );
    const outcome = await guard.parse('{"pet": "Rex"}');
    expect(outcome.failures[0]).toMatchObject({
      reason: "custom-failed",
      message:
        "must be lower case (custom on-fail handler threw: a value that cannot be shown as text)",
    });
  });
});

describe("load", () => {
  it("makes exactly numReasks + 1 model calls to a model that never fixes its answer", async () => {
    const guard = Guard.fromRailString(
      rail(`<string name="code" format="no-digits" on-fail-no-digits="reask"/>`),
      { registry },
    );
    let calls = 0;
    const outcome = await guard.call(
      () => {
        calls++;
        return '{"code": "a1"}';
      },
      { ...document, numReasks: 25 },
    );
    expect(calls).toBe(26);
    expect(outcome.call.iterations).toHaveLength(26);
    expect(outcome.call.reaskPrompts).toHaveLength(25);
    expect(outcome.failures[0]?.reason).toBe("reask-unanswered");
    expect(outcome.reask?.kind).toBe("field");
  });

  it("keeps 200 parallel calls on one guard apart", async () => {
    const guard = Guard.fromRailString(
      rail(`<string name="code" format="no-digits" on-fail-no-digits="reask"/>`),
      { registry, historyLimit: 200 },
    );
    const outcomes = await Promise.all(
      Array.from({ length: 200 }, (_, index) =>
        guard.call(
          async (prompt) => {
            // Interleave: answers come back in an order unrelated to the calls'.
            await new Promise((resolve) => setTimeout(resolve, (index * 7) % 13));
            const first = prompt.includes(`doc-${index}.`);
            return JSON.stringify({ code: first ? `${index}x` : `fixed-${"ab"[index % 2]}` });
          },
          { promptParams: { document: `doc-${index}` } },
        ),
      ),
    );
    expect(guard.history.length).toBe(200);
    expect(new Set(outcomes.map((outcome) => outcome.call.id)).size).toBe(200);
    outcomes.forEach((outcome, index) => {
      expect(outcome.validatedOutput).toEqual({ code: `fixed-${"ab"[index % 2]}` });
      expect(outcome.call.iterations).toHaveLength(2);
      expect(outcome.call.inputs.promptParams).toEqual({ document: `doc-${index}` });
      expect(outcome.call.iterations[0]?.rawOutput).toBe(`{"code":"${index}x"}`);
    });
  });

  it("reports an exception action as a ValidationError even after hostile output", async () => {
    const guard = Guard.fromRailString(
      rail(`<string name="code" format="no-digits" on-fail-no-digits="exception"/>`),
      { registry },
    );
    const outcome = await guard.parse(`\u0000 {"code": "a\u00001"} ${"{".repeat(10_000)}`);
    expect(outcome.error).toBeInstanceOf(ValidationError);
    expect(outcome.error?.message).toMatch(/^Validation failed for \$\.code/);
  });
});

describe("odd verdicts", () => {
  it("takes a fix value JSON cannot hold without crashing the history", async () => {
    const guard = Guard.fromRailString(
      rail(`<string name="pet" format="odd" on-fail-odd="fix"/>`),
      {
        registry: registryWith({
          name: "odd",
          types: "all",
          validate: () => fail("odd", Symbol("not JSON") as unknown as string),
        }),
      },
    );
    const outcome = await guard.parse('{"pet": "Rex"}');
    // A symbol is no string: the final schema check fails the call, and says where.
    expect(outcome.call.status).toBe("fail");
    expect(outcome.failures).toMatchObject([{ path: "$.pet", reason: "schema" }]);
    expect(() => JSON.stringify(outcome.call)).not.toThrow();
    expect(outcome.call.tree()).toContain("$.pet");
  });
});
