import { appendAll } from "../append.js";
import { RailguardError } from "../errors.js";
import { type CallLLMOptions, callLLM, LLMCallError } from "../llm/index.js";
import { promptMessages } from "../llm/messages.js";
import type { LLM, LLMRequest } from "../llm/types.js";
import type { Field } from "../rail/types.js";
import type { CompiledRail, ValidatorBinding } from "../schema/types.js";
import { describeValue } from "../show.js";
import { assembleOutput } from "./assemble.js";
import { GuardConfigError, OutputParseError, OutputShapeError, UnexpectedError } from "./errors.js";
import { type Evaluation, evaluateAnswer } from "./evaluate.js";
import type { Call, CallStatus } from "./history/call.js";
import { type Iteration, type IterationKind, newIteration } from "./history/iteration.js";
import type { ValidationOutcome } from "./outcome.js";
import { checkMetadata, renderFirstPrompt } from "./prepare.js";
import {
  type Continuation,
  type PlannedReask,
  planFieldReask,
  planParseReask,
  planSkeletonReask,
  type ReaskContext,
} from "./reask/build.js";
import { containsMarker } from "./reask/marker.js";
import type { StructuredSchema } from "./structured-schema.js";
import type { CustomOnFail, WalkOptions } from "./validate/state.js";
import { emptyValueOf } from "./validate/walk.js";

/** Everything one call needs; built per call, so parallel calls share nothing mutable. */
export interface RunSetup {
  compiled: CompiledRail;
  call: Call;
  /** The model for the first round (`call`) and for reasks; absent = no reask possible. */
  llm?: LLM;
  /** `parse`: the output to start from instead of asking the model. */
  givenOutput?: string;
  numReasks: number;
  fullSchemaReask: boolean;
  promptParams: Record<string, unknown>;
  metadata: Record<string, unknown>;
  signal?: AbortSignal;
  timeoutMs?: number;
  validatorTimeoutMs?: number;
  /** Retries of plain-function models; callLLM's defaults where unset. */
  retry: RetrySettings;
  /** A field's validators, in the order they run. */
  validatorsFor(field: Field): readonly ValidatorBinding[];
  /** What to offer adapters as `request.jsonSchema`; undefined for a string output. */
  structuredSchema: StructuredSchema | undefined;
  customHandlers?: Readonly<Record<string, CustomOnFail>>;
}

export type RetrySettings = Pick<CallLLMOptions, "maxRetries" | "baseDelayMs">;

interface Round {
  kind: IterationKind;
  prompt?: string;
  instructions?: string;
  /**
   * Whether adapters may ask for structured output with the output's schema. Never for a
   * targeted reask: it sends only the failing leaves, so the full schema would lie.
   */
  sendJsonSchema: boolean;
  continuation: Continuation;
}

/** The guard loop: ask, parse, validate, act on failures, reask while allowed, assemble. */
export async function runGuard<T>(setup: RunSetup): Promise<ValidationOutcome<T>> {
  const started = performance.now();
  const outcome = await runPrepared<T>(setup, started);
  setup.call.ms = performance.now() - started;
  return outcome;
}

/** Nothing reaches the model before the metadata and the first prompt are known to be complete. */
async function runPrepared<T>(setup: RunSetup, started: number): Promise<ValidationOutcome<T>> {
  let first: Round;
  try {
    checkMetadata(setup.compiled, setup.metadata);
    first = firstRound(setup);
  } catch (error) {
    return stop<T>(setup, asRailguardError(error, "before the first round"));
  }
  return runRounds<T>(setup, first, started);
}

async function runRounds<T>(
  setup: RunSetup,
  first: Round,
  started: number,
): Promise<ValidationOutcome<T>> {
  const walkOptions = walkOptionsFor(setup);
  let round = first;
  for (let index = 0; ; index++) {
    const iteration = newIteration(index, round.kind, round.prompt, round.instructions);
    setup.call.iterations.push(iteration);
    const roundStart = performance.now();
    try {
      const step = await runRound<T>(setup, round, iteration, walkOptions, started);
      if ("outcome" in step) return step.outcome;
      round = step.next;
    } catch (error) {
      return stop<T>(setup, asRailguardError(error, `in round ${index}`));
    } finally {
      iteration.ms = performance.now() - roundStart;
    }
  }
}

/**
 * Errors the guard expects are RailguardErrors. Anything else (a stack overflow on a value a
 * custom handler built, a bug) still ends the call with an outcome and a complete history.
 */
function asRailguardError(error: unknown, step: string): RailguardError {
  return error instanceof RailguardError ? error : new UnexpectedError(step, error);
}

/** One round-trip: ask, evaluate, and either finish or plan the next round. */
async function runRound<T>(
  setup: RunSetup,
  round: Round,
  iteration: Iteration,
  walkOptions: WalkOptions,
  started: number,
): Promise<{ outcome: ValidationOutcome<T> } | { next: Round }> {
  const text = await answerFor(setup, round, iteration, started);
  iteration.rawOutput = text;
  const root = setup.compiled.spec.output.root;
  const evaluation = await evaluateAnswer(text, root, round.continuation, walkOptions, iteration);
  if (evaluation.kind === "validated" && evaluation.state.exception) {
    return { outcome: stop<T>(setup, evaluation.state.exception) };
  }
  const planned = planReask(evaluation, text, setup);
  if (!planned) return { outcome: finish<T>(setup, evaluation, text, undefined) };
  const canSend = iteration.index < setup.numReasks && setup.llm !== undefined;
  iteration.reask = { ...planned.request, sent: canSend };
  if (!canSend) return { outcome: finish<T>(setup, evaluation, text, planned) };
  return { next: nextRound(planned) };
}

function walkOptionsFor(setup: RunSetup): WalkOptions {
  const { validatorsFor, metadata, signal, llm, customHandlers, validatorTimeoutMs } = setup;
  return {
    validatorsFor,
    metadata,
    signal,
    llm,
    customHandlers,
    validatorTimeoutMs,
    specDir: setup.compiled.specDir,
    verdictCache: new Map(),
  };
}

function firstRound(setup: RunSetup): Round {
  const base = { kind: "initial" as const, continuation: { mode: "full" as const } };
  if (setup.givenOutput !== undefined) return { ...base, sendJsonSchema: false };
  return {
    ...base,
    ...renderFirstPrompt(setup.compiled, setup.promptParams),
    sendJsonSchema: true,
  };
}

function nextRound({ request, continuation }: PlannedReask): Round {
  const { kind, prompt, instructions } = request;
  return { kind, prompt, instructions, continuation, sendJsonSchema: continuation.mode === "full" };
}

/** The given output for `parse`'s first round; otherwise the model's answer. */
async function answerFor(
  setup: RunSetup,
  round: Round,
  iteration: Iteration,
  started: number,
): Promise<string> {
  if (round.kind === "initial" && setup.givenOutput !== undefined) return setup.givenOutput;
  const { llm, structuredSchema } = setup;
  if (typeof llm !== "function") {
    throw new GuardConfigError(
      `guard.call needs a model: a function (prompt, request) => text, got ${describeValue(llm)}.`,
    );
  }
  const prompt = round.prompt ?? "";
  const structured = round.sendJsonSchema ? structuredSchema : undefined;
  const request: LLMRequest = {
    instructions: round.instructions,
    messages: promptMessages(prompt, round.instructions),
    signal: setup.signal,
    ...(structured && { jsonSchema: structured.schema, jsonSchemaStrict: structured.strict }),
  };
  const timeoutMs = remainingBudget(setup.timeoutMs, started);
  const result = await callLLM(llm, prompt, request, { ...setup.retry, timeoutMs });
  iteration.usage = result.usage;
  return result.text;
}

/** What is left of the call's total `timeoutMs` (reasks included) for the next model call. */
function remainingBudget(timeoutMs: number | undefined, started: number): number | undefined {
  if (timeoutMs === undefined) return undefined;
  const remaining = timeoutMs - (performance.now() - started);
  if (remaining > 0) return remaining;
  throw new LLMCallError("timeout", `timed out after ${timeoutMs} ms (the call's total budget)`);
}

/** The reask an evaluation calls for, if any. A refrain stops without one. */
function planReask(evaluation: Evaluation, raw: string, setup: RunSetup): PlannedReask | undefined {
  const context: ReaskContext = {
    compiled: setup.compiled,
    promptParams: setup.promptParams,
    fullSchemaReask: setup.fullSchemaReask,
  };
  switch (evaluation.kind) {
    case "unparseable":
      return planParseReask(raw, evaluation.error, context);
    case "mismatch":
      return planSkeletonReask(evaluation.value, evaluation.mismatches, context);
    case "validated": {
      const { state, tree } = evaluation;
      if (state.refrained || !containsMarker(tree)) return undefined;
      return planFieldReask(tree, context);
    }
  }
}

/** The call ended normally: assemble what the last round produced. */
function finish<T>(
  setup: RunSetup,
  evaluation: Evaluation,
  raw: string,
  unsent: PlannedReask | undefined,
): ValidationOutcome<T> {
  const { call } = setup;
  const reask = unsent?.request;
  if (evaluation.kind === "unparseable") {
    const error = new OutputParseError(evaluation.error);
    return record<T>(call, "fail", { ...empty(raw), error, reask });
  }
  if (evaluation.kind === "mismatch") {
    const error = new OutputShapeError(evaluation.mismatches);
    return record<T>(call, "fail", { ...empty(raw), error, reask });
  }
  const { state, tree } = evaluation;
  const last = call.iterations.at(-1);
  if (state.refrained) {
    const { failures } = state;
    if (last) appendAll(last.failures, failures);
    const validatedOutput = emptyValueOf(setup.compiled.spec.output.root);
    return record<T>(call, "fail", { ...empty(raw), validatedOutput, refrained: true, failures });
  }
  const { value, unanswered, unansweredFixes } = assembleOutput(tree);
  const failures = [...state.failures, ...unanswered];
  if (last) appendAll(last.failures, failures);
  const passed = failures.length === 0;
  return record<T>(call, passed ? "pass" : "fail", {
    ...empty(raw),
    validatedOutput: value,
    validationPassed: passed,
    failures,
    unansweredFixes,
    reask,
  });
}

/** The call was stopped by an error: a model failure, an exception action, a template error. */
function stop<T>(setup: RunSetup, error: RailguardError): ValidationOutcome<T> {
  const raw = setup.call.rawOutputs.at(-1) ?? null;
  return record<T>(setup.call, "error", { ...empty(raw), error });
}

type Fields = Omit<ValidationOutcome<unknown>, "call">;

const empty = (raw: string | null): Fields => ({
  rawOutput: raw,
  validatedOutput: null,
  validationPassed: false,
  refrained: false,
  failures: [],
  unansweredFixes: [],
});

/** Writes the ending into the call's history entry and returns the outcome. */
function record<T>(call: Call, status: CallStatus, fields: Fields): ValidationOutcome<T> {
  call.validatedOutput = fields.validatedOutput;
  call.validationPassed = fields.validationPassed;
  call.refrained = fields.refrained;
  call.unansweredFixes = fields.unansweredFixes;
  call.error = fields.error;
  call.status = status;
  return { ...fields, validatedOutput: fields.validatedOutput as T | null, call };
}
