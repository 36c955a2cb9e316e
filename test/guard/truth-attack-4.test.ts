import { describe, expect, it } from "vitest";
import { fail, pass } from "../../src/contract/types.js";
import { Guard } from "../../src/guard/index.js";
import { ownCopy } from "../../src/guard/validate/own-copy.js";
import type { LLM } from "../../src/llm/types.js";
import { rail, scriptedLLM, testRegistry } from "./support.js";

// Attacks on the caller's copies of the outcome (9fa617d, f9e7e7b), the skipped schema reading
// of an exact fit (b549a63) and the outcome class (c8b098f).

describe("a caller who changes the outcome's reask", () => {
  it("changes neither the history's reask nor its JSON", async () => {
    const guard = Guard.fromRailString(
      rail(`<string name="pet" format="lower-case" on-fail-lower-case="reask"/>`),
      { registry: testRegistry() },
    );
    const outcome = await guard.parse('{"pet": "Rex"}');
    const before = JSON.stringify(guard.history);
    const reask = outcome.reask;
    expect(reask?.paths).toEqual(["$.pet"]);
    reask?.paths.push("$.other");
    reask?.errorMessages.splice(0, 1, "changed by the caller");
    expect(outcome.call.iterations[0]?.reask?.paths).toEqual(["$.pet"]);
    expect(JSON.stringify(guard.history)).toBe(before);
  });
});

describe("a caller who changes the error an exception stopped the call with", () => {
  const guard = () =>
    Guard.fromRailString(
      rail(`<string name="pet" format="lower-case" on-fail-lower-case="exception"/>`),
      { registry: testRegistry() },
    );

  it("through outcome.error changes neither the round's failures nor the history's JSON", async () => {
    const g = guard();
    const outcome = await g.parse('{"pet": "Rex"}');
    const before = JSON.stringify(g.history);
    const error = outcome.error as unknown as { failures: { message: string }[] };
    (error.failures[0] as { message: string }).message = "changed by the caller";
    expect(outcome.call.iterations[0]?.failures[0]?.message).toBe("must be lower case");
    expect(JSON.stringify(g.history)).toBe(before);
  });

  it("through the error parseOrThrow throws changes nothing in the record", async () => {
    const g = guard();
    const thrown = (await g.parseOrThrow('{"pet": "Rex"}').catch((e: unknown) => e)) as {
      failures: { path: string }[];
    };
    (thrown.failures[0] as { path: string }).path = "$.changed";
    expect(g.history.at(-1)?.iterations[0]?.failures[0]?.path).toBe("$.pet");
  });
});

describe("a caller who changes the shape error's mismatches", () => {
  it("changes neither the round's mismatches nor the history's JSON", async () => {
    const guard = Guard.fromRailString(rail(`<string name="pet"/><integer name="age"/>`));
    const outcome = await guard.parse('{"pet": "rex"}');
    expect(outcome.error?.code).toBe("output-shape-mismatch");
    const before = JSON.stringify(guard.history);
    const mismatches = (outcome.error as unknown as { mismatches: { message: string }[] })
      .mismatches;
    const original = mismatches[0]?.message;
    (mismatches[0] as { message: string }).message = "changed by the caller";
    expect(outcome.call.iterations[0]?.mismatches[0]?.message).toBe(original);
    expect(JSON.stringify(guard.history)).toBe(before);
  });
});

describe("a handler's free-form object the schema refuses, carried into a reask round", () => {
  // Round 0: a handler puts a plain object in a free-form object, and another field is asked
  // again. Round 1 alters nothing, so the object fits exactly and the schema reading is skipped;
  // but zod's record refuses a symbol key and a `constructor` that is a function whose prototype
  // lacks `isPrototypeOf` (zod's isPlainObject).
  const symbolKey = Symbol("tag");
  function Maker(): void {}
  it.each([
    ["a symbol key", { a: 1, [symbolKey]: 2 }],
    ["an own constructor function", { a: 1, constructor: Maker }],
  ])("with %s is read by the schema, which refuses it", async (_, fixValue) => {
    const registry = testRegistry().register({
      name: "is-fixed",
      types: "all",
      validate: (value) =>
        typeof value === "object" && value !== null && !("b" in value) ? pass() : fail("has b"),
    });
    const guard = Guard.fromRailString(
      rail(`<object name="meta" format="is-fixed" on-fail-is-fixed="fix"/>
        <string name="pet" format="lower-case" on-fail-lower-case="reask"/>`),
      { registry, onFail: { "is-fixed": () => fixValue } },
    );
    const model = scriptedLLM(['{"meta": {"b": 1}, "pet": "Rex"}', '{"pet": "rex"}']);
    const outcome = await guard.call(model.llm, { promptParams: { document: "d" } });
    expect(outcome.call.iterations).toHaveLength(2);
    const last = outcome.call.iterations[1]?.validatedValue;
    expect(guard.compiled.zodSchema.safeParse(last).success).toBe(false);
    expect(outcome.validationPassed).toBe(false);
  });
});

describe("an output value whose getter throws, that no step after its fix reads", () => {
  // The fix is not rechecked (another failure stands), and the schema reads a free-form list's
  // items as unknown: the first to read the getter is the copy made for the caller, outside
  // every step's guard.
  it("ends the call with an outcome, not a rejected promise", async () => {
    const unreadable = {
      get secret(): string {
        throw new Error("no reading");
      },
    };
    const registry = testRegistry().register({
      name: "short",
      types: "all",
      validate: (value) =>
        Array.isArray(value) && value.length <= 1 ? pass() : fail("too long", [unreadable]),
    });
    const guard = Guard.fromRailString(
      rail(`<list name="items" format="short" on-fail-short="fix"/>
        <string name="pet" format="lower-case" on-fail-lower-case="noop"/>`),
      { registry },
    );
    const outcome = await guard.parse('{"items": [1, 2], "pet": "Rex"}');
    // The fix value cannot be copied: it is no verdict, so there is no fix.
    expect(outcome.validationPassed).toBe(false);
    expect(outcome.error).toBeUndefined();
    expect(outcome.failures.map(({ path, reason }) => [path, reason])).toEqual([
      ["$.items", "fix-unavailable"],
      ["$.pet", "noop"],
    ]);
  });
});

describe("ownCopy of a value with shared references", () => {
  // Each level holds the next one twice: 41 objects in all, 2^40 paths to the last. A copy
  // that follows every path never ends; the last object counts its visits and stops one that
  // goes far past what a copy linear in the objects (plus a bounded first try) needs.
  const MAX_VISITS = 1 << 21;
  function diamond(depth: number, counter: { visits: number }): Record<string, unknown> {
    const bottom = new Proxy(
      { leaf: true },
      {
        getPrototypeOf: (target) => {
          if (++counter.visits > MAX_VISITS) throw new Error("copied once per path");
          return Object.getPrototypeOf(target);
        },
      },
    );
    let node: Record<string, unknown> = bottom;
    for (let level = 0; level < depth; level++) node = { left: node, right: node };
    return node;
  }

  it("ends, in time linear in its objects", () => {
    const counter = { visits: 0 };
    const value = diamond(40, counter);
    const copy = ownCopy(value) as Record<string, unknown>;
    // Not `not.toBe`: on a pass it compares the two deeply, once per path.
    expect(copy === value).toBe(false);
    expect(Object.keys(copy)).toEqual(["left", "right"]);
    expect(counter.visits).toBeLessThanOrEqual(MAX_VISITS);
  });

  it("keeps a guard call linear in a handler's value", async () => {
    const counter = { visits: 0 };
    const value = diamond(40, counter);
    const registry = testRegistry().register({
      name: "empty",
      types: "all",
      validate: (held) => (Object.keys(held as object).length === 0 ? pass() : fail("not empty")),
    });
    const guard = Guard.fromRailString(
      rail(`<object name="meta" format="empty" on-fail-empty="fix"/>`),
      { registry, onFail: { empty: () => ({ tree: value }) } },
    );
    const outcome = await guard.parse('{"meta": {"a": 1}}');
    expect(outcome.error).toBeUndefined();
    expect(counter.visits).toBeLessThanOrEqual(MAX_VISITS);
  });
});

describe("a caller who changes an object of another class in the output", () => {
  // ownCopy copies dates (a fix may put one in a free-form list); maps, sets and class instances
  // are kept as they are, their insides their own (own-copy.test.ts).
  it("changes neither the record's validated output nor the round's log", async () => {
    const registry = testRegistry().register({
      name: "dated",
      types: "all",
      validate: (value) =>
        Array.isArray(value) && value[0] instanceof Date ? pass() : fail("no date", [new Date(0)]),
    });
    const guard = Guard.fromRailString(
      rail(`<list name="stamps" format="dated" on-fail-dated="fix"/>`),
      { registry },
    );
    const outcome = await guard.parse('{"stamps": ["today"]}');
    expect(outcome.validationPassed).toBe(true);
    const before = JSON.stringify(guard.history);
    (outcome.validatedOutput as { stamps: Date[] }).stamps[0]?.setTime(86_400_000);
    expect(JSON.stringify(guard.history)).toBe(before);
  });
});

describe("ownCopy of an object holding a symbol key", () => {
  // The spread copies a symbol key, but only string keys are copied in turn (and the copy past
  // the recursive one's depth drops symbol keys). Not fixed: a symbol list per object costs
  // every copy, for keys no JSON value has.
  it.fails("copies the object under the symbol key as it copies the others", () => {
    const tag = Symbol("tag");
    const value = { [tag]: { inner: 1 }, plain: { inner: 1 } };
    const copy = ownCopy(value) as typeof value;
    expect(copy.plain).not.toBe(value.plain);
    expect(copy[tag]).toEqual(value[tag]);
    expect(copy[tag]).not.toBe(value[tag]);
  });
});

describe("a value the caller's code keeps after handing it to the guard", () => {
  const noB = (fixValue?: unknown) =>
    testRegistry().register({
      name: "no-b",
      types: "all",
      validate: (value) => ("b" in (value as object) ? fail("has b", fixValue) : pass()),
    });

  it("a nested prompt parameter, changed after the call, leaves the record as it was", async () => {
    const guard = Guard.fromRailString(
      rail(`<string name="pet"/>`, `<prompt>Tell me of \${doc}</prompt>`),
    );
    const params = { doc: { title: "a" } };
    await guard.call(scriptedLLM(['{"pet": "rex"}']).llm, { promptParams: params });
    const before = JSON.stringify(guard.history);
    params.doc.title = "changed";
    expect(JSON.stringify(guard.history)).toBe(before);
  });

  it("prompt parameters given as a class instance are copied, each as it is", async () => {
    class Params {
      doc = { title: "a" };
      when = new Map([["k", 1]]);
      get broken(): string {
        throw new Error("no value");
      }
    }
    const guard = Guard.fromRailString(
      rail(`<string name="pet"/>`, `<prompt>Tell me of \${doc}</prompt>`),
    );
    const params = new Params();
    await guard.call(scriptedLLM(['{"pet": "rex"}']).llm, { promptParams: params as never });
    const recorded = guard.history.last?.inputs.promptParams ?? {};
    // One unreadable parameter is recorded as such (a getter on the class: not an own key, so
    // not a parameter at all here); the others as they are, their class kept.
    expect(recorded.when).toBeInstanceOf(Map);
    const before = JSON.stringify(guard.history);
    params.doc.title = "changed";
    expect(JSON.stringify(guard.history)).toBe(before);
  });

  it("a prompt parameter that cannot be read is recorded as such, the others as they are", async () => {
    const guard = Guard.fromRailString(
      rail(`<string name="pet"/>`, `<prompt>Tell me of \${doc}</prompt>`),
    );
    const params = {
      doc: "a document",
      when: new Date(0),
      get broken(): string {
        throw new Error("no value");
      },
    };
    await guard.call(scriptedLLM(['{"pet": "rex"}']).llm, { promptParams: params });
    const recorded = guard.history.last?.inputs.promptParams ?? {};
    expect(recorded.doc).toBe("a document");
    expect(recorded.when).toBeInstanceOf(Date);
    expect(recorded.broken).toBe("[Unreadable: no value]");
  });

  it("a handler's returned value, changed after the call, leaves the record as it was", async () => {
    const kept = { a: 1 };
    const guard = Guard.fromRailString(
      rail(`<object name="meta" format="no-b" on-fail-no-b="fix"/>`),
      { registry: noB(), onFail: { "no-b": () => kept } },
    );
    const outcome = await guard.parse('{"meta": {"b": 1}}');
    expect(outcome.validationPassed).toBe(true);
    const before = JSON.stringify(guard.history);
    kept.a = 2;
    expect(JSON.stringify(guard.history)).toBe(before);
  });

  it("a validator's fix value (a constant), changed after the call, leaves the record as it was", async () => {
    const fallback = { a: 1 };
    const guard = Guard.fromRailString(
      rail(`<object name="meta" format="no-b" on-fail-no-b="fix"/>`),
      { registry: noB(fallback) },
    );
    const outcome = await guard.parse('{"meta": {"b": 1}}');
    expect(outcome.validationPassed).toBe(true);
    const before = JSON.stringify(guard.history);
    fallback.a = 2;
    expect(JSON.stringify(guard.history)).toBe(before);
  });
});

describe("a validator that mutates its input, checking its own fix value (fix_reask)", () => {
  // It marks what it accepts. Given its own copy, that changes nothing; given the fix value
  // itself, it changed the value returned and the log's value after.
  it("changes neither the output nor the log", async () => {
    const registry = testRegistry().register({
      name: "short",
      types: "all",
      validate: (value) => {
        const items = value as unknown[];
        if (items.length > 2) return fail("too long", items.slice(0, 2));
        items.push("checked");
        return pass();
      },
    });
    const guard = Guard.fromRailString(
      rail(`<list name="xs" format="short" on-fail-short="fix_reask"/>`),
      { registry },
    );
    const outcome = await guard.parse('{"xs": [1, 2, 3]}', { numReasks: 0 });
    expect(outcome.validatedOutput).toEqual({ xs: [1, 2] });
    const logs = outcome.call.iterations[0]?.validatorLogs ?? [];
    expect(logs[0]?.valueAfter).toEqual([1, 2]);
  });
});

describe("a validator's pass with a value of its own, changed after the call", () => {
  it("leaves the record as it was", async () => {
    const kept = { a: 1 };
    const registry = testRegistry().register({
      name: "normalise",
      types: "all",
      validate: (value) => ("a" in (value as object) ? pass() : pass(kept)),
    });
    const guard = Guard.fromRailString(rail(`<object name="meta" format="normalise"/>`), {
      registry,
    });
    const outcome = await guard.parse('{"meta": {"b": 1}}');
    expect(outcome.validationPassed).toBe(true);
    const before = JSON.stringify(guard.history);
    kept.a = 2;
    expect(JSON.stringify(guard.history)).toBe(before);
  });
});

describe("a prompt parameter whose getter throws", () => {
  // The history's copy of the parameters reads them before the call runs; the prompt's rendering
  // says what is wrong with one, with an outcome.
  it.each([
    [
      "at the top",
      {
        get doc(): string {
          throw new Error("no reading");
        },
      },
    ],
    [
      "nested",
      {
        doc: {
          get title(): string {
            throw new Error("no reading");
          },
        },
      },
    ],
  ])("%s ends the call with an outcome", async (_, promptParams) => {
    const guard = Guard.fromRailString(
      rail(`<string name="pet"/>`, `<prompt>Tell me of \${doc}</prompt>`),
    );
    const outcome = await guard.call(scriptedLLM(['{"pet": "rex"}']).llm, { promptParams });
    expect(outcome.validationPassed).toBe(false);
    expect(outcome.error?.message).toContain("no reading");
    expect(JSON.stringify(guard.history)).toContain("[Unreadable: no reading]");
    expect(Object.keys(outcome.call.inputs.promptParams)).toEqual(["doc"]);
  });
});

describe("a model that changes the messages it is sent", () => {
  // In conversation mode, the reask round's messages are recorded as sent; the model is given the
  // very list, and appending to it (keeping its own transcript) rewrote the record of what was
  // sent, and the next round's conversation.
  it("changes neither the record of the messages sent nor the next round's", async () => {
    const guard = Guard.fromRailString(
      rail(`<string name="pet" format="lower-case" on-fail-lower-case="reask"/>`),
      { registry: testRegistry() },
    );
    const answers = ['{"pet": "Rex"}', '{"pet": "rex"}'];
    const llm: LLM = async (_prompt, request) => {
      request.messages?.push({ role: "assistant", content: "kept by the model" });
      return answers.shift() ?? "";
    };
    const outcome = await guard.call(llm, {
      promptParams: { document: "d" },
      reaskContext: "conversation",
    });
    expect(outcome.validationPassed).toBe(true);
    expect(JSON.stringify(guard.history)).not.toContain("kept by the model");
  });
});

describe("ownCopy of a wide object that holds itself", () => {
  // The recursive copy follows the cycle down to its depth limit (1,000 levels) before the copy
  // that keeps cycles takes over, copying every key of the object at each level: 1,000 times
  // the value's size. A getter counts how often the object is copied, and stops a copy that
  // copies it far more often than a copy linear in its size needs.
  it("copies it in time linear in its keys", () => {
    const wide: Record<string, unknown> = {};
    for (let index = 0; index < 1 << 17; index++) wide[`k${index}`] = index;
    let copied = 0;
    Object.defineProperty(wide, "probe", {
      enumerable: true,
      get: () => {
        if (++copied > 20) throw new Error("copied once per level");
        return 0;
      },
    });
    wide.self = wide;
    const copy = ownCopy(wide) as Record<string, unknown>;
    expect(copy.self === copy).toBe(true);
    expect(copied).toBeLessThanOrEqual(20);
  });
});

describe("a validator whose pass or fix value cannot be read", () => {
  const unreadable = {
    get inner(): never {
      throw new Error("no value");
    },
  };
  for (const asynchronous of [false, true]) {
    it(`gives no verdict but a failure that says so (${asynchronous ? "async" : "sync"})`, async () => {
      const registry = testRegistry().register({
        name: "odd-pass",
        types: "all",
        validate: () => {
          const verdict = pass(unreadable);
          return asynchronous ? Promise.resolve(verdict) : verdict;
        },
      });
      const guard = Guard.fromRailString(rail(`<object name="meta" format="odd-pass"/>`), {
        registry,
      });
      const outcome = await guard.parse('{"meta": {"a": 1}}');
      expect(outcome.error).toBeUndefined();
      expect(outcome.validationPassed).toBe(false);
      expect(outcome.failures[0]?.message).toContain(
        'validator "odd-pass" gave a value that cannot be read: no value',
      );
    });
  }
});

describe("a model that changes the JSON Schema it is sent", () => {
  it("changes nothing a later call sends", async () => {
    // A list output is sent wrapped in an object made for the guard (the compiled schemas are
    // frozen; the wrapper was not, and every call shared it).
    const guard = Guard.fromRailString(
      `<rail version="0.1"><output type="list"><string/></output><prompt>Name pets.</prompt></rail>`,
    );
    const sent: string[] = [];
    const model = async (_prompt: string, request: { jsonSchema?: Record<string, unknown> }) => {
      sent.push(JSON.stringify(request.jsonSchema));
      if (request.jsonSchema) request.jsonSchema.title = "changed by the model";
      return '["rex"]';
    };
    await guard.call(model as never);
    await guard.call(model as never);
    expect(sent).toHaveLength(2);
    expect(sent[0]).toContain('"array"');
    expect(sent[1]).toBe(sent[0]);
  });
});
