import { describe, expect, it } from "vitest";
import { Guard } from "../../src/guard/index.js";
import type { LLM } from "../../src/llm/types.js";
import { rail, scriptedLLM, testRegistry } from "./support.js";

const registry = testRegistry();
const spec = rail(
  `<string name="pet" format="no-digits; lower-case" on-fail-no-digits="reask" on-fail-lower-case="fix"/>`,
);

describe("history", () => {
  it("records every round: prompts, raw output, repairs, logs, reasks, usage", async () => {
    const guard = Guard.fromRailString(spec, { registry });
    const model = scriptedLLM([
      {
        text: 'Here: {"pet": "Rex2",} ok',
        usage: { promptTokens: 10, completionTokens: 5, totalTokens: 15 },
      },
      { text: '{"pet": "Rex"}', usage: { promptTokens: 7, completionTokens: 3, totalTokens: 10 } },
    ]);
    const outcome = await guard.call(model.llm, {
      promptParams: { document: "doc" },
      metadata: { user: 1 },
    });
    const call = guard.history.last;
    expect(call).toBe(outcome.call);
    expect(call?.inputs).toEqual({
      promptParams: { document: "doc" },
      numReasks: 1,
      metadataKeys: ["user"],
      fullSchemaReask: false,
      mode: "call",
    });
    const [first, second] = call?.iterations ?? [];
    expect(first?.prompt).toBe(model.prompts[0]);
    expect(first?.rawOutput).toBe('Here: {"pet": "Rex2",} ok');
    expect(first?.repairs.map((r) => r.kind)).toContain("strip-prose");
    expect(first?.parsedValue).toEqual({ pet: "Rex2" });
    expect(first?.validatorLogs).toEqual([
      {
        validator: "no-digits",
        path: "$.pet",
        valueBefore: "Rex2",
        valueAfter: "Rex2",
        outcome: "fail",
        message: "must not contain digits: Rex2",
        onFail: "reask",
        actionTaken: "reask",
      },
    ]);
    expect(first?.reask?.prompt).toBe(model.prompts[1]);
    expect(first?.usage?.totalTokens).toBe(15);
    expect(second?.prompt).toBe(model.prompts[1]);
    expect(second?.instructions).toBe(model.requests[1]?.instructions);
    expect(second?.validatorLogs.map((log) => log.actionTaken)).toEqual(["none", "fixed"]);
    expect(second?.validatedValue).toEqual({ pet: "rex" });
    expect(call?.tokens).toEqual({ promptTokens: 17, completionTokens: 8, totalTokens: 25 });
    expect(call?.status).toBe("pass");
    expect(call?.validatedOutput).toEqual({ pet: "rex" });
    for (const iteration of call?.iterations ?? []) expect(iteration.ms).toBeGreaterThanOrEqual(0);
  });

  it("exports as JSON and renders a readable tree", async () => {
    const guard = Guard.fromRailString(spec, { registry });
    const model = scriptedLLM(['{"pet": "Rex2"}', '{"pet": "Rex"}']);
    await guard.call(model.llm, { promptParams: { document: "doc" } });
    const call = guard.history.last;
    const json = JSON.parse(JSON.stringify(call));
    expect(json.status).toBe("pass");
    expect(json.iterations).toHaveLength(2);
    expect(json.iterations[0].validatorLogs[0].actionTaken).toBe("reask");
    const tree = call?.tree() ?? "";
    expect(tree).toMatch(/^Call #1 · pass · 2 step\(s\)/);
    expect(tree).toContain("Step 0 (initial)");
    expect(tree).toContain("Step 1 (field)");
    expect(tree).toContain("✗ no-digits $.pet: must not contain digits: Rex2 → reask");
    expect(tree).toContain("✓ no-digits $.pet");
    expect(tree).toContain("✗ lower-case $.pet: must be lower case → fixed");
    expect(tree).not.toContain("\x1b[");
    expect(call?.tree({ color: true })).toContain("\x1b[");
  });

  it("keeps calls in order, with at() and iteration", async () => {
    const guard = Guard.fromRailString(spec, { registry });
    await guard.parse('{"pet": "a"}');
    await guard.parse('{"pet": "b"}');
    expect(guard.history.length).toBe(2);
    expect(guard.history.at(0)?.validatedOutput).toEqual({ pet: "a" });
    expect(guard.history.at(-1)?.validatedOutput).toEqual({ pet: "b" });
    expect([...guard.history].map((call) => call.id)).toEqual([1, 2]);
  });
});

describe("concurrency", () => {
  it("parallel calls on one guard never share state or history entries", async () => {
    const guard = Guard.fromRailString(spec, { registry });
    // Each model answers after the others have started, so the calls interleave.
    const slowModel = (first: string, second: string): LLM => {
      let round = 0;
      return async () => {
        await new Promise((resolve) => setTimeout(resolve, 5));
        return round++ === 0 ? first : second;
      };
    };
    const names = ["alpha", "beta", "gamma", "delta"];
    const outcomes = await Promise.all(
      names.map((name) =>
        guard.call(slowModel(`{"pet": "${name}1"}`, `{"pet": "${name.toUpperCase()}"}`), {
          promptParams: { document: name },
        }),
      ),
    );
    expect(outcomes.map((o) => o.validatedOutput)).toEqual(names.map((pet) => ({ pet })));
    expect(guard.history.length).toBe(4);
    const calls = outcomes.map((o) => o.call);
    expect(new Set(calls).size).toBe(4);
    for (const [i, call] of calls.entries()) {
      expect(call.inputs.promptParams).toEqual({ document: names[i] });
      expect(call.iterations).toHaveLength(2);
      expect(call.iterations[0]?.prompt).toContain(`Extract from ${names[i]}.`);
      expect(call.iterations[1]?.prompt).toContain(`${names[i]}1`);
    }
  });
});
