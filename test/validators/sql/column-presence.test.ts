import { describe } from "vitest";
import { sqlColumnPresence } from "../../../src/validators/sql.js";
import { checkTable } from "../run.js";

const cols = ["id", "title", "guest", "episode_id", "text"];

describe("sql-column-presence", () => {
  checkTable(sqlColumnPresence, {
    passes: [
      { value: "SELECT title, guest FROM episodes WHERE id = 2", args: { cols } },
      { value: "SELECT * FROM episodes", args: { cols } },
      // Output aliases and CTE names and columns are the query's own, not schema columns.
      { value: "SELECT count(*) AS n FROM episodes ORDER BY n", args: { cols } },
      {
        value: "WITH recent(ident) AS (SELECT id FROM episodes) SELECT ident FROM recent",
        args: { cols, tables: ["episodes"] },
      },
      {
        value: "SELECT e.title, q.text FROM episodes e JOIN quotes q ON q.episode_id = e.id",
        args: { cols, tables: ["episodes", "quotes"] },
      },
      // A `table.column` entry allows that column of that table only.
      { value: "SELECT e.published FROM episodes e", args: { cols: ["episodes.published"] } },
      { value: "SELECT TITLE FROM Episodes", args: { cols, tables: ["episodes"] } },
      { value: 'SELECT "title" FROM episodes', args: { cols: "title, id" } },
      {
        value: "SELECT title FROM episodes LIMIT 2 OFFSET 1",
        args: { cols, dialect: "postgresql" },
      },
    ],
    fails: [
      {
        value: "SELECT title, duration_minutes FROM episodes",
        args: { cols },
        message: "columns not in the allowed list: duration_minutes",
      },
      {
        value: "SELECT titel, gest FROM episodes WHERE titel <> 'titel'",
        args: { cols },
        message: "columns not in the allowed list: titel, gest",
        fix: "SELECT title, guest FROM episodes WHERE title <> 'titel'",
      },
      {
        value: "SELECT title FROM episodes JOIN speakers ON speakers.name = episodes.guest",
        args: { cols, tables: ["episodes"] },
        message: "columns not in the allowed list: name; tables not in the allowed list: speakers",
      },
      {
        value: "SELECT title FROM episode",
        args: { cols, tables: ["episodes", "quotes"] },
        message: "tables not in the allowed list: episode",
        fix: "SELECT title FROM episodes",
      },
      {
        value: "SELECT s.published FROM segments s",
        args: { cols: ["episodes.published"] },
        message: "columns not in the allowed list: published",
      },
      {
        value: "SELECT title FROM",
        args: { cols },
        message: /^SQL syntax error \(sqlite\) at line 1, column 18: /,
      },
      {
        value: "SELECT `duration` FROM episodes",
        args: { cols, dialect: "mysql" },
        message: "columns not in the allowed list: duration",
      },
      { value: ["SELECT 1"], args: { cols }, message: "expected a string, got a list" },
    ],
  });
});
