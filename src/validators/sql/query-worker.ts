import { Worker } from "node:worker_threads";
import { errorMessage } from "../../errors.js";
import { SqlValidatorError } from "./errors.js";
import { SQL_JS_PATHS } from "./sqljs.js";
import { WORKER_SOURCE } from "./worker-source.js";

/**
 * One value of a result row, as SQLite returns it. Our own type rather than sql.js's `SqlValue`,
 * so the published declarations need no @types/sql.js.
 */
export type SqlCell = number | string | Uint8Array | null;

/** What running one query gave: its result, or why there is none. */
export type QueryOutcome =
  | { ok: true; columns: string[]; rows: SqlCell[][] }
  | { ok: false; reason: "refused" | "error" | "timeout"; message: string };

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
/** Loading sql.js's wasm takes well under a second; this only catches a worker that never starts. */
const STARTUP_LIMIT_MS = 30_000;

/** SQLite's "out of memory" says nothing of the limit that caused it. */
const explained = (message: string): string =>
  message === "out of memory"
    ? `out of memory: the query needs more than the sandbox's ${QUERY_HEAP_LIMIT_BYTES / 2 ** 20} MB`
    : message;

/**
 * One worker thread holding a copy of a sandbox's database bytes. It is `unref`ed while idle, so
 * it never keeps the process alive, and terminated when a query outlives its time limit: a
 * query cannot escape a limit enforced from outside its thread.
 */
export class QueryWorker {
  readonly #worker: Worker;
  #alive = true;

  private constructor(worker: Worker) {
    this.#worker = worker;
    worker.on("exit", () => {
      this.#alive = false;
    });
  }

  /** Starts a worker on these database bytes and waits until sql.js is loaded in it. */
  static start(bytes: Uint8Array): Promise<QueryWorker> {
    return new Promise((resolve, reject) => {
      const startError = (reason: string): SqlValidatorError =>
        new SqlValidatorError("sql-sandbox-start", `The SQL sandbox did not start: ${reason}`);
      let worker: Worker;
      try {
        worker = new Worker(WORKER_SOURCE, {
          eval: true,
          workerData: { bytes, sqlJsModule: SQL_JS_PATHS.module, wasmPath: SQL_JS_PATHS.wasm },
        });
      } catch (error) {
        return reject(startError(errorMessage(error)));
      }
      const failStart = (reason: string): void => {
        clearTimeout(timer);
        void worker.terminate();
        reject(startError(reason));
      };
      const timer = setTimeout(() => failStart("timed out loading sql.js"), STARTUP_LIMIT_MS);
      worker.once("error", (error) => failStart(error.message));
      worker.once("message", (reply: WorkerReply) => {
        if (reply.type !== "ready") {
          return failStart(reply.type === "fatal" ? reply.message : "unexpected first message");
        }
        clearTimeout(timer);
        worker.unref();
        resolve(new QueryWorker(worker));
      });
    });
  }

  /** False once the worker was terminated or died; the sandbox then starts a fresh one. */
  get alive(): boolean {
    return this.#alive;
  }

  /** Runs one (already vetted) query; never rejects. */
  query(sql: string, timeoutMs: number): Promise<QueryOutcome> {
    const worker = this.#worker;
    return new Promise((resolve) => {
      const settle = (outcome: QueryOutcome): void => {
        clearTimeout(timer);
        worker.off("message", onReply).off("error", onCrash).off("exit", onExit);
        worker.unref();
        resolve(outcome);
      };
      const onReply = (reply: WorkerReply): void => {
        if (reply.type !== "result") return;
        if (reply.ok) settle({ ok: true, columns: reply.columns, rows: reply.rows });
        else settle({ ok: false, reason: "error", message: explained(reply.message) });
      };
      const onCrash = (error: Error): void =>
        settle({
          ok: false,
          reason: "error",
          message: `the SQL sandbox crashed: ${error.message}`,
        });
      const onExit = (): void =>
        settle({ ok: false, reason: "error", message: "the SQL sandbox stopped unexpectedly" });
      const timer = setTimeout(() => {
        this.#alive = false;
        void this.terminate();
        settle({
          ok: false,
          reason: "timeout",
          message: `the query ran longer than the ${timeoutMs} ms limit and was stopped`,
        });
      }, timeoutMs);
      worker.on("message", onReply).on("error", onCrash).on("exit", onExit);
      worker.ref();
      worker.postMessage({
        sql,
        maxRows: MAX_ROWS,
        maxBytes: MAX_RESULT_BYTES,
        heapLimit: QUERY_HEAP_LIMIT_BYTES,
      });
    });
  }

  async terminate(): Promise<void> {
    this.#alive = false;
    await this.#worker.terminate();
  }
}
