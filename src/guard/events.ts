import type { RailguardError } from "../errors.js";
import type { ChatMessage, TokenUsage } from "../llm/types.js";
import { defineKey } from "../own-key.js";
import type { Repair, ShapeMismatch } from "../parse/types.js";
import { hasPlainPrototype } from "../show.js";
import { isThenable } from "../thenable.js";
import type { CallInputs, CallStatus } from "./history/call.js";
import type { IterationKind } from "./history/iteration.js";
import type { ValidatorLogList } from "./history/log-list.js";
import type { UnansweredFix, ValidationFailure, ValidatorLog } from "./history/validator-log.js";
import type { UnmatchedSlot } from "./reask/merge.js";
import type { ReaskRequest } from "./reask/request.js";

/**
 * Every step of a call, as data. The guard announces each one once, in order; the history is one
 * listener that builds its record from them, `GuardOptions.onEvent` another (logs, telemetry, a
 * UI). `call` is the call's id, `round` the round-trip's index (0 for the first answer).
 */
export type GuardEvent =
  | { type: "call-start"; call: number; inputs: CallInputs }
  | {
      type: "round-start";
      call: number;
      round: number;
      kind: IterationKind;
      /** The rendered prompt and instructions sent; absent for `parse`'s given output. */
      prompt?: string;
      instructions?: string;
      /** The whole conversation sent, for a `conversation` reask. */
      messages?: readonly ChatMessage[];
    }
  | { type: "model-answer"; call: number; round: number; text: string; usage?: TokenUsage }
  | {
      type: "parsed";
      call: number;
      round: number;
      /** Every change the lenient parser and the shape check made, in order. */
      repairs: readonly Repair[];
      /** Set when the answer held no usable JSON. */
      error?: string;
      value?: unknown;
      mismatches: readonly ShapeMismatch[];
      /** The re-asked slots a reask answer left unfilled, and why. */
      unmatchedSlots: readonly UnmatchedSlot[];
    }
  | {
      /**
       * The verdicts of one pass of the validators, in the order given: the input validators (on
       * the first round), the output's walk, the final check's. One event for the lot: an output
       * of 100,000 items may have half a million.
       */
      type: "verdicts";
      call: number;
      round: number;
      logs: readonly ValidatorLog[];
    }
  | { type: "validated"; call: number; round: number; value: unknown }
  | {
      /** No reask was left for this value: its validator's fix value stands in, unconfirmed. */
      type: "fix-stood-in";
      call: number;
      round: number;
      path: string;
      /**
       * Where the round's log has the reask (`validatorLogs`): the value's path as walked, which
       * differs from `path` once a filter removed an item before it.
       */
      loggedPath: string;
      validator: string;
      fixValue: unknown;
    }
  | {
      type: "reask-planned";
      call: number;
      round: number;
      request: ReaskRequest;
      /** False when no reask was left (or no model to ask): the call ends on this round. */
      sent: boolean;
    }
  | { type: "round-end"; call: number; round: number; ms: number }
  | {
      type: "call-end";
      call: number;
      status: Exclude<CallStatus, "running">;
      validationPassed: boolean;
      validatedOutput: unknown;
      refrained: boolean;
      /** Every failure left standing; the history lists them on the last round. */
      failures: readonly ValidationFailure[];
      unansweredFixes: readonly UnansweredFix[];
      error?: RailguardError;
      ms: number;
    };

/**
 * The `verdicts` event of a pass of the validators, as the guard makes it: its logs become objects
 * only when read (see ValidatorLogList). The history takes the light list as it is; every other
 * listener gets a plain event (`announcer`). A class, not an object with a getter of its own or
 * a weak map entry: each of those cost a microsecond per event.
 */
class VerdictsEvent {
  readonly type = "verdicts";
  call = 0;
  round = 0;

  constructor(readonly light: ValidatorLogList) {}

  get logs(): ValidatorLog[] {
    return this.light.toArray();
  }
}

export const verdictsEvent = (list: ValidatorLogList): RoundEventBody =>
  new VerdictsEvent(list) as unknown as RoundEventBody;

/** The light list behind a `verdicts` event the guard made. */
export const lightLogsOf = (event: GuardEvent): ValidatorLogList | undefined =>
  event instanceof VerdictsEvent ? event.light : undefined;

/**
 * How the record can make the value a call returns, and its round's logs, again instead of
 * keeping them: offered with `call-end` when that value is the answer exactly as `JSON.parse` read
 * it (it fitted the spec, nothing changed it, no reask or merge made it) and every verdict on it
 * was a plain pass. The caller then gets the value itself, no copy: what they do to it cannot
 * reach a record that holds only the answer's text.
 */
export interface Remaking {
  /** The round whose answer the value is. */
  readonly round: number;
  /** The value, made again from the round's answer. */
  value(): unknown;
  /** The logs of the round's walk (`walkLogs`), made again on the value `value()` made. */
  logs(value: unknown): readonly ValidatorLog[];
  /** The walk's list as the round's `verdicts` event gave it; undefined when it logged nothing. */
  readonly walkLogs: ValidatorLogList | undefined;
  /** Set by the record when it keeps the means to make them again instead of the value. */
  taken: boolean;
}

type CallEndBody = Omit<Extract<GuardEvent, { type: "call-end" }>, "type">;

/** The `call-end` event as the guard makes it: the history also hears how to make it again. */
class CallEndEvent {
  readonly type = "call-end";
  readonly #remaking: Remaking | undefined;

  constructor(body: CallEndBody, remaking: Remaking | undefined) {
    Object.assign(this, body);
    this.#remaking = remaking;
  }

  remaking(): Remaking | undefined {
    return this.#remaking;
  }
}

export const callEndEvent = (body: CallEndBody, remaking?: Remaking): GuardEvent =>
  new CallEndEvent(body, remaking) as unknown as GuardEvent;

/** What the `call-end` event offers the record instead of the value returned, if anything. */
export const remakingOf = (event: GuardEvent): Remaking | undefined =>
  event instanceof CallEndEvent ? event.remaking() : undefined;

/** An event of one round, before the guard stamps it with its call and round. */
export type RoundEventBody = GuardEvent extends infer E
  ? E extends { round: number }
    ? Omit<E, "call" | "round">
    : never
  : never;

export type GuardEventType = GuardEvent["type"];

/** A listener gets every event; what it returns (or throws) never reaches the call. */
export type GuardEventListener = (event: GuardEvent) => unknown;

/**
 * Hands one event to each listener. A listener that throws or rejects is ignored: a log sink that
 * fails must not fail, slow down or change the call it observes.
 */
export function notify(listeners: readonly GuardEventListener[], event: GuardEvent): void {
  for (const listener of listeners) {
    try {
      const result = listener(event);
      if (isThenable(result)) result.then(undefined, ignore);
    } catch {
      // Ignored: see above.
    }
  }
}

/**
 * A call's `emit`: its history hears each event as it is; the guard's other listeners get a deep
 * copy of its plain data (lists and objects; an error is shared), so one that changes what it is
 * given changes neither the value validated and returned, nor the reask sent, nor the record.
 */
export function announcer(
  history: GuardEventListener,
  observers: readonly GuardEventListener[],
): (event: GuardEvent) => void {
  const historyOnly = [history];
  return (event) => {
    notify(historyOnly, event);
    if (observers.length === 0) return;
    notify(observers, copyData(plainEvent(event), 0) as GuardEvent);
  };
}

/** The event as plain data: a `VerdictsEvent` with its logs read, a `CallEndEvent` its fields. */
function plainEvent(event: GuardEvent): GuardEvent {
  if (event instanceof CallEndEvent) return { ...event } as GuardEvent;
  if (!(event instanceof VerdictsEvent)) return event;
  const { type, call, round, logs } = event;
  return { type, call, round, logs };
}

/**
 * Deeper than any parsed answer may nest: only a value a handler built can reach it. Past it a
 * listener reads `TOO_DEEP`, as JSON exports do (`jsonSafe`): the event is heard, with the rest
 * of its round.
 */
const MAX_COPY_DEPTH = 1000;
const TOO_DEEP = "[Too deep]";

/**
 * Lists and plain objects copied, all the way down; anything else (an error, a date, a class
 * instance) shared as it is, so an error keeps its class, message and code. A cycle (a handler's
 * value may hold one) is copied as a cycle: a listener hears the event, and a log sink writes
 * the cycle as it writes any other.
 */
function copyData(value: unknown, depth: number, copies = new Map<object, unknown>()): unknown {
  if (depth > MAX_COPY_DEPTH) return TOO_DEEP;
  if (typeof value !== "object" || value === null) return value;
  const done = copies.get(value);
  if (done !== undefined) return done;
  if (Array.isArray(value)) {
    const items: unknown[] = [];
    copies.set(value, items);
    for (const item of value) items.push(copyData(item, depth + 1, copies));
    return items;
  }
  if (!hasPlainPrototype(value)) return value;
  const copy: Record<string, unknown> = {};
  copies.set(value, copy);
  for (const [key, item] of Object.entries(value)) {
    defineKey(copy, key, copyData(item, depth + 1, copies));
  }
  return copy;
}

const ignore = () => {};
