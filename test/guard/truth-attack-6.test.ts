import { describe, expect, it } from "vitest";
import { ValidatorRegistry } from "../../src/contract/registry.js";
import { pass, type Verdict } from "../../src/contract/types.js";
import { Guard } from "../../src/guard/index.js";
import type { LLM } from "../../src/llm/types.js";
import { defaultRegistry } from "../../src/validators/builtins.js";

// Attacks on the one walk over an answer as parsed (3c20a63): an answer that turns out not to
// fit the spec must be evaluated as the three walks did, and no validator may be asked about it
// that the three walks would not have asked.

/** An answer whose `count` no conformer can read as an integer: a mismatch, never validated. */
const MISMATCH = '{"topic": "clay pots and glazes", "count": "many"}';

function slowRegistry(calls: string[], delayMs: number) {
  return new ValidatorRegistry().register({
    name: "slow",
    types: "all",
    validate: (value): Promise<Verdict> => {
      calls.push(JSON.stringify(value));
      return new Promise((resolve) => setTimeout(() => resolve(pass()), delayMs));
    },
  });
}

const slowSpec = `<rail version="0.1"><output>
  <string name="topic" validators="slow"/>
  <integer name="count"/>
</output><prompt>Tell me about pots.</prompt></rail>`;

describe("an answer that does not fit the spec", () => {
  it("calls no asynchronous validator: it is a mismatch, never validated", async () => {
    const calls: string[] = [];
    const guard = Guard.fromRailString(slowSpec, { registry: slowRegistry(calls, 1) });
    const outcome = await guard.parse(MISMATCH);
    expect(outcome.validationPassed).toBe(false);
    expect(outcome.call.iterations[0]?.validatorLogs).toEqual([]);
    expect(calls).toEqual([]);
  });

  it("does not wait for a validator it should never have started: its deadline is the mismatch's", async () => {
    const calls: string[] = [];
    const guard = Guard.fromRailString(slowSpec, { registry: slowRegistry(calls, 400) });
    const outcome = await guard.call(() => MISMATCH, { timeoutMs: 200 });
    // As before the one walk: the answer's shape is what failed, at once; not the deadline.
    expect(outcome.error?.name).toBe("OutputShapeError");
    expect(calls).toEqual([]);
  });

  it("does not spend a model call on a model-judged validator", async () => {
    const prompts: string[] = [];
    const llm: LLM = async (prompt) => {
      prompts.push(prompt);
      return prompts.length === 1 ? MISMATCH : '{"topic": "pottery"}';
    };
    const spec = `<rail version="0.1"><output>
      <string name="topic" validators="on-topic: valid_topics=['pottery'] invalid_topics=['sports']"/>
      <integer name="count"/>
    </output><prompt>Tell me about pots.</prompt></rail>`;
    const guard = Guard.fromRailString(spec, { registry: defaultRegistry });
    const outcome = await guard.call(llm, { numReasks: 0 });
    expect(outcome.validationPassed).toBe(false);
    expect(prompts).toHaveLength(1);
  });
});

describe("an answer that fits but for its depth or a huge number in a free-form part", () => {
  const freeSpec = `<rail version="0.1"><output>
    <string name="name" validators="counted"/>
    <list name="extra"/>
  </output></rail>`;

  function countingGuard() {
    const calls: string[] = [];
    const registry = new ValidatorRegistry().register({
      name: "counted",
      types: "all",
      validate: (value) => {
        calls.push(JSON.stringify(value));
        return pass();
      },
    });
    return { calls, guard: Guard.fromRailString(freeSpec, { registry }) };
  }

  // `extra` sits one level down: its lists may nest until the answer is MAX_DEPTH (1000) deep.
  for (const [lists, usable] of [
    [998, true],
    [999, true],
    [1000, false],
  ] as const) {
    it(`${usable ? "is validated" : "is unusable, no validator asked"} at ${lists} lists deep`, async () => {
      const { calls, guard } = countingGuard();
      const answer = `{"name": "Ada", "extra": ${"[".repeat(lists)}${"]".repeat(lists)}}`;
      const outcome = await guard.parse(answer);
      expect(outcome.validationPassed).toBe(usable);
      expect(calls).toEqual(usable ? ['"Ada"'] : []);
    });
  }

  it("keeps a huge integer's digits and asks each validator once", async () => {
    const { calls, guard } = countingGuard();
    const outcome = await guard.parse(`{"name": "Ada", "extra": [[{"id": 12345678901234567891}]]}`);
    expect(outcome.validationPassed).toBe(true);
    expect(outcome.validatedOutput).toEqual({
      name: "Ada",
      extra: [[{ id: "12345678901234567891" }]],
    });
    expect(calls).toEqual(['"Ada"']);
  });
});
