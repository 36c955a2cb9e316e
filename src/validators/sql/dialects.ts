import { createRequire } from "node:module";
import type { AST, Option, Parser } from "node-sql-parser";
import { errorMessage } from "../../errors.js";
import { formatPosition } from "../../show.js";
import type { ArgSpec } from "../types.js";
import { SqlValidatorError } from "./errors.js";

/** node-sql-parser's `database` names; each has its own build, loaded on first use. */
const PARSER_DATABASES = [
  "athena",
  "bigquery",
  "db2",
  "flinksql",
  "hive",
  "mariadb",
  "mysql",
  "noql",
  "postgresql",
  "redshift",
  "snowflake",
  "sqlite",
  "transactsql",
  "trino",
] as const;

export type SqlDialect = (typeof PARSER_DATABASES)[number];

const ALIASES: Record<string, SqlDialect> = {
  postgres: "postgresql",
  pg: "postgresql",
  tsql: "transactsql",
  mssql: "transactsql",
  sqlserver: "transactsql",
};

/** The `dialect` argument every SQL validator takes. */
export const dialectArg: ArgSpec = {
  name: "dialect",
  type: "string",
  optional: true,
  default: "sqlite",
  description: "Parser dialect.",
};

/** Maps a dialect as written in a spec (`postgres`, `SQLite`…) to node-sql-parser's name. */
export function resolveDialect(written: unknown): SqlDialect {
  const name = String(written ?? "sqlite")
    .trim()
    .toLowerCase();
  const dialect = ALIASES[name] ?? PARSER_DATABASES.find((known) => known === name);
  if (dialect) return dialect;
  throw new SqlValidatorError(
    "sql-unknown-dialect",
    `Unknown SQL dialect "${String(written)}"; use one of ${PARSER_DATABASES.join(", ")} (or postgres, tsql).`,
  );
}

/** Whether strings take backslash escapes and `#` starts a comment (MySQL family, BigQuery). */
export const isMysqlLexed = (dialect: SqlDialect): boolean =>
  dialect === "mysql" || dialect === "mariadb" || dialect === "bigquery";

export interface ParsedSql {
  /** One entry per statement. */
  statements: AST[];
  /** `type::db::table` entries, as node-sql-parser lists them. */
  tableList: string[];
  /** `type::table::column` entries; `(.*)` stands for `*`. */
  columnList: string[];
}

export type ParseOutcome = { ok: true; parsed: ParsedSql } | { ok: false; message: string };

const requireFromHere = createRequire(import.meta.url);
const parsers = new Map<SqlDialect, Parser>();

// The full node-sql-parser bundle takes half a second to load; one dialect's build a few ms.
function parserFor(dialect: SqlDialect): Parser {
  let parser = parsers.get(dialect);
  if (!parser) {
    const build = requireFromHere(`node-sql-parser/build/${dialect}.js`) as {
      Parser: new () => Parser;
    };
    parser = new build.Parser();
    parsers.set(dialect, parser);
  }
  return parser;
}

/** Parses SQL in a dialect; a syntax error comes back as a message with line and column. */
export function parseSql(sql: string, dialect: SqlDialect): ParseOutcome {
  const options: Option = { database: dialect };
  try {
    const { ast, tableList, columnList } = parserFor(dialect).parse(sql, options);
    return { ok: true, parsed: { statements: [ast].flat(), tableList, columnList } };
  } catch (error) {
    return { ok: false, message: syntaxErrorMessage(error, dialect) };
  }
}

interface PegLocation {
  start: { line: number; column: number };
}

function syntaxErrorMessage(error: unknown, dialect: SqlDialect): string {
  const reason = errorMessage(error);
  const location = (error as { location?: PegLocation }).location?.start;
  const where = location ? ` at ${formatPosition(location)}` : "";
  return `SQL syntax error (${dialect})${where}: ${reason}`;
}
