import { describe, expect, expectTypeOf, it } from "vitest";
import { Guard, type GuardOutcome, ValidationError } from "../../src/guard/index.js";
import { LLMCallError } from "../../src/llm/index.js";
import { rail, scriptedLLM, testRegistry } from "./support.js";

interface Guests {
  guests: string[];
}

const guard = Guard.fromRailString<Guests>(
  rail(
    `<list name="guests"><string format="lower-case" on-fail-lower-case="noop"/></list>`,
    "<prompt>Name the guests.</prompt>",
  ),
  { registry: testRegistry() },
);

describe("the outcome's types tell a passed call from a failed one", () => {
  it("types `validatedOutput` as T only where `validationPassed` is true", async () => {
    const outcome: GuardOutcome<Guests> = await guard.parse('{"guests": ["ann"]}');
    // @ts-expect-error a failed or refused call's value is not a checked T
    outcome.validatedOutput.guests.map((guest: string) => guest);
    if (outcome.validationPassed) {
      expectTypeOf(outcome.validatedOutput).toEqualTypeOf<Guests>();
      expect(outcome.validatedOutput.guests.map((guest) => guest.length)).toEqual([3]);
    } else {
      expectTypeOf(outcome.validatedOutput).toBeUnknown();
      expect.unreachable("a lower-case guest passes");
    }
    expectTypeOf(outcome.unwrap()).toEqualTypeOf<Guests>();
  });

  it("callOrThrow and parseOrThrow resolve to T", () => {
    expectTypeOf(guard.callOrThrow).returns.resolves.toEqualTypeOf<Guests>();
    expectTypeOf(guard.parseOrThrow).returns.resolves.toEqualTypeOf<Guests>();
  });
});

describe("unwrap, callOrThrow and parseOrThrow", () => {
  it("give the validated output of a passed call", async () => {
    expect((await guard.parse('{"guests": ["ann"]}')).unwrap()).toEqual({ guests: ["ann"] });
    expect(await guard.parseOrThrow('{"guests": ["ann"]}')).toEqual({ guests: ["ann"] });
    const model = scriptedLLM(['{"guests": ["bo"]}']);
    expect(await guard.callOrThrow(model.llm)).toEqual({ guests: ["bo"] });
  });

  it("throw a ValidationError carrying every failure, its path and reason", async () => {
    const outcome = await guard.parse('{"guests": ["Ann", "bo", "Cy"]}');
    expect(() => outcome.unwrap()).toThrow(ValidationError);
    const error = await guard.parseOrThrow('{"guests": ["Ann", "bo", "Cy"]}').catch((e) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({
      code: "validation-failed",
      path: "$.guests[0]",
      validator: "lower-case",
      reason: "noop",
      failures: outcome.failures,
    });
    expect(error.failures.map((f: { path: string }) => f.path)).toEqual([
      "$.guests[0]",
      "$.guests[2]",
    ]);
    expect(error.message).toContain("$.guests[2]");
  });

  it("throw a ValidationError for a refusal, with reason refrained", async () => {
    const refusing = Guard.fromRailString<{ pet: string }>(
      rail(`<string name="pet" format="lower-case" on-fail-lower-case="refrain"/>`),
      { registry: testRegistry() },
    );
    const error = await refusing.parseOrThrow('{"pet": "Rex"}').catch((e) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ path: "$.pet", validator: "lower-case", reason: "refrained" });
  });

  it("throw the error that stopped the call", async () => {
    const model = scriptedLLM([new Error("bad key")]);
    const error = await guard.callOrThrow(model.llm, { maxRetries: 0 }).catch((e) => e);
    expect(error).toBeInstanceOf(LLMCallError);
    // The record keeps its own copy: the caller may change the one it was thrown.
    const recorded = guard.history.last?.error;
    expect(recorded).toBeInstanceOf(LLMCallError);
    expect(recorded?.message).toBe(error.message);
    error.message = "changed by the caller";
    expect(guard.history.last?.error?.message).not.toBe(error.message);
  });

  it("keep unwrap out of JSON and equality", async () => {
    const outcome = await guard.parse('{"guests": ["ann"]}');
    expect(Object.keys(outcome)).not.toContain("unwrap");
    expect(JSON.stringify({ ...outcome, call: undefined })).not.toContain("unwrap");
  });

  it("hold the same keys, in the same order, however the call ended", async () => {
    const fields = ["rawOutput", "validatedOutput", "validationPassed", "refrained"];
    const lists = ["failures", "unansweredFixes"];
    const passed = await guard.parse('{"guests": ["ann"]}');
    expect(Object.keys(passed)).toEqual([...fields, ...lists, "reask", "call"]);
    const unparseable = await guard.parse("no JSON here");
    expect(Object.keys(unparseable)).toEqual([...fields, ...lists, "error", "reask", "call"]);
    const stopped = await guard.call(() => {
      throw new Error("down");
    });
    expect(Object.keys(stopped)).toEqual([...fields, ...lists, "error", "call"]);
  });
});
