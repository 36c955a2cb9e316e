import { abortReason } from "./query-worker.js";

/** What the pool needs of a worker: whether it can still be used, and how to stop it. */
interface PoolWorker {
  readonly alive: boolean;
  terminate(): Promise<void>;
}

/** A place for one worker; a dead worker is replaced in its slot when the slot is next used. */
interface Slot<W> {
  worker: Promise<W> | undefined;
}

/** A worker lent to one query (`release` it when done), or why none was free in time. */
export type Lease<W> =
  | { kind: "worker"; worker: W; release: () => void }
  | { kind: "busy"; reason: string };

/**
 * At most `size` workers, each lent to one caller at a time, started on first need and replaced
 * when found dead. Callers wait in order of arrival when all are lent, each only for as long as
 * it allows: its own limit and its signal, so that no caller's wait depends on another's work
 * beyond that.
 */
export class WorkerPool<W extends PoolWorker> {
  readonly #start: () => Promise<W>;
  readonly #slots: Slot<W>[];
  readonly #free: Slot<W>[];
  readonly #waiting: ((slot: Slot<W>) => void)[] = [];

  constructor(size: number, start: () => Promise<W>) {
    this.#start = start;
    this.#slots = Array.from({ length: size }, () => ({ worker: undefined }));
    this.#free = [...this.#slots];
  }

  /**
   * A live worker, waiting at most `waitMs` (and never past `signal`) for a free slot and for a
   * worker to start in it. Rejects only when a worker fails to start.
   */
  async acquire(waitMs: number, signal?: AbortSignal): Promise<Lease<W>> {
    const slot = await this.#slot(waitMs, signal);
    if (typeof slot === "string") return { kind: "busy", reason: slot };
    const release = (): void => this.#release(slot);
    try {
      const worker = await untilAborted(this.#workerIn(slot), signal);
      if (typeof worker === "string") {
        release();
        return { kind: "busy", reason: worker };
      }
      return { kind: "worker", worker, release };
    } catch (error) {
      release();
      throw error;
    }
  }

  /** Stops every worker; slots start new ones when used again. */
  async dispose(): Promise<void> {
    const workers = this.#slots.map((slot) => slot.worker);
    for (const slot of this.#slots) slot.worker = undefined;
    await Promise.all(
      workers.map(async (worker) => (await worker?.catch(() => undefined))?.terminate()),
    );
  }

  #slot(waitMs: number, signal: AbortSignal | undefined): Promise<Slot<W> | string> {
    const free = this.#free.shift();
    if (free) return Promise.resolve(free);
    if (signal?.aborted) return Promise.resolve(abortReason(signal));
    return new Promise((resolve) => {
      const give = (slot: Slot<W> | string): void => {
        clearTimeout(timer);
        signal?.removeEventListener("abort", onAbort);
        const at = this.#waiting.indexOf(take);
        if (at >= 0) this.#waiting.splice(at, 1);
        resolve(slot);
      };
      const take = (slot: Slot<W>): void => give(slot);
      const onAbort = (): void => give(abortReason(signal as AbortSignal));
      const timer = setTimeout(
        () =>
          give(
            `all ${this.#slots.length} sandbox workers stayed busy with other queries for the query's whole ${waitMs} ms limit`,
          ),
        waitMs,
      );
      signal?.addEventListener("abort", onAbort, { once: true });
      this.#waiting.push(take);
    });
  }

  #release(slot: Slot<W>): void {
    const next = this.#waiting.shift();
    if (next) next(slot);
    // Last in, first out: sequential use keeps to one warm worker instead of starting them all.
    else this.#free.unshift(slot);
  }

  async #workerIn(slot: Slot<W>): Promise<W> {
    const current = await slot.worker?.catch(() => undefined);
    if (current?.alive) return current;
    const starting = this.#start();
    // Whoever stops waiting (a fired signal) leaves the start to finish for the next user.
    starting.catch(() => undefined);
    slot.worker = starting;
    return starting;
  }
}

/** `work`'s value, or the signal's reason as soon as it fires. */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T | string> {
  if (!signal) return work;
  if (signal.aborted) return Promise.resolve(abortReason(signal));
  return new Promise((resolve, reject) => {
    const onAbort = (): void => resolve(abortReason(signal));
    signal.addEventListener("abort", onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}
