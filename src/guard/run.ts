import { appendAll } from "../append.js";
import { RailguardError } from "../errors.js";
import { type CallLLMOptions, callLLM, LLMCallError } from "../llm/index.js";
import { promptMessages } from "../llm/messages.js";
import type { ChatMessage, LLM, LLMRequest } from "../llm/types.js";
import type { Field } from "../rail/types.js";
import type { InputBindings } from "../schema/input-bindings.js";
import type { CompiledRail, ValidatorBinding } from "../schema/types.js";
import { describeValue } from "../show.js";
import { CALL_WORK_BUDGET_MS, WorkBudget } from "../validators/work-budget.js";
import { assembleOutput } from "./assemble.js";
import {
  GuardConfigError,
  OutputParseError,
  OutputShapeError,
  UnexpectedError,
  ValidationError,
} from "./errors.js";
import { type Evaluation, evaluateAnswer } from "./evaluate.js";
import { finalCheck } from "./final-check.js";
import type { Call, CallStatus } from "./history/call.js";
import { type Iteration, type IterationKind, newIteration } from "./history/iteration.js";
import { checkInputs, type InputCheck } from "./input/check.js";
import { withInputFailures } from "./input/outcome.js";
import { type GuardOutcome, guardOutcome, type OutcomeData } from "./outcome.js";
import { checkMetadata, renderFirstPrompt } from "./prepare.js";
import {
  type Continuation,
  type PlannedReask,
  planFieldReask,
  planParseReask,
  planSkeletonReask,
  type ReaskContext,
} from "./reask/build.js";
import { type ReaskContextMode, reaskMessages, systemOf } from "./reask/conversation.js";
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
  reaskContext: ReaskContextMode;
  promptParams: Record<string, unknown>;
  metadata: Record<string, unknown>;
  signal?: AbortSignal;
  timeoutMs?: number;
  validatorTimeoutMs?: number;
  /** Retries of plain-function models; callLLM's defaults where unset. */
  retry: RetrySettings;
  /** A field's validators, in the order they run. */
  validatorsFor(field: Field): readonly ValidatorBinding[];
  /** The spec's, the guard's and the call's validators on the first prompt and instructions. */
  inputBindings: InputBindings;
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
  /** The conversation sent: the instructions and prompt, or a whole exchange (`conversation`). */
  messages: ChatMessage[];
  /** The first round's input validation: logged in its iteration; an error stops it unsent. */
  inputs?: InputCheck;
}

/** The guard loop: ask, parse, validate, act on failures, reask while allowed, assemble. */
export async function runGuard<T>(setup: RunSetup): Promise<GuardOutcome<T>> {
  const started = performance.now();
  const outcome = await runPrepared<T>(setup, started);
  setup.call.ms = performance.now() - started;
  return outcome;
}

/** Nothing reaches the model before the metadata and the first prompt are known to be complete. */
async function runPrepared<T>(setup: RunSetup, started: number): Promise<GuardOutcome<T>> {
  let first: Round;
  try {
    checkMetadata(setup.compiled, setup.metadata, inputsToRun(setup));
    first = await firstRound(setup);
  } catch (error) {
    return stop<T>(setup, asRailguardError(error, "before the first round"));
  }
  const outcome = await runRounds<T>(setup, first, started);
  return withInputFailures(outcome, first.inputs?.failures ?? []);
}

async function runRounds<T>(
  setup: RunSetup,
  first: Round,
  started: number,
): Promise<GuardOutcome<T>> {
  const walkOptions = walkOptionsFor(setup);
  let round = first;
  for (let index = 0; ; index++) {
    const iteration = newIteration(index, round.kind, round.prompt, round.instructions);
    iteration.validatorLogs.push(...(round.inputs?.logs ?? []));
    if (round.kind !== "initial" && setup.reaskContext === "conversation") {
      iteration.messages = round.messages;
    }
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
  return RailguardError.isInstance(error) ? error : new UnexpectedError(step, error);
}

/** One round-trip: ask, evaluate, and either finish or plan the next round. */
async function runRound<T>(
  setup: RunSetup,
  round: Round,
  iteration: Iteration,
  walkOptions: WalkOptions,
  started: number,
): Promise<{ outcome: GuardOutcome<T> } | { next: Round }> {
  if (round.inputs?.error) throw round.inputs.error;
  const text = await answerFor(setup, round, iteration, started);
  iteration.rawOutput = text;
  const root = setup.compiled.spec.output.root;
  const evaluation = await evaluateAnswer(text, root, round.continuation, walkOptions, iteration);
  if (evaluation.kind === "validated" && evaluation.state.exception) {
    return { outcome: stop<T>(setup, evaluation.state.exception) };
  }
  const planned = planReask(evaluation, text, setup);
  if (!planned)
    return { outcome: await finish<T>(setup, evaluation, text, undefined, walkOptions) };
  const canSend = iteration.index < setup.numReasks && setup.llm !== undefined;
  iteration.reask = { ...planned.request, sent: canSend };
  if (!canSend) return { outcome: await finish<T>(setup, evaluation, text, planned, walkOptions) };
  return { next: nextRound(planned, round.messages, text, setup.reaskContext) };
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
    budget: new WorkBudget(CALL_WORK_BUDGET_MS),
  };
}

/** The input validators this call runs: none for `parse`, which sends no prompt. */
function inputsToRun({ givenOutput, inputBindings }: RunSetup): ValidatorBinding[] {
  if (givenOutput !== undefined) return [];
  return [...inputBindings.instructions, ...inputBindings.prompt];
}

/** The rendered first prompt and instructions, as the input validators leave them. */
async function firstRound(setup: RunSetup): Promise<Round> {
  const base = { kind: "initial" as const, continuation: { mode: "full" as const } };
  if (setup.givenOutput !== undefined) return { ...base, sendJsonSchema: false, messages: [] };
  const rendered = renderFirstPrompt(setup.compiled, setup.promptParams);
  const inputs = await checkInputs(rendered, setup.inputBindings, walkOptionsFor(setup));
  const { prompt = "", instructions } = inputs.texts;
  const messages = promptMessages(prompt, instructions);
  return { ...base, prompt, instructions, messages, inputs, sendJsonSchema: true };
}

/** The reask round: its prompt, and the messages the reask context calls for. */
function nextRound(
  { request, continuation }: PlannedReask,
  sent: ChatMessage[],
  answer: string,
  mode: ReaskContextMode,
): Round {
  const { kind, prompt } = request;
  const messages = reaskMessages(mode, sent, answer, request);
  const instructions = mode === "conversation" ? systemOf(messages) : request.instructions;
  const sendJsonSchema = continuation.mode === "full";
  return { kind, prompt, instructions, messages, continuation, sendJsonSchema };
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
    messages: round.messages,
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
    instructions: setup.call.iterations[0]?.instructions,
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

/**
 * The call ended normally: assemble what the last round produced, then check it once more
 * (`finalCheck`). It passes only when no failure stands: no unanswered reask (even one a fix value
 * stands in for), no refrain, and a value valid against the schema that every validator accepts.
 */
async function finish<T>(
  setup: RunSetup,
  evaluation: Evaluation,
  raw: string,
  unsent: PlannedReask | undefined,
  walkOptions: WalkOptions,
): Promise<GuardOutcome<T>> {
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
  const { value, unanswered, unansweredFixes } = assembleOutput(tree, last?.unmatchedSlots);
  const standing = [...state.failures, ...unanswered];
  const checked = await finalCheck(setup.compiled, value, walkOptions, state.logs, standing);
  if (last) appendAll(last.validatorLogs, checked.logs);
  const failures = [...standing, ...checked.failures];
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
function stop<T>(setup: RunSetup, error: RailguardError): GuardOutcome<T> {
  const raw = setup.call.rawOutputs.at(-1) ?? null;
  const failures = error instanceof ValidationError ? [...error.failures] : [];
  return record<T>(setup.call, "error", { ...empty(raw), error, failures });
}

type Fields = Omit<OutcomeData, "call">;

const empty = (raw: string | null): Fields => ({
  rawOutput: raw,
  validatedOutput: null,
  validationPassed: false,
  refrained: false,
  failures: [],
  unansweredFixes: [],
});

/** Writes the ending into the call's history entry and returns the outcome. */
function record<T>(call: Call, status: CallStatus, fields: Fields): GuardOutcome<T> {
  call.validatedOutput = fields.validatedOutput;
  call.validationPassed = fields.validationPassed;
  call.refrained = fields.refrained;
  call.unansweredFixes = fields.unansweredFixes;
  call.error = fields.error;
  call.status = status;
  return guardOutcome<T>({ ...fields, call });
}
