import { describe, expect, it } from "vitest";
import { Guard } from "../../src/guard/index.js";
import { walkOutput } from "../../src/guard/validate/walk.js";
import { compileRail } from "../../src/schema/index.js";
import { rail, scriptedLLM, testRegistry } from "./support.js";

/**
 * The walk says which values it asks again, at their final paths in the validated tree: after a
 * filter moved the items of a list, and never inside a value its own validator then replaced.
 */

const registry = testRegistry();
const params = { promptParams: { document: "d" } };

/** Where `parse` would reask (it has no model to send the reask to), and what failed there. */
async function slotsOf(output: string, answer: unknown) {
  const guard = Guard.fromRailString(rail(output), { registry });
  const outcome = await guard.parse(JSON.stringify(answer));
  const unanswered = outcome.failures.filter(({ reason }) => reason === "reask-unanswered");
  return {
    paths: outcome.reask?.paths ?? [],
    unanswered: unanswered.map(({ path }) => path),
    output: outcome.validatedOutput,
    outcome,
  };
}

/** Lists, plain objects and JSON's primitives all the way down: no object of another class. */
function isPlainData(value: unknown): boolean {
  if (value === null || ["string", "number", "boolean"].includes(typeof value)) return true;
  if (Array.isArray(value)) return value.every(isPlainData);
  if (typeof value !== "object" || Object.getPrototypeOf(value) !== Object.prototype) return false;
  return Object.values(value).every(isPlainData);
}

const filteredOrAsked = `format="lower-case; two-words" on-fail-lower-case="filter" on-fail-two-words="reask"`;

describe("reask slots", () => {
  it("take the index an item keeps after a filter removed items before it", async () => {
    const { paths, unanswered, output } = await slotsOf(
      `<list name="names"><string ${filteredOrAsked}/></list>`,
      { names: ["Ann Lee", "bob", "cy young", "Dee Day", "eve"] },
    );
    expect(output).toEqual({ names: ["bob", "cy young", "eve"] });
    expect(paths).toEqual(["$.names[0]", "$.names[2]"]);
    expect(unanswered).toEqual(paths);
  });

  it("take the index an item keeps after an object item emptied by filters was dropped", async () => {
    const { paths, output } = await slotsOf(
      `<list name="fees"><object>
        <string name="name" format="lower-case" on-fail-lower-case="filter"/>
        <integer name="amount" required="false" format="even" on-fail-even="reask"/>
      </object></list>`,
      { fees: [{ name: "Gone" }, { name: "late", amount: 3 }] },
    );
    expect(output).toEqual({ fees: [{ name: "late", amount: 3 }] });
    expect(paths).toEqual(["$.fees[0].amount"]);
  });

  it("take their indices in nested lists, each list's filters moving its own items", async () => {
    const { paths, output } = await slotsOf(
      `<list name="rows"><list><string ${filteredOrAsked}/></list></list>`,
      {
        rows: [
          ["A b", "c"],
          ["d e", "F g", "h"],
        ],
      },
    );
    expect(output).toEqual({ rows: [["c"], ["d e", "h"]] });
    expect(paths).toEqual(["$.rows[0][0]", "$.rows[1][1]"]);
  });

  it("inside a value are discarded when the value's own validator fixes it", async () => {
    const { paths, unanswered, output } = await slotsOf(
      `<list name="tags" format="max-length: 2" on-fail-max-length="fix">
        <string format="two-words" on-fail-two-words="reask"/>
      </list>`,
      { tags: ["one", "two words", "three"] },
    );
    expect(output).toEqual({ tags: ["one", "two words"] });
    expect(paths).toEqual([]);
    expect(unanswered).toEqual([]);
  });

  it("inside a value are discarded when the value's own validator filters it", async () => {
    const { paths, output } = await slotsOf(
      `<string name="title"/>
      <list name="tags" required="false" format="max-length: 2" on-fail-max-length="filter">
        <string format="two-words" on-fail-two-words="reask"/>
      </list>`,
      { title: "t", tags: ["one", "two words", "three"] },
    );
    expect(output).toEqual({ title: "t" });
    expect(paths).toEqual([]);
  });

  it("inside a value give way to the value's own when its validator asks for it again", async () => {
    const { paths, outcome } = await slotsOf(
      `<list name="tags" format="max-length: 2" on-fail-max-length="reask">
        <string format="two-words" on-fail-two-words="reask"/>
      </list>`,
      { tags: ["one", "two words", "three"] },
    );
    expect(paths).toEqual(["$.tags"]);
    expect(outcome.reask?.errorMessages).toEqual([
      "$.tags: must have at most 2 items or characters, got 3",
    ]);
  });

  it("stay when the value's own validator fails and keeps it", async () => {
    const { paths } = await slotsOf(
      `<list name="tags" format="max-length: 2" on-fail-max-length="noop">
        <string format="two-words" on-fail-two-words="reask"/>
      </list>`,
      { tags: ["one", "two words", "three"] },
    );
    expect(paths).toEqual(["$.tags[0]", "$.tags[2]"]);
  });

  it("come in document order: an object's keys as the value holds them, not as the spec does", async () => {
    // The walk meets keys in the spec's order; a value given as it is (conform would reorder it)
    // shows the slots are put in the value's.
    const compiled = compileRail(
      rail(`<string name="a" format="two-words" on-fail-two-words="reask"/>
        <string name="b" format="two-words" on-fail-two-words="reask"/>`),
      { registry },
    );
    const options = { validatorsFor: compiled.validatorsFor, metadata: {} };
    const value = { b: "x", a: "y" };
    const { tree, slots } = await walkOutput(compiled.spec.output.root, value, options);
    expect(tree).toBe(value);
    expect(slots).toMatchObject([
      { path: ["b"], validator: "two-words", incorrectValue: "x" },
      { path: ["a"], validator: "two-words", incorrectValue: "y" },
    ]);
  });

  it("leave plain values in the validated tree, the incorrect value in each slot", async () => {
    const output = `<list name="fees"><object>
      <string name="name" ${filteredOrAsked}/>
      <integer name="amount" format="even" on-fail-even="fix_reask"/>
    </object></list>`;
    const validated: unknown[] = [];
    const guard = Guard.fromRailString(rail(output), {
      registry,
      numReasks: 1,
      onEvent: (event) => {
        if (event.type === "validated") validated.push(event.value);
      },
    });
    const first = {
      fees: [
        { name: "late", amount: 2 },
        { name: "foreign fee", amount: 3 },
      ],
    };
    const model = scriptedLLM([
      JSON.stringify(first),
      '{"fees": [{"name": "late fee"}, {"amount": 6}]}',
    ]);
    const outcome = await guard.call(model.llm, params);

    const [round0, round1] = outcome.call.iterations;
    // `even`'s fix (5) fails it again, so the slot holds the fix as the validators saw it.
    const held = {
      fees: [
        { name: "late", amount: 2 },
        { name: "foreign fee", amount: 5 },
      ],
    };
    expect(round0?.validatedValue).toEqual(held);
    expect(validated[0]).toEqual(held);
    expect(round0?.reask?.paths).toEqual(["$.fees[0].name", "$.fees[1].amount"]);
    for (const value of [round0?.validatedValue, round1?.validatedValue, ...validated]) {
      expect(isPlainData(value)).toBe(true);
    }
    expect(outcome.validationPassed).toBe(true);
    expect(outcome.validatedOutput).toEqual({
      fees: [
        { name: "late fee", amount: 2 },
        { name: "foreign fee", amount: 6 },
      ],
    });
    // The merge copied along the slots' paths: the first round's record is as it was.
    expect(round0?.validatedValue).toEqual(held);
  });
});
