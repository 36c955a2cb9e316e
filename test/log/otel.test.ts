import * as otelApi from "@opentelemetry/api";
import { SpanKind, SpanStatusCode, type Tracer } from "@opentelemetry/api";
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  type ReadableSpan,
  SimpleSpanProcessor,
} from "@opentelemetry/sdk-trace-base";
import { describe, expect, expectTypeOf, it } from "vitest";
import { Guard } from "../../src/guard/index.js";
import { type OtelApi, type OtelTracer, otelListener } from "../../src/log/index.js";
import { rail, scriptedLLM, testRegistry } from "../guard/support.js";

const registry = testRegistry();
const spec = rail(
  `<string name="pet" format="no-digits; lower-case" on-fail-no-digits="reask" on-fail-lower-case="fix"/>`,
);
const params = { promptParams: { document: "secret" } };
// The first answer fails no-digits (a reask); the second fails lower-case (fixed).
const answers = () =>
  scriptedLLM([
    {
      text: 'Here: {"pet": "Rex2"}',
      usage: { promptTokens: 50, completionTokens: 8, totalTokens: 58 },
    },
    { text: '{"pet": "Rex"}', usage: { promptTokens: 70, completionTokens: 5, totalTokens: 75 } },
  ]).llm;

/** A tracer whose finished spans are kept in memory, in the order they ended. */
function memoryTracer() {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  return { tracer: provider.getTracer("test"), spans: () => exporter.getFinishedSpans() };
}

const parentOf = (span: ReadableSpan) => span.parentSpanContext?.spanId;
const eventsOf = (span: ReadableSpan) =>
  span.events.map((event) => ({ name: event.name, ...event.attributes }));

describe("otelListener", () => {
  it("makes a span per call and a child span per round, with GenAI and railguard attributes", async () => {
    const memory = memoryTracer();
    const guard = Guard.fromRailString(spec, {
      registry,
      onEvent: otelListener({ tracer: memory.tracer, model: "gpt-test" }),
    });
    const outcome = await guard.call(answers(), params);
    expect(outcome.validationPassed).toBe(true);

    const spans = memory.spans();
    expect(spans.map((span) => span.name)).toEqual([
      "chat gpt-test",
      "chat gpt-test",
      "railguard call",
    ]);
    const [first, second, call] = spans as [ReadableSpan, ReadableSpan, ReadableSpan];
    expect(parentOf(call)).toBeUndefined();
    for (const round of [first, second]) {
      expect(parentOf(round)).toBe(call.spanContext().spanId);
      expect(round.spanContext().traceId).toBe(call.spanContext().traceId);
      expect(round.kind).toBe(SpanKind.CLIENT);
    }
    expect(call.kind).toBe(SpanKind.INTERNAL);

    expect(call.attributes).toEqual({
      "railguard.call.id": outcome.call.id,
      "gen_ai.request.model": "gpt-test",
      "railguard.status": "pass",
      "railguard.validation_passed": true,
      "railguard.failures": 0,
      "railguard.repairs": first.attributes["railguard.repairs"],
      "railguard.reasks": 1,
      "gen_ai.usage.input_tokens": 120,
      "gen_ai.usage.output_tokens": 13,
    });
    expect(call.status.code).toBe(SpanStatusCode.UNSET);

    expect(first.attributes).toMatchObject({
      "railguard.call.id": outcome.call.id,
      "railguard.round": 0,
      "railguard.round.kind": "initial",
      "gen_ai.operation.name": "chat",
      "gen_ai.request.model": "gpt-test",
      "gen_ai.usage.input_tokens": 50,
      "gen_ai.usage.output_tokens": 8,
      "railguard.failures": 1,
    });
    // The prose before the JSON was cut: at least one repair.
    expect(first.attributes["railguard.repairs"]).toBeGreaterThan(0);
    expect(eventsOf(first)).toEqual([
      {
        name: "railguard.validation_failed",
        "railguard.validator": "no-digits",
        "railguard.path": "$.pet",
        "railguard.action": "reask",
      },
      {
        name: "railguard.reask_planned",
        "railguard.reask.kind": "field",
        "railguard.reask.sent": true,
      },
    ]);

    expect(second.attributes).toMatchObject({
      "railguard.round": 1,
      "railguard.round.kind": "field",
      "gen_ai.usage.input_tokens": 70,
      "gen_ai.usage.output_tokens": 5,
      "railguard.repairs": 0,
      "railguard.failures": 1,
    });
    expect(eventsOf(second)).toEqual([
      {
        name: "railguard.validation_failed",
        "railguard.validator": "lower-case",
        "railguard.path": "$.pet",
        "railguard.action": "fixed",
      },
    ]);
    // Nothing the model was sent or said is recorded.
    expect(JSON.stringify(spans.map((span) => [span.attributes, span.events]))).not.toMatch(
      /secret|Rex/,
    );
  });

  it("marks a call that ends with an error: status ERROR with its message, error.type its code", async () => {
    const memory = memoryTracer();
    const guard = Guard.fromRailString(spec, {
      registry,
      onEvent: otelListener({ tracer: memory.tracer }),
    });
    const down = () => {
      throw new Error("model down");
    };
    const outcome = await guard.call(down, { ...params, maxRetries: 0 });
    expect(outcome.error?.code).toBe("llm-call");

    const spans = memory.spans();
    expect(spans.map((span) => span.name)).toEqual(["chat", "railguard call"]);
    const [round, call] = spans as [ReadableSpan, ReadableSpan];
    expect(parentOf(round)).toBe(call.spanContext().spanId);
    expect(round.attributes).not.toHaveProperty("gen_ai.request.model");
    expect(round.attributes).not.toHaveProperty("gen_ai.usage.input_tokens");
    expect(call.status).toEqual({
      code: SpanStatusCode.ERROR,
      message: expect.stringContaining("model down"),
    });
    expect(call.attributes).toMatchObject({
      "railguard.status": "error",
      "railguard.validation_passed": false,
      "railguard.reasks": 0,
      "error.type": "llm-call",
    });
    expect(call.attributes).not.toHaveProperty("gen_ai.usage.input_tokens");
  });

  it("ends the round a deadline abandoned, with the call", async () => {
    const memory = memoryTracer();
    // A custom on-fail handler that never settles: the deadline abandons its round, which never
    // reports its end.
    const guard = Guard.fromRailString(rail(`<string name="pet" format="no-digits"/>`), {
      registry,
      onFail: { "no-digits": () => new Promise(() => {}) },
      onEvent: otelListener({ tracer: memory.tracer }),
    });
    const outcome = await guard.call(() => '{"pet": "Rex2"}', { ...params, timeoutMs: 30 });
    expect(outcome.error).toMatchObject({ code: "llm-call", kind: "timeout" });
    const spans = memory.spans();
    expect(spans.map((span) => span.name)).toEqual(["chat", "railguard call"]);
    expect(spans[1]?.status.code).toBe(SpanStatusCode.ERROR);
  });

  it("names parse's given output a railguard round, not a model request", async () => {
    const memory = memoryTracer();
    const guard = Guard.fromRailString(spec, {
      registry,
      onEvent: otelListener({ tracer: memory.tracer }),
    });
    await guard.parse('{"pet": "rex"}');
    const spans = memory.spans();
    expect(spans.map((span) => span.name)).toEqual(["railguard round", "railguard parse"]);
    expect(spans[0]?.kind).toBe(SpanKind.INTERNAL);
    expect(spans[0]?.attributes).not.toHaveProperty("gen_ai.operation.name");
    expect(spans[1]?.attributes).toMatchObject({ "railguard.status": "pass" });
  });

  it("keeps concurrent calls' spans apart", async () => {
    const memory = memoryTracer();
    const guard = Guard.fromRailString(spec, {
      registry,
      onEvent: otelListener({ tracer: memory.tracer }),
    });
    await Promise.all([guard.call(answers(), params), guard.call(answers(), params)]);
    const spans = memory.spans();
    const calls = spans.filter((span) => span.name === "railguard call");
    expect(calls).toHaveLength(2);
    for (const call of calls) {
      const rounds = spans.filter((span) => parentOf(span) === call.spanContext().spanId);
      expect(rounds.map((span) => span.attributes["railguard.call.id"])).toEqual([
        call.attributes["railguard.call.id"],
        call.attributes["railguard.call.id"],
      ]);
    }
  });

  it("keeps apart the calls of two guards that share one listener", async () => {
    const memory = memoryTracer();
    const onEvent = otelListener({ tracer: memory.tracer });
    const [one, two] = [1, 2].map(() => Guard.fromRailString(spec, { registry, onEvent }));
    // Each guard's first call, at the same time: ids that count per guard would both be 1.
    const outcomes = await Promise.all([one, two].map((guard) => guard?.call(answers(), params)));
    expect(new Set(outcomes.map((outcome) => outcome?.call.id)).size).toBe(2);
    const spans = memory.spans();
    const calls = spans.filter((span) => span.name === "railguard call");
    expect(calls).toHaveLength(2);
    for (const call of calls) {
      const rounds = spans.filter((span) => parentOf(span) === call.spanContext().spanId);
      expect(rounds).toHaveLength(2);
    }
  });

  it("never breaks the call, whatever the tracer does", async () => {
    const throwing: OtelTracer = {
      startSpan: () => {
        throw new Error("exporter down");
      },
    };
    const guard = Guard.fromRailString(spec, {
      registry,
      onEvent: otelListener({ tracer: throwing }),
    });
    const outcome = await guard.call(answers(), params);
    expect(outcome.validationPassed).toBe(true);
    expect(outcome.validatedOutput).toEqual({ pet: "rex" });
  });

  it("takes the API module and tracer as the SDK makes them, and defaults to the global tracer", async () => {
    expectTypeOf<typeof otelApi>().toExtend<OtelApi>();
    expectTypeOf<Tracer>().toExtend<OtelTracer>();
    // No provider is registered: the global tracer is the API's no-op one, and the call runs.
    const guard = Guard.fromRailString(spec, { registry, onEvent: otelListener({ api: otelApi }) });
    expect((await guard.call(answers(), params)).validationPassed).toBe(true);
    const loaded = Guard.fromRailString(spec, { registry, onEvent: otelListener() });
    expect((await loaded.call(answers(), params)).validationPassed).toBe(true);
  });
});
