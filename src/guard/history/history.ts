import type { Call } from "./call.js";

/** A guard's calls, oldest first. Each call owns its record, so parallel calls never mix. */
export class History implements Iterable<Call> {
  readonly #calls: Call[] = [];

  /** Called once per call, when it starts. */
  push(call: Call): void {
    this.#calls.push(call);
  }

  get last(): Call | undefined {
    return this.#calls.at(-1);
  }

  /** Negative indices count from the end, as `Array.prototype.at`. */
  at(index: number): Call | undefined {
    return this.#calls.at(index);
  }

  get length(): number {
    return this.#calls.length;
  }

  [Symbol.iterator](): Iterator<Call> {
    return this.#calls[Symbol.iterator]();
  }

  toJSON(): Record<string, unknown>[] {
    return this.#calls.map((call) => call.toJSON());
  }
}
