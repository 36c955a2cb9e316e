import { describe, expect, it } from "vitest";
import { fail, pass } from "../../src/contract/types.js";
import type { GuardEvent } from "../../src/guard/events.js";
import { Guard } from "../../src/guard/index.js";
import { rail, scriptedLLM, testRegistry } from "./support.js";

// Attacks on the changes of session 4: folded plain passes, the skipped schema reading of an
// exact fit, the reask slots the walk collects, and the bundles without keepNames.

describe("an exact fit the schema would still reject", () => {
  // JSON reads these as the integers written (no digit is lost, so the parser keeps them as
  // numbers), but they are past 2^53, where zod's `int()` stops.
  it.each([["100000000000000000000"], ["9007199254740992"], ["1e20"]])(
    "an integer %s past the safe range fails the schema",
    async (written) => {
      const guard = Guard.fromRailString(rail(`<integer name="n"/>`));
      const outcome = await guard.parse(`{"n": ${written}}`);
      expect(guard.compiled.zodSchema.safeParse(outcome.validatedOutput).success).toBe(false);
      expect(outcome.validationPassed).toBe(false);
      expect(outcome.failures.map(({ path, reason }) => ({ path, reason }))).toEqual([
        { path: "$.n", reason: "schema" },
      ]);
    },
  );
});

describe("a fix value standing in for an unanswered reask, after a filter moved the items", () => {
  // The slot's path is the item's index among the items kept ($.names[0] for the second item,
  // once the first was filtered); the log's is the index it was walked at ($.names[1]). The
  // history marked the reask log whose path was the slot's: another item's, or none.
  it("is marked on the reask log of the very value it stood in for", async () => {
    const guard = Guard.fromRailString(
      rail(`<list name="names"><string format="lower-case; two-words"
        on-fail-lower-case="filter" on-fail-two-words="reask"/></list>`),
      { registry: testRegistry(), onEvent: (event) => events.push(event) },
    );
    const events: GuardEvent[] = [];
    const outcome = await guard.parse(
      JSON.stringify({ names: ["Ann Lee", "one two three", "four five six"] }),
    );
    expect(outcome.validatedOutput).toEqual({ names: ["one two", "four five"] });
    const stoodIn = events.flatMap((event) =>
      event.type === "fix-stood-in" ? [[event.path, event.loggedPath, event.fixValue]] : [],
    );
    expect(stoodIn).toEqual([
      ["$.names[0]", "$.names[1]", "one two"],
      ["$.names[1]", "$.names[2]", "four five"],
    ]);
    const reasks = (outcome.call.iterations[0]?.validatorLogs ?? [])
      .filter(({ validator }) => validator === "two-words")
      .map(({ path, valueBefore, valueAfter, actionTaken }) => ({
        path,
        valueBefore,
        valueAfter,
        actionTaken,
      }));
    expect(reasks).toEqual([
      {
        path: "$.names[1]",
        valueBefore: "one two three",
        valueAfter: "one two",
        actionTaken: "fixed-unanswered",
      },
      {
        path: "$.names[2]",
        valueBefore: "four five six",
        valueAfter: "four five",
        actionTaken: "fixed-unanswered",
      },
    ]);
  });
});

describe("folded plain passes, once the caller changes the output returned", () => {
  // A folded range is made again by walking the items as they are when read: were the output the
  // caller gets the very value the record keeps, changing its shape would lose verdicts that were
  // given (here three of four). The caller gets a copy of its own.
  it("still lists every verdict given", async () => {
    const guard = Guard.fromRailString(
      rail(`<list name="fees"><object>
        <string name="name" format="lower-case"/>
        <integer name="amount" required="false" format="even"/>
      </object></list>`),
      { registry: testRegistry() },
    );
    const outcome = await guard.parse(
      JSON.stringify({
        fees: [
          { name: "late", amount: 2 },
          { name: "fee", amount: 4 },
        ],
      }),
    );
    expect(outcome.validationPassed).toBe(true);
    const fees = (outcome.validatedOutput as { fees: ({ amount?: number } | null)[] }).fees;
    fees[0] = null;
    delete fees[1]?.amount;
    const logs = outcome.call.iterations[0]?.validatorLogs ?? [];
    expect(logs.map(({ validator, path }) => `${validator} ${path}`)).toEqual([
      "lower-case $.fees[0].name",
      "even $.fees[0].amount",
      "lower-case $.fees[1].name",
      "even $.fees[1].amount",
    ]);
  });

  it("leaves the record as it was: parsed, validated and returned values, and the logs' values", async () => {
    const guard = Guard.fromRailString(
      rail(`<list name="fees"><object>
        <string name="name" format="lower-case" on-fail-lower-case="fix"/>
      </object></list>`),
      { registry: testRegistry() },
    );
    const outcome = await guard.parse('{"fees": [{"name": "Late"}, {"name": "fee"}]}');
    const before = JSON.stringify(outcome.call);
    const fees = (outcome.validatedOutput as { fees: { name: string }[] }).fees;
    (fees[0] as { name: string }).name = "changed";
    fees.push({ name: "added" });
    outcome.failures.push({ path: "$", validator: "mine", message: "added", reason: "schema" });
    expect(JSON.stringify(outcome.call)).toBe(before);
    expect(outcome.call.validatedOutput).toEqual({ fees: [{ name: "late" }, { name: "fee" }] });
  });
});

describe("a reask the last answer left out, after a filter in that round moved its item", () => {
  // The answer's unmatched slots are named by their paths in the tree it was merged into, which
  // the round then walks: the first item, answered with a value that is filtered, is dropped, and
  // the slot left out moves from $.items[1].b to $.items[0].b in the output.
  it("still says the answer left it out", async () => {
    const guard = Guard.fromRailString(
      rail(`<list name="items"><object>
        <string name="a" required="false" format="lower-case; two-words"
          on-fail-lower-case="filter" on-fail-two-words="reask"/>
        <string name="b" required="false" format="two-words" on-fail-two-words="reask"/>
      </object></list>`),
      { registry: testRegistry(), numReasks: 1 },
    );
    const model = scriptedLLM([
      JSON.stringify({ items: [{ a: "one two three" }, { a: "ok go", b: "x y z" }] }),
      JSON.stringify({ items: [{ a: "Bad Case" }, {}] }),
    ]);
    const outcome = await guard.call(model.llm, { promptParams: { document: "d" } });
    expect(outcome.call.iterations[1]?.unmatchedSlots).toEqual([
      { path: "$.items[1].b", reason: "the reask's answer left it out" },
    ]);
    expect(outcome.validatedOutput).toEqual({ items: [{ a: "ok go", b: "x y" }] });
    expect(outcome.failures).toEqual([
      {
        path: "$.items[0].b",
        validator: "two-words",
        message:
          "must be exactly two words, got 3 (the reask's answer left it out; its fix value stands in, unconfirmed by the model)",
        reason: "reask-unanswered",
      },
    ]);
  });
});

describe("a handler's value of another class carried into a reask round", () => {
  // Round 0: a handler puts a Map in a free-form object, and another field is asked again.
  // Round 1 merges the answer into that tree and alters nothing: the Map is still there, and the
  // schema (a record) refuses it. It must be read, not skipped as an exact fit.
  it("is still read by the schema, which refuses it", async () => {
    const registry = testRegistry().register({
      name: "is-map",
      types: "all",
      validate: (value) => (value instanceof Map ? pass() : fail("not a map")),
    });
    const guard = Guard.fromRailString(
      rail(`<object name="meta" format="is-map" on-fail-is-map="fix"/>
        <string name="pet" format="lower-case" on-fail-lower-case="reask"/>`),
      { registry, onFail: { "is-map": () => new Map([["a", 1]]) } },
    );
    const model = scriptedLLM(['{"meta": {"a": 1}, "pet": "Rex"}', '{"pet": "rex"}']);
    const outcome = await guard.call(model.llm, { promptParams: { document: "d" } });
    expect(outcome.call.iterations).toHaveLength(2);
    expect(outcome.validationPassed).toBe(false);
    expect(outcome.failures.map(({ path, reason }) => ({ path, reason }))).toEqual([
      { path: "$.meta", reason: "schema" },
    ]);
  });
});
