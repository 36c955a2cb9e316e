import { describe, expect, it } from "vitest";
import { Guard } from "../../src/guard/index.js";
import { jsonLinesSink, REDACTED } from "../../src/log/index.js";
import { rail, scriptedLLM, testRegistry } from "../guard/support.js";

const registry = testRegistry();
const spec = rail(
  `<string name="pet" format="no-digits; lower-case" on-fail-no-digits="reask" on-fail-lower-case="fix"/>`,
);
const params = { promptParams: { document: "secret document" } };
const answers = () => scriptedLLM(['Here: {"pet": "Rex2"}', '{"pet": "Rex"}']).llm;

/** A sink that keeps what it is given, and the records parsed back from it. */
function memorySink() {
  const chunks: string[] = [];
  return {
    sink: { write: (text: string) => chunks.push(text) },
    records: () =>
      chunks
        .join("")
        .trimEnd()
        .split("\n")
        .map((line) => JSON.parse(line)),
    chunks,
  };
}

const fixedClock = () => new Date("2026-12-02T10:00:00.000Z");

describe("jsonLinesSink", () => {
  it("writes one JSON line per event, with time, event, call and round first", async () => {
    const memory = memorySink();
    const guard = Guard.fromRailString(spec, {
      registry,
      onEvent: jsonLinesSink(memory.sink, { now: fixedClock }),
    });
    const outcome = await guard.call(answers(), params);
    expect(
      memory.chunks.every((chunk) => chunk.endsWith("\n") && !chunk.slice(0, -1).includes("\n")),
    ).toBe(true);
    const records = memory.records();
    expect(records.map((record) => `${record.event}${record.round ?? ""}`)).toEqual([
      "call-start",
      ...["round-start0", "model-answer0", "parsed0", "verdict0", "validated0"],
      ...["reask-planned0", "round-end0", "round-start1", "model-answer1", "parsed1"],
      ...["verdict1", "verdict1", "validated1", "verdict1", "verdict1", "round-end1"],
      "call-end",
    ]);
    for (const record of records) {
      expect(Object.keys(record).slice(0, 3)).toEqual(["time", "event", "call"]);
      expect(record.time).toBe("2026-12-02T10:00:00.000Z");
      expect(record.call).toBe(outcome.call.id);
    }
    const answer = records.find((record) => record.event === "model-answer");
    expect(answer).toMatchObject({ round: 0, text: 'Here: {"pet": "Rex2"}' });
    const verdict = records.find((record) => record.event === "verdict");
    expect(verdict?.log).toMatchObject({
      validator: "no-digits",
      path: "$.pet",
      outcome: "fail",
      actionTaken: "reask",
    });
    expect(records.at(-1)).toMatchObject({
      event: "call-end",
      status: "pass",
      validationPassed: true,
      validatedOutput: { pet: "rex" },
    });
  });

  it("redacts prompts, raw outputs and values on request, and nothing else", async () => {
    const memory = memorySink();
    const guard = Guard.fromRailString(spec, {
      registry,
      onEvent: jsonLinesSink(memory.sink, { redact: ["prompt", "rawOutput", "values"] }),
    });
    await guard.call(answers(), params);
    const text = memory.chunks.join("");
    for (const secret of ["secret document", "Rex2", '"rex"']) expect(text).not.toContain(secret);
    const records = memory.records();
    expect(records.find((record) => record.event === "round-start")).toMatchObject({
      prompt: REDACTED,
    });
    expect(records.find((record) => record.event === "model-answer")).toMatchObject({
      text: REDACTED,
    });
    // A message quotes the value it judged, so it goes with the values; the rest stays.
    expect(records.find((record) => record.event === "verdict")?.log).toMatchObject({
      validator: "no-digits",
      path: "$.pet",
      outcome: "fail",
      actionTaken: "reask",
      valueBefore: REDACTED,
      message: REDACTED,
    });
    expect(records.at(-1)).toMatchObject({ validatedOutput: REDACTED, validationPassed: true });
  });

  it("takes a function that rewrites each record", async () => {
    const memory = memorySink();
    const guard = Guard.fromRailString(spec, {
      registry,
      onEvent: jsonLinesSink(memory.sink, {
        redact: ({ time, event, call }) => ({ time, event, call }),
      }),
    });
    await guard.call(answers(), params);
    for (const record of memory.records())
      expect(Object.keys(record)).toEqual(["time", "event", "call"]);
  });

  it("writes an error as its code, name and message, and survives values JSON cannot hold", async () => {
    const memory = memorySink();
    const guard = Guard.fromRailString(spec, { registry, onEvent: jsonLinesSink(memory.sink) });
    await guard.call(
      () => {
        throw new Error("model down");
      },
      { ...params, maxRetries: 0 },
    );
    expect(memory.records().at(-1)).toMatchObject({
      event: "call-end",
      status: "error",
      error: {
        code: "llm-call",
        name: "LLMCallError",
        message: expect.stringContaining("model down"),
      },
    });
  });

  it("never fails the call when the sink throws", async () => {
    const broken = {
      write: () => {
        throw new Error("disk full");
      },
    };
    const guard = Guard.fromRailString(spec, { registry, onEvent: jsonLinesSink(broken) });
    const outcome = await guard.call(answers(), params);
    expect(outcome.validationPassed).toBe(true);
  });
});
