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
      reaskContext: "fields",
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
    // The final check runs both validators again on the fixed value.
    expect(second?.validatorLogs.map((log) => log.actionTaken)).toEqual([
      "none",
      "fixed",
      "rechecked",
      "rechecked",
    ]);
    expect(second?.validatedValue).toEqual({ pet: "rex" });
    expect(call?.tokens).toEqual({ promptTokens: 17, completionTokens: 8, totalTokens: 25 });
    expect(call?.status).toBe("pass");
    expect(call?.validatedOutput).toEqual({ pet: "rex" });
    for (const iteration of call?.iterations ?? []) expect(iteration.ms).toBeGreaterThanOrEqual(0);
  });

  it("exports as JSON that round-trips through JSON.stringify", async () => {
    const guard = Guard.fromRailString(spec, { registry });
    const model = scriptedLLM(['{"pet": "Rex2"}', '{"pet": "Rex"}']);
    await guard.call(model.llm, { promptParams: { document: "doc" } });
    const call = guard.history.last;
    const json = JSON.parse(JSON.stringify(call));
    expect(json).toEqual(call?.toJSON());
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
    expect(json.status).toBe("pass");
    expect(json.iterations).toHaveLength(2);
    expect(json.iterations[0].validatorLogs[0].actionTaken).toBe("reask");
    expect(json.iterations[0].reask).toMatchObject({ kind: "field", sent: true });
    expect(JSON.parse(JSON.stringify(guard.history))).toEqual([json]);
  });

  it("exports and renders values JSON cannot hold, which a custom handler put there", async () => {
    const cyclic: Record<string, unknown> = { name: "loop" };
    cyclic.self = cyclic;
    const guard = Guard.fromRailString(
      rail(`<string name="pet" format="lower-case"/><string name="big" format="no-digits"/>`),
      {
        registry,
        onFail: { "lower-case": () => cyclic, "no-digits": () => 12n },
      },
    );
    const outcome = await guard.parse('{"pet": "Rex", "big": "12"}');
    const exported = { name: "loop", self: "[Circular]" };

    expect(outcome.validatedOutput).toEqual({ pet: cyclic, big: 12n });
    const json = JSON.parse(JSON.stringify(outcome.call));
    expect(json.validatedOutput).toEqual({ pet: exported, big: "12n" });
    expect(
      json.iterations[0].validatorLogs.map((log: { valueAfter: unknown }) => log.valueAfter),
    ).toEqual([exported, "12n"]);
    // The original objects are left as they were.
    expect(cyclic.self).toBe(cyclic);
    expect(outcome.call.tree()).toContain('"self": "[Circular]"');
    expect(outcome.call.tree()).toContain('"big": "12n"');
  });

  it("exports an error as its code, name and message", async () => {
    const guard = Guard.fromRailString(spec, { registry });
    const outcome = await guard.parse("no json");
    expect(JSON.parse(JSON.stringify(outcome.call)).error).toEqual({
      code: "output-not-parseable",
      name: "OutputParseError",
      message: outcome.error?.message,
    });
  });

  it("renders a readable tree: one branch per iteration, every step of it", async () => {
    const xml = `<rail version="0.1">
<output>
  <string name="pet" format="no-digits; lower-case" on-fail-no-digits="reask" on-fail-lower-case="fix"/>
  <integer name="age"/>
</output>
<instructions>Answer in JSON.</instructions>
<prompt>Name the pet in \${document}.</prompt>
<reask_prompt>Fix: \${previous_response}
\${error_messages}</reask_prompt>
<reask_instructions>Only JSON.</reask_instructions>
</rail>`;
    const guard = Guard.fromRailString(xml, { registry });
    const model = scriptedLLM([
      {
        text: 'Here: {"pet": "Rex2", "age": "3", "color": "red",}',
        usage: { promptTokens: 10, completionTokens: 5, totalTokens: 15 },
      },
      { text: '{"pet": "Rex"}', usage: { promptTokens: 7, completionTokens: 3, totalTokens: 10 } },
    ]);
    const { call } = await guard.call(model.llm, { promptParams: { document: "the doc" } });
    // Wall times vary from run to run; fix them to compare the whole text.
    call.ms = 12;
    for (const iteration of call.iterations) iteration.ms = 5 + iteration.index;
    expect(call.tree({ full: true })).toBe(
      [
        `Call #${call.id} · pass · 2 iterations · 25 tokens (17 prompt + 8 completion) · 12 ms`,
        "├─ Iteration 0 · initial · 5 ms · 15 tokens (10 prompt + 5 completion)",
        "│  ├─ Instructions",
        "│  │     Answer in JSON.",
        "│  ├─ Prompt",
        "│  │     Name the pet in the doc.",
        "│  ├─ Raw output",
        '│  │     Here: {"pet": "Rex2", "age": "3", "color": "red",}',
        "│  ├─ Repairs (4)",
        '│  │     - strip-prose: ignored text before the JSON: "Here:"',
        "│  │     - fix-syntax: removed a trailing comma at line 1, column 49",
        '│  │     - coerce: $.age: coerced "3" to 3 (integer)',
        '│  │     - prune-key: $.color: removed the undeclared key "color" (value: "red")',
        "│  ├─ Validators (1 of 1 failed)",
        '│  │     ✗ no-digits $.pet: must not contain digits: Rex2 → reask (value "Rex2")',
        "│  ├─ Validated output",
        "│  │     {",
        '│  │       "pet": "Rex2",',
        '│  │       "age": 3',
        "│  │     }",
        "│  └─ Reask sent · field · $.pet",
        "│        - $.pet: must not contain digits: Rex2",
        "├─ Iteration 1 · field reask · 6 ms · 10 tokens (7 prompt + 3 completion)",
        "│  ├─ Instructions",
        "│  │     Only JSON.",
        "│  ├─ Prompt",
        "│  │     Fix: {",
        '│  │       "pet": {',
        '│  │         "incorrect_value": "Rex2",',
        '│  │         "error_messages": [',
        '│  │           "must not contain digits: Rex2"',
        "│  │         ]",
        "│  │       }",
        "│  │     }",
        "│  │     - $.pet: must not contain digits: Rex2",
        "│  ├─ Raw output",
        '│  │     {"pet": "Rex"}',
        "│  ├─ Parsed value",
        "│  │     {",
        '│  │       "pet": "Rex",',
        '│  │       "age": 3',
        "│  │     }",
        "│  ├─ Validators (1 of 4 failed)",
        "│  │     ✓ no-digits $.pet",
        '│  │     ✗ lower-case $.pet: must be lower case → fixed "Rex" ⇒ "rex"',
        '│  │     ✓ no-digits $.pet (rechecked "rex")',
        '│  │     ✓ lower-case $.pet (rechecked "rex")',
        "│  └─ Validated output",
        "│        {",
        '│          "pet": "rex",',
        '│          "age": 3',
        "│        }",
        "└─ Outcome",
        "      validation passed",
        "      validated output:",
        "      {",
        '        "pet": "rex",',
        '        "age": 3',
        "      }",
      ].join("\n"),
    );
    expect(call.tree({ color: true })).toContain("\x1b[32mpass\x1b[0m");
  });

  it("abridges by default: long prompts and outputs cut with a count, the validated output once", async () => {
    const xml = `<rail version="0.1">
<output><string name="pet" validators="lower-case" on-fail-lower-case="fix"/></output>
<prompt>\${document}</prompt>
</rail>`;
    const guard = Guard.fromRailString(xml, { registry });
    const document = Array.from({ length: 30 }, (_, i) => `line ${i} ${"x".repeat(300)}`).join(
      "\n",
    );
    const { call } = await guard.call(scriptedLLM(['{"pet": "Rex"}']).llm, {
      promptParams: { document },
    });
    const tree = call.tree();
    expect(tree).toContain(`line 0 ${"x".repeat(193)}…`);
    expect(tree).not.toContain("line 12 ");
    const shown = 12 * 200 + 11;
    expect(tree).toContain(
      `… 18 more lines, ${document.length - shown} characters cut (tree({ full: true }) shows all)`,
    );
    // Once, under the outcome; the round's value is the same and is left out.
    expect(tree.match(/"pet": "rex"/g)).toHaveLength(1);
    expect(tree).not.toContain("Validated output");
    const full = call.tree({ full: true });
    expect(full).toContain("line 29 ");
    expect(full.match(/"pet": "rex"/g)).toHaveLength(2);
    expect(full).not.toContain("cut (tree(");
  });

  it("abridged, says nothing is cut where there was no text (no prompt or instructions in parse)", async () => {
    const guard = Guard.fromRailString(spec, { registry });
    const { call } = await guard.parse('{"pet": "rex"}');
    const tree = call.tree();
    expect(tree).not.toContain("cut (tree(");
    expect(tree).not.toContain("Instructions");
    expect(tree).not.toContain("Prompt");
    expect(tree).toContain("Raw output");
  });

  it("keeps a validator's message of several lines inside its branch", async () => {
    const guard = Guard.fromRailString(
      '<rail version="0.1"><output><string name="quote" validators="provenance"/></output></rail>',
    );
    const { call } = await guard.parse('{"quote": "The moon is made of cheese."}', {
      metadata: { sources: ["Training runs recover from loss spikes."] },
    });
    const tree = call.tree();
    expect(tree).toContain("│        ✗ provenance $.quote: None of the following sentences");
    expect(tree).toContain("\n│        - The moon is made of cheese.");
    expect(tree.split("\n").filter((line) => line.startsWith("- "))).toEqual([]);
  });

  it("shows why a call stopped, and an unsent reask, in the tree", async () => {
    const guard = Guard.fromRailString(spec, { registry });
    const { call } = await guard.parse("nothing here");
    const tree = call.tree();
    expect(tree).toMatch(new RegExp(`^Call #${call.id} · fail · 1 iteration · \\d+ ms\n`));
    expect(tree).toContain(
      '│  ├─ Not parseable\n│  │     no JSON object or array found in 12 characters of text: "nothing here"',
    );
    expect(tree).toContain("│  └─ Reask not sent (no reask left, or no model to ask) · parse · $");
    expect(tree).toContain("      error (output-not-parseable): The model output is not parseable");
    expect(tree).not.toContain("\x1b[");
  });

  it("keeps the call's inputs as they were, even if the caller changes its objects later", async () => {
    const guard = Guard.fromRailString(spec, { registry });
    const promptParams = { document: "first" };
    await guard.call(scriptedLLM(['{"pet": "rex"}']).llm, { promptParams });
    promptParams.document = "changed";
    expect(guard.history.last?.inputs.promptParams).toEqual({ document: "first" });
  });

  it("keeps calls in order, with at() and iteration", async () => {
    const guard = Guard.fromRailString(spec, { registry });
    const first = await guard.parse('{"pet": "a"}');
    const second = await guard.parse('{"pet": "b"}');
    expect(guard.history.length).toBe(2);
    expect(guard.history.at(0)?.validatedOutput).toEqual({ pet: "a" });
    expect(guard.history.at(-1)?.validatedOutput).toEqual({ pet: "b" });
    // Ids are unique in the process (a listener may serve several guards), in call order.
    expect([...guard.history].map((call) => call.id)).toEqual([first.call.id, second.call.id]);
    expect(second.call.id).toBeGreaterThan(first.call.id);
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
