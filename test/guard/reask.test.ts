import { describe, expect, it } from "vitest";
import { pass } from "../../src/contract/types.js";
import { Guard, OutputParseError, OutputShapeError } from "../../src/guard/index.js";
import { rail, scriptedLLM, testRegistry } from "./support.js";

const registry = testRegistry();
const params = { promptParams: { document: "the doc" } };

const fees = rail(`<string name="title"/>
<list name="fees"><object>
  <string name="name" format="two-words" on-fail-two-words="reask"/>
  <integer name="amount" format="even" on-fail-even="reask"/>
</object></list>`);

describe("targeted field reasks", () => {
  it("sends only the failing leaves with a pruned schema and merges the answer by path", async () => {
    const guard = Guard.fromRailString(fees, { registry });
    const first = {
      title: "Card",
      fees: [
        { name: "annual fee", amount: 2 },
        { name: "late", amount: 4 },
        { name: "foreign fee", amount: 3 },
      ],
    };
    const model = scriptedLLM([
      JSON.stringify(first),
      '{"fees": [{"name": "late fee"}, {"amount": 6}]}',
    ]);
    const outcome = await guard.call(model.llm, params);

    const previous = {
      fees: [
        // Each slot inside a list is named, so the answer merges back by slot.
        {
          name: {
            path: "$.fees[1].name",
            incorrect_value: "late",
            error_messages: ["must be exactly two words, got 1"],
          },
        },
        {
          amount: {
            path: "$.fees[2].amount",
            incorrect_value: 3,
            error_messages: ["must be even, got 3"],
          },
        },
      ],
    };
    const prompt = model.prompts[1] ?? "";
    expect(prompt).toContain(JSON.stringify(previous, null, 2));
    expect(prompt).not.toContain('"title"');
    expect(prompt).not.toContain('name="title"');
    expect(prompt).toContain('name="fees"');
    // No <instructions> in the spec, so no system message: the reask prompt states the rules.
    expect(model.requests[1]?.instructions).toBeUndefined();
    expect(prompt).toContain("valid JSON");
    // Targeted reasks must not force the full schema through structured output.
    expect(model.requests[0]?.jsonSchema).toBeDefined();
    expect(model.requests[1]?.jsonSchema).toBeUndefined();

    expect(outcome.validatedOutput).toEqual({
      title: "Card",
      fees: [
        { name: "annual fee", amount: 2 },
        { name: "late fee", amount: 4 },
        { name: "foreign fee", amount: 6 },
      ],
    });
    expect(outcome.validationPassed).toBe(true);
    const reask = outcome.call.iterations[0]?.reask;
    expect(reask?.paths).toEqual(["$.fees[1].name", "$.fees[2].amount"]);
    expect(reask?.errorMessages).toEqual([
      "$.fees[1].name: must be exactly two words, got 1",
      "$.fees[2].amount: must be even, got 3",
    ]);
  });

  it("merges across two rounds, asking the second time only what still fails", async () => {
    const guard = Guard.fromRailString(fees, { registry });
    const first = {
      title: "T",
      fees: [
        { name: "one", amount: 1 },
        { name: "two words", amount: 2 },
      ],
    };
    const model = scriptedLLM([
      JSON.stringify(first),
      '{"fees": [{"name": "first fee", "amount": 5}]}',
      '{"fees": [{"amount": 8}]}',
    ]);
    const outcome = await guard.call(model.llm, { ...params, numReasks: 2 });
    expect(outcome.validatedOutput).toEqual({
      title: "T",
      fees: [
        { name: "first fee", amount: 8 },
        { name: "two words", amount: 2 },
      ],
    });
    expect(outcome.validationPassed).toBe(true);
    expect(model.prompts).toHaveLength(3);
    expect(model.prompts[2]).toContain('"incorrect_value": 5');
    expect(model.prompts[2]).not.toContain("first fee");
    expect(outcome.call.iterations.map((it) => it.kind)).toEqual(["initial", "field", "field"]);
  });

  it("stops after numReasks and returns the next reask unsent", async () => {
    const guard = Guard.fromRailString(fees, { registry, numReasks: 1 });
    const bad = JSON.stringify({ title: "T", fees: [{ name: "x", amount: 2 }] });
    const model = scriptedLLM([bad, '{"fees": [{"name": "y"}]}']);
    const outcome = await guard.call(model.llm, params);
    expect(model.prompts).toHaveLength(2);
    expect(outcome.validatedOutput).toEqual({ title: "T", fees: [{ name: "y", amount: 2 }] });
    expect(outcome.validationPassed).toBe(false);
    expect(outcome.failures.map((f) => f.reason)).toEqual(["reask-unanswered"]);
    expect(outcome.reask?.prompt).toContain('"incorrect_value": "y"');
    expect(outcome.call.iterations[1]?.reask?.sent).toBe(false);
    expect(outcome.call.reaskPrompts).toEqual([model.prompts[1]]);
  });

  it("numReasks 0 makes one model call only", async () => {
    const guard = Guard.fromRailString(fees, { registry });
    const model = scriptedLLM([JSON.stringify({ title: "T", fees: [{ name: "x", amount: 2 }] })]);
    const outcome = await guard.call(model.llm, { ...params, numReasks: 0 });
    expect(model.prompts).toHaveLength(1);
    expect(outcome.reask?.kind).toBe("field");
  });

  it("fullSchemaReask sends the whole output and schema and takes a whole new answer", async () => {
    const guard = Guard.fromRailString(fees, { registry, fullSchemaReask: true });
    const model = scriptedLLM([
      JSON.stringify({ title: "T", fees: [{ name: "x", amount: 2 }] }),
      JSON.stringify({ title: "T2", fees: [{ name: "x fee", amount: 2 }] }),
    ]);
    const outcome = await guard.call(model.llm, params);
    const prompt = model.prompts[1] ?? "";
    expect(prompt).toContain('"title": "T"');
    expect(prompt).toContain('name="title"');
    expect(prompt).toContain('"incorrect_value": "x"');
    expect(model.requests[1]?.jsonSchema).toBeDefined();
    expect(outcome.call.iterations[1]?.kind).toBe("full");
    expect(outcome.validatedOutput).toEqual({ title: "T2", fees: [{ name: "x fee", amount: 2 }] });
  });

  it("a call's fullSchemaReask overrides the guard's", async () => {
    const guard = Guard.fromRailString(fees, { registry, fullSchemaReask: true });
    const model = scriptedLLM([
      JSON.stringify({ title: "T", fees: [{ name: "x", amount: 2 }] }),
      '{"fees": [{"name": "x fee"}]}',
    ]);
    const outcome = await guard.call(model.llm, { ...params, fullSchemaReask: false });
    expect(outcome.call.inputs.fullSchemaReask).toBe(false);
    expect(outcome.call.iterations[1]?.kind).toBe("field");
    expect(model.prompts[1]).not.toContain('name="title"');
    expect(outcome.validatedOutput).toEqual({ title: "T", fees: [{ name: "x fee", amount: 2 }] });
  });

  it("a reask answer that leaves out a field keeps the old value, which fails again", async () => {
    const guard = Guard.fromRailString(fees, { registry });
    const model = scriptedLLM([
      JSON.stringify({ title: "T", fees: [{ name: "x", amount: 2 }] }),
      "{}",
    ]);
    const outcome = await guard.call(model.llm, params);
    expect(outcome.validatedOutput).toEqual({ title: "T", fees: [{ name: "x", amount: 2 }] });
    expect(outcome.validationPassed).toBe(false);
  });
});

describe("re-validation after a reask", () => {
  it("re-checks the merged output without running a validator twice on the same value", async () => {
    const seen: unknown[] = [];
    const counting = testRegistry().register({
      name: "counted",
      types: "all",
      validate: (value) => {
        seen.push(value);
        return pass();
      },
    });
    const spec = rail(`<string name="title" format="counted"/>
<string name="code" format="no-digits" on-fail-no-digits="reask"/>`);
    const guard = Guard.fromRailString(spec, { registry: counting });
    const model = scriptedLLM(['{"title": "T", "code": "a1"}', '{"code": "ab"}']);
    const outcome = await guard.call(model.llm, params);
    expect(outcome.validatedOutput).toEqual({ title: "T", code: "ab" });
    expect(seen).toEqual(["T"]);
    // The history still shows the verdict in both rounds.
    const rounds = outcome.call.iterations.map((it) =>
      it.validatorLogs.map((log) => log.validator),
    );
    expect(rounds).toEqual([
      ["counted", "no-digits"],
      ["counted", "no-digits"],
    ]);
  });

  it("runs a validator again where the reask changed its value, at any depth", async () => {
    const seen: unknown[] = [];
    const counting = testRegistry().register({
      name: "counted",
      types: "all",
      validate: (value) => {
        seen.push(structuredClone(value));
        return pass();
      },
    });
    const spec = rail(`<list name="codes" format="counted">
  <string format="no-digits; counted" on-fail-no-digits="reask"/>
</list>`);
    const guard = Guard.fromRailString(spec, { registry: counting });
    const model = scriptedLLM(['{"codes": ["ab", "c1"]}', '{"codes": ["cd"]}']);
    const outcome = await guard.call(model.llm, params);
    expect(outcome.validatedOutput).toEqual({ codes: ["ab", "cd"] });
    // Round 1: "ab" and the list ("c1" stops at no-digits); round 2: the new item and the list.
    expect(seen).toEqual(["ab", ["ab", "c1"], "cd", ["ab", "cd"]]);
  });

  it("reasks a sibling-style (0.1) choice's case child and merges it beside the choice key", async () => {
    const spec = rail(`<choice name="action">
  <case name="fight"><string name="fight" format="no-digits" on-fail-no-digits="reask"/></case>
  <case name="flight"><integer name="flight"/></case>
</choice>`);
    const guard = Guard.fromRailString(spec, { registry });
    const model = scriptedLLM(['{"action": "fight", "fight": "kick2"}', '{"fight": "kick"}']);
    const outcome = await guard.call(model.llm, params);
    expect(model.prompts[1]).toContain('"fight": {\n    "incorrect_value": "kick2"');
    expect(outcome.validatedOutput).toEqual({ action: "fight", fight: "kick" });
    expect(outcome.validationPassed).toBe(true);
  });
});

describe("non-parseable and skeleton reasks", () => {
  const simple = rail(`<string name="city"/><integer name="population"/>`);

  it("reasks prose with the parsing reask prompt and the full schema", async () => {
    const guard = Guard.fromRailString(simple, { registry });
    const model = scriptedLLM([
      "I cannot answer in JSON, sorry.",
      '{"city": "Oslo", "population": 700000}',
    ]);
    const outcome = await guard.call(model.llm, params);
    const prompt = model.prompts[1] ?? "";
    expect(prompt).toContain("could not be parsed as JSON");
    expect(prompt).toContain("I cannot answer in JSON, sorry.");
    expect(prompt).toContain('name="population"');
    expect(outcome.call.iterations[0]?.parseError).toBeTruthy();
    expect(outcome.call.iterations[1]?.kind).toBe("parse");
    expect(outcome.validatedOutput).toEqual({ city: "Oslo", population: 700000 });
  });

  it("ends with OutputParseError and a null output when no reask is left", async () => {
    const guard = Guard.fromRailString(simple, { registry });
    const outcome = await guard.parse("no json here");
    expect(outcome.validatedOutput).toBeNull();
    expect(outcome.error).toBeInstanceOf(OutputParseError);
    expect(outcome.reask?.kind).toBe("parse");
    expect(outcome.call.status).toBe("fail");
  });

  it("reasks a wrong shape with the skeleton prompt, the whole value and the mismatches", async () => {
    const guard = Guard.fromRailString(simple, { registry });
    const model = scriptedLLM([
      '{"city": "Oslo", "population": "many"}',
      '{"city": "Oslo", "population": 5}',
    ]);
    const outcome = await guard.call(model.llm, params);
    const iteration = outcome.call.iterations[0];
    expect(iteration?.mismatches.map((m) => m.path)).toEqual(["$.population"]);
    const prompt = model.prompts[1] ?? "";
    expect(prompt).toContain('"incorrect_value": {');
    expect(prompt).toContain('"city": "Oslo"');
    expect(prompt).toContain("$.population");
    expect(outcome.call.iterations[1]?.kind).toBe("skeleton");
    expect(outcome.validatedOutput).toEqual({ city: "Oslo", population: 5 });
  });

  it("ends with OutputShapeError when the shape is still wrong", async () => {
    const guard = Guard.fromRailString(simple, { registry });
    const outcome = await guard.parse('{"city": "Oslo"}');
    expect(outcome.error).toBeInstanceOf(OutputShapeError);
    expect(outcome.error?.message).toContain("population");
    expect(outcome.validatedOutput).toBeNull();
  });
});

describe("custom reask templates", () => {
  it("renders <reask_prompt> and <reask_instructions> with the reask slots and call variables", async () => {
    const xml = `<rail version="0.1">
<output><string name="pet" format="no-digits" on-fail-no-digits="reask"/></output>
<prompt>Name the pet in \${document}.</prompt>
<reask_prompt>About \${document}: you said \${previous_response}
Problems:
\${error_messages}
Schema: \${output_schema}</reask_prompt>
<reask_instructions>Fix it for {{document}}.</reask_instructions>
</rail>`;
    const guard = Guard.fromRailString(xml, { registry });
    const model = scriptedLLM(['{"pet": "r2"}', '{"pet": "artoo"}']);
    const outcome = await guard.call(model.llm, params);
    const prompt = model.prompts[1] ?? "";
    expect(prompt).toMatch(/^About the doc: you said \{/);
    expect(prompt).toContain("- $.pet: must not contain digits: r2");
    expect(prompt).toContain("Schema: <output>");
    expect(model.requests[1]?.instructions).toBe("Fix it for the doc.");
    expect(model.requests[1]?.messages[0]).toEqual({
      role: "system",
      content: "Fix it for the doc.",
    });
    expect(outcome.validatedOutput).toEqual({ pet: "artoo" });
  });

  it("a reask template variable the call did not give stops the call with a typed error", async () => {
    const xml = `<rail version="0.1"><output><string name="pet" format="no-digits" on-fail-no-digits="reask"/></output>
<prompt>Name a pet.</prompt><reask_prompt>\${previous_response} \${missing_var}</reask_prompt></rail>`;
    const guard = Guard.fromRailString(xml, { registry });
    const model = scriptedLLM(['{"pet": "r2"}']);
    const outcome = await guard.call(model.llm);
    expect(outcome.error?.code).toBe("missing-prompt-variable");
    expect(outcome.error?.message).toContain("missing_var");
    expect(model.prompts).toHaveLength(1);
    expect(outcome.call.iterations).toHaveLength(1);
  });
});
