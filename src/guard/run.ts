import type { ValidatorBinding } from "../contract/binding.js";
import type { AskModel } from "../contract/types.js";
import { CALL_WORK_BUDGET_MS, WorkBudget } from "../contract/work-budget.js";
import { CallDeadline } from "../deadline.js";
import { RailguardError } from "../errors.js";
import { type CallLLMOptions, callLLM, LLMCallError } from "../llm/index.js";
import { promptMessages } from "../llm/messages.js";
import type { ChatMessage, LLM, LLMRequest, TokenUsage } from "../llm/types.js";
import { parseOutput } from "../parse/index.js";
import type { Field } from "../rail/types.js";
import type { InputBindings } from "../schema/input-bindings.js";
import type { CompiledRail } from "../schema/types.js";
import { describeValue } from "../show.js";
import { assembleOutput } from "./assemble.js";
import {
  GuardConfigError,
  OutputParseError,
  OutputShapeError,
  UnexpectedError,
  ValidationError,
} from "./errors.js";
import { type Evaluation, evaluateAnswer } from "./evaluate.js";
import {
  callEndEvent,
  type GuardEvent,
  type Remaking,
  type RoundEventBody,
  verdictsEvent,
} from "./events.js";
import { type FinalCheck, finalCheck } from "./final-check.js";
import type { Call, CallStatus } from "./history/call.js";
import type { IterationKind } from "./history/iteration.js";
import type { ValidatorLogList } from "./history/log-list.js";
import type { UnansweredFix, ValidationFailure } from "./history/validator-log.js";
import { checkInputs, type InputCheck } from "./input/check.js";
import { type GuardOutcome, guardOutcome, type OutcomeData } from "./outcome.js";
import { formatPath } from "./paths.js";
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
import type { StructuredSchema } from "./structured-schema.js";
import { ownCopy } from "./validate/own-copy.js";
import { type CustomOnFail, hasRefrained, isAltered, type WalkOptions } from "./validate/state.js";
import { emptyValueOf, replayedWalk } from "./validate/walk.js";

/** Everything one call needs; built per call, so parallel calls share nothing mutable. */
export interface RunSetup {
  compiled: CompiledRail;
  call: Call;
  /** The model for the first round (`call`) and for reasks; absent = no reask possible. */
  llm?: LLM;
  /** Asks `llm` an inner-guard question, for validators that consult the model. */
  ask?: AskModel;
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
  /** Announces a step of the call to the history and the guard's listeners. */
  emit(event: GuardEvent): void;
  /** What the call has learnt so far, shared by every step of it (an object, never replaced). */
  progress: CallProgress;
}

export interface CallProgress {
  /** The last text the model returned. */
  lastAnswer?: string;
  /** Failures the input validators left standing: the call cannot pass. */
  inputFailures?: readonly ValidationFailure[];
  /**
   * Set when the last round's value is the answer as `JSON.parse` read it, untouched and passed
   * plainly by every validator: the record can make it again (see `Remaking`).
   */
  pure?: { value: unknown; remaking: Remaking };
  /**
   * The output walk under way: the verdicts it has given so far (not yet announced, as a round's
   * verdicts are announced once its walk ends), and its round's `emit`.
   */
  walking?: { logs: ValidatorLogList; emit: EmitRound };
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

/** A step's result now, or the promise of it once the step had to wait. */
type Pending<T> = T | Promise<T>;

/** Announces one step of a round, stamped with its call and round. */
export type EmitRound = (event: RoundEventBody) => void;

/**
 * The event a round's step announces: its body, a fresh object made for the announcement, given
 * its call and round in place (a copy per event, times every step of every call, is waste).
 */
function stamped(body: RoundEventBody, call: number, round: number): GuardEvent {
  const event = body as RoundEventBody & { call: number; round: number };
  event.call = call;
  event.round = round;
  return event as GuardEvent;
}

/**
 * The guard loop: ask, parse, validate, act on failures, reask while allowed, assemble.
 *
 * Synchronous until a step hands it a promise (the model, an asynchronous validator or handler, a
 * deadline): `parse` of an output whose validators are synchronous runs in one go, with none of
 * the microtasks and suspended frames an `async` step per stage costs (they were most of a small
 * call's fixed cost). What is returned is the outcome, or its promise.
 */
export function runGuard<T>(setup: RunSetup): GuardOutcome<T> | Promise<GuardOutcome<T>> {
  const started = performance.now();
  setup.emit({ type: "call-start", call: setup.call.id, inputs: setup.call.inputs });
  const running = withinDeadline(setup, started);
  if (running instanceof Promise)
    return running.then((outcome) => endCall<T>(setup, outcome, started));
  return endCall<T>(setup, running, started);
}

function endCall<T>(setup: RunSetup, outcome: OutcomeData, started: number): GuardOutcome<T> {
  const { pure } = setup.progress;
  const remaking = pure?.value === outcome.validatedOutput ? pure?.remaking : undefined;
  const body = {
    call: setup.call.id,
    status: statusOf(outcome),
    validationPassed: outcome.validationPassed,
    validatedOutput: outcome.validatedOutput,
    refrained: outcome.refrained,
    failures: outcome.failures,
    unansweredFixes: outcome.unansweredFixes,
    error: outcome.error,
    ms: performance.now() - started,
  };
  setup.emit(callEndEvent(body, remaking));
  // The caller's own copies: the history keeps the value returned (and reads its logs of passed
  // items back from it), its failures and fix values, so a change the caller makes to them must
  // not reach the record. Unless the record took the means to make the value again instead.
  if (!remaking?.taken) outcome.validatedOutput = ownCopy(outcome.validatedOutput);
  outcome.failures = ownCopy(outcome.failures) as ValidationFailure[];
  outcome.unansweredFixes = ownCopy(outcome.unansweredFixes) as UnansweredFix[];
  return guardOutcome<T>(outcome);
}

/** The call, raced against its deadline when it has one (`timeoutMs`, `signal`; see `raceDeadline`). */
function withinDeadline(setup: RunSetup, started: number): Pending<OutcomeData> {
  // With neither option there is nothing to race, and no timer is made.
  if (setup.signal === undefined && setup.timeoutMs === undefined) {
    return runPrepared(setup, started);
  }
  return raceDeadline(setup, started);
}

/**
 * Every wait of the call (the model, validators, a custom on-fail handler) ends when `timeoutMs`
 * runs out or the caller's `signal` aborts. Work that honours the signal (validators get the
 * deadline's, and so does the model) has a moment to finish and say why; work that ignores it is
 * abandoned and the call stops with the deadline's `LLMCallError`, as does a call that would pass
 * only after the deadline fired. Nothing an abandoned step does later reaches the history.
 */
async function raceDeadline(setup: RunSetup, started: number): Promise<OutcomeData> {
  const deadline = new CallDeadline(setup.signal, setup.timeoutMs);
  let abandoned = false;
  const emit = (event: GuardEvent) => {
    if (!abandoned) setup.emit(event);
  };
  // A promise whatever the call does: one that throws at once (the error that stops it cannot
  // be turned into an outcome) rejects it as before, and the deadline below is still disposed.
  const running = new Promise<OutcomeData>((resolve) =>
    resolve(runPrepared({ ...setup, signal: deadline.signal, emit }, started)),
  );
  try {
    const outcome = await Promise.race([running, afterDeadline(setup, deadline, running)]);
    // A pass that ends after the deadline fired is none: a check it stopped fails, and `filter`
    // (or a custom handler) may then have dropped the value it never checked.
    if (outcome.validationPassed && deadline.failure) return stop(setup, deadline.failure);
    return outcome;
  } finally {
    abandoned = true;
    deadline.dispose();
  }
}

/** How long work that honours an abort gets to wind down before it is abandoned. */
const ABORT_GRACE_MS = 50;

/** Settles (never first, while `running` can still finish in time) once the deadline fires. */
function afterDeadline(
  setup: RunSetup,
  deadline: CallDeadline,
  running: Promise<OutcomeData>,
): Promise<OutcomeData> {
  return new Promise((resolve) => {
    const giveUp = () => {
      const timer = setTimeout(() => {
        announceAbandonedWalk(setup.progress);
        const failure =
          deadline.failure ?? new LLMCallError("aborted", "the call's deadline fired");
        resolve(stop(setup, failure));
      }, ABORT_GRACE_MS);
      running.finally(() => clearTimeout(timer)).catch(() => {});
    };
    if (deadline.signal.aborted) giveUp();
    else deadline.signal.addEventListener("abort", giveUp, { once: true });
  });
}

/**
 * The verdicts a walk the call gives up on (its deadline fired, or something in it threw) gave
 * before it stopped: they happened, and the history shows every verdict. What the walk does after
 * this is not heard (see `withinDeadline`).
 */
function announceAbandonedWalk(progress: CallProgress): void {
  const { walking } = progress;
  progress.walking = undefined;
  if (walking && walking.logs.length > 0) walking.emit(verdictsEvent(walking.logs));
}

/**
 * `error` when something stopped the call (a model failure, an exception action, a bad template),
 * `fail` when it ran to the end and did not pass (an answer that never parsed included).
 */
function statusOf(outcome: OutcomeData): Exclude<CallStatus, "running"> {
  if (outcome.validationPassed) return "pass";
  const { error } = outcome;
  if (!error || OutputParseError.isInstance(error) || OutputShapeError.isInstance(error)) {
    return "fail";
  }
  return "error";
}

/** Nothing reaches the model before the metadata and the first prompt are known to be complete. */
function runPrepared(setup: RunSetup, started: number): Pending<OutcomeData> {
  // One set for the whole call: the input and the output validators share its verdict cache and
  // its regex budget.
  const walkOptions = walkOptionsFor(setup);
  const failed = (error: unknown) => stop(setup, asRailguardError(error, "before the first round"));
  const begin = (first: Round) => {
    setup.progress.inputFailures = first.inputs?.failures;
    return runRounds(setup, first, walkOptions, started, 0);
  };
  let first: Round | Promise<Round>;
  try {
    checkMetadata(setup.compiled, setup.metadata, inputsToRun(setup));
    first = setup.givenOutput !== undefined ? givenRound() : firstRound(setup, walkOptions);
  } catch (error) {
    return failed(error);
  }
  return first instanceof Promise ? first.then(begin, failed) : begin(first);
}

/**
 * The rounds from `first` (the `firstIndex`th) on, until one ends the call. A round that waits
 * (every reask does: the model is asked) ends this loop, and its promise runs the rest.
 */
function runRounds(
  setup: RunSetup,
  first: Round,
  walkOptions: WalkOptions,
  started: number,
  firstIndex: number,
): Pending<OutcomeData> {
  let round = first;
  for (let index = firstIndex; ; index++) {
    const call = setup.call.id;
    const emit: EmitRound = (body) => setup.emit(stamped(body, call, index));
    const { kind, prompt, instructions } = round;
    const start: RoundEventBody = { type: "round-start", kind, prompt, instructions };
    if (round.kind !== "initial" && setup.reaskContext === "conversation") {
      start.messages = round.messages;
    }
    emit(start);
    const inputLogs = round.inputs?.logs;
    if (inputLogs !== undefined && inputLogs.length > 0)
      emit({ type: "verdicts", logs: inputLogs });
    const roundStart = performance.now();
    const ended = () => emit({ type: "round-end", ms: performance.now() - roundStart });
    const failed = (error: unknown): Step => {
      try {
        announceAbandonedWalk(setup.progress);
        return { outcome: stop(setup, asRailguardError(error, `in round ${index}`)) };
      } catch (stopping) {
        // Not even an outcome could be made of it: the call rejects, its round ended all the same.
        ended();
        throw stopping;
      }
    };
    let step: Pending<Step>;
    try {
      step = runRound(setup, round, index, emit, walkOptions, started);
    } catch (error) {
      step = failed(error);
    }
    if (step instanceof Promise) {
      return step.then(undefined, failed).then((settled) => {
        ended();
        if ("outcome" in settled) return settled.outcome;
        return runRounds(setup, settled.next, walkOptions, started, index + 1);
      });
    }
    ended();
    if ("outcome" in step) return step.outcome;
    round = step.next;
  }
}

/** How a round ended: the call's outcome, or the round to send next. */
type Step = { outcome: OutcomeData } | { next: Round };

/**
 * Errors the guard expects are RailguardErrors. Anything else (a stack overflow on a value a
 * custom handler built, a bug) still ends the call with an outcome and a complete history.
 */
function asRailguardError(error: unknown, step: string): RailguardError {
  return RailguardError.isInstance(error) ? error : new UnexpectedError(step, error);
}

/** One round-trip: ask, evaluate, and either finish or plan the next round. */
function runRound(
  setup: RunSetup,
  round: Round,
  index: number,
  emit: EmitRound,
  walkOptions: WalkOptions,
  started: number,
): Pending<Step> {
  if (round.inputs?.error) throw round.inputs.error;
  const answered = (text: string, usage?: TokenUsage) =>
    evaluateRound(setup, text, usage, round, index, emit, walkOptions);
  // `parse`'s given output is there already: nothing to wait for.
  const given = round.kind === "initial" ? setup.givenOutput : undefined;
  if (given !== undefined) return answered(given);
  return askModel(setup, round, started).then(({ text, usage }) => answered(text, usage));
}

/** The answer parsed and validated, then the call finished or the next round planned. */
function evaluateRound(
  setup: RunSetup,
  text: string,
  usage: TokenUsage | undefined,
  round: Round,
  index: number,
  emit: EmitRound,
  walkOptions: WalkOptions,
): Pending<Step> {
  setup.progress.lastAnswer = text;
  emit({ type: "model-answer", text, usage });
  const watch = (logs: ValidatorLogList | undefined) => {
    setup.progress.walking = logs && { logs, emit };
  };
  const root = setup.compiled.spec.output.root;
  const evaluating = evaluateAnswer(text, round.continuation, { root, walkOptions, emit, watch });
  const next = (evaluation: Evaluation) =>
    nextStep(setup, evaluation, text, round, index, emit, walkOptions);
  return evaluating instanceof Promise ? evaluating.then(next) : next(evaluating);
}

/** After the answer's evaluation: stop on an `exception`, finish, or plan the next round. */
function nextStep(
  setup: RunSetup,
  evaluation: Evaluation,
  text: string,
  round: Round,
  index: number,
  emit: EmitRound,
  walkOptions: WalkOptions,
): Pending<Step> {
  const halt = evaluation.kind === "validated" ? evaluation.state.halt : undefined;
  if (halt?.reason === "exception") return { outcome: stop(setup, halt.error) };
  const planned = planReask(evaluation, text, setup);
  const ending = (unsent: PlannedReask | undefined): Pending<Step> => {
    const finished = finish(setup, evaluation, text, unsent, walkOptions, emit);
    return finished instanceof Promise
      ? finished.then((outcome) => ({ outcome }))
      : { outcome: finished };
  };
  if (!planned) {
    notePure(setup, evaluation, round, text, index);
    return ending(undefined);
  }
  const canSend = index < setup.numReasks && setup.llm !== undefined;
  emit({ type: "reask-planned", request: planned.request, sent: canSend });
  if (!canSend) return ending(planned);
  return { next: nextRound(planned, round.messages, text, setup.reaskContext) };
}

function walkOptionsFor(setup: RunSetup): WalkOptions {
  const { validatorsFor, metadata, signal, llm, ask, customHandlers, validatorTimeoutMs } = setup;
  return {
    validatorsFor,
    metadata,
    signal,
    llm,
    ask,
    customHandlers,
    validatorTimeoutMs,
    specDir: setup.compiled.specDir,
    // Only a later round gives the same validators the same values again.
    verdictCache: llm !== undefined && setup.numReasks > 0 ? new Map() : undefined,
    budget: new WorkBudget(CALL_WORK_BUDGET_MS),
  };
}

/** The input validators this call runs: none for `parse`, which sends no prompt. */
function inputsToRun({ givenOutput, inputBindings }: RunSetup): ValidatorBinding[] {
  if (givenOutput !== undefined) return [];
  return [...inputBindings.instructions, ...inputBindings.prompt];
}

/** `parse`'s first round: the output is given, nothing is sent. */
const givenRound = (): Round => ({
  kind: "initial",
  continuation: { mode: "full" },
  sendJsonSchema: false,
  messages: [],
});

/** The rendered first prompt and instructions, as the input validators leave them. */
async function firstRound(setup: RunSetup, walkOptions: WalkOptions): Promise<Round> {
  const base = { kind: "initial" as const, continuation: { mode: "full" as const } };
  const rendered = renderFirstPrompt(setup.compiled, setup.promptParams);
  const inputs = await checkInputs(rendered, setup.inputBindings, walkOptions);
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

/** The model's answer to a round. */
async function askModel(
  setup: RunSetup,
  round: Round,
  started: number,
): Promise<{ text: string; usage?: TokenUsage }> {
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
    // The model's own copy: the round's are the record of what was sent, and the next round's
    // conversation is built from them.
    messages: round.messages.map((message) => ({ ...message })),
    signal: setup.signal,
    // Its own copy too: the schema is the guard's, sent with every call.
    ...(structured && {
      jsonSchema: structuredClone(structured.schema),
      jsonSchemaStrict: structured.strict,
    }),
  };
  const timeoutMs = remainingBudget(setup.timeoutMs, started);
  const { text, usage } = await callLLM(llm, prompt, request, { ...setup.retry, timeoutMs });
  return { text, usage };
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
      const { state, tree, slots } = evaluation;
      if (hasRefrained(state) || slots.length === 0) return undefined;
      return planFieldReask(tree, slots, context);
    }
  }
}

/**
 * Whether the round's value, the one the call returns, is its answer just as `JSON.parse` read it:
 * fitted to the spec as it was, a whole answer (not merged into an earlier one), nothing asked
 * again, every verdict a plain pass. If so, the record may make it again from the answer's text
 * (`Remaking`) instead of keeping the caller's value or a copy of it.
 */
function notePure(
  setup: RunSetup,
  evaluation: Evaluation,
  round: Round,
  text: string,
  index: number,
): void {
  if (evaluation.kind !== "validated" || !evaluation.fitted) return;
  const { state, tree, slots } = evaluation;
  if (round.continuation.mode !== "full" || slots.length > 0) return;
  if (hasRefrained(state) || isAltered(state) || typeof tree !== "object" || tree === null) return;
  const root = setup.compiled.spec.output.root;
  const { validatorsFor } = setup;
  const remaking: Remaking = {
    round: index,
    value: () => answerAgain(text, root),
    logs: (value) => replayedWalk(root, value, validatorsFor),
    walkLogs: state.logs.length > 0 ? state.logs : undefined,
    taken: false,
  };
  setup.progress.pure = { value: tree, remaking };
}

/** The value an answer that fitted its spec parsed to, parsed again: the same, as parsing is. */
function answerAgain(text: string, root: Field): unknown {
  const parsed = parseOutput(text, root);
  if (!parsed.ok) throw new UnexpectedError("reading the record", new Error(parsed.error));
  return parsed.value;
}

/**
 * The call ended normally: assemble what the last round produced, then check it once more
 * (`finalCheck`). It passes only when no failure stands: no unanswered reask (even one a fix value
 * stands in for), no refrain, and a value valid against the schema that every validator accepts.
 */
function finish(
  setup: RunSetup,
  evaluation: Evaluation,
  raw: string,
  unsent: PlannedReask | undefined,
  walkOptions: WalkOptions,
  emit: EmitRound,
): Pending<OutcomeData> {
  const reask = unsent?.request;
  if (evaluation.kind === "unparseable") {
    const error = new OutputParseError(evaluation.error);
    return record(setup, { ...empty(raw), error, reask });
  }
  if (evaluation.kind === "mismatch") {
    // Copies: the round's mismatches are the record's, and the error is the caller's.
    const error = new OutputShapeError(evaluation.mismatches.map((mismatch) => ({ ...mismatch })));
    return record(setup, { ...empty(raw), error, reask });
  }
  const { state, tree, slots, unmatchedSlots } = evaluation;
  if (hasRefrained(state)) {
    const validatedOutput = emptyValueOf(setup.compiled.spec.output.root);
    const { failures } = state;
    return record(setup, { ...empty(raw), validatedOutput, refrained: true, failures });
  }
  const altered = isAltered(state);
  const { value, unanswered, unansweredFixes } = altered
    ? assembleOutput(tree, slots, unmatchedSlots)
    : { value: tree, unanswered: NONE, unansweredFixes: [] };
  // Said per slot, which knows where its reask was logged (`unansweredFixes` has one per slot
  // with a fix, in the same order).
  for (const { path, loggedAt, validator, fix } of slots) {
    if (!fix) continue;
    const at = formatPath(path);
    emit({ type: "fix-stood-in", path: at, loggedPath: loggedAt, validator, fixValue: fix.value });
  }
  const standing = unanswered.length > 0 ? [...state.failures, ...unanswered] : state.failures;
  const checking = finalCheck(setup.compiled, value, walkOptions, state.logs, standing, {
    altered,
    fitted: evaluation.fitted,
  });
  const checked = (check: FinalCheck): OutcomeData => {
    if (check.logs && check.logs.length > 0) emit(verdictsEvent(check.logs));
    const failures =
      check.failures.length > 0 ? [...standing, ...check.failures] : standing.slice();
    return record(setup, {
      rawOutput: raw,
      validatedOutput: value,
      validationPassed: failures.length === 0,
      refrained: false,
      failures,
      unansweredFixes,
      reask,
    });
  };
  return checking instanceof Promise ? checking.then(checked) : checked(checking);
}

/** No unanswered reask: an unaltered value has none, and needs no list of its own to say so. */
const NONE: readonly never[] = [];

/** The call was stopped by an error: a model failure, an exception action, a template error. */
function stop(setup: RunSetup, error: RailguardError): OutcomeData {
  const raw = setup.progress.lastAnswer ?? null;
  // Copies for the record (the round's failures): the error is the caller's to change.
  const failures = ValidationError.isInstance(error)
    ? error.failures.map((failure) => ({ ...failure }))
    : [];
  return record(setup, { ...empty(raw), error, failures });
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

/**
 * The outcome of how the call ended. An input failure left standing (a `noop` on the prompt) was
 * sent to the model as it was: whatever the output did, the call does not pass, and the input's
 * failures come first.
 */
function record(setup: RunSetup, fields: Fields): OutcomeData {
  // The fields are the caller's fresh object: completed in place, in the order of its keys.
  const outcome = fields as OutcomeData;
  const inputFailures = setup.progress.inputFailures;
  if (inputFailures !== undefined && inputFailures.length > 0) {
    outcome.validationPassed = false;
    outcome.failures = [...inputFailures, ...fields.failures];
  }
  outcome.call = setup.call;
  return outcome;
}
