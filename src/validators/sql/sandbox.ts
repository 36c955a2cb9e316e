import { createHash } from "node:crypto";
import type { Database } from "sql.js";
import { errorMessage } from "../../errors.js";
import type { SqlDialect } from "./dialects.js";
import { SqlValidatorError } from "./errors.js";
import { type QueryOutcome, QueryWorker } from "./query-worker.js";
import { readOnlyRefusal } from "./read-only.js";
import { readSchemaSource, type SchemaSource } from "./schema-source.js";
import { loadSqlJs } from "./sqljs.js";

export type { QueryOutcome } from "./query-worker.js";

/** The tables (and views) of a sandbox's schema and their columns, for fixing misspelt names. */
export interface SqlCatalog {
  tables: string[];
  /** Column names per table, in schema order. */
  columns: Record<string, string[]>;
}

export const DEFAULT_TIMEOUT_MS = 1000;

/**
 * An in-process SQLite database built from a schema, that runs untrusted queries: each one is
 * vetted (a single read-only statement, no ATTACH/PRAGMA/…), then run in a worker thread on a
 * fresh copy of the database with `query_only` set, and stopped when its time limit passes.
 */
export class SqlSandbox {
  readonly dialect: SqlDialect;
  readonly catalog: SqlCatalog;
  readonly #bytes: Uint8Array;
  #worker: Promise<QueryWorker> | undefined;
  // Queries run one at a time, so that each one's time limit covers only its own execution.
  #queue: Promise<unknown> = Promise.resolve();

  constructor(bytes: Uint8Array, catalog: SqlCatalog, dialect: SqlDialect) {
    this.#bytes = bytes;
    this.catalog = catalog;
    this.dialect = dialect;
  }

  /** SHA-256 of the database the queries run on, to show that none of them changed it. */
  get digest(): string {
    return createHash("sha256").update(this.#bytes).digest("hex");
  }

  /** Every column name of the schema, each once. */
  get columnNames(): string[] {
    return [...new Set(Object.values(this.catalog.columns).flat())];
  }

  /** Runs a query; never rejects for a bad query (refusals, errors and timeouts are outcomes). */
  run(sql: string, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<QueryOutcome> {
    const refusal = readOnlyRefusal(sql, this.dialect);
    if (refusal) return Promise.resolve({ ok: false, reason: "refused", message: refusal });
    const outcome = this.#queue.then(() => this.#execute(sql, timeoutMs));
    this.#queue = outcome.catch(() => undefined);
    return outcome;
  }

  async #execute(sql: string, timeoutMs: number): Promise<QueryOutcome> {
    const worker = await this.#liveWorker();
    return worker.query(sql, timeoutMs);
  }

  async #liveWorker(): Promise<QueryWorker> {
    const current = await this.#worker?.catch(() => undefined);
    if (current?.alive) return current;
    this.#worker = QueryWorker.start(this.#bytes);
    return this.#worker;
  }

  /** Stops the worker; the sandbox starts a new one if it is used again. */
  async dispose(): Promise<void> {
    const worker = await this.#worker?.catch(() => undefined);
    this.#worker = undefined;
    await worker?.terminate();
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
