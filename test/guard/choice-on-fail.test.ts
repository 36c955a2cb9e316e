import { describe, expect, it } from "vitest";
import { Guard, ValidationError } from "../../src/guard/index.js";
import { scriptedLLM } from "./support.js";

// `on-fail-choice` (RAIL 0.1): an unknown or missing case is the `choice` validator's failure,
// handled by the declared action; without it, the wrong shape is a skeleton reask.
const siblingRail = (onFail?: string) => `<rail version="0.1">
<output>
  <choice name="action"${onFail ? ` on-fail-choice="${onFail}"` : ""}>
    <case name="fight"><string name="fight" description="How to fight"/></case>
    <case name="flight"><string name="flight" description="Where to run"/></case>
  </choice>
</output>
<prompt>A troll attacks. What now?</prompt>
</rail>`;

const discriminatedRail = `<rail version="0.1">
<output>
  <choice name="move" discriminator="type" on-fail-choice="reask">
    <case name="punch"><string name="hand"/></case>
    <case name="kick"><string name="foot"/></case>
  </choice>
</output>
<prompt>Pick a move.</prompt>
</rail>`;

const UNKNOWN = '{"action": "hide", "hide": "under the bed"}';
const UNKNOWN_MESSAGE = '"hide" is not one of the cases: "fight", "flight"';

const parseWith = (onFail: string, output = UNKNOWN) =>
  Guard.fromRailString(siblingRail(onFail)).parse(output);

describe("a 0.1 choice with on-fail-choice", () => {
  it("reask: asks again for the choice alone, and merges the chosen case back", async () => {
    const guard = Guard.fromRailString(siblingRail("reask"));
    const model = scriptedLLM([UNKNOWN, '{"action": "flight", "flight": "north"}']);
    const outcome = await guard.call(model.llm);

    expect(outcome.error).toBeUndefined();
    expect(outcome.validatedOutput).toEqual({ action: "flight", flight: "north" });
    expect(outcome.validationPassed).toBe(true);
    const [first, second] = outcome.call.iterations;
    expect(first?.mismatches).toEqual([]);
    expect(first?.validatorLogs).toEqual([
      expect.objectContaining({
        validator: "choice",
        path: "$.action",
        outcome: "fail",
        message: UNKNOWN_MESSAGE,
        onFail: "reask",
        actionTaken: "reask",
      }),
    ]);
    expect(first?.reask).toMatchObject({ kind: "field", paths: ["$.action"], sent: true });
    expect(second?.kind).toBe("field");
    expect(model.prompts[1]).toContain('"incorrect_value": "hide"');
    expect(second?.validatorLogs).toEqual([
      expect.objectContaining({ validator: "choice", outcome: "pass" }),
    ]);
  });

  it("reask: a missing choice key is asked for too (the validator sees null)", async () => {
    const outcome = await parseWith("reask", '{"fight": "with a stick"}');
    expect(outcome.reask?.paths).toEqual(["$.action"]);
    expect(outcome.failures).toEqual([
      {
        path: "$.action",
        validator: "choice",
        message: 'null is not one of the cases: "fight", "flight"',
        reason: "reask-unanswered",
      },
    ]);
  });

  it("exception: stops the call with a ValidationError naming the choice", async () => {
    const outcome = await parseWith("exception");
    expect(outcome.error).toBeInstanceOf(ValidationError);
    expect(outcome.error).toMatchObject({
      path: "$.action",
      validator: "choice",
      messages: [UNKNOWN_MESSAGE],
    });
  });

  it("noop: keeps the unknown case and fails", async () => {
    const outcome = await parseWith("noop");
    expect(outcome.validatedOutput).toEqual({ action: "hide" });
    expect(outcome.validationPassed).toBe(false);
    expect(outcome.failures).toEqual([
      { path: "$.action", validator: "choice", message: UNKNOWN_MESSAGE, reason: "noop" },
    ]);
    // The undeclared case key is pruned, with a repair that says so.
    expect(outcome.call.iterations[0]?.repairs.map((repair) => repair.path)).toEqual(["$.hide"]);
  });

  it("fix: no case is close enough to fix to, so the failure is reported", async () => {
    const outcome = await parseWith("fix");
    expect(outcome.validationPassed).toBe(false);
    expect(outcome.failures[0]).toMatchObject({ validator: "choice", reason: "fix-unavailable" });
  });

  it("filter: drops the choice key", async () => {
    const outcome = await parseWith("filter");
    expect(outcome.validatedOutput).toEqual({});
    expect(outcome.call.iterations[0]?.validatorLogs[0]?.actionTaken).toBe("filtered");
  });

  it("refrain: empties the output", async () => {
    const outcome = await parseWith("refrain");
    expect(outcome.refrained).toBe(true);
    expect(outcome.validatedOutput).toEqual({});
  });

  it("a known case passes the choice validator and keeps its case key", async () => {
    const outcome = await parseWith("exception", '{"action": "Fight", "fight": "with a stick"}');
    expect(outcome.validatedOutput).toEqual({ action: "fight", fight: "with a stick" });
    expect(outcome.validationPassed).toBe(true);
  });
});

describe("a choice without on-fail-choice", () => {
  it("keeps the skeleton behaviour: an unknown case is a shape mismatch and a full reask", async () => {
    const guard = Guard.fromRailString(siblingRail());
    const model = scriptedLLM([UNKNOWN, '{"action": "fight", "fight": "with a stick"}']);
    const outcome = await guard.call(model.llm);

    expect(outcome.validatedOutput).toEqual({ action: "fight", fight: "with a stick" });
    const [first, second] = outcome.call.iterations;
    expect(first?.mismatches.map((mismatch) => mismatch.message)).toEqual([
      '$.action: unknown case "hide"; expected one of "fight", "flight"',
    ]);
    expect(first?.validatorLogs).toEqual([]);
    expect(second?.kind).toBe("skeleton");
  });
});

describe("a discriminated choice with on-fail-choice", () => {
  it("reasks the whole choice for an unknown discriminator", async () => {
    const guard = Guard.fromRailString(discriminatedRail);
    const model = scriptedLLM([
      '{"move": {"type": "headbutt", "head": "down"}}',
      '{"move": {"type": "kick", "foot": "left"}}',
    ]);
    const outcome = await guard.call(model.llm);
    expect(outcome.validatedOutput).toEqual({ move: { type: "kick", foot: "left" } });
    expect(outcome.call.iterations[0]?.validatorLogs[0]).toMatchObject({
      validator: "choice",
      path: "$.move",
      message: '"headbutt" is not one of the cases of "type": "punch", "kick"',
    });
    expect(outcome.call.iterations[1]?.kind).toBe("field");
  });

  it("reasks for a missing discriminator instead of calling it a skeleton mismatch", async () => {
    const outcome = await Guard.fromRailString(discriminatedRail).parse(
      '{"move": {"foot": "left"}}',
    );
    expect(outcome.call.iterations[0]?.mismatches).toEqual([]);
    expect(outcome.reask).toMatchObject({ kind: "field", paths: ["$.move"] });
  });
});
