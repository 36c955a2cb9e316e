import { describe, expect, it } from "vitest";
import { fail, pass, type ValidatorDefinition } from "../../src/contract/types.js";
import { Guard } from "../../src/guard/index.js";
import { jsonLinesSink } from "../../src/log/index.js";
import { parseRail } from "../../src/rail/parse.js";
import { rail, scriptedLLM, testRegistry } from "./support.js";

// Attacks on the paths made faster in session 3 (issue 8): the exact fit, the exact schema, the
// synchronous walk, the light logs and the recheck's skips.

describe("a validator returning a thenable that is not a promise", () => {
  // Its `then` calls back later and returns nothing, as a minimal thenable may.
  const lateThenable: ValidatorDefinition = {
    name: "late-thenable",
    types: "all",
    validate: () =>
      ({
        // biome-ignore lint/suspicious/noThenProperty: a thenable is what is under test
        then(resolve: (verdict: unknown) => void) {
          setTimeout(() => resolve(fail("rejected later")), 1);
        },
      }) as never,
  };

  it("gets its verdict, not the return of its `then`", async () => {
    const registry = testRegistry();
    registry.register(lateThenable);
    const guard = Guard.fromRailString(
      rail(`<string name="a" format="late-thenable" on-fail-late-thenable="noop"/>`),
      { registry },
    );
    const outcome = await guard.parse('{"a": "x"}');
    expect(outcome.error).toBeUndefined();
    expect(outcome.validationPassed).toBe(false);
    expect(outcome.failures).toMatchObject([
      { path: "$.a", validator: "late-thenable", message: "rejected later", reason: "noop" },
    ]);
    expect(outcome.call.iterations[0]?.validatorLogs).toMatchObject([
      { validator: "late-thenable", outcome: "fail", actionTaken: "kept" },
    ]);
  });
});

describe("an optional RAIL 0.1 choice", () => {
  const guard = Guard.fromRailString(
    rail(`<string name="name"/>
<choice name="action" required="false">
  <case name="fight"><string name="fight"/></case>
  <case name="flight"><string name="flight"/></case>
</choice>`),
  );

  it("may be missing: the answer without it passes, as the conformer reads it", async () => {
    const outcome = await guard.parse('{"name": "Ann"}');
    expect(outcome.validatedOutput).toEqual({ name: "Ann" });
    expect(outcome.failures).toEqual([]);
    expect(outcome.validationPassed).toBe(true);
  });

  it("still fails the schema with a case it does not declare", () => {
    const schema = guard.compiled.zodSchema;
    expect(schema.safeParse({ name: "Ann", action: "hide" }).success).toBe(false);
    expect(schema.safeParse({ name: "Ann", action: "fight", fight: "x" }).success).toBe(true);
  });
});

describe("the recheck's skip of a plain pass on the same value", () => {
  // Accepts a list of finite numbers or nulls; NaN is neither.
  const finiteOrNull: ValidatorDefinition = {
    name: "finite-or-null",
    types: "all",
    validate: (value) =>
      Array.isArray(value) && value.every((item) => item === null || Number.isFinite(item))
        ? pass()
        : fail("finite numbers or nulls only"),
  };
  // Wants NaN everywhere, and fixes to it.
  const allNaN: ValidatorDefinition = {
    name: "all-nan",
    types: "all",
    validate: (value) =>
      Array.isArray(value) && value.every((item) => Number.isNaN(item))
        ? pass()
        : fail(
            "NaN only",
            (value as unknown[]).map(() => Number.NaN),
          ),
  };
  const registry = testRegistry();
  registry.register(finiteOrNull);
  registry.register(allNaN);
  const spec = rail(
    `<list name="l" format="finite-or-null; all-nan" on-fail-all-nan="fix" on-fail-finite-or-null="noop"/>`,
  );

  it("does not take [NaN] for [null] (the same JSON, not the same value)", async () => {
    const guard = Guard.fromRailString(spec, { registry });
    const outcome = await guard.parse('{"l": [null]}');
    expect(outcome.validatedOutput).toEqual({ l: [Number.NaN] });
    // `finite-or-null` passed on [null]; on the [NaN] returned it fails.
    expect(outcome.validationPassed).toBe(false);
    expect(outcome.failures).toMatchObject([
      { path: "$.l", validator: "finite-or-null", reason: "rejected-after-actions" },
    ]);
  });

  it("nor does the verdict cache, which a call that may reask keeps", async () => {
    const guard = Guard.fromRailString(spec, { registry });
    const outcome = await guard.call(scriptedLLM(['{"l": [null]}']).llm, {
      promptParams: { document: "a list" },
    });
    expect(outcome.validatedOutput).toEqual({ l: [Number.NaN] });
    expect(outcome.validationPassed).toBe(false);
    expect(outcome.failures).toMatchObject([
      { path: "$.l", validator: "finite-or-null", reason: "rejected-after-actions" },
    ]);
  });
});

describe("a fix value holding a date (or another class's object)", () => {
  const when = new Date("2026-12-02T00:00:00Z");
  const stamps: ValidatorDefinition = {
    name: "stamps",
    types: "all",
    validate: (value) =>
      (value as { when?: unknown }).when instanceof Date
        ? pass()
        : fail("needs a timestamp", { when }),
  };

  it("is returned as the fix the log records, not emptied to {}", async () => {
    const registry = testRegistry();
    registry.register(stamps);
    const guard = Guard.fromRailString(
      rail(`<object name="meta" format="stamps" on-fail-stamps="fix"/>`),
      { registry },
    );
    const outcome = await guard.parse('{"meta": {}}');
    const [log] = outcome.call.iterations[0]?.validatorLogs ?? [];
    expect(log).toMatchObject({ actionTaken: "fixed", valueAfter: { when } });
    expect(outcome.validatedOutput).toEqual({ meta: { when } });
    expect((outcome.validatedOutput as { meta: { when: unknown } }).meta.when).toBeInstanceOf(Date);
    expect(outcome.validationPassed).toBe(true);
  });
});

describe("a round's verdicts, as a listener hears them", () => {
  it("all reach it, though one value a handler built holds a cycle", async () => {
    const cyclic: Record<string, unknown> = { name: "loop" };
    cyclic.self = cyclic;
    const lines: string[] = [];
    const guard = Guard.fromRailString(
      rail(`<string name="name" format="two-words"/>
<string name="code" format="no-digits" on-fail-no-digits="noop"/>`),
      {
        registry: testRegistry(),
        onFail: { "no-digits": () => cyclic },
        onEvent: jsonLinesSink({ write: (text) => lines.push(text) }),
      },
    );
    const outcome = await guard.parse('{"name": "Ann Lee", "code": "a1"}');
    const logged = outcome.call.iterations.flatMap((iteration) => iteration.validatorLogs);
    const heard = lines.filter((line) => JSON.parse(line).event === "verdict");
    expect(logged.length).toBeGreaterThan(1);
    expect(heard).toHaveLength(logged.length);
    // The call's end is heard too.
    expect(lines.map((line) => JSON.parse(line).event)).toContain("call-end");
  });
});

describe("a round stopped by the call's deadline mid-walk", () => {
  it("keeps the verdicts given before it stopped", async () => {
    const guard = Guard.fromRailString(
      rail(`<string name="name" format="two-words"/>
<string name="pet" format="no-digits"/>`),
      // A custom on-fail handler that never settles: the walk waits on it when the call stops.
      { registry: testRegistry(), onFail: { "no-digits": () => new Promise(() => {}) } },
    );
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 20);
    const outcome = await guard.parse('{"name": "Ann Lee", "pet": "Rex2"}', {
      signal: controller.signal,
    });
    expect(outcome.error).toMatchObject({ kind: "aborted" });
    expect(outcome.call.iterations[0]?.validatorLogs).toMatchObject([
      { validator: "two-words", path: "$.name", outcome: "pass" },
    ]);
  });
});

describe("a round whose walk throws (a bug, or a stack overflow on a handler's value)", () => {
  it("keeps the verdicts given before it threw", async () => {
    // A verdict whose `outcome` throws when read a third time: past the check that it is a
    // verdict and the copy of its value, the walk itself throws.
    let reads = 0;
    const treacherous: ValidatorDefinition = {
      name: "treacherous",
      types: "all",
      validate: () =>
        ({
          get outcome() {
            reads += 1;
            if (reads > 2) throw new Error("read thrice");
            return "pass";
          },
        }) as never,
    };
    const registry = testRegistry();
    registry.register(treacherous);
    const guard = Guard.fromRailString(
      rail(`<string name="name" format="two-words"/>
<string name="pet" format="treacherous"/>`),
      { registry },
    );
    const outcome = await guard.parse('{"name": "Ann Lee", "pet": "Rex"}');
    expect(outcome.error).toMatchObject({ code: "unexpected-error" });
    expect(outcome.call.iterations[0]?.validatorLogs).toMatchObject([
      { validator: "two-words", path: "$.name", outcome: "pass" },
    ]);
  });
});

describe("a recheck that fails a value its validator would only pass changed", () => {
  // Accepts any text, as trimmed text.
  const trims: ValidatorDefinition = {
    name: "trims",
    types: "all",
    validate: (value) => pass(String(value).trim()),
  };
  // Wants the text padded with spaces, and fixes it so.
  const padded: ValidatorDefinition = {
    name: "padded",
    types: "all",
    validate: (value) => {
      const text = String(value);
      return text.startsWith(" ") ? pass() : fail("must be padded", ` ${text} `);
    },
  };

  it("records that verdict as a failure, in the log and the tree", async () => {
    const registry = testRegistry();
    registry.register(trims);
    registry.register(padded);
    const guard = Guard.fromRailString(
      rail(`<string name="pet" format="trims; padded" on-fail-padded="fix"/>`),
      { registry },
    );
    const outcome = await guard.parse('{"pet": "Rex"}');
    expect(outcome.validatedOutput).toEqual({ pet: " Rex " });
    expect(outcome.validationPassed).toBe(false);
    expect(outcome.failures).toMatchObject([
      { path: "$.pet", validator: "trims", reason: "rejected-after-actions" },
    ]);
    const logs = outcome.call.iterations[0]?.validatorLogs ?? [];
    expect(logs.filter((log) => log.actionTaken === "rechecked")).toMatchObject([
      { validator: "trims", outcome: "fail", valueBefore: " Rex ", valueAfter: "Rex" },
      { validator: "padded", outcome: "pass" },
    ]);
    const tree = outcome.call.tree();
    expect(tree).not.toContain("all passed");
    expect(tree).toMatch(/✗ trims \$\.pet: passes only as/);
  });
});

describe("a spec built in code with a `__proto__` key", () => {
  function protoGuard(onFail: Record<string, () => unknown> = {}) {
    const spec = parseRail(
      rail(`<integer name="proto" format="no-digits" on-fail-no-digits="noop"/>
<integer name="b" required="false"/>`),
    );
    // RAIL cannot name the key `__proto__`; a spec built in code can.
    const [first] = (spec.output.root as { children: { name?: string }[] }).children;
    if (first) first.name = "__proto__";
    return Guard.fromSpec(spec, { registry: testRegistry(), onFail });
  }

  it("fails a value of the wrong type a handler put there", async () => {
    const outcome = await protoGuard({ "no-digits": () => "text" }).parse(
      '{"__proto__": 7, "b": 1}',
    );
    expect(Object.getOwnPropertyDescriptor(outcome.validatedOutput, "__proto__")?.value).toBe(
      "text",
    );
    expect(outcome.validationPassed).toBe(false);
    expect(outcome.failures).toMatchObject([{ path: "$.__proto__", reason: "schema" }]);
  });

  it("passes a value that fits, beside a key the schema coerces", async () => {
    const guard = protoGuard();
    expect((await guard.parse('{"__proto__": "abc", "b": 1}')).validationPassed).toBe(false);
    const schema = guard.compiled.zodSchema;
    expect(schema.safeParse(JSON.parse('{"__proto__": 3, "b": "4"}')).success).toBe(true);
    expect(schema.safeParse({ b: 4 }).success).toBe(false);
  });
});
