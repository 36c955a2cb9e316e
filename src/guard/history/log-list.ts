import type { ValidatorLog } from "./validator-log.js";

/** Marks three slots that hold a whole log rather than a plain pass. */
const WHOLE = Symbol("whole log");

/**
 * Validator logs in the order given, kept light. Most logs are plain passes (a validator accepted
 * the value and changed nothing), and an output of 100,000 items has half a million of them: a
 * plain pass is kept as three slots of one array (validator, path, value), not as an object, and
 * becomes a `ValidatorLog` only when someone reads the list. A round's record lives as long as
 * the guard keeps its call, and objects that live are what the garbage collector pays for: an
 * object per pass was half the cost of validating a passing output.
 *
 * Once read (`toArray`), the list is those objects, the same array from then on, so that a
 * change to one (a fix that stood in) is seen by every later reader.
 */
export class ValidatorLogList implements Iterable<ValidatorLog> {
  #slots: unknown[] = [];
  #logs: ValidatorLog[] | undefined;
  #changes = 0;

  /**
   * How many logs are not plain passes: a failure, or a pass that replaced the value. A walk that
   * wrote none returns the very value every verdict was given on.
   */
  get changes(): number {
    return this.#changes;
  }

  get length(): number {
    return this.#logs?.length ?? this.#slots.length / 3;
  }

  /** A validator accepted `value` at `path` and changed nothing. */
  pass(validator: string, path: string, value: unknown): void {
    if (this.#logs) this.#logs.push(plainPass(validator, path, value));
    else this.#slots.push(validator, path, value);
  }

  /** Any log but a plain pass (for which see `pass`). */
  push(log: ValidatorLog): void {
    this.#changes += 1;
    if (this.#logs) this.#logs.push(log);
    else this.#slots.push(WHOLE, log, undefined);
  }

  /** Every log of `other` after these, as light as they are there. */
  append(other: ValidatorLogList | readonly ValidatorLog[]): void {
    if (other instanceof ValidatorLogList && other.#logs === undefined && !this.#logs) {
      this.#slots = this.#slots.concat(other.#slots);
      this.#changes += other.#changes;
      return;
    }
    for (const log of other) {
      if (isPlainPass(log)) this.pass(log.validator, log.path, log.valueBefore);
      else this.push(log);
    }
  }

  last(): ValidatorLog | undefined {
    if (this.#logs) return this.#logs.at(-1);
    const end = this.#slots.length - 3;
    return end < 0 ? undefined : logAt(this.#slots, end);
  }

  /** The logs as objects; the list keeps them, and is them, from now on. */
  toArray(): ValidatorLog[] {
    if (this.#logs) return this.#logs;
    const slots = this.#slots;
    const logs: ValidatorLog[] = [];
    for (let start = 0; start < slots.length; start += 3) logs.push(logAt(slots, start));
    this.#logs = logs;
    this.#slots = [];
    return logs;
  }

  [Symbol.iterator](): Iterator<ValidatorLog> {
    return this.toArray()[Symbol.iterator]();
  }
}

function logAt(slots: readonly unknown[], start: number): ValidatorLog {
  const first = slots[start];
  if (first === WHOLE) return slots[start + 1] as ValidatorLog;
  return plainPass(first as string, slots[start + 1] as string, slots[start + 2]);
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
