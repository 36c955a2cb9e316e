import { LLMCallError } from "./llm-call-error.js";

/**
 * The caller's `AbortSignal` and a total timeout merged into one signal for the model, plus a
 * `race` that stops waiting the moment either fires, even for models that ignore the signal.
 * In the base layer: it bounds the whole guard call and each validator, not only model calls.
 */
export class CallDeadline {
  readonly #controller = new AbortController();
  readonly #outer: AbortSignal | undefined;
  readonly #timer: NodeJS.Timeout | undefined;

  constructor(outer: AbortSignal | undefined, timeoutMs: number | undefined) {
    this.#outer = outer;
    if (outer?.aborted) this.#fire("aborted", "aborted by the caller's signal");
    outer?.addEventListener("abort", this.#onOuterAbort, { once: true });
    if (timeoutMs !== undefined) {
      this.#timer = setTimeout(
        () => this.#fire("timeout", `timed out after ${Math.round(timeoutMs)} ms`),
        timeoutMs,
      );
    }
  }

  /** Aborts when the caller aborts or time runs out; its `reason` is the LLMCallError. */
  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  /** The abort/timeout error once fired. */
  get failure(): LLMCallError | undefined {
    return this.signal.aborted ? (this.signal.reason as LLMCallError) : undefined;
  }

  /** Settles like `work`, or rejects with the failure as soon as the deadline fires. */
  race<T>(work: Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const onAbort = () => reject(this.failure);
      if (this.signal.aborted) onAbort();
      this.signal.addEventListener("abort", onAbort, { once: true });
      work.then(resolve, reject).finally(() => this.signal.removeEventListener("abort", onAbort));
    });
  }

  dispose(): void {
    clearTimeout(this.#timer);
    this.#outer?.removeEventListener("abort", this.#onOuterAbort);
  }

  readonly #onOuterAbort = () => this.#fire("aborted", "aborted by the caller's signal");

  #fire(kind: "aborted" | "timeout", reason: string): void {
    if (this.signal.aborted) return;
    const cause = kind === "aborted" ? this.#outer?.reason : undefined;
    // A deadline inside another (the call's, around one validator or model call) passes the
    // outer one's failure on as it is: a call that timed out says so, not "aborted".
    this.#controller.abort(
      LLMCallError.isInstance(cause) ? cause : new LLMCallError(kind, reason, { cause }),
    );
  }
}
