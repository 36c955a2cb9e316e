import { describe } from "vitest";
import { excludeSqlPredicates } from "../../../src/validators/sql.js";
import { checkTable } from "../run.js";

const writes = ["Drop", "Delete", "Update", "Insert", "Attach", "Pragma"];

describe("exclude-sql-predicates", () => {
  checkTable(excludeSqlPredicates, {
    passes: [
      { value: "SELECT title FROM episodes WHERE id = 1", args: { predicates: writes } },
      // A forbidden word inside a string or an identifier is not a predicate.
      { value: "SELECT 'drop table' AS dropped FROM episodes", args: { predicates: writes } },
      { value: "SELECT title FROM episodes", args: { predicates: ["Join", "Union", "Subquery"] } },
      { value: "SELECT title FROM episodes", args: { predicates: ["count"] } },
      // PostgreSQL's parser writes an absent LIMIT as an empty one; that is no LIMIT.
      {
        value: "SELECT title FROM episodes",
        args: { predicates: ["Limit"], dialect: "postgresql" },
      },
    ],
    fails: [
      {
        value: "DROP TABLE episodes",
        args: { predicates: writes },
        message: "the SQL contains forbidden predicates: Drop",
        fix: "",
      },
      {
        value: "SELECT 1; DELETE FROM episodes",
        args: { predicates: writes },
        message: "the SQL contains forbidden predicates: Delete",
        fix: "",
      },
      {
        value: "UPDATE episodes SET title = 'x'",
        args: { predicates: ["update"] },
        message: "the SQL contains forbidden predicates: update",
        fix: "",
      },
      {
        value: "REPLACE INTO episodes (id) VALUES (1)",
        args: { predicates: ["Insert"] },
        message: "the SQL contains forbidden predicates: Insert",
        fix: "",
      },
      {
        // The parser does not know PRAGMA or ATTACH; the leading keyword still names them.
        value: "PRAGMA writable_schema=1",
        args: { predicates: writes },
        message: "the SQL contains forbidden predicates: Pragma",
        fix: "",
      },
      {
        value: "ATTACH DATABASE '/tmp/x' AS x",
        args: { predicates: ["Command"] },
        message: "the SQL contains forbidden predicates: Command",
        fix: "",
      },
      {
        value: "WITH x AS (SELECT 1) SELECT * FROM episodes UNION SELECT * FROM quotes",
        args: { predicates: ["Union", "CTE", "Star", "Join"] },
        message: "the SQL contains forbidden predicates: Union, CTE, Star",
        fix: "",
      },
      {
        value:
          "SELECT e.title FROM episodes e LEFT JOIN quotes q ON q.episode_id = e.id WHERE e.id IN (SELECT episode_id FROM segments) GROUP BY e.title HAVING count(*) > 1 ORDER BY e.title LIMIT 2",
        args: {
          predicates: ["Join", "Where", "Subquery", "Group", "Having", "Order", "Limit", "count"],
        },
        message:
          "the SQL contains forbidden predicates: Join, Where, Subquery, Group, Having, Order, Limit, count",
        fix: "",
      },
      {
        value: "SELECT load_extension('/tmp/evil.so')",
        args: { predicates: ["load_extension"] },
        message: "the SQL contains forbidden predicates: load_extension",
        fix: "",
      },
      {
        value: "SELECT title FROM episodes LIMIT 3",
        args: { predicates: ["Limit"], dialect: "postgresql" },
        message: "the SQL contains forbidden predicates: Limit",
        fix: "",
      },
      {
        value: "SELECT title FROM episodes WHERE",
        args: { predicates: writes },
        message:
          /^the SQL cannot be checked for forbidden predicates: SQL syntax error \(sqlite\) at line 1, column 33/,
        fix: "",
      },
    ],
  });
});
