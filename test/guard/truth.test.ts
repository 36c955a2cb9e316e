import { describe, expect, it } from "vitest";
import { fail, pass, type ValidatorDefinition } from "../../src/contract/types.js";
import { Guard } from "../../src/guard/index.js";
import { rail, scriptedLLM, testRegistry } from "./support.js";

// Regressions of issue 7: each case answered `validationPassed: true` for a value that was
// corrupted, invented or outside the guard's own schema.

const prompt = "<prompt>Name the guests.</prompt>";

describe("a reask's list answer is merged by slot, never guessed", () => {
  // The built-in `two-words` rejects "Bob" and "Dee" (guests[1], guests[3]).
  const guard = Guard.fromRailString(
    rail(
      `<list name="guests"><string format="two-words" on-fail-two-words="reask"/></list>`,
      prompt,
    ),
  );
  const first = '{"guests": ["Ann Lee", "Bob", "Cy Young", "Dee"]}';

  it("names each re-asked slot in the payload", async () => {
    const model = scriptedLLM([first, '{"guests": ["Bob Smith", "Dee Jones"]}']);
    await guard.call(model.llm);
    expect(model.prompts[1]).toContain('"path": "$.guests[1]"');
    expect(model.prompts[1]).toContain('"path": "$.guests[3]"');
  });

  it("an answer with the whole corrected list lands by index", async () => {
    const whole = '{"guests": ["Ann Lee", "Bob Smith", "Cy Young", "Dee Jones"]}';
    const outcome = await guard.call(scriptedLLM([first, whole]).llm);
    expect(outcome.validatedOutput).toEqual({
      guests: ["Ann Lee", "Bob Smith", "Cy Young", "Dee Jones"],
    });
    expect(outcome.validationPassed).toBe(true);
  });

  it("an answer with one item per re-asked slot lands on those slots in order", async () => {
    const outcome = await guard.call(
      scriptedLLM([first, '{"guests": ["Bob Smith", "Dee Jones"]}']).llm,
    );
    expect(outcome.validatedOutput).toEqual({
      guests: ["Ann Lee", "Bob Smith", "Cy Young", "Dee Jones"],
    });
    expect(outcome.validationPassed).toBe(true);
  });

  it("an answer that fits neither count is unanswered, and says why", async () => {
    const model = scriptedLLM([first, '{"guests": ["Dee Jones"]}']);
    const outcome = await guard.call(model.llm, { numReasks: 1 });
    const guests = (outcome.validatedOutput as { guests: string[] }).guests;
    expect(guests[1]).not.toBe("Dee Jones");
    expect(guests).not.toContain("Dee Jones");
    expect(outcome.validationPassed).toBe(false);
    expect(outcome.failures.map((f) => [f.path, f.reason])).toEqual([
      ["$.guests[1]", "reask-unanswered"],
      ["$.guests[3]", "reask-unanswered"],
    ]);
    expect(outcome.failures[0]?.message).toContain("1 item for 2 re-asked");
    expect(outcome.call.iterations[1]?.unmatchedSlots.map((s) => s.path)).toEqual([
      "$.guests[1]",
      "$.guests[3]",
    ]);
    expect(outcome.call.tree()).toContain("Re-asked values not answered (2)");
  });
});

describe("a fix value standing in for an unanswered reask fails the call", () => {
  it("two-words on a lone name, reasks used up", async () => {
    const guard = Guard.fromRailString(
      rail(`<string name="guest" format="two-words" on-fail-two-words="reask"/>`, prompt),
    );
    const outcome = await guard.parse('{"guest": "Shreya"}');
    expect(outcome.validationPassed).toBe(false);
    expect(outcome.call.status).toBe("fail");
    expect(outcome.unansweredFixes).toMatchObject([
      { path: "$.guest", incorrectValue: "Shreya", fixValue: "Shreya Shreya" },
    ]);
    expect(outcome.failures).toMatchObject([{ path: "$.guest", reason: "reask-unanswered" }]);
  });
});

/** A registry with the test validators and the misbehaving ones these cases need. */
function registryWith(...extra: ValidatorDefinition[]) {
  const registry = testRegistry();
  for (const definition of extra) registry.register(definition);
  return registry;
}

describe("the returned value is checked against the guard's own schema", () => {
  it("filter on a required key fails the call", async () => {
    const guard = Guard.fromRailString(
      rail(
        `<string name="pet" required="true" format="lower-case" on-fail-lower-case="filter"/>`,
        prompt,
      ),
      { registry: testRegistry() },
    );
    const outcome = await guard.parse('{"pet": "Rex"}');
    expect(outcome.validatedOutput).toEqual({});
    expect(outcome.validationPassed).toBe(false);
    expect(outcome.failures).toMatchObject([{ path: "$.pet", reason: "schema" }]);
  });

  it("filter on an optional key still passes", async () => {
    const guard = Guard.fromRailString(
      rail(
        `<string name="pet" required="false" format="lower-case" on-fail-lower-case="filter"/>`,
        prompt,
      ),
      { registry: testRegistry() },
    );
    const outcome = await guard.parse('{"pet": "Rex"}');
    expect(outcome.validatedOutput).toEqual({});
    expect(outcome.validationPassed).toBe(true);
  });

  it("a valid-choices fix outside the enum fails the call", async () => {
    const guard = Guard.fromRailString(
      rail(
        `<enum name="size" values="small,Medium" format="valid-choices: {['small', 'medium']}" on-fail-valid-choices="fix"/>`,
        prompt,
      ),
    );
    const outcome = await guard.parse('{"size": "Medium"}');
    expect(outcome.validatedOutput).toEqual({ size: "medium" });
    expect(outcome.validationPassed).toBe(false);
    expect(outcome.failures).toMatchObject([{ path: "$.size", reason: "schema" }]);
  });

  const undefinedPass: ValidatorDefinition = {
    name: "pass-undefined",
    types: "all",
    validate: () => ({ outcome: "pass", value: undefined }),
  };
  const undefinedFix: ValidatorDefinition = {
    name: "fix-undefined",
    types: "all",
    validate: () => ({ outcome: "fail", message: "never right", fixValue: undefined }),
  };

  it("a pass verdict with `value: undefined` keeps the key", async () => {
    const guard = Guard.fromRailString(rail(`<string name="pet" format="pass-undefined"/>`), {
      registry: registryWith(undefinedPass),
    });
    const outcome = await guard.parse('{"pet": "rex"}');
    expect(outcome.validatedOutput).toEqual({ pet: "rex" });
    expect(outcome.validationPassed).toBe(true);
  });

  it("a fix verdict with `fixValue: undefined` is no fix and keeps the key", async () => {
    const guard = Guard.fromRailString(
      rail(`<string name="pet" format="fix-undefined" on-fail-fix-undefined="fix"/>`),
      { registry: registryWith(undefinedFix) },
    );
    const outcome = await guard.parse('{"pet": "rex"}');
    expect(outcome.validatedOutput).toEqual({ pet: "rex" });
    expect(outcome.validationPassed).toBe(false);
    expect(outcome.failures).toMatchObject([{ path: "$.pet", reason: "fix-unavailable" }]);
  });

  it("a custom handler's value of the wrong type fails the call", async () => {
    const guard = Guard.fromRailString(
      rail(`<string name="pet" format="lower-case"/><integer name="age"/>`),
      { registry: testRegistry(), onFail: { "lower-case": () => ({ not: "a string" }) } },
    );
    const outcome = await guard.parse('{"pet": "Rex", "age": 3}');
    expect(outcome.validationPassed).toBe(false);
    expect(outcome.failures).toMatchObject([{ path: "$.pet", reason: "schema" }]);
  });

  it("a custom handler's value its validator still rejects fails the call", async () => {
    const guard = Guard.fromRailString(rail(`<string name="pet" format="lower-case"/>`), {
      registry: testRegistry(),
      onFail: { "lower-case": (value) => String(value).toUpperCase() },
    });
    const outcome = await guard.parse('{"pet": "Rex"}');
    expect(outcome.validatedOutput).toEqual({ pet: "REX" });
    expect(outcome.validationPassed).toBe(false);
    expect(outcome.failures).toMatchObject([
      { path: "$.pet", validator: "lower-case", reason: "rejected-after-actions" },
    ]);
    const logs = outcome.call.iterations[0]?.validatorLogs ?? [];
    expect(logs.at(-1)).toMatchObject({
      validator: "lower-case",
      valueBefore: "REX",
      outcome: "fail",
      actionTaken: "rechecked",
    });
  });

  it("a fix that a later validator's fix undoes fails the call", async () => {
    // lower-case fixes "AB CD" to "ab cd"; `shout` then fixes it back to upper case.
    const shout: ValidatorDefinition = {
      name: "shout",
      types: ["string"],
      validate: (value) =>
        String(value) === String(value).toUpperCase()
          ? pass()
          : fail("must be upper case", String(value).toUpperCase()),
    };
    const guard = Guard.fromRailString(
      rail(
        `<string name="pet" format="lower-case; shout" on-fail-lower-case="fix" on-fail-shout="fix"/>`,
      ),
      { registry: registryWith(shout) },
    );
    const outcome = await guard.parse('{"pet": "AB CD"}');
    expect(outcome.validatedOutput).toEqual({ pet: "AB CD" });
    expect(outcome.validationPassed).toBe(false);
    expect(outcome.failures).toMatchObject([
      { path: "$.pet", validator: "lower-case", reason: "rejected-after-actions" },
    ]);
  });
});
