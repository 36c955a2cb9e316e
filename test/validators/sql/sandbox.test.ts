import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { QueryWorker } from "../../../src/validators/sql/query-worker.js";
import {
  disposeSqlSandboxes,
  sandboxBuildCount,
  sqlSandbox,
} from "../../../src/validators/sql/sandbox.js";
import { loadSqlJs } from "../../../src/validators/sql/sqljs.js";
import { CORPUS_SCHEMA, corpusSchemaText } from "./corpus.js";

afterAll(disposeSqlSandboxes);

const fileDigest = (path: string): string =>
  createHash("sha256").update(readFileSync(path)).digest("hex");

const ENDLESS_CTE =
  "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x+1 FROM c) SELECT count(*) FROM c";

describe("sqlSandbox", () => {
  it("runs a read-only query and returns its rows", async () => {
    const sandbox = await sqlSandbox(CORPUS_SCHEMA);
    expect(
      await sandbox.run("SELECT id, title FROM episodes WHERE duration_minutes > 50 ORDER BY id"),
    ).toEqual({
      ok: true,
      columns: ["id", "title"],
      rows: [
        [1, "Guardrails for LLM output"],
        [3, "Evaluating text-to-SQL"],
      ],
    });
  });

  it("refuses a time limit that is not positive or past Node's timer range", async () => {
    const sandbox = await sqlSandbox(CORPUS_SCHEMA);
    for (const timeoutMs of [2 ** 31, 0, -1, Number.NaN]) {
      await expect(sandbox.run("SELECT 1", timeoutMs)).rejects.toMatchObject({
        code: "sql-bad-timeout",
        message: expect.stringContaining("SqlSandbox.run: timeoutMs must be"),
      });
    }
    expect(await sandbox.run("SELECT 1", 2 ** 31 - 1)).toMatchObject({ ok: true });
  });

  it("reads the schema's tables and columns", async () => {
    const sandbox = await sqlSandbox(CORPUS_SCHEMA);
    expect(sandbox.catalog.tables).toEqual(["episodes", "quotes", "segments", "speakers"]);
    expect(sandbox.catalog.columns.segments).toEqual(["episode_id", "start_time", "title"]);
  });

  it("reports the database's error text", async () => {
    const sandbox = await sqlSandbox(CORPUS_SCHEMA);
    expect(await sandbox.run("SELECT title FROM episode")).toEqual({
      ok: false,
      reason: "error",
      message: "no such table: episode",
    });
  });

  it("is built once per schema and dialect", async () => {
    const schema = "CREATE TABLE built_once (a INTEGER);";
    const before = sandboxBuildCount();
    const sandboxes = await Promise.all([
      sqlSandbox(schema),
      sqlSandbox(schema),
      sqlSandbox(schema),
    ]);
    await sandboxes[0]?.run("SELECT a FROM built_once");
    expect(await sqlSandbox(schema)).toBe(sandboxes[0]);
    expect(new Set(sandboxes).size).toBe(1);
    expect(sandboxBuildCount()).toBe(before + 1);
    await sqlSandbox(schema, "postgresql");
    expect(sandboxBuildCount()).toBe(before + 2);
  });

  it("runs concurrent queries, each with its own answer", async () => {
    const sandbox = await sqlSandbox(CORPUS_SCHEMA);
    const [episodes, quotes] = await Promise.all([
      sandbox.run("SELECT count(*) FROM episodes"),
      sandbox.run("SELECT count(*) FROM quotes"),
    ]);
    expect(episodes).toMatchObject({ ok: true, rows: [[3]] });
    expect(quotes).toMatchObject({ ok: true, rows: [[3]] });
  });

  it("accepts EXPLAIN QUERY PLAN", async () => {
    const sandbox = await sqlSandbox(CORPUS_SCHEMA);
    expect(await sandbox.run("EXPLAIN QUERY PLAN SELECT * FROM episodes")).toMatchObject({
      ok: true,
    });
  });

  it("loads a SQLite database file given as the schema", async () => {
    const SQL = await loadSqlJs();
    const db = new SQL.Database();
    db.run("CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('kept');");
    const path = join(mkdtempSync(join(tmpdir(), "railguard-sql-")), "notes.db");
    writeFileSync(path, db.export());
    db.close();
    const sandbox = await sqlSandbox(path);
    expect(await sandbox.run("SELECT body FROM notes")).toMatchObject({ rows: [["kept"]] });
  });

  it("throws a typed error naming a missing schema file", async () => {
    await expect(sqlSandbox("no/such/schema.sql")).rejects.toMatchObject({
      name: "SqlValidatorError",
      code: "sql-schema-not-found",
      message: expect.stringContaining('Schema file "no/such/schema.sql" not found'),
    });
  });

  it("throws a typed error with SQLite's reason for a schema that does not load", async () => {
    await expect(sqlSandbox("CREATE TABLE broken (a INTEGER,);")).rejects.toMatchObject({
      code: "sql-schema-invalid",
      message: expect.stringMatching(
        /^The SQL schema from the schema text does not load: .*syntax error/,
      ),
    });
  });
});

describe("hostile SQL in the sandbox", () => {
  const hostile: [string, string, RegExp][] = [
    [
      "ATTACH",
      "ATTACH DATABASE '/tmp/x' AS x",
      /refused by the SQL sandbox: ATTACH is not allowed/,
    ],
    ["DETACH", "DETACH DATABASE main", /refused by the SQL sandbox: DETACH is not allowed/],
    ["PRAGMA", "PRAGMA writable_schema=1", /refused by the SQL sandbox: PRAGMA is not allowed/],
    ["DROP", "DROP TABLE episodes", /refused by the SQL sandbox: DROP statements are not allowed/],
    [
      "DELETE",
      "DELETE FROM episodes",
      /refused by the SQL sandbox: DELETE statements are not allowed/,
    ],
    ["UPDATE", "UPDATE episodes SET title = 'x'", /UPDATE statements are not allowed/],
    [
      "INSERT",
      "INSERT INTO episodes VALUES (9, 'x', 'y', 'z', 1)",
      /INSERT statements are not allowed/,
    ],
    [
      "two statements",
      "SELECT 1; DROP TABLE episodes",
      /2 statements given; only a single read-only query runs/,
    ],
    ["load_extension", "SELECT load_extension('/tmp/evil.so')", /LOAD_EXTENSION is not allowed/],
    [
      "quoted load_extension",
      "SELECT \"load_extension\"('/tmp/evil.so')",
      /LOAD_EXTENSION is not allowed/,
    ],
    ["VACUUM INTO", "VACUUM INTO '/tmp/copy.db'", /VACUUM is not allowed/],
    [
      "WITH … DELETE",
      "WITH x AS (SELECT 1) DELETE FROM episodes",
      /could not be verified as read-only/,
    ],
    ["an empty query", "  -- nothing\n", /the query is empty/],
  ];

  it.each(hostile)("refuses %s and leaves the database untouched", async (_, sql, message) => {
    const schemaBefore = fileDigest(CORPUS_SCHEMA);
    const sandbox = await sqlSandbox(CORPUS_SCHEMA);
    const bytesBefore = sandbox.digest;
    expect(await sandbox.run(sql)).toEqual({
      ok: false,
      reason: "refused",
      message: expect.stringMatching(message),
    });
    expect(await sandbox.run("SELECT count(*) FROM episodes")).toMatchObject({
      ok: true,
      rows: [[3]],
    });
    expect(sandbox.digest).toBe(bytesBefore);
    expect(fileDigest(CORPUS_SCHEMA)).toBe(schemaBefore);
  });

  it("stops an endless recursive CTE at the time limit, then answers the next query", async () => {
    const sandbox = await sqlSandbox(CORPUS_SCHEMA);
    const bytesBefore = sandbox.digest;
    expect(await sandbox.run(ENDLESS_CTE, 200)).toEqual({
      ok: false,
      reason: "timeout",
      message: "the query ran longer than the 200 ms limit and was stopped",
    });
    expect(await sandbox.run("SELECT title FROM episodes WHERE id = 2")).toEqual({
      ok: true,
      columns: ["title"],
      rows: [["Structured generation in practice"]],
    });
    expect(sandbox.digest).toBe(bytesBefore);
  });

  it("stops a query that is slow but finite the same way", async () => {
    const sandbox = await sqlSandbox(CORPUS_SCHEMA);
    const slow =
      "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x+1 FROM c WHERE x < 1000000000) SELECT max(x) FROM c";
    expect(await sandbox.run(slow, 150)).toMatchObject({ ok: false, reason: "timeout" });
  });
});

describe("the sandbox worker on its own", () => {
  // Below the query checks: a write that reached the worker still fails, on a throw-away copy.
  it("cannot write even when a write reaches it", async () => {
    const SQL = await loadSqlJs();
    const db = new SQL.Database();
    db.exec(corpusSchemaText());
    const bytes = db.export();
    db.close();
    const worker = await QueryWorker.start(bytes);
    try {
      expect(await worker.query("DELETE FROM episodes", 1000)).toEqual({
        ok: false,
        reason: "error",
        message: "attempt to write a readonly database",
      });
      expect(await worker.query("SELECT count(*) FROM episodes", 1000)).toMatchObject({
        rows: [[3]],
      });
    } finally {
      await worker.terminate();
    }
    expect(worker.alive).toBe(false);
  });
});

describe("a long series of queries", () => {
  // Measuring each row's size once read `.length` off numeric cells too; after 600–900 runs of
  // this query, V8's optimised code for that segfaulted the sandbox on Node 20 (exit 139).
  it("answers the same GROUP BY/ORDER BY query 1500 times", async () => {
    const sandbox = await sqlSandbox(CORPUS_SCHEMA);
    const sql =
      "SELECT e.title, count(q.text) AS quotes FROM episodes e LEFT JOIN quotes q ON q.episode_id = e.id GROUP BY e.id ORDER BY quotes DESC";
    const failures: unknown[] = [];
    for (let run = 0; run < 1500; run++) {
      const outcome = await sandbox.run(sql);
      if (!outcome.ok) failures.push({ run, outcome });
    }
    expect(failures).toEqual([]);
  }, 30_000);
});
