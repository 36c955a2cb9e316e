import { type ChildProcess, spawn } from "node:child_process";
import { errorMessage } from "../../errors.js";
import { SqlValidatorError } from "./errors.js";
import { SQL_JS_PATHS } from "./sqljs.js";
import { WORKER_SOURCE } from "./worker-source.js";

/**
 * One value of a result row, as SQLite returns it. Our own type rather than sql.js's `SqlValue`,
 * so the published declarations need no @types/sql.js.
 */
export type SqlCell = number | string | Uint8Array | null;

/**
 * Why a query has no result: refused before it ran, SQLite's own error, stopped at its time
 * limit, the sandbox process died under it, or the caller's signal stopped it (or kept it from
 * starting). Only "error" says something about the query itself; the others mean "not checked".
 */
export type QueryFailureReason = "refused" | "error" | "timeout" | "crashed" | "cancelled";

/** What running one query gave: its result, or why there is none. */
export type QueryOutcome =
  | { ok: true; columns: string[]; rows: SqlCell[][] }
  | { ok: false; reason: QueryFailureReason; message: string };

type WorkerReply =
  | { type: "ready" }
  | { type: "fatal"; message: string }
  | { type: "result"; ok: true; columns: string[]; rows: SqlCell[][] }
  | { type: "result"; ok: false; message: string };

/**
 * Rows kept per query: enough to look at, bounded in number and in the size of their strings and
 * blobs, so a huge result (100 rows of `printf('%.*c', 1e8, 'x')`) cannot flood the main thread.
 */
const MAX_ROWS = 100;
const MAX_RESULT_BYTES = 1_000_000;
/** SQLite's own memory per query; more is "out of memory". Far above what a query on a test schema needs. */
export const QUERY_HEAP_LIMIT_BYTES = 256 * 1024 * 1024;
/** Starting node and loading sql.js's wasm takes well under a second; this catches a worker that never starts. */
const STARTUP_LIMIT_MS = 30_000;

/** SQLite's "out of memory" says nothing of the limit that caused it. */
const explained = (message: string): string =>
  message === "out of memory"
    ? `out of memory: the query needs more than the sandbox's ${QUERY_HEAP_LIMIT_BYTES / 2 ** 20} MB`
    : message;

/** Why a signal fired, in words. */
export const abortReason = (signal: AbortSignal): string =>
  signal.reason === undefined ? "aborted" : errorMessage(signal.reason);

/** How a child process ended, for messages: "killed by SIGSEGV", "exited with code 1". */
const endOf = (code: number | null, signal: NodeJS.Signals | null): string =>
  signal ? `killed by ${signal}` : `exited with code ${code}`;

/**
 * One child process holding a copy of a sandbox's database bytes, running one query at a time.
 * It is `unref`ed while idle, so it never keeps the process alive, and killed when a query
 * outlives its time limit or the caller's signal fires: a query cannot escape a limit enforced
 * from outside its process, and nothing that happens inside it can crash this one.
 */
export class QueryWorker {
  readonly #child: ChildProcess;
  /** How the process ended, once it has. */
  #ended: string | undefined;
  readonly #exited: Promise<void>;

  private constructor(child: ChildProcess) {
    this.#child = child;
    this.#exited = new Promise((resolve) => {
      const end = (how: string): void => {
        this.#ended ??= how;
        resolve();
      };
      child.once("exit", (code, signal) => end(endOf(code, signal)));
      // A failed spawn emits "error" and no "exit"; after a failed send, "exit" reports it.
      child.on("error", (error) => {
        if (child.pid === undefined) end(`could not be started (${error.message})`);
      });
    });
  }

  /** Starts a worker on these database bytes and waits until sql.js is loaded in it. */
  static start(bytes: Uint8Array): Promise<QueryWorker> {
    return new Promise((resolve, reject) => {
      const startError = (reason: string): SqlValidatorError =>
        new SqlValidatorError("sql-sandbox-start", `The SQL sandbox did not start: ${reason}`);
      let worker: QueryWorker;
      try {
        // No inherited environment: the child needs none, and gets no API keys or NODE_OPTIONS.
        const child = spawn(process.execPath, ["-e", WORKER_SOURCE], {
          stdio: ["ignore", "ignore", "ignore", "ipc"],
          serialization: "advanced",
          env: {},
        });
        worker = new QueryWorker(child);
      } catch (error) {
        return reject(startError(errorMessage(error)));
      }
      const child = worker.#child;
      const done = (): void => {
        clearTimeout(timer);
        child.off("message", onMessage).off("exit", onExit).off("error", onSpawnError);
      };
      const failStart = (reason: string): void => {
        done();
        void worker.terminate();
        reject(startError(reason));
      };
      const onMessage = (reply: WorkerReply): void => {
        if (reply.type !== "ready") {
          failStart(reply.type === "fatal" ? reply.message : "unexpected first message");
          return;
        }
        done();
        worker.#idle();
        resolve(worker);
      };
      const onExit = (): void => failStart(`the process ${worker.#ended}`);
      const onSpawnError = (error: Error): void => {
        if (child.pid === undefined)
          failStart(`the process could not be started: ${error.message}`);
      };
      const timer = setTimeout(() => failStart("timed out loading sql.js"), STARTUP_LIMIT_MS);
      child.on("message", onMessage).once("exit", onExit).on("error", onSpawnError);
      worker.#send({
        type: "init",
        bytes,
        sqlJsModule: SQL_JS_PATHS.module,
        wasmPath: SQL_JS_PATHS.wasm,
      });
    });
  }

  /** False once the worker was terminated or died; the sandbox then starts a fresh one. */
  get alive(): boolean {
    return this.#ended === undefined && !this.#child.killed;
  }

  /** The process id, while it runs. */
  get pid(): number | undefined {
    return this.alive ? this.#child.pid : undefined;
  }

  /**
   * Runs one (already vetted) query; never rejects. The worker is killed, and the query reported
   * unchecked, when `timeoutMs` passes, when `signal` fires, or when the process dies under it.
   */
  query(sql: string, timeoutMs: number, signal?: AbortSignal): Promise<QueryOutcome> {
    if (signal?.aborted) return Promise.resolve(cancelled(signal));
    if (!this.alive) return Promise.resolve(this.#crashed());
    const child = this.#child;
    return new Promise((resolve) => {
      let settled = false;
      const settle = (outcome: QueryOutcome): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        child.off("message", onReply).off("exit", onExit);
        signal?.removeEventListener("abort", onAbort);
        this.#idle();
        resolve(outcome);
      };
      const stop = (outcome: QueryOutcome): void => {
        settle(outcome);
        void this.terminate();
      };
      const onReply = (reply: WorkerReply): void => {
        if (reply.type !== "result") return;
        if (reply.ok) settle({ ok: true, columns: reply.columns, rows: reply.rows });
        else settle({ ok: false, reason: "error", message: explained(reply.message) });
      };
      const onExit = (): void => settle(this.#crashed());
      const onAbort = (): void => stop(cancelled(signal as AbortSignal));
      const timer = setTimeout(
        () =>
          stop({
            ok: false,
            reason: "timeout",
            message: `the query ran longer than the ${timeoutMs} ms limit and was stopped`,
          }),
        timeoutMs,
      );
      child.on("message", onReply).once("exit", onExit);
      signal?.addEventListener("abort", onAbort, { once: true });
      this.#busy();
      this.#send({
        type: "query",
        sql,
        maxRows: MAX_ROWS,
        maxBytes: MAX_RESULT_BYTES,
        heapLimit: QUERY_HEAP_LIMIT_BYTES,
      });
    });
  }

  /** Kills the process (it holds no state worth a graceful end) and waits until it is gone. */
  async terminate(): Promise<void> {
    if (this.#ended === undefined) {
      // Held until its exit is seen: an idle (unref'ed) child would let the event loop end first.
      this.#busy();
      this.#child.kill("SIGKILL");
    }
    await this.#exited;
  }

  #crashed(): QueryOutcome {
    return {
      ok: false,
      reason: "crashed",
      message: `the SQL sandbox process ${this.#ended ?? "stopped"} while running the query, so it was not checked; the next query gets a new one`,
    };
  }

  // A send to a process that just died fails; its exit is what reports that.
  #send(message: object): void {
    try {
      this.#child.send(message);
    } catch {
      void this.terminate();
    }
  }

  #busy(): void {
    this.#child.ref();
    this.#child.channel?.ref();
  }

  #idle(): void {
    this.#child.unref();
    this.#child.channel?.unref();
  }
}

const cancelled = (signal: AbortSignal): QueryOutcome => ({
  ok: false,
  reason: "cancelled",
  message: `the query was not run to the end, so it was not checked: ${abortReason(signal)}`,
});
