import { createRequire } from "node:module";
import type { AST, Option, Parser } from "node-sql-parser";
import type { ArgSpec } from "../../contract/types.js";
import { errorMessage } from "../../errors.js";
import { formatPosition, lineColumn } from "../../show.js";
import { runWithin, TimeLimitExceeded } from "../time-limit.js";
import { SqlValidatorError } from "./errors.js";
import { type Token, tokenize } from "./tokens.js";

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

/**
 * How long one parse may take. node-sql-parser's grammars backtrack without memoisation, and some
 * inputs take exponential time: in the postgresql grammar each unclosed parenthesis of
 * `SELECT ((((1` doubles it (13 take seconds, 30 would take days). A query within `max_length`
 * parses in well under a second.
 */
export const PARSE_TIME_LIMIT_MS = 2_000;

/**
 * Parses SQL in a dialect; a syntax error comes back as a message with line and column, a parse
 * that outlives `PARSE_TIME_LIMIT_MS` (or exhausts the stack) as a message saying so.
 */
export function parseSql(sql: string, dialect: SqlDialect): ParseOutcome {
  const mismatch = readingMismatch(sql, dialect);
  if (mismatch) return { ok: false, message: mismatch };
  const options: Option = { database: dialect };
  const parser = parserFor(dialect);
  try {
    const { ast, tableList, columnList } = runWithin(
      () => parser.parse(sql, options),
      PARSE_TIME_LIMIT_MS,
    );
    return { ok: true, parsed: { statements: [ast].flat(), tableList, columnList } };
  } catch (error) {
    return { ok: false, message: parseFailureMessage(error, dialect) };
  }
}

/** Dialects whose server runs the text of `/*! … *\/` comments (MariaDB also `/*M! … *\/`). */
const runsVersionComments = (dialect: SqlDialect): boolean =>
  dialect === "mysql" || dialect === "mariadb";

/**
 * Where node-sql-parser would read the query otherwise than the database does, so that checks on
 * its AST could miss what the database runs: `SELECT '\' UNION SELECT 2 -- '` is, to SQLite, a
 * UNION, but to the parser (which tries backslash escapes) one string. Such queries fail closed.
 */
function readingMismatch(sql: string, dialect: SqlDialect): string | undefined {
  const mysqlLexing = isMysqlLexed(dialect);
  let offset = 0;
  for (const token of tokenize(sql, { mysqlLexing })) {
    const problem = tokenMismatch(token, dialect, mysqlLexing);
    if (problem) {
      return `the ${dialect} parser would read this query otherwise than ${dialect} does, at ${lineColumn(sql, offset)}: ${problem}`;
    }
    offset += token.text.length;
  }
  return undefined;
}

function tokenMismatch(
  token: Token,
  dialect: SqlDialect,
  mysqlLexing: boolean,
): string | undefined {
  if (!mysqlLexing && (token.kind === "string" || token.kind === "quoted")) {
    if (escapesClosingQuote(token.text)) {
      return `a backslash before a ${token.text[0]} quote, which ${dialect} keeps as a backslash but the parser takes for an escaped quote`;
    }
  }
  if (runsVersionComments(dialect) && token.kind === "comment") {
    if (/^\/\*M?!/.test(token.text)) {
      return `a /*! … */ comment, whose content ${dialect} runs but the parser skips`;
    }
    // MySQL's `--` comment needs a space or control character after it.
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are meant
    if (/^--[^\s\x00-\x1f]/.test(token.text)) {
      return `"--" without a space after it, which ${dialect} reads as two minus signs but the parser as a comment`;
    }
  }
  return undefined;
}

/** Whether a quoted token holds an odd run of backslashes right before a closing-quote character. */
function escapesClosingQuote(text: string): boolean {
  const closing = text.at(-1);
  let backslashes = 0;
  for (const char of text.slice(1)) {
    if (char === closing && backslashes % 2 === 1) return true;
    backslashes = char === "\\" ? backslashes + 1 : 0;
  }
  return false;
}

interface PegLocation {
  start: { line: number; column: number };
}

function parseFailureMessage(error: unknown, dialect: SqlDialect): string {
  // A RangeError is the call stack running out on deep nesting, e.g. 1000 parentheses.
  const gaveUp =
    error instanceof TimeLimitExceeded
      ? error.message
      : error instanceof RangeError
        ? "ran out of stack"
        : undefined;
  if (gaveUp) {
    return `the SQL parser (${dialect}) ${gaveUp}: the query is too deeply nested or too complex to check`;
  }
  const reason = errorMessage(error);
  const location = (error as { location?: PegLocation }).location?.start;
  const where = location ? ` at ${formatPosition(location)}` : "";
  return `SQL syntax error (${dialect})${where}: ${reason}`;
}
