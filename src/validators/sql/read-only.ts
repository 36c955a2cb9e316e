import { isMysqlLexed, type ParsedSql, parseSql, type SqlDialect } from "./dialects.js";
import { identifierOf, leadingKeyword, statementsOf, tokenize } from "./tokens.js";

/** Keywords and functions that reach outside the database or change its engine state. */
const FORBIDDEN_WORDS = new Set(["attach", "detach", "pragma", "vacuum", "load_extension"]);

const READ_KEYWORDS = new Set(["select", "with", "explain"]);

const refused = (reason: string): string => `refused by the SQL sandbox: ${reason}`;

/**
 * Why a query may not run in the sandbox, or undefined when it is a single read-only statement.
 * The sandbox also runs each query on a throw-away copy with `query_only` set; this check is the
 * first of those layers and gives the clearest message. `parsed`, when the caller already parsed
 * `sql` in this dialect, spares parsing it again.
 */
export function readOnlyRefusal(
  sql: string,
  dialect: SqlDialect,
  parsed?: ParsedSql,
): string | undefined {
  const statements = statementsOf(tokenize(sql, { mysqlLexing: isMysqlLexed(dialect) }));
  const [statement] = statements;
  if (!statement) return refused("the query is empty");
  if (statements.length > 1) {
    return refused(`${statements.length} statements given; only a single read-only query runs`);
  }
  // Quoted too: SQLite accepts `"load_extension"(…)` as a function call.
  const forbidden = statement
    .map(identifierOf)
    .find((name) => FORBIDDEN_WORDS.has(name?.toLowerCase() ?? ""));
  if (forbidden) return refused(`${forbidden.toUpperCase()} is not allowed`);
  const keyword = leadingKeyword(statement) ?? "";
  if (!READ_KEYWORDS.has(keyword)) {
    return refused(
      `${keyword.toUpperCase() || "this"} statements are not allowed; only a read-only query runs`,
    );
  }
  const statementSql = sql.replace(LEADING_EXPLAIN, "");
  return astRefusal(statementSql === sql ? parsed : undefined, statementSql, dialect);
}

/** node-sql-parser does not know `EXPLAIN [QUERY PLAN]`; the statement after it is checked. */
const LEADING_EXPLAIN = /^\s*explain(\s+query\s+plan)?\b/i;

// A WITH may front a DELETE or an UPDATE; only the parsed statement type tells.
function astRefusal(
  parsed: ParsedSql | undefined,
  sql: string,
  dialect: SqlDialect,
): string | undefined {
  const outcome = parsed ? { ok: true as const, parsed } : parseSql(sql, dialect);
  if (!outcome.ok)
    return refused(`the query could not be verified as read-only: ${outcome.message}`);
  const type = outcome.parsed.statements[0]?.type ?? "empty";
  return type === "select"
    ? undefined
    : refused(`${type.toUpperCase()} statements are not allowed`);
}
