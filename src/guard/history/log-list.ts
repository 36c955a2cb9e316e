import type { ValidatorLog } from "./validator-log.js";

/** Marks three slots that hold a whole log rather than a plain pass. */
const WHOLE = Symbol("whole log");
/** Marks three slots that hold a `PassedItems` rather than a plain pass. */
const ITEMS = Symbol("passed items");
/** Marks three slots that hold a `MadeAgain` rather than a plain pass. */
const MADE_AGAIN = Symbol("logs made again");

/**
 * The plain passes of consecutive items of one list (`from` to `to`, exclusive), kept as the
 * range and made again when read: every verdict on them was a plain pass, so walking the items
 * again, with no validator run, gives them back in order (see `foldItem`).
 */
export interface PassedItems {
  /** The list as walked: the range grows only over items of this very array at this path. */
  readonly items: readonly unknown[];
  readonly at: string;
  readonly from: number;
  to: number;
  /** The logs of the walk of `items[index]`, made again. */
  readonly logsOf: (index: number) => readonly ValidatorLog[];
}

/**
 * Logs that were all plain passes on a value the record no longer holds, made again when read:
 * the value made again too (from the answer's text, see `Recorder`), then walked with no validator
 * run. `count` of them, in order.
 */
export interface MadeAgain {
  readonly count: number;
  readonly logs: () => readonly ValidatorLog[];
}

/**
 * Validator logs in the order given, kept light. Most logs are plain passes (a validator accepted
 * the value and changed nothing), and an output of 100,000 items has half a million of them: a
 * plain pass is kept as three slots of one array (validator, path, value), not as an object, and
 * becomes a `ValidatorLog` only when someone reads the list. A round's record lives as long as
 * the guard keeps its call, and objects that live are what the garbage collector pays for: an
 * object per pass was half the cost of validating a passing output.
 *
 * The plain passes of a list's items are lighter still: once an item's walk ends with plain passes
 * only, its slots are folded into one range of passed items (`foldItem`), so a passing list of
 * any length is one entry, made again from the items when read. Three slots per verdict, kept
 * with the call, still cost about half of what was left.
 *
 * Once read (`toArray`), the list is those objects, the same array from then on, so that a
 * change to one (a fix that stood in) is seen by every later reader.
 */
export class ValidatorLogList implements Iterable<ValidatorLog> {
  #slots: unknown[] = [];
  #logs: ValidatorLog[] | undefined;
  #changes = 0;
  #length = 0;

  /**
   * How many logs are not plain passes: a failure, or a pass that replaced the value. A walk that
   * wrote none returns the very value every verdict was given on.
   */
  get changes(): number {
    return this.#changes;
  }

  get length(): number {
    return this.#logs?.length ?? this.#length;
  }

  /** A validator accepted `value` at `path` and changed nothing. */
  pass(validator: string, path: string, value: unknown): void {
    if (this.#logs) this.#logs.push(plainPass(validator, path, value));
    else {
      this.#slots.push(validator, path, value);
      this.#length += 1;
    }
  }

  /** Any log but a plain pass (for which see `pass`). */
  push(log: ValidatorLog): void {
    this.#changes += 1;
    if (this.#logs) this.#logs.push(log);
    else {
      this.#slots.push(WHOLE, log, undefined);
      this.#length += 1;
    }
  }

  /** Where the walk of a list's item starts writing: given back to `foldItem` when it ends. */
  mark(): number {
    return this.#logs ? -1 : this.#slots.length;
  }

  /**
   * The walk of `items[index]` at `at` ended with plain passes only, written since `mark`: they
   * become part of the range of passed items before it (or start one), made again from the item
   * by `logsOf` when read. Nothing is folded once the list has been read as objects.
   */
  foldItem(
    mark: number,
    items: readonly unknown[],
    at: string,
    index: number,
    logsOf: PassedItems["logsOf"],
  ): void {
    if (mark < 0 || this.#logs) return;
    const slots = this.#slots;
    slots.length = mark;
    const previous =
      mark >= 3 && slots[mark - 3] === ITEMS ? (slots[mark - 2] as PassedItems) : undefined;
    if (previous?.items === items && previous.at === at && previous.to === index) {
      previous.to = index + 1;
      return;
    }
    const range: PassedItems = { items, at, from: index, to: index + 1, logsOf };
    slots.push(ITEMS, range, undefined);
  }

  /**
   * The logs written since `mark` (a `mark()` taken when the list held `lengthAtMark` logs) are
   * replaced by `logs`, which makes them again when read. False, and nothing done, once the list
   * has been read as objects: a reader may hold those.
   */
  madeAgainFrom(mark: number, lengthAtMark: number, logs: () => readonly ValidatorLog[]): boolean {
    if (mark < 0 || this.#logs || mark > this.#slots.length) return false;
    const madeAgain: MadeAgain = { count: this.#length - lengthAtMark, logs };
    this.#slots.length = mark;
    if (madeAgain.count > 0) this.#slots.push(MADE_AGAIN, madeAgain, undefined);
    return true;
  }

  /** Every log of `other` after these, as light as they are there. */
  append(other: ValidatorLogList | readonly ValidatorLog[]): void {
    if (other instanceof ValidatorLogList && other.#logs === undefined && !this.#logs) {
      // A range of its own: one the other list goes on growing (a walk given up on, still
      // running) must not grow here.
      const slots = other.#slots.slice();
      for (let start = 0; start < slots.length; start += 3) {
        if (slots[start] === ITEMS) slots[start + 1] = { ...(slots[start + 1] as PassedItems) };
      }
      this.#slots = this.#slots.concat(slots);
      this.#changes += other.#changes;
      this.#length += other.#length;
      return;
    }
    for (const log of other) {
      if (isPlainPass(log)) this.pass(log.validator, log.path, log.valueBefore);
      else this.push(log);
    }
  }

  last(): ValidatorLog | undefined {
    if (this.#logs) return this.#logs.at(-1);
    const slots = this.#slots;
    for (let start = slots.length - 3; start >= 0; start -= 3) {
      const found = lastAt(slots, start);
      if (found !== undefined) return found;
    }
    return undefined;
  }

  /** The logs as objects; the list keeps them, and is them, from now on. */
  toArray(): ValidatorLog[] {
    if (this.#logs) return this.#logs;
    const slots = this.#slots;
    const logs: ValidatorLog[] = [];
    for (let start = 0; start < slots.length; start += 3) logsAt(slots, start, logs);
    this.#logs = logs;
    this.#slots = [];
    return logs;
  }

  [Symbol.iterator](): Iterator<ValidatorLog> {
    return this.toArray()[Symbol.iterator]();
  }
}

/** The last log the three slots from `start` hold: a range's is its last item's that has one. */
function lastAt(slots: readonly unknown[], start: number): ValidatorLog | undefined {
  if (slots[start] === MADE_AGAIN) return (slots[start + 1] as MadeAgain).logs().at(-1);
  if (slots[start] !== ITEMS) {
    const logs: ValidatorLog[] = [];
    logsAt(slots, start, logs);
    return logs[0];
  }
  const { from, to, logsOf } = slots[start + 1] as PassedItems;
  for (let index = to - 1; index >= from; index--) {
    const logs = logsOf(index);
    if (logs.length > 0) return logs.at(-1);
  }
  return undefined;
}

/** The logs the three slots from `start` hold, pushed onto `logs`. */
function logsAt(slots: readonly unknown[], start: number, logs: ValidatorLog[]): void {
  const first = slots[start];
  if (first === WHOLE) logs.push(slots[start + 1] as ValidatorLog);
  else if (first === MADE_AGAIN) {
    for (const log of (slots[start + 1] as MadeAgain).logs()) logs.push(log);
  } else if (first !== ITEMS)
    logs.push(plainPass(first as string, slots[start + 1] as string, slots[start + 2]));
  else {
    const { from, to, logsOf } = slots[start + 1] as PassedItems;
    for (let index = from; index < to; index++) {
      for (const log of logsOf(index)) logs.push(log);
    }
  }
}

const isPlainPass = (log: ValidatorLog): boolean =>
  log.outcome === "pass" &&
  log.actionTaken === "none" &&
  Object.is(log.valueBefore, log.valueAfter);

const plainPass = (validator: string, path: string, value: unknown): ValidatorLog => ({
  validator,
  path,
  valueBefore: value,
  valueAfter: value,
  outcome: "pass",
  actionTaken: "none",
});
