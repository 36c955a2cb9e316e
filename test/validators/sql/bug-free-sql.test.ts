import { afterAll, describe, expect, it } from "vitest";
import { disposeSqlSandboxes } from "../../../src/validators/sql/sandbox.js";
import { bugFreeSql } from "../../../src/validators/sql.js";
import { checkTable, runFailing } from "../run.js";
import { CORPUS_SCHEMA } from "./corpus.js";

afterAll(disposeSqlSandboxes);

const schema = CORPUS_SCHEMA;

describe("bug-free-sql: syntax only (no schema)", () => {
  checkTable(bugFreeSql, {
    passes: [
      { value: "SELECT title FROM episodes WHERE id = 1" },
      // Without a schema only the syntax is checked; unknown tables are fine.
      { value: "SELECT name FROM any_table_at_all" },
      { value: "SELECT a FROM t; SELECT b FROM u;" },
      {
        value: "SELECT title::text FROM episodes LIMIT 5 OFFSET 2",
        args: { dialect: "postgresql" },
      },
      {
        value: "SELECT title FROM episodes WHERE title ILIKE '%rail%'",
        args: { dialect: "postgres" },
      },
      { value: "SELECT `title` FROM episodes LIMIT 1, 2", args: { dialect: "mysql" } },
      { value: "SELECT TOP 3 title FROM episodes", args: { dialect: "tsql" } },
    ],
    fails: [
      {
        value: "SELEC title FROM episodes",
        message: /^SQL syntax error \(sqlite\) at line 1, column 7: Expected .* but "t" found\.$/,
      },
      {
        value: "SELECT title\nFROM episodes\nWHERE",
        message: /^SQL syntax error \(sqlite\) at line 3, column 6: /,
      },
      {
        value: "SELECT `title` FROM episodes LIMIT 1, 2",
        args: { dialect: "postgresql" },
        message: /^SQL syntax error \(postgresql\) at line 1, column 37: .* but "," found\.$/,
      },
      {
        value: "SELECT title FROM episodes WHERE title ILIKE '%rail%'",
        args: { dialect: "mysql" },
        message: /^SQL syntax error \(mysql\) at line 1, column 40: /,
      },
      { value: "   ", message: "the SQL query is empty" },
      { value: 42, message: "expected a string, got number 42" },
      {
        value: "SELECT 1",
        args: { dialect: "oracle" },
        message: /^Unknown SQL dialect "oracle"; use one of athena, bigquery, .*postgresql.*sqlite/,
      },
    ],
  });
});

describe("bug-free-sql: executed against a schema", () => {
  checkTable(bugFreeSql, {
    passes: [
      { value: "SELECT title FROM episodes WHERE guest = 'Ada Byron'", args: { schema } },
      {
        value:
          "SELECT e.title, count(q.text) AS quotes FROM episodes e LEFT JOIN quotes q ON q.episode_id = e.id GROUP BY e.id",
        args: { schema },
      },
      // The schema may be given as SQL text instead of a file.
      { value: "SELECT b FROM inline_t", args: { schema: "CREATE TABLE inline_t (b TEXT);" } },
    ],
    fails: [
      {
        value: "SELECT title FROM episode",
        args: { schema },
        message: "no such table: episode",
        fix: "SELECT title FROM episodes",
      },
      {
        value: "SELECT titel FROM episodes",
        args: { schema },
        message: "no such column: titel",
        fix: "SELECT title FROM episodes",
      },
      {
        // A table and a column misspelt at once; the string literal 'titel' is not touched.
        value: "SELECT e.titel FROM episode e WHERE e.titel <> 'titel'",
        args: { schema },
        message: "no such table: episode",
        fix: "SELECT e.title FROM episodes e WHERE e.title <> 'titel'",
      },
      {
        value: 'SELECT "speaker", text FROM "qoutes"',
        args: { schema },
        message: "no such table: qoutes",
        fix: 'SELECT "speaker", text FROM "quotes"',
      },
      {
        value: "SELECT listeners FROM episodes",
        args: { schema },
        message: "no such column: listeners",
      },
      {
        // `rats` is one edit from both `cats` and `bats`: no clear choice, so no fix.
        value: "SELECT a FROM rats",
        args: { schema: "CREATE TABLE cats (a); CREATE TABLE bats (a);" },
        message: "no such table: rats",
      },
      {
        // Renaming `episode` works but the query still fails on something no rename fixes.
        value: "SELECT title FROM episode WHERE nonsense(1)",
        args: { schema },
        message: "no such table: episode",
      },
      {
        value: "DROP TABLE episodes",
        args: { schema },
        message: /^refused by the SQL sandbox: DROP statements are not allowed/,
      },
      {
        value:
          "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x+1 FROM c) SELECT count(*) FROM c",
        args: { schema, timeout_ms: 150 },
        message: "the query ran longer than the 150 ms limit and was stopped",
      },
      {
        value: "SELECT 1",
        args: { schema, timeout_ms: 0 },
        message: "bug-free-sql: timeout_ms must be a positive number of milliseconds, got 0",
      },
      {
        // Node would clamp the timer to 1 ms: every query would be stopped at once.
        value: "SELECT 1",
        args: { schema, timeout_ms: 2 ** 31 },
        message:
          "bug-free-sql: timeout_ms must be at most 2147483647 ms (Node's timer limit, about 24.8 days), got 2147483648.",
      },
      {
        value: "SELECT 1",
        args: { schema: "missing/corpus.sql" },
        message: /^Schema file "missing\/corpus.sql" not found/,
      },
    ],
  });

  it("reads a relative schema path from the working directory", async () => {
    const verdict = await runFailing(bugFreeSql, "SELECT title FROM episode", {
      schema: "test/fixtures/sql/corpus-schema.sql",
    });
    expect(verdict.fixValue).toBe("SELECT title FROM episodes");
  });

  it("shows the model the dialect, not the schema path", () => {
    expect(bugFreeSql.toPrompt?.({ schema, dialect: "postgresql" })).toBe(
      "bug-free-sql: dialect=postgresql",
    );
  });
});
