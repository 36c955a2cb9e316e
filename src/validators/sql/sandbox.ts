import { createHash } from "node:crypto";
import { availableParallelism } from "node:os";
import type { Database } from "sql.js";
import { durationProblem } from "../../durations.js";
import { errorMessage } from "../../errors.js";
import type { ParsedSql, SqlDialect } from "./dialects.js";
import { SqlValidatorError } from "./errors.js";
import { type QueryOutcome, QueryWorker } from "./query-worker.js";
import { readOnlyRefusal } from "./read-only.js";
import { readSchemaSource, type SchemaSource } from "./schema-source.js";
import { loadSqlJs } from "./sqljs.js";
import { WorkerPool } from "./worker-pool.js";

export type { QueryFailureReason, QueryOutcome } from "./query-worker.js";

/** The tables (and views) of a sandbox's schema and their columns, for fixing misspelt names. */
export interface SqlCatalog {
  tables: string[];
  /** Column names per table, in schema order. */
  columns: Record<string, string[]>;
}

export const DEFAULT_TIMEOUT_MS = 1000;

/**
 * A query's time limit, if usable: positive, and within Node's timer range (past it Node clamps
 * the timer to 1 ms, and every query would be stopped at once). `name` leads the error.
 */
export function queryTimeLimit(limit: number, name: string): number {
  if (!Number.isFinite(limit) || limit <= 0) {
    throw new SqlValidatorError(
      "sql-bad-timeout",
      `${name} must be a positive number of milliseconds, got ${limit}`,
    );
  }
  const problem = durationProblem(name, limit);
  if (problem) throw new SqlValidatorError("sql-bad-timeout", problem);
  return limit;
}

/**
 * Worker processes per sandbox. A guard call runs its queries one after the other, so this many
 * concurrent calls never wait for each other; beyond it, a query waits for a free worker, at most
 * for its own time limit and never past its signal.
 */
const POOL_SIZE = Math.min(4, Math.max(2, availableParallelism()));

/** What `run` may be given besides the query and its time limit. */
export interface SqlRunOptions {
  /** Stops waiting for a worker, or the query itself, when it fires (the call's deadline). */
  signal?: AbortSignal;
  /** The query as already parsed by the caller in the sandbox's dialect, so it is parsed once. */
  parsed?: ParsedSql;
}

/**
 * A SQLite database built from a schema, that runs untrusted queries: each one is
 * vetted (a single read-only statement, no ATTACH/PRAGMA/…), then run in a worker process on a
 * fresh copy of the database with `query_only` set, and stopped when its time limit passes or
 * its signal fires. A worker that crashed or was stopped is replaced on the next query.
 */
export class SqlSandbox {
  readonly dialect: SqlDialect;
  readonly catalog: SqlCatalog;
  readonly #bytes: Uint8Array;
  readonly #pool: WorkerPool<QueryWorker>;

  constructor(bytes: Uint8Array, catalog: SqlCatalog, dialect: SqlDialect) {
    this.#bytes = bytes;
    this.catalog = catalog;
    this.dialect = dialect;
    this.#pool = new WorkerPool(POOL_SIZE, () => QueryWorker.start(bytes));
  }

  /** SHA-256 of the database the queries run on, to show that none of them changed it. */
  get digest(): string {
    return createHash("sha256").update(this.#bytes).digest("hex");
  }

  /** Every column name of the schema, each once. */
  get columnNames(): string[] {
    return [...new Set(Object.values(this.catalog.columns).flat())];
  }

  /**
   * Runs a query; never rejects for a bad query (refusals, errors, timeouts, crashes and
   * cancellations are outcomes). Rejects with a SqlValidatorError when no worker starts, or for
   * a `timeoutMs` that is not a positive number within Node's timer range.
   */
  async run(
    sql: string,
    timeoutMs = DEFAULT_TIMEOUT_MS,
    { signal, parsed }: SqlRunOptions = {},
  ): Promise<QueryOutcome> {
    queryTimeLimit(timeoutMs, "SqlSandbox.run: timeoutMs");
    const refusal = readOnlyRefusal(sql, this.dialect, parsed);
    if (refusal) return { ok: false, reason: "refused", message: refusal };
    const lease = await this.#pool.acquire(timeoutMs, signal);
    if (lease.kind === "busy") {
      return {
        ok: false,
        reason: "cancelled",
        message: `the query was not run, so it was not checked: ${lease.reason}`,
      };
    }
    try {
      return await lease.worker.query(sql, timeoutMs, signal);
    } finally {
      lease.release();
    }
  }

  /** Stops the workers; the sandbox starts new ones if it is used again. */
  dispose(): Promise<void> {
    return this.#pool.dispose();
  }
}

const sandboxes = new Map<string, Promise<SqlSandbox>>();
let builds = 0;

/**
 * The sandbox for a schema (SQL text or a file path, looked up in `specDir` first) and dialect,
 * built on first use and shared by every later call. A schema that fails to load is not
 * remembered, so a fixed file is re-read.
 */
export function sqlSandbox(
  schema: string,
  dialect: SqlDialect = "sqlite",
  specDir?: string,
): Promise<SqlSandbox> {
  // The same relative path written in specs in two directories names two files.
  const key = [dialect, specDir ?? "", schema].join("\u0000");
  let sandbox = sandboxes.get(key);
  if (!sandbox) {
    sandbox = buildSandbox(schema, dialect, specDir);
    sandboxes.set(key, sandbox);
    sandbox.catch(() => sandboxes.delete(key));
  }
  return sandbox;
}

/** How many sandboxes were built so far (memoisation is observable in tests). */
export const sandboxBuildCount = (): number => builds;

/** Stops every sandbox worker and forgets the sandboxes. */
export async function disposeSqlSandboxes(): Promise<void> {
  const all = [...sandboxes.values()];
  sandboxes.clear();
  await Promise.all(all.map(async (sandbox) => (await sandbox.catch(() => undefined))?.dispose()));
}

async function buildSandbox(
  schema: string,
  dialect: SqlDialect,
  specDir: string | undefined,
): Promise<SqlSandbox> {
  builds += 1;
  const source = readSchemaSource(schema, specDir);
  const SQL = await loadSqlJs();
  const db = new SQL.Database(source.kind === "database" ? source.bytes : null);
  try {
    if (source.kind === "script") db.exec(source.text);
    return new SqlSandbox(db.export(), readCatalog(db), dialect);
  } catch (error) {
    throw schemaError(source, error);
  } finally {
    db.close();
  }
}

function schemaError(source: SchemaSource, error: unknown): SqlValidatorError {
  const reason = errorMessage(error);
  return new SqlValidatorError(
    "sql-schema-invalid",
    `The SQL schema from ${source.origin} does not load: ${reason}`,
    { cause: error },
  );
}

function readCatalog(db: Database): SqlCatalog {
  const names = db.exec(
    "SELECT name FROM sqlite_schema WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%' ORDER BY name",
  );
  const tables = (names[0]?.values ?? []).map(([name]) => String(name));
  const columns: Record<string, string[]> = {};
  for (const table of tables) {
    const info = db.exec("SELECT name FROM pragma_table_info(?)", [table]);
    columns[table] = (info[0]?.values ?? []).map(([name]) => String(name));
  }
  return { tables, columns };
}
