import type { Call } from "./call.js";

/** Guardrails keeps its last 10 calls; so does a guard unless `historyLimit` says otherwise. */
export const DEFAULT_HISTORY_LIMIT = 10;

/**
 * A guard's most recent calls, oldest first, at most `limit` of them: a guard that lives for
 * the whole life of a server must not keep every call it ever made. Each call owns its record, so
 * parallel calls never mix; the outcome of a call keeps its record whether or not it is still here.
 */
export class History implements Iterable<Call> {
  // Calls before #start are dropped; the array is compacted once they outnumber the kept ones, so
  // adding a call costs O(1) amortised whatever the limit.
  #calls: Call[] = [];
  #start = 0;
  #dropped = 0;

  constructor(readonly limit: number = DEFAULT_HISTORY_LIMIT) {}

  /** Called once per call, when it starts; drops the oldest call beyond the limit. */
  push(call: Call): void {
    this.#calls.push(call);
    if (this.length > this.limit) {
      this.#start += 1;
      this.#dropped += 1;
    }
    if (this.#start > this.limit) {
      this.#calls = this.#calls.slice(this.#start);
      this.#start = 0;
    }
  }

  /** Forgets every call kept so far (calls still running finish, unrecorded here). */
  clear(): void {
    this.#dropped += this.length;
    this.#calls = [];
    this.#start = 0;
  }

  /** How many calls were dropped over the limit or by `clear()`. */
  get dropped(): number {
    return this.#dropped;
  }

  get last(): Call | undefined {
    return this.at(-1);
  }

  /** Negative indices count from the end, as `Array.prototype.at`. */
  at(index: number): Call | undefined {
    const position = index < 0 ? this.length + index : index;
    if (!Number.isInteger(position) || position < 0 || position >= this.length) return undefined;
    return this.#calls[this.#start + position];
  }

  get length(): number {
    return this.#calls.length - this.#start;
  }

  [Symbol.iterator](): Iterator<Call> {
    return this.#kept()[Symbol.iterator]();
  }

  toJSON(): Record<string, unknown>[] {
    return this.#kept().map((call) => call.toJSON());
  }

  #kept(): Call[] {
    return this.#calls.slice(this.#start);
  }
}
