import { appendAll } from "../../append.js";
import { type GuardEvent, lightLogsOf, type Remaking, remakingOf } from "../events.js";
import { ownCopy } from "../validate/own-copy.js";
import { Call } from "./call.js";
import {
  type Iteration,
  logListOf,
  mayRemakeValues,
  newIteration,
  remadeValues,
} from "./iteration.js";
import type { ValidatorLogList } from "./log-list.js";
import { Remade } from "./remade.js";
import type { ValidatorLog } from "./validator-log.js";

/**
 * The history's listener: the only code that writes a call's record. Each event fills in what it
 * announces, on the round it names.
 */
export function recordInto(call: Call): (event: GuardEvent) => void {
  const rounds: Iteration[] = [];
  // Where each walk's logs start in its round's list: they may be made again (see `remake`).
  let walkMarks: Map<ValidatorLogList, LogMark> | undefined;
  let reasks: ReaskEntries | undefined;
  return (event) => {
    switch (event.type) {
      case "call-start":
        return;
      case "round-start": {
        const iteration = newIteration(event.round, event.kind, event.prompt, event.instructions);
        if (event.messages) iteration.messages = event.messages;
        rounds[event.round] = iteration;
        call.iterations.push(iteration);
        return;
      }
      case "call-end":
        endCall(call, event);
        remake(call, rounds, walkMarks, remakingOf(event));
        return;
      default: {
        const iteration = rounds[event.round];
        if (!iteration) return;
        const light = lightLogsOf(event);
        const list = logListOf(iteration);
        if (light && list) {
          walkMarks ??= new Map();
          walkMarks.set(light, { mark: list.mark(), length: list.length });
        }
        if (event.type === "fix-stood-in") {
          if (reasks?.iteration !== iteration) reasks = new ReaskEntries(iteration);
          return markFixStoodIn(reasks, event);
        }
        recordRound(iteration, event);
      }
    }
  };
}

type RoundEvent = Exclude<
  GuardEvent,
  { type: "call-start" | "round-start" | "call-end" | "fix-stood-in" }
>;

function recordRound(iteration: Iteration, event: RoundEvent): void {
  switch (event.type) {
    case "model-answer":
      iteration.rawOutput = event.text;
      iteration.usage = event.usage;
      return;
    case "parsed":
      appendAll(iteration.repairs, event.repairs);
      appendAll(iteration.mismatches, event.mismatches);
      appendAll(iteration.unmatchedSlots, event.unmatchedSlots);
      if (event.error !== undefined) iteration.parseError = event.error;
      if (event.value !== undefined) iteration.parsedValue = event.value;
      return;
    case "verdicts":
      logListOf(iteration)?.append(lightLogsOf(event) ?? event.logs);
      return;
    case "validated":
      iteration.validatedValue = event.value;
      return;
    case "reask-planned": {
      // Lists of its own: the request is the outcome's `reask`, which the caller may change.
      const { errorMessages, paths } = event.request;
      iteration.reask = {
        ...event.request,
        errorMessages: [...errorMessages],
        paths: [...paths],
        sent: event.sent,
      };
      return;
    }
    case "round-end":
      iteration.ms = event.ms;
      return;
  }
}

/** The round's reask verdict on that value shows that its fix value stood in for the answer. */
function markFixStoodIn(
  reasks: ReaskEntries,
  { loggedPath, validator, fixValue }: Extract<GuardEvent, { type: "fix-stood-in" }>,
): void {
  // By the path it was logged at: the value's own path may have moved since (a filter before it).
  const log = reasks.last(validator, loggedPath);
  if (!log) return;
  log.actionTaken = "fixed-unanswered";
  log.valueAfter = fixValue;
}

/**
 * A round's logs of a reask, by validator and path in the order logged, so that a fix that stood
 * in finds its log at once: a search through the round's logs for each made 150,000 stand-ins
 * take 6 minutes. Logs written since the last look are added when looked for.
 */
class ReaskEntries {
  readonly #byValidator = new Map<string, Map<string, ValidatorLog[]>>();
  #seen = 0;

  constructor(readonly iteration: Iteration) {}

  /** The last log of a reask by `validator` at `path` that is still one. */
  last(validator: string, path: string): ValidatorLog | undefined {
    this.#addNew();
    const logs = this.#byValidator.get(validator)?.get(path);
    if (!logs) return undefined;
    // Those marked as stood in since are reasks no longer.
    while (logs.length > 0 && logs.at(-1)?.actionTaken !== "reask") logs.pop();
    return logs.at(-1);
  }

  #addNew(): void {
    const logs = this.iteration.validatorLogs;
    for (; this.#seen < logs.length; this.#seen++) {
      const log = logs[this.#seen] as ValidatorLog;
      if (log.actionTaken !== "reask") continue;
      let byPath = this.#byValidator.get(log.validator);
      if (!byPath) {
        byPath = new Map();
        this.#byValidator.set(log.validator, byPath);
      }
      const same = byPath.get(log.path);
      if (same) same.push(log);
      else byPath.set(log.path, [log]);
    }
  }
}

/** Where a list stood before a walk's logs were added to it. */
interface LogMark {
  mark: number;
  length: number;
}

/**
 * The record keeps the means to make the returned value, and its round's logs, again rather than
 * the value itself, when the guard offers them (`Remaking`): the caller then gets the value itself,
 * and nothing they do to it reaches the record. Not when the round's logs were read as objects
 * during the call (a reader may hold them): the guard then copies the value for the caller.
 */
function remake(
  call: Call,
  rounds: readonly Iteration[],
  walkMarks: ReadonlyMap<ValidatorLogList, LogMark> | undefined,
  remaking: Remaking | undefined,
): void {
  const iteration = remaking && rounds[remaking.round];
  if (!remaking || !iteration || !mayRemakeValues(iteration)) return;
  const remade = new Remade(remaking.value);
  // The record keeps what makes the logs again, not `remaking`: its `walkLogs` is the walk's own
  // list, which holds the lists walked, parts of the value the caller is given.
  const { walkLogs, logs: replay } = remaking;
  if (walkLogs !== undefined) {
    const at = walkMarks?.get(walkLogs);
    const list = logListOf(iteration);
    const logs = () => replay(remade.value);
    if (!at || !list?.madeAgainFrom(at.mark, at.length, logs)) return;
  }
  remadeValues(iteration, remade);
  Call.remade(call, remade);
  remaking.taken = true;
}

function endCall(call: Call, event: Extract<GuardEvent, { type: "call-end" }>): void {
  call.status = event.status;
  call.validationPassed = event.validationPassed;
  call.validatedOutput = event.validatedOutput;
  call.refrained = event.refrained;
  call.unansweredFixes = [...event.unansweredFixes];
  call.error = event.error && recordedError(event.error);
  call.ms = event.ms;
  const last = call.iterations.at(-1);
  if (last) appendAll(last.failures, event.failures);
}

/**
 * The record's own copy of the error that stopped the call: the outcome's is the caller's, who may
 * change its message or its failures. The same class, its fields copied (its cause kept as is).
 */
function recordedError<E extends object>(error: E): E {
  const descriptors = Object.getOwnPropertyDescriptors(error);
  for (const [key, descriptor] of Object.entries(descriptors)) {
    if (key !== "cause" && "value" in descriptor) descriptor.value = ownCopy(descriptor.value);
  }
  return Object.create(Object.getPrototypeOf(error), descriptors) as E;
}
