import { describe, expect, it } from "vitest";
import { fail, pass, type ValidatorDefinition } from "../../src/contract/types.js";
import type { GuardEvent } from "../../src/guard/index.js";
import { Guard } from "../../src/guard/index.js";
import { rail, scriptedLLM, testRegistry } from "./support.js";

// Attacks on the truth invariant (issue 7): each case answered `validationPassed: true` for a
// value its own schema or validators reject, or let an observer change the outcome.

describe("a validator that changes what it is given changes nothing else", () => {
  // Appends to the list it checks, then accepts it: the check itself is harmless, its side effect
  // must stay on its own copy.
  const appends: ValidatorDefinition = {
    name: "appends",
    types: "all",
    validate: (value) => {
      if (Array.isArray(value)) value.push({ added: "by the validator" });
      return pass();
    },
  };

  it("not the value returned, when the final check runs it again", async () => {
    const registry = testRegistry();
    registry.register(appends);
    const guard = Guard.fromRailString(
      rail(
        `<list name="tags" format="max-length: 2; appends" on-fail-max-length="fix"><string/></list>`,
      ),
      { registry },
    );
    // max-length's fix alters the list, so the final check runs both validators on it again.
    const outcome = await guard.parse('{"tags": ["a", "b", "c"]}');
    expect(outcome.validatedOutput).toEqual({ tags: ["a", "b"] });
    expect(guard.compiled.zodSchema.safeParse(outcome.validatedOutput).success).toBe(true);
    expect(outcome.validationPassed).toBe(true);
  });

  it("not the verdict remembered for the value it was given", async () => {
    // Accepts a list without "bad", then overwrites its copy with ["bad"] (which it rejects).
    const overwrites: ValidatorDefinition = {
      name: "overwrites",
      types: "all",
      validate: (value) => {
        if (!Array.isArray(value)) return pass();
        const ok = !value.includes("bad");
        value.splice(0, value.length, "bad");
        return ok ? pass() : fail('must not contain "bad"');
      },
    };
    // Fixes any list to ["bad"].
    const wantsBad: ValidatorDefinition = {
      name: "wants-bad",
      types: "all",
      validate: (value) =>
        Array.isArray(value) && value.length === 1 && value[0] === "bad"
          ? pass()
          : fail('must be ["bad"]', ["bad"]),
    };
    const registry = testRegistry();
    registry.register(overwrites);
    registry.register(wantsBad);
    const guard = Guard.fromRailString(
      rail(
        `<list name="tags" format="overwrites; wants-bad" on-fail-overwrites="noop" on-fail-wants-bad="fix"><string/></list>`,
      ),
      { registry },
    );
    const outcome = await guard.parse('{"tags": ["a"]}');
    // `overwrites` rejects the value returned: its verdict on ["a"] must not stand for ["bad"].
    expect(outcome.validatedOutput).toEqual({ tags: ["bad"] });
    expect(outcome.validationPassed).toBe(false);
    expect(outcome.failures).toMatchObject([
      { path: "$.tags", validator: "overwrites", reason: "rejected-after-actions" },
    ]);
  });
});

describe("a listener that mutates the events it is given changes neither outcome nor history", () => {
  const spec = rail(
    `<string name="name" format="two-words" on-fail-two-words="reask"/>`,
    "<prompt>Who came?</prompt>",
  );

  /** Tampers with every value an event carries. */
  const tamper = (event: GuardEvent) => {
    switch (event.type) {
      case "parsed":
      case "validated":
        (event.value as { name: unknown }).name = 5;
        return;
      case "verdicts":
        for (const log of event.logs) {
          log.outcome = "pass";
          log.valueAfter = "Tampered";
        }
        return;
      case "reask-planned":
        event.request.prompt = "tampered prompt";
        return;
      case "call-end":
        (event.validatedOutput as { name: unknown }).name = 5;
        (event.failures as unknown[]).length = 0;
        (event as { validationPassed: boolean }).validationPassed = true;
        return;
    }
  };

  it("the value validated and returned", async () => {
    const guard = Guard.fromRailString(spec, { onEvent: tamper });
    const outcome = await guard.parse('{"name": "Ann Lee"}');
    expect(outcome.validatedOutput).toEqual({ name: "Ann Lee" });
    expect(outcome.validationPassed).toBe(true);
    expect(outcome.call.validatedOutput).toEqual({ name: "Ann Lee" });
  });

  it("the reask sent, the verdicts logged and the failures", async () => {
    const guard = Guard.fromRailString(spec, { onEvent: tamper });
    const model = scriptedLLM(['{"name": "Ann"}', '{"name": "Bob"}']);
    const outcome = await guard.call(model.llm);
    expect(model.prompts[1]).not.toBe("tampered prompt");
    expect(model.prompts[1]).toContain("must be exactly two words");
    expect(outcome.validationPassed).toBe(false);
    expect(outcome.call.validationPassed).toBe(false);
    expect(outcome.call.status).toBe("fail");
    expect(outcome.failures).toMatchObject([{ path: "$.name", reason: "reask-unanswered" }]);
    const logs = outcome.call.iterations.flatMap((iteration) => iteration.validatorLogs);
    expect(logs.map((log) => [log.outcome, log.valueAfter])).toEqual([
      ["fail", "Ann"],
      ["fail", "Bob Bob"],
    ]);
  });
});

describe("an input validator's fix is sent only once every input validator accepts it", () => {
  const spec = (validators: string) => `<rail version="0.1">
<output><string name="a"/></output>
<prompt validators="${validators}">Hello</prompt>
</rail>`;

  it("a fix its own validator still rejects fails the call", async () => {
    // two-words offers "Hello" again for the one-word prompt "Hello".
    const guard = Guard.fromRailString(spec(`two-words" on-fail-two-words="fix`), {
      registry: testRegistry(),
    });
    const outcome = await guard.call(scriptedLLM(['{"a": "b"}']).llm);
    expect(outcome.validationPassed).toBe(false);
    expect(outcome.call.status).toBe("fail");
    expect(outcome.failures).toMatchObject([
      { path: "$prompt", validator: "two-words", reason: "rejected-after-actions" },
    ]);
  });

  it("a fix every validator accepts passes", async () => {
    const guard = Guard.fromRailString(
      spec(`max-length: 3; lower-case" on-fail-max-length="fix" on-fail-lower-case="fix`),
      { registry: testRegistry() },
    );
    const model = scriptedLLM(['{"a": "b"}']);
    const outcome = await guard.call(model.llm);
    expect(model.prompts).toEqual(["hel"]);
    expect(outcome.validationPassed).toBe(true);
  });
});

describe("a call its deadline cut short never passes", () => {
  // Honours the signal: rejects once it aborts, after 200 ms otherwise.
  const slow: ValidatorDefinition = {
    name: "slow",
    types: "all",
    validate: (_value, { signal }) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => resolve(pass()), 200);
        signal?.addEventListener("abort", () => {
          clearTimeout(timer);
          reject(new Error("stopped"));
        });
      }),
  };
  const registry = testRegistry();
  registry.register(slow);
  // A check that could not finish fails, and `filter` then drops every item it never checked.
  const guard = Guard.fromRailString(
    rail(`<list name="items"><string format="slow" on-fail-slow="filter"/></list>`),
    { registry },
  );

  it("timeoutMs runs out while the validators run", async () => {
    const outcome = await guard.parse('{"items": ["a", "b"]}', { timeoutMs: 20 });
    expect(outcome.validationPassed).toBe(false);
    expect(outcome.error).toMatchObject({ code: "llm-call", kind: "timeout" });
    expect(outcome.call.status).toBe("error");
    expect(outcome.call.validationPassed).toBe(false);
  });

  it("the caller's signal is already aborted", async () => {
    const outcome = await guard.parse('{"items": ["a", "b"]}', { signal: AbortSignal.abort() });
    expect(outcome.validationPassed).toBe(false);
    expect(outcome.error).toMatchObject({ code: "llm-call", kind: "aborted" });
  });

  it("a call that ends in time still passes", async () => {
    const outcome = await guard.parse('{"items": ["a"]}', { timeoutMs: 5_000 });
    expect(outcome.validatedOutput).toEqual({ items: ["a"] });
    expect(outcome.validationPassed).toBe(true);
  });
});

describe("a custom on-fail handler works on its own copy", () => {
  // Rejects every object: its custom handler decides.
  const rejects: ValidatorDefinition = {
    name: "rejects",
    types: "all",
    validate: () => fail("no"),
  };
  const registry = testRegistry();
  registry.register(rejects);
  const spec = rail(
    `<object name="p" format="rejects"><string name="n" format="two-words" on-fail-two-words="reask"/></object>`,
    "<prompt>Who came?</prompt>",
  );

  it("one that changes its value, then throws, leaves the value and its log as they were", async () => {
    const guard = Guard.fromRailString(spec, {
      registry,
      onFail: {
        rejects: (value) => {
          (value as { n: string }).n = "Made Up";
          throw new Error("cannot decide");
        },
      },
    });
    const outcome = await guard.parse('{"p": {"n": "Ann"}}');
    expect(outcome.validatedOutput).toEqual({ p: { n: "Ann" } });
    expect(outcome.validationPassed).toBe(false);
    // The child's reask is not lost: it stands, unanswered, beside the handler's failure.
    expect(outcome.failures.map((f) => [f.path, f.reason])).toEqual([
      ["$.p", "custom-failed"],
      ["$.p.n", "reask-unanswered"],
    ]);
    const logs = outcome.call.iterations[0]?.validatorLogs ?? [];
    expect(logs.at(-1)).toMatchObject({ valueBefore: { n: "Ann" }, actionTaken: "custom-failed" });
  });

  it("one that changes its value and returns it is logged with the value it was given", async () => {
    const guard = Guard.fromRailString(spec, {
      registry,
      onFail: {
        rejects: (value) => {
          (value as { n: string }).n = "Made Up";
          return value;
        },
      },
    });
    const outcome = await guard.parse('{"p": {"n": "Ann"}}');
    const logs = outcome.call.iterations[0]?.validatorLogs ?? [];
    expect(logs.find((log) => log.validator === "rejects")).toMatchObject({
      valueBefore: { n: "Ann" },
      valueAfter: { n: "Made Up" },
      actionTaken: "custom",
    });
  });
});

describe("a list item is dropped only when filters emptied it", () => {
  // Accepts any object, replacing it with {}.
  const empties: ValidatorDefinition = { name: "empties", types: "all", validate: () => pass({}) };
  const registry = testRegistry();
  registry.register(empties);

  it("not when a validator's pass replaced it with an empty object", async () => {
    const guard = Guard.fromRailString(
      rail(
        `<list name="xs"><object format="empties"><string name="a"/></object></list>`,
        "<prompt>List them.</prompt>",
      ),
      { registry },
    );
    const outcome = await guard.parse('{"xs": [{"a": "1"}, {"a": "2"}]}');
    // The items were replaced, not filtered: {} lacks the required "a", so the call fails.
    expect(outcome.validatedOutput).toEqual({ xs: [{}, {}] });
    expect(outcome.validationPassed).toBe(false);
    expect(outcome.failures.map((f) => [f.path, f.reason])).toEqual([
      ["$.xs[0].a", "schema"],
      ["$.xs[1].a", "schema"],
    ]);
  });

  it("still when a filter removed its last key", async () => {
    const guard = Guard.fromRailString(
      rail(
        `<list name="xs"><object><string name="a" required="false" format="two-words" on-fail-two-words="filter"/></object></list>`,
        "<prompt>List them.</prompt>",
      ),
      { registry },
    );
    const outcome = await guard.parse('{"xs": [{"a": "Ann"}, {"a": "Bo Li"}]}');
    expect(outcome.validatedOutput).toEqual({ xs: [{ a: "Bo Li" }] });
    expect(outcome.validationPassed).toBe(true);
  });
});

describe("an action's value must already be of the schema's types", () => {
  // Rejects the model's values; the custom handler replaces each with one of another type that
  // the schema's own coercions ("7" for an integer, 42 for a string) would have accepted.
  const notOriginal: ValidatorDefinition = {
    name: "not-original",
    types: "all",
    validate: (value) => (value === "ABC" || value === 5 ? fail("replace it") : pass()),
  };
  const registry = testRegistry();
  registry.register(notOriginal);
  const replacements: Record<string, unknown> = { ABC: 42, "5": "7" };
  const guard = Guard.fromRailString(
    rail(
      `<string name="s" format="not-original"/><integer name="i" format="not-original"/>`,
      "<prompt>Fill it in.</prompt>",
    ),
    { registry, onFail: { "not-original": (value) => replacements[String(value)] } },
  );

  it("a number for a string field and text for an integer field fail the call", async () => {
    const outcome = await guard.parse('{"s": "ABC", "i": 5}');
    expect(outcome.validatedOutput).toEqual({ s: 42, i: "7" });
    expect(outcome.validationPassed).toBe(false);
    expect(outcome.failures.map((f) => [f.path, f.validator, f.reason])).toEqual([
      ["$.s", "schema", "schema"],
      ["$.i", "schema", "schema"],
    ]);
  });

  it("the model's own text for a number is still coerced and passes", async () => {
    const outcome = await guard.parse('{"s": 42, "i": "6"}');
    expect(outcome.validatedOutput).toEqual({ s: "42", i: 6 });
    expect(outcome.validationPassed).toBe(true);
  });
});
