import type { ChatMessage, TokenUsage } from "../../llm/types.js";
import type { Repair, ShapeMismatch } from "../../parse/types.js";
import type { UnmatchedSlot } from "../reask/merge.js";
import type { ReaskRequest } from "../reask/request.js";
import { ValidatorLogList } from "./log-list.js";
import { Remade } from "./remade.js";
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
  /** The value after validation (a value asked again holds its incorrect value). */
  validatedValue?: unknown;
  /** The reask this round called for; `sent` tells whether the budget allowed it. */
  reask?: ReaskRequest & { sent: boolean };
  usage?: TokenUsage;
  /** Wall time of the round (model call, parsing, validation), in milliseconds. */
  ms: number;
}

/**
 * A round's record as the history keeps it. Its validator logs are kept light until read (see
 * ValidatorLogList), behind a getter: a getter of the object's own, or a weak map from the
 * object to its list, cost a microsecond per round, a tenth of a whole call on a small output.
 * The getter is the class's, so `toJSON` writes the logs where a plain object would have them.
 */
class IterationRecord {
  readonly #logs = new ValidatorLogList();
  /** Unset until the round's answer is parsed (and validated); a `Remade` once made again. */
  #parsedValue: unknown = UNSET;
  #validatedValue: unknown = UNSET;
  /** Set once a value the round holds was read (see `#read`). */
  #valuesRead = false;
  // Assigned in the constructor, in the order JSON and the tree have always shown them.
  readonly index: number;
  readonly kind: IterationKind;
  readonly prompt?: string;
  readonly instructions?: string;
  readonly repairs: Repair[];
  readonly mismatches: ShapeMismatch[];
  readonly unmatchedSlots: UnmatchedSlot[];
  readonly failures: ValidationFailure[];
  ms: number;

  constructor(index: number, kind: IterationKind, prompt?: string, instructions?: string) {
    this.index = index;
    this.kind = kind;
    this.prompt = prompt;
    this.instructions = instructions;
    this.repairs = [];
    this.mismatches = [];
    this.unmatchedSlots = [];
    this.failures = [];
    this.ms = 0;
  }

  get validatorLogs(): ValidatorLog[] {
    return this.#logs.toArray();
  }

  get parsedValue(): unknown {
    return this.#read(this.#parsedValue);
  }

  set parsedValue(value: unknown) {
    this.#parsedValue = value;
  }

  get validatedValue(): unknown {
    return this.#read(this.#validatedValue);
  }

  set validatedValue(value: unknown) {
    this.#validatedValue = value;
  }

  /**
   * The value held, made when it is a `Remade`. One the round holds as it is has been handed out:
   * its reader may keep it, so the round keeps it too (see `mayRemakeValues`).
   */
  #read(held: unknown): unknown {
    if (held === UNSET) return undefined;
    if (held instanceof Remade) return held.value;
    this.#valuesRead = true;
    return held;
  }

  /** Whether the round's values may be made again: none of them was read as held. */
  static mayRemake(iteration: IterationRecord): boolean {
    return !iteration.#valuesRead;
  }

  /** The round's values are made again when read (see `Remade`), no longer kept. */
  static remade(iteration: IterationRecord, remade: Remade): void {
    iteration.#parsedValue = remade;
    iteration.#validatedValue = remade;
  }

  /** Where the history writes the logs. */
  get logList(): ValidatorLogList {
    return this.#logs;
  }

  /**
   * The fields in the order the round wrote them: the parsed and validated values (accessors)
   * where the round set them, after the answer and before its reask.
   */
  toJSON(): Record<string, unknown> {
    const json: Record<string, unknown> = {};
    let valuesWritten = false;
    const writeValues = () => {
      valuesWritten = true;
      if (this.#parsedValue !== UNSET) json.parsedValue = this.parsedValue;
      if (this.#validatedValue !== UNSET) json.validatedValue = this.validatedValue;
    };
    for (const [key, value] of Object.entries(this)) {
      if (key === "reask") writeValues();
      json[key] = value;
      if (key === "unmatchedSlots") json.validatorLogs = this.validatorLogs;
    }
    if (!valuesWritten) writeValues();
    return json;
  }
}

/** Set for a value the round has not written. */
const UNSET = Symbol("unset");

/**
 * Whether the round's values may be made again rather than kept: not once one of them was read
 * while the round held it (during the call), as its reader may hold it still and the caller is
 * about to be given that very value.
 */
export const mayRemakeValues = (iteration: Iteration): iteration is IterationRecord =>
  iteration instanceof IterationRecord && IterationRecord.mayRemake(iteration);

/** The round's values are made again when read, no longer kept (see `Remade`). */
export function remadeValues(iteration: IterationRecord, remade: Remade): void {
  IterationRecord.remade(iteration, remade);
}

export function newIteration(
  index: number,
  kind: IterationKind,
  prompt?: string,
  instructions?: string,
): Iteration {
  return new IterationRecord(index, kind, prompt, instructions);
}

/** Where the history writes a round's validator logs (`validatorLogs` reads them). */
export function logListOf(iteration: Iteration): ValidatorLogList | undefined {
  return iteration instanceof IterationRecord ? iteration.logList : undefined;
}
