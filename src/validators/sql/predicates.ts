import { type AstNode, nameText, walkAst } from "./ast-walk.js";
import { isMysqlLexed, parseSql, type SqlDialect } from "./dialects.js";
import { leadingKeyword, statementsOf, tokenize } from "./tokens.js";

/** Statement kinds as node-sql-parser types them (other `type` values are expression nodes). */
const STATEMENT_TYPES = new Set([
  "select",
  "insert",
  "replace",
  "update",
  "delete",
  "drop",
  "create",
  "alter",
  "truncate",
  "rename",
  "attach",
  "use",
  "show",
  "desc",
  "grant",
  "revoke",
  "transaction",
  "lock",
  "unlock",
  "exec",
  "call",
]);

/** Clause keys of a statement node and the predicate each stands for. */
const CLAUSES: Record<string, string> = {
  where: "where",
  groupby: "group",
  having: "having",
  orderby: "order",
  with: "with",
};

/**
 * Guardrails names predicates by sqlglot expression class; these are the classes whose names
 * differ from ours, each with the features it covers. Any other name is used as written.
 */
const SQLGLOT_ALIASES: Record<string, string[]> = {
  insert: ["insert", "replace"],
  truncatetable: ["truncate"],
  cte: ["with"],
  ordered: ["order"],
  orderby: ["order"],
  groupby: ["group"],
  setoperation: ["union", "intersect", "except"],
  // sqlglot parses statements it does not model into a generic Command.
  command: ["attach", "detach", "pragma", "vacuum", "reindex", "analyze"],
  transaction: ["transaction", "begin"],
};

/** Lower-case letters and digits only: `GROUP BY`, `Group`, `group_by` all become `groupby`. */
const normalise = (name: string): string => name.toLowerCase().replace(/[^a-z0-9]/g, "");

export type FeatureScan = { features: Set<string>; parseError?: string };

/**
 * The predicates a query contains: the leading keyword of each statement (found even when the
 * parser does not know the statement, like PRAGMA), and from the AST the statement types,
 * clauses, joins, set operations, subqueries, `*`, and called functions (as `fn:name`).
 */
export function scanFeatures(sql: string, dialect: SqlDialect): FeatureScan {
  const features = new Set<string>();
  for (const statement of statementsOf(tokenize(sql, { mysqlLexing: isMysqlLexed(dialect) }))) {
    const keyword = leadingKeyword(statement);
    if (keyword) features.add(normalise(keyword));
  }
  const parsed = parseSql(sql, dialect);
  if (!parsed.ok) return { features, parseError: parsed.message };
  walkAst(parsed.parsed.statements, (node, nested) => noteFeatures(node, nested, features));
  return { features };
}

function noteFeatures(node: AstNode, nested: boolean, features: Set<string>): void {
  const type = typeof node.type === "string" ? node.type.toLowerCase() : "";
  if (STATEMENT_TYPES.has(type)) features.add(type);
  if (type === "select" && nested) features.add("subquery");
  if (type === "star" || node.column === "*") features.add("star");
  if (type === "function" || type === "aggr_func")
    features.add(`fn:${normalise(functionName(node))}`);
  if (typeof node.set_op === "string") features.add(normalise(node.set_op.split(" ")[0] ?? ""));
  if (typeof node.join === "string") features.add("join");
  if (hasLimit(node.limit)) features.add("limit");
  if (STATEMENT_TYPES.has(type)) {
    for (const [key, feature] of Object.entries(CLAUSES))
      if (isPresent(node[key])) features.add(feature);
  }
}

/** `{ seperator, value: [] }` is how some dialects write "no LIMIT". */
const hasLimit = (limit: unknown): boolean =>
  isPresent(limit) &&
  (!Array.isArray((limit as AstNode).value) || ((limit as AstNode).value as []).length > 0);

const isPresent = (clause: unknown): boolean =>
  clause !== null && clause !== undefined && !(Array.isArray(clause) && clause.length === 0);

// `COUNT`, or `{ name: [{ value: "load_extension" }] }` in newer grammars.
function functionName(node: AstNode): string {
  const name = node.name;
  const parts = (name as AstNode | null)?.name;
  if (Array.isArray(parts)) return parts.map(nameText).join(".");
  return nameText(name) ?? "";
}

/** The predicates as written (e.g. `Drop`, `Union`) that the scanned features contain. */
export function forbiddenFound(predicates: readonly string[], features: Set<string>): string[] {
  return predicates.filter((predicate) => {
    const name = normalise(predicate);
    const covered = SQLGLOT_ALIASES[name] ?? [name];
    return covered.some((feature) => features.has(feature)) || features.has(`fn:${name}`);
  });
}
