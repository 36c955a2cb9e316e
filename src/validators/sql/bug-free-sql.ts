import type { ValidatorDefinition } from "../../contract/types.js";
import { fail, pass } from "../../contract/types.js";
import { timeLimitProblem } from "../../durations.js";
import { maxLengthArg } from "../common.js";
import { sqlCheck } from "./check.js";
import { dialectArg, parseSql, resolveDialect } from "./dialects.js";
import { repairNames } from "./repair.js";
import { DEFAULT_TIMEOUT_MS, queryTimeLimit, sqlSandbox } from "./sandbox.js";

export type BugFreeSqlArgs = {
  schema?: string | null;
  dialect?: string;
  max_length?: number;
  timeout_ms?: number;
};

const timeLimit = (written: number | undefined): number =>
  queryTimeLimit(written ?? DEFAULT_TIMEOUT_MS, "bug-free-sql: timeout_ms");

export const bugFreeSql: ValidatorDefinition<BugFreeSqlArgs> = {
  name: "bug-free-sql",
  types: ["sql", "string"],
  args: [
    {
      name: "schema",
      type: "string",
      optional: true,
      description:
        "SQL script or path of a .sql/.db file; when given, queries run in a sandbox built from it.",
    },
    dialectArg,
    maxLengthArg,
    {
      name: "timeout_ms",
      type: "integer",
      optional: true,
      default: DEFAULT_TIMEOUT_MS,
      description: "Time limit of one query in the sandbox.",
      check: timeLimitProblem,
    },
  ],
  description:
    "The query parses in its dialect and, given a schema, runs without error in a read-only SQLite sandbox.",
  docs: {
    check:
      "parses in `dialect` (sqlite, postgresql, mysql, bigquery, transactsql…); with `schema`, runs as a single read-only query on a copy of a SQLite built once from it, in a worker process, within `timeout_ms` (default 1000); fails with the parser's or SQLite's error text; SQL over `max_length` characters (default 50000), SQL the parser would read otherwise than the database (MySQL `/*! */` comments, a backslash before a closing quote in SQLite…), a parse over 2 s, and a query stopped by the call's signal or by its worker crashing fail unchecked",
    fix: "an unknown table or column renamed to the schema's clearly closest name (edit distance, case-insensitive), kept only if the renamed query then runs; otherwise none",
    advice:
      "`fix` for text-to-SQL with a schema: misspelt names are corrected without a model call; `reask` (or `fix_reask`) for anything else",
  },
  validate: sqlCheck<BugFreeSqlArgs>(async (sql, { args, specDir, signal }) => {
    const dialect = resolveDialect(args.dialect);
    if (sql.trim() === "") return fail("the SQL query is empty");
    const parsed = parseSql(sql, dialect);
    if (!parsed.ok) return fail(parsed.message);
    if (!args.schema) return pass();
    const sandbox = await sqlSandbox(args.schema, dialect, specDir);
    const limits = { timeoutMs: timeLimit(args.timeout_ms), signal };
    const outcome = await sandbox.run(sql, limits.timeoutMs, { signal, parsed: parsed.parsed });
    if (outcome.ok) return pass();
    if (outcome.reason !== "error") return fail(outcome.message);
    return fail(outcome.message, await repairNames(sql, outcome.message, sandbox, limits));
  }),
  // The schema (often a file path) means nothing to the model; the dialect does.
  toPrompt: (args) => `bug-free-sql: dialect=${args.dialect ?? "sqlite"}`,
};
