import { createRequire } from "node:module";
import { errorMessage } from "../errors.js";
import { GuardConfigError } from "../guard/errors.js";
import type { GuardEvent, GuardEventListener } from "../guard/events.js";
import { packageVersion } from "../version.js";

/**
 * The parts of an OpenTelemetry span this listener uses. Declared here, not imported, so that
 * railguard's types compile without `@opentelemetry/api` installed; its `Span` fits.
 */
export interface OtelSpan {
  setAttribute(key: string, value: string | number | boolean): unknown;
  addEvent(name: string, attributes?: Record<string, string | number | boolean>): unknown;
  setStatus(status: { code: number; message?: string }): unknown;
  end(): void;
}

/** The parts of an OpenTelemetry `Tracer` this listener uses; the API's `Tracer` fits. */
export interface OtelTracer {
  startSpan(name: string, options?: { kind?: number }, context?: unknown): OtelSpan;
}

/** The parts of the `@opentelemetry/api` module this listener uses: `import * as api` fits. */
export interface OtelApi {
  trace: {
    getTracer(name: string, version?: string): OtelTracer;
    setSpan(context: never, span: never): unknown;
  };
  context: { active(): unknown };
  SpanKind: { INTERNAL: number; CLIENT: number };
  SpanStatusCode: { ERROR: number };
}

export interface OtelListenerOptions {
  /** The tracer to make spans with; by default `trace.getTracer("railguard", version)`. */
  tracer?: OtelTracer;
  /** The `@opentelemetry/api` module, for bundles where it cannot be `require`d; loaded if absent. */
  api?: OtelApi;
  /** The model asked, as `gen_ai.request.model`: a guard's model is a function, its name unknown. */
  model?: string;
  /** `gen_ai.operation.name` of the rounds that ask the model: `chat` unless told. */
  operation?: string;
}

/** What one call's spans need until its `call-end`. */
interface OpenCall {
  span: OtelSpan;
  /** The context the call's rounds start in: the call span's. */
  context: unknown;
  asksModel: boolean;
  round?: { index: number; span: OtelSpan; failures: number };
  repairs: number;
  reasks: number;
  inputTokens: number;
  outputTokens: number;
  sawUsage: boolean;
}

/**
 * A `GuardOptions.onEvent` listener that makes an OpenTelemetry span per call (`railguard call`,
 * or `railguard parse`) and a child span per round (`chat <model>` when it asks the model, as the
 * GenAI semantic conventions name an inference; `railguard round` for `parse`'s given output).
 * Attributes count tokens, repairs, failures and reasks, and give the outcome; a failed verdict is
 * an event on its round's span; a call that ends with an error gets status ERROR. No prompt, output
 * or value is recorded. The call span starts in the active context, so it nests under the caller's
 * span. Calls are told apart by id, which is unique in the process: one listener may serve
 * several guards.
 *
 * Throws a GuardConfigError when neither `api` is given nor `@opentelemetry/api` installed.
 */
export function otelListener(options: OtelListenerOptions = {}): GuardEventListener {
  const api = options.api ?? loadApi();
  const tracer = options.tracer ?? api.trace.getTracer("railguard", packageVersion());
  const operation = options.operation ?? "chat";
  const model = options.model;
  const calls = new Map<number, OpenCall>();
  const childOf = (span: OtelSpan) =>
    api.trace.setSpan(api.context.active() as never, span as never);

  return (event) => {
    if (event.type === "call-start") {
      const span = tracer.startSpan(`railguard ${event.inputs.mode}`, {
        kind: api.SpanKind.INTERNAL,
      });
      span.setAttribute("railguard.call.id", event.call);
      if (model !== undefined) span.setAttribute("gen_ai.request.model", model);
      calls.set(event.call, {
        span,
        context: childOf(span),
        asksModel: event.inputs.mode === "call",
        repairs: 0,
        reasks: 0,
        inputTokens: 0,
        outputTokens: 0,
        sawUsage: false,
      });
      return;
    }
    const open = calls.get(event.call);
    if (!open) return;
    if (event.type === "call-end") {
      endRound(open);
      endCall(open, event, api);
      calls.delete(event.call);
      return;
    }
    if (event.type === "round-start") {
      endRound(open);
      // `parse` starts from a given output: its first round asks no model.
      const asksModel = open.asksModel || event.round > 0;
      const name = !asksModel
        ? "railguard round"
        : model === undefined
          ? operation
          : `${operation} ${model}`;
      const kind = asksModel ? api.SpanKind.CLIENT : api.SpanKind.INTERNAL;
      const span = tracer.startSpan(name, { kind }, open.context);
      span.setAttribute("railguard.call.id", event.call);
      span.setAttribute("railguard.round", event.round);
      span.setAttribute("railguard.round.kind", event.kind);
      span.setAttribute("railguard.repairs", 0);
      span.setAttribute("railguard.failures", 0);
      if (asksModel) span.setAttribute("gen_ai.operation.name", operation);
      if (asksModel && model !== undefined) span.setAttribute("gen_ai.request.model", model);
      open.round = { index: event.round, span, failures: 0 };
      return;
    }
    const round = open.round;
    if (!round || round.index !== event.round) return;
    onRoundEvent(open, round, event);
  };
}

function onRoundEvent(
  open: OpenCall,
  round: NonNullable<OpenCall["round"]>,
  event: GuardEvent,
): void {
  const { span } = round;
  switch (event.type) {
    case "model-answer":
      if (!event.usage) return;
      span.setAttribute("gen_ai.usage.input_tokens", event.usage.promptTokens);
      span.setAttribute("gen_ai.usage.output_tokens", event.usage.completionTokens);
      open.inputTokens += event.usage.promptTokens;
      open.outputTokens += event.usage.completionTokens;
      open.sawUsage = true;
      return;
    case "parsed":
      span.setAttribute("railguard.repairs", event.repairs.length);
      open.repairs += event.repairs.length;
      if (event.error !== undefined) span.addEvent("railguard.unparsed");
      return;
    case "verdicts":
      for (const log of event.logs) {
        if (log.outcome !== "fail") continue;
        round.failures += 1;
        span.addEvent("railguard.validation_failed", {
          "railguard.validator": log.validator,
          "railguard.path": log.path,
          "railguard.action": log.actionTaken,
        });
      }
      if (event.logs.some((log) => log.outcome === "fail")) {
        span.setAttribute("railguard.failures", round.failures);
      }
      return;
    case "fix-stood-in":
      span.addEvent("railguard.fix_stood_in", {
        "railguard.validator": event.validator,
        "railguard.path": event.path,
      });
      return;
    case "reask-planned":
      if (event.sent) open.reasks += 1;
      span.addEvent("railguard.reask_planned", {
        "railguard.reask.kind": event.request.kind,
        "railguard.reask.sent": event.sent,
      });
      return;
    case "round-end":
      endRound(open);
      return;
  }
}

function endRound(open: OpenCall): void {
  open.round?.span.end();
  open.round = undefined;
}

function endCall(
  open: OpenCall,
  event: Extract<GuardEvent, { type: "call-end" }>,
  api: OtelApi,
): void {
  const { span } = open;
  span.setAttribute("railguard.status", event.status);
  span.setAttribute("railguard.validation_passed", event.validationPassed);
  span.setAttribute("railguard.failures", event.failures.length);
  span.setAttribute("railguard.repairs", open.repairs);
  span.setAttribute("railguard.reasks", open.reasks);
  if (open.sawUsage) {
    span.setAttribute("gen_ai.usage.input_tokens", open.inputTokens);
    span.setAttribute("gen_ai.usage.output_tokens", open.outputTokens);
  }
  if (event.error) {
    span.setAttribute("error.type", event.error.code);
    span.setStatus({ code: api.SpanStatusCode.ERROR, message: errorMessage(event.error) });
  }
  span.end();
}

/** `@opentelemetry/api`, required on first use: railguard works without it installed. */
function loadApi(): OtelApi {
  try {
    return createRequire(import.meta.url)("@opentelemetry/api") as OtelApi;
  } catch (error) {
    throw new GuardConfigError(
      `otelListener needs @opentelemetry/api (npm install @opentelemetry/api), or pass it as \`api\`: ${errorMessage(error)}`,
    );
  }
}
