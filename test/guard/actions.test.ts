import { describe, expect, it } from "vitest";
import { pass } from "../../src/contract/types.js";
import { Guard, ValidationError } from "../../src/guard/index.js";
import { rail, scriptedLLM, testRegistry } from "./support.js";

const registry = testRegistry();

/** Validates `output` against a spec body, with no model (0 reasks). */
function parseWith(body: string, output: unknown, options = {}) {
  const guard = Guard.fromRailString(rail(body), { registry, ...options });
  return guard.parse(typeof output === "string" ? output : JSON.stringify(output));
}

const logsOf = (outcome: Awaited<ReturnType<typeof parseWith>>) =>
  outcome.call.iterations.flatMap((it) => it.validatorLogs);

describe("on-fail actions on object fields", () => {
  it("noop keeps the value and makes validation fail", async () => {
    const outcome = await parseWith(
      `<string name="pet" format="lower-case" on-fail-lower-case="noop"/>`,
      { pet: "Rex" },
    );
    expect(outcome.validatedOutput).toEqual({ pet: "Rex" });
    expect(outcome.validationPassed).toBe(false);
    expect(outcome.failures).toEqual([
      { path: "$.pet", validator: "lower-case", message: "must be lower case", reason: "noop" },
    ]);
    expect(outcome.call.status).toBe("fail");
    expect(logsOf(outcome)[0]).toMatchObject({
      outcome: "fail",
      actionTaken: "kept",
      onFail: "noop",
    });
  });

  it("fix replaces the value with the fix value and passes", async () => {
    const outcome = await parseWith(
      `<string name="pet" format="lower-case" on-fail-lower-case="fix"/>`,
      { pet: "Rex" },
    );
    expect(outcome.validatedOutput).toEqual({ pet: "rex" });
    expect(outcome.validationPassed).toBe(true);
    expect(logsOf(outcome)[0]).toMatchObject({
      valueBefore: "Rex",
      valueAfter: "rex",
      actionTaken: "fixed",
    });
  });

  it("fix on a validator without a fix value is reported, never nulled", async () => {
    const outcome = await parseWith(
      `<string name="code" format="no-digits" on-fail-no-digits="fix"/>`,
      { code: "a1" },
    );
    expect(outcome.validatedOutput).toEqual({ code: "a1" });
    expect(outcome.validationPassed).toBe(false);
    expect(outcome.failures[0]).toMatchObject({ path: "$.code", reason: "fix-unavailable" });
    expect(logsOf(outcome)[0]).toMatchObject({ actionTaken: "fix-unavailable", valueAfter: "a1" });
  });

  it("fix results feed the next validator, in declared order", async () => {
    const outcome = await parseWith(
      `<string name="pet" format="lower-case; two-words" on-fail-lower-case="fix" on-fail-two-words="fix"/>`,
      { pet: "Big Red Dog" },
    );
    expect(outcome.validatedOutput).toEqual({ pet: "big red" });
    expect(
      logsOf(outcome).map((log) => [log.validator, log.valueBefore, log.valueAfter, log.outcome]),
    ).toEqual([
      ["lower-case", "Big Red Dog", "big red dog", "fail"],
      ["two-words", "big red dog", "big red", "fail"],
      // The final check: both accept the value returned.
      ["lower-case", "big red", "big red", "pass"],
      ["two-words", "big red", "big red", "pass"],
    ]);
    expect(outcome.validationPassed).toBe(true);
  });

  it("filter removes an optional key and passes", async () => {
    const outcome = await parseWith(
      `<string name="pet" required="false" format="no-digits" on-fail-no-digits="filter"/><integer name="age"/>`,
      { pet: "r2d2", age: 3 },
    );
    expect(outcome.validatedOutput).toEqual({ age: 3 });
    expect(outcome.validationPassed).toBe(true);
    expect(logsOf(outcome)[0]).toMatchObject({ actionTaken: "filtered", path: "$.pet" });
  });

  it("filter removes a required key and fails: what remains is not valid", async () => {
    const outcome = await parseWith(
      `<string name="pet" format="no-digits" on-fail-no-digits="filter"/><integer name="age"/>`,
      { pet: "r2d2", age: 3 },
    );
    expect(outcome.validatedOutput).toEqual({ age: 3 });
    expect(outcome.validationPassed).toBe(false);
    expect(outcome.failures).toMatchObject([
      { path: "$.pet", validator: "schema", reason: "schema" },
    ]);
  });

  it("stops a field at the first filter: later validators do not run", async () => {
    const outcome = await parseWith(
      `<string name="pet" format="no-digits; lower-case" on-fail-no-digits="filter" on-fail-lower-case="noop"/>`,
      { pet: "R2" },
    );
    expect(logsOf(outcome).map((log) => log.validator)).toEqual(["no-digits"]);
  });

  it("refrain makes the whole output the empty object", async () => {
    const outcome = await parseWith(
      `<string name="pet" format="no-digits" on-fail-no-digits="refrain"/><integer name="age"/>`,
      { pet: "r2d2", age: 3 },
    );
    expect(outcome.validatedOutput).toEqual({});
    expect(outcome.refrained).toBe(true);
    expect(outcome.validationPassed).toBe(false);
    expect(outcome.call.refrained).toBe(true);
  });

  it("names an odd key the same way in bindings, validator logs, failures and repairs", async () => {
    const guard = Guard.fromRailString(
      rail(`<string name="pet name" format="lower-case" on-fail-lower-case="noop"/>`),
      { registry },
    );
    const outcome = await guard.parse('{"pet name": "Rex", "it\'s": 1}');
    expect(guard.compiled.bindings[0]?.path).toBe('$["pet name"]');
    expect(logsOf(outcome)[0]?.path).toBe('$["pet name"]');
    expect(outcome.failures[0]?.path).toBe('$["pet name"]');
    expect(outcome.call.iterations[0]?.repairs[0]?.path).toBe('$["it\'s"]');
  });

  it("exception stops the call with a ValidationError carrying path and messages", async () => {
    const outcome = await parseWith(
      `<string name="pet" format="no-digits" on-fail-no-digits="exception"/>`,
      { pet: "r2" },
    );
    expect(outcome.error).toBeInstanceOf(ValidationError);
    const error = outcome.error as ValidationError;
    expect(error.path).toBe("$.pet");
    expect(error.validator).toBe("no-digits");
    expect(error.messages).toEqual(["must not contain digits: r2"]);
    expect(outcome.validatedOutput).toBeNull();
    expect(outcome.call.status).toBe("error");
    expect(outcome.call.iterations).toHaveLength(1);
  });

  it("reask without a model: the reask is returned unsent", async () => {
    const outcome = await parseWith(
      `<string name="code" format="no-digits" on-fail-no-digits="reask"/>`,
      { code: "a1" },
    );
    expect(outcome.reask?.kind).toBe("field");
    expect(outcome.reask?.paths).toEqual(["$.code"]);
    expect(outcome.call.iterations[0]?.reask?.sent).toBe(false);
    expect(outcome.call.reaskPrompts).toEqual([]);
  });

  it("an unanswered reask without a fix value keeps the value and fails", async () => {
    const outcome = await parseWith(
      `<string name="code" format="no-digits" on-fail-no-digits="reask"/>`,
      { code: "a1" },
    );
    expect(outcome.validatedOutput).toEqual({ code: "a1" });
    expect(outcome.validationPassed).toBe(false);
    expect(outcome.failures).toEqual([
      {
        path: "$.code",
        validator: "no-digits",
        message: "must not contain digits: a1",
        reason: "reask-unanswered",
      },
    ]);
  });

  it("an unanswered reask with a fix value offers the fix value, says so, and fails", async () => {
    const outcome = await parseWith(
      `<string name="pet" format="lower-case" on-fail-lower-case="reask"/>
<string name="code" format="no-digits" on-fail-no-digits="reask"/>`,
      { pet: "Rex", code: "ab" },
    );
    expect(outcome.validatedOutput).toEqual({ pet: "rex", code: "ab" });
    // The model never said "rex": the call fails (Guardrails 0.4: a reask left is a "fail").
    expect(outcome.validationPassed).toBe(false);
    expect(outcome.call.status).toBe("fail");
    expect(outcome.failures).toEqual([
      {
        path: "$.pet",
        validator: "lower-case",
        message: "must be lower case (its fix value stands in, unconfirmed by the model)",
        reason: "reask-unanswered",
      },
    ]);
    // The reask that was never sent, and the value that stood in for its answer.
    expect(outcome.reask?.prompt).toContain('"incorrect_value": "Rex"');
    expect(outcome.reask?.paths).toEqual(["$.pet"]);
    expect(outcome.unansweredFixes).toEqual([
      {
        path: "$.pet",
        validator: "lower-case",
        message: "must be lower case",
        incorrectValue: "Rex",
        fixValue: "rex",
      },
    ]);
    const [petLog] = logsOf(outcome);
    expect(petLog).toMatchObject({
      path: "$.pet",
      outcome: "fail",
      onFail: "reask",
      actionTaken: "fixed-unanswered",
      valueBefore: "Rex",
      valueAfter: "rex",
    });
    expect(outcome.call.tree()).toContain(
      '✗ lower-case $.pet: must be lower case → fixed-unanswered "Rex" ⇒ "rex"',
    );
  });

  it("an answered reask leaves no unanswered fix and logs a plain reask", async () => {
    const guard = Guard.fromRailString(
      rail(`<string name="pet" format="lower-case" on-fail-lower-case="reask"/>`),
      { registry },
    );
    const model = scriptedLLM(['{"pet": "Rex"}', '{"pet": "max"}']);
    const outcome = await guard.call(model.llm, { promptParams: { document: "d" } });
    expect(outcome.validatedOutput).toEqual({ pet: "max" });
    expect(outcome.unansweredFixes).toEqual([]);
    expect(outcome.reask).toBeUndefined();
    expect(outcome.call.iterations[0]?.validatorLogs[0]?.actionTaken).toBe("reask");
  });

  it("fix_reask keeps a fix the validator accepts", async () => {
    const outcome = await parseWith(
      `<integer name="n" format="at-least: 5" on-fail-at-least="fix_reask"/>`,
      { n: 2 },
    );
    expect(outcome.validatedOutput).toEqual({ n: 5 });
    expect(outcome.validationPassed).toBe(true);
    expect(outcome.reask).toBeUndefined();
  });

  it("fix_reask reasks when the fix fails again, showing the fixed value", async () => {
    const guard = Guard.fromRailString(
      rail(`<integer name="n" format="even" on-fail-even="fix_reask"/>`),
      { registry },
    );
    const model = scriptedLLM(['{"n": 1}', '{"n": 4}']);
    const outcome = await guard.call(model.llm, { promptParams: { document: "d" } });
    expect(model.prompts[1]).toContain('"incorrect_value": 3');
    expect(model.prompts[1]).toContain("must be even, got 1");
    expect(model.prompts[1]).toContain("must be even, got 3");
    expect(outcome.validatedOutput).toEqual({ n: 4 });
    expect(outcome.validationPassed).toBe(true);
  });

  it("a custom handler replaces the action, by validator alias", async () => {
    const seen: unknown[] = [];
    const onFail = {
      "no-digits": (value: unknown, failures: readonly { message: string }[]) => {
        seen.push(
          value,
          failures.map((f) => f.message),
        );
        return String(value).replace(/\d/g, "#");
      },
    };
    const outcome = await parseWith(
      `<string name="code" format="no-digits" on-fail-no-digits="exception"/>`,
      { code: "a1" },
      { onFail },
    );
    expect(outcome.validatedOutput).toEqual({ code: "a#" });
    expect(outcome.validationPassed).toBe(true);
    expect(seen).toEqual(["a1", ["must not contain digits: a1"]]);
    expect(logsOf(outcome)[0]).toMatchObject({ onFail: "custom", actionTaken: "custom" });
  });

  it("a custom handler that throws leaves the value and reports the failure", async () => {
    const onFail = {
      "no-digits": () => {
        throw new Error("handler broke");
      },
    };
    const outcome = await parseWith(
      `<string name="code" format="no-digits"/>`,
      { code: "a1" },
      { onFail },
    );
    expect(outcome.validatedOutput).toEqual({ code: "a1" });
    expect(outcome.failures[0]?.reason).toBe("custom-failed");
    expect(outcome.failures[0]?.message).toContain("handler broke");
  });

  it("a reask of a value a custom handler made unJSONable still writes its prompt", async () => {
    const cyclic: Record<string, unknown> = { name: "loop" };
    cyclic.self = cyclic;
    const onFail = { "lower-case": () => 12n, "two-words": () => cyclic };
    for (const fullSchemaReask of [false, true]) {
      const outcome = await parseWith(
        `<string name="code" format="lower-case; no-digits" on-fail-no-digits="reask"/>
<string name="pet" format="two-words; max-length: 3" on-fail-max-length="reask"/>`,
        { code: "A1", pet: "Rex2" },
        { onFail, fullSchemaReask },
      );
      expect(outcome.error).toBeUndefined();
      expect(outcome.reask?.paths).toEqual(["$.code", "$.pet"]);
      expect(outcome.reask?.previousResponse).toContain('"incorrect_value": "12n"');
      expect(outcome.reask?.previousResponse).toContain('"self": "[Circular]"');
    }
  });

  it("a validator that throws is a failure with the error text", async () => {
    const outcome = await parseWith(
      `<string name="x" format="explodes" on-fail-explodes="noop"/>`,
      { x: "a" },
    );
    expect(outcome.validationPassed).toBe(false);
    expect(outcome.failures[0]?.message).toBe('validator "explodes" threw: kaboom');
  });

  it("a validator that returns something else than a verdict fails, saying what it returned", async () => {
    const sloppy = testRegistry()
      .register({ name: "forgets", types: "all", validate: () => undefined as never })
      .register({ name: "says-yes", types: "all", validate: () => true as never });
    const guard = Guard.fromRailString(
      rail(
        `<string name="x" format="forgets; says-yes" on-fail-forgets="noop" on-fail-says-yes="noop"/>`,
      ),
      { registry: sloppy },
    );
    const outcome = await guard.parse('{"x": "a"}');
    expect(outcome.validationPassed).toBe(false);
    expect(outcome.failures.map((f) => f.message)).toEqual([
      'validator "forgets" returned nothing, not a verdict',
      'validator "says-yes" returned boolean true, not a verdict',
    ]);
  });

  it("gives validators the metadata, concrete path, field, signal and model", async () => {
    const contexts: Record<string, unknown>[] = [];
    const spy = testRegistry().register({
      name: "spy",
      types: "all",
      validate: (_value, ctx) => {
        contexts.push({
          path: ctx.path,
          field: ctx.field.name,
          metadata: ctx.metadata,
          signal: ctx.signal,
          llm: ctx.llm,
        });
        return pass();
      },
    });
    const guard = Guard.fromRailString(rail(`<list name="xs"><string format="spy"/></list>`), {
      registry: spy,
    });
    const model = scriptedLLM(['{"xs": ["a", "b"]}']);
    const signal = new AbortController().signal;
    await guard.call(model.llm, { promptParams: { document: "d" }, metadata: { k: 1 }, signal });
    // The validator's signal follows the caller's (and the validator timeout, when set).
    const expected = { field: undefined, metadata: { k: 1 }, signal: expect.any(AbortSignal) };
    expect(contexts).toEqual([
      { path: "$.xs[0]", ...expected, llm: model.llm },
      { path: "$.xs[1]", ...expected, llm: model.llm },
    ]);
  });

  it("missing optional keys are not validated", async () => {
    const outcome = await parseWith(
      `<string name="x" required="false" format="no-digits" on-fail-no-digits="noop"/>`,
      {},
    );
    expect(outcome.validationPassed).toBe(true);
    expect(logsOf(outcome)).toEqual([]);
  });
});

describe("on-fail actions on lists and nested objects", () => {
  const fees = `<list name="fees"><object><string name="name" format="two-words" on-fail-two-words="filter"/><integer name="amount" format="at-least: 0" on-fail-at-least="fix"/></object></list>`;

  it("filter inside list items drops emptied items; fix applies per item", async () => {
    const outcome = await parseWith(
      `<list name="fees"><object><string name="name" format="no-digits" on-fail-no-digits="filter"/></object></list>`,
      { fees: [{ name: "late fee" }, { name: "fee 2" }, { name: "annual fee" }] },
    );
    expect(outcome.validatedOutput).toEqual({
      fees: [{ name: "late fee" }, { name: "annual fee" }],
    });
  });

  it("filter keeps an item that still has other keys", async () => {
    const outcome = await parseWith(fees, {
      fees: [
        { name: "late", amount: -3 },
        { name: "annual fee", amount: 5 },
      ],
    });
    expect(outcome.validatedOutput).toEqual({
      fees: [{ amount: 0 }, { name: "annual fee", amount: 5 }],
    });
    expect(logsOf(outcome).map((log) => log.path)).toEqual([
      "$.fees[0].name",
      "$.fees[0].amount",
      "$.fees[1].name",
      "$.fees[1].amount",
    ]);
  });

  it("filter on a list item drops the item", async () => {
    const outcome = await parseWith(
      `<list name="tags"><string format="no-digits" on-fail-no-digits="filter"/></list>`,
      { tags: ["a", "b2", "c"] },
    );
    expect(outcome.validatedOutput).toEqual({ tags: ["a", "c"] });
  });

  it("runs children before the list's own validators, which see the filtered list", async () => {
    const outcome = await parseWith(
      `<list name="tags" format="max-length: 2" on-fail-max-length="fix"><string format="no-digits" on-fail-no-digits="filter"/></list>`,
      { tags: ["a", "b2", "c", "d"] },
    );
    expect(outcome.validatedOutput).toEqual({ tags: ["a", "c"] });
    const list = logsOf(outcome).find((log) => log.validator === "max-length");
    expect(list?.valueBefore).toEqual(["a", "c", "d"]);
  });

  it("validates nested objects children first, with concrete paths", async () => {
    const outcome = await parseWith(
      `<object name="owner" format="max-length: 1" on-fail-max-length="noop"><object name="address"><string name="city" format="lower-case" on-fail-lower-case="fix"/></object></object>`,
      { owner: { address: { city: "Paris" } } },
    );
    expect(outcome.validatedOutput).toEqual({ owner: { address: { city: "paris" } } });
    expect(logsOf(outcome).map((log) => log.path)).toEqual(["$.owner.address.city", "$.owner"]);
  });

  it("refrain in a list output gives []", async () => {
    const guard = Guard.fromRailString(
      `<rail version="0.1"><output type="list"><string format="no-digits" on-fail-no-digits="refrain"/></output></rail>`,
      { registry },
    );
    const outcome = await guard.parse('["a", "b1"]');
    expect(outcome.validatedOutput).toEqual([]);
    expect(outcome.refrained).toBe(true);
  });
});

describe("on-fail actions on choices", () => {
  const choice = `<choice name="action" discriminator="type">
    <case name="fight"><string name="move" format="lower-case" on-fail-lower-case="fix"/></case>
    <case name="flight"><integer name="distance" format="at-least: 1" on-fail-at-least="noop"/></case>
  </choice>`;

  it("validates the selected case's children of a discriminated choice", async () => {
    const outcome = await parseWith(choice, { action: { type: "fight", move: "PUNCH" } });
    expect(outcome.validatedOutput).toEqual({ action: { type: "fight", move: "punch" } });
    const other = await parseWith(choice, { action: { type: "flight", distance: 0 } });
    expect(other.failures).toEqual([
      {
        path: "$.action.distance",
        validator: "at-least",
        message: "must be at least 1, got 0",
        reason: "noop",
      },
    ]);
  });

  it("reasks a case child with a pruned answer and merges it back", async () => {
    const body = `<choice name="action" discriminator="type"><case name="fight"><string name="move" format="no-digits" on-fail-no-digits="reask"/><integer name="power"/></case><case name="flight"><integer name="distance"/></case></choice>`;
    const guard = Guard.fromRailString(rail(body), { registry });
    const model = scriptedLLM([
      '{"action": {"type": "fight", "move": "kick2", "power": 9}}',
      '{"action": {"move": "kick"}}',
    ]);
    const outcome = await guard.call(model.llm, { promptParams: { document: "d" } });
    expect(outcome.validatedOutput).toEqual({ action: { type: "fight", move: "kick", power: 9 } });
    expect(outcome.validationPassed).toBe(true);
  });

  it("validates the case children of a sibling-style (0.1) choice beside the choice key", async () => {
    const sibling = `<choice name="action">
      <case name="fight"><string name="fight" format="lower-case" on-fail-lower-case="fix"/></case>
      <case name="flight"><integer name="flight"/></case>
    </choice>`;
    const outcome = await parseWith(sibling, { action: "fight", fight: "KICK" });
    expect(outcome.validatedOutput).toEqual({ action: "fight", fight: "kick" });
  });
});

describe("on-fail actions on string outputs", () => {
  const stringRail = (validators: string) =>
    `<rail version="0.1"><output type="string" description="A pet name" format="${validators}"/><prompt>Name a pet.</prompt></rail>`;

  it("fix rewrites the string", async () => {
    const guard = Guard.fromRailString(stringRail(`lower-case" on-fail-lower-case="fix`), {
      registry,
    });
    const outcome = await guard.parse("Rex");
    expect(outcome.validatedOutput).toBe("rex");
  });

  it("refrain gives the empty string", async () => {
    const guard = Guard.fromRailString(stringRail(`no-digits" on-fail-no-digits="refrain`), {
      registry,
    });
    const outcome = await guard.parse("r2d2");
    expect(outcome.validatedOutput).toBe("");
    expect(outcome.refrained).toBe(true);
  });

  it("filter on the root refrains: nothing is left to return", async () => {
    const guard = Guard.fromRailString(stringRail(`no-digits" on-fail-no-digits="filter`), {
      registry,
    });
    const outcome = await guard.parse("r2d2");
    expect(outcome.validatedOutput).toBe("");
    expect(outcome.refrained).toBe(true);
    expect(outcome.validationPassed).toBe(false);
  });

  it("reask sends the string reask prompt with bullet errors and takes the new string", async () => {
    const guard = Guard.fromRailString(
      stringRail(`two-words; no-digits" on-fail-two-words="reask" on-fail-no-digits="reask`),
      { registry },
    );
    const model = scriptedLLM(["Rex 2 the dog", "Rex Junior"]);
    const outcome = await guard.call(model.llm);
    expect(outcome.validatedOutput).toBe("Rex Junior");
    const reask = model.prompts[1] ?? "";
    expect(reask).toContain("Rex 2 the dog");
    expect(reask).toContain("- must be exactly two words, got 4");
    expect(reask).toContain("A pet name");
    // The spec has no <instructions>: the reask sends none either (no generic system message).
    expect(model.requests[1]?.instructions).toBeUndefined();
    // Plain text: no JSON Schema for adapters to force structured output with.
    expect(model.requests.map((request) => request.jsonSchema)).toEqual([undefined, undefined]);
    expect(outcome.call.iterations[1]?.kind).toBe("string");
  });
});
