import type { ChatMessage, TokenUsage } from "../../llm/types.js";
import type { Repair, ShapeMismatch } from "../../parse/types.js";
import type { UnmatchedSlot } from "../reask/merge.js";
import type { ReaskRequest } from "../reask/request.js";
import { ValidatorLogList } from "./log-list.js";
import type { ValidationFailure, ValidatorLog } from "./validator-log.js";

/** Why this round-trip happened. */
export type IterationKind = "initial" | ReaskRequest["kind"];

/** One round-trip: what was sent, what came back, and everything done to it. */
export interface Iteration {
  readonly index: number;
  readonly kind: IterationKind;
  /** Rendered prompt and instructions sent (absent for `guard.parse`'s given output). */
  readonly prompt?: string;
  readonly instructions?: string;
  /** The whole conversation sent, for a `reaskContext: "conversation"` reask. */
  messages?: readonly ChatMessage[];
  rawOutput?: string;
  /** Every change the lenient parser and the shape check made, in order. */
  readonly repairs: Repair[];
  /** The value after parsing and conforming (for a targeted reask: merged into the previous one). */
  parsedValue?: unknown;
  readonly mismatches: ShapeMismatch[];
  /**
   * Re-asked values this round's answer did not fill (left out, or a list answer whose items
   * could not be told apart): they keep their incorrect value and fail again.
   */
  readonly unmatchedSlots: UnmatchedSlot[];
  /** Set when the output held no usable JSON. */
  parseError?: string;
  readonly validatorLogs: ValidatorLog[];
  /** Failures left standing, filled on the round that ends the call. */
  readonly failures: ValidationFailure[];
  /** The value after validation (markers replaced by their incorrect values). */
  validatedValue?: unknown;
  /** The reask this round called for; `sent` tells whether the budget allowed it. */
  reask?: ReaskRequest & { sent: boolean };
  usage?: TokenUsage;
  /** Wall time of the round (model call, parsing, validation), in milliseconds. */
  ms: number;
}

export function newIteration(
  index: number,
  kind: IterationKind,
  prompt?: string,
  instructions?: string,
): Iteration {
  const logs = new ValidatorLogList();
  const iteration: Iteration = {
    index,
    kind,
    prompt,
    instructions,
    repairs: [],
    mismatches: [],
    unmatchedSlots: [],
    // Kept light until read (see ValidatorLogList); an own enumerable getter, so that copies,
    // JSON and comparisons see the logs as they would a plain array.
    get validatorLogs() {
      return logs.toArray();
    },
    failures: [],
    ms: 0,
  };
  logLists.set(iteration, logs);
  return iteration;
}

const logLists = new WeakMap<Iteration, ValidatorLogList>();

/** Where the history writes a round's validator logs (`validatorLogs` reads them). */
export function logListOf(iteration: Iteration): ValidatorLogList | undefined {
  return logLists.get(iteration);
}
