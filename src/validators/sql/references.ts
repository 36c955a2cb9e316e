import { type AstNode, nameText, walkAst } from "./ast-walk.js";
import type { ParsedSql } from "./dialects.js";

/** A column as node-sql-parser resolves it: `table` is the real table when an alias says which. */
export interface ColumnReference {
  table: string | undefined;
  column: string;
}

/** The tables and columns a query reads or writes, without its own CTE names and output aliases. */
export interface SqlReferences {
  tables: string[];
  columns: ColumnReference[];
}

const STAR = "(.*)";

export function referencesOf(parsed: ParsedSql): SqlReferences {
  const local = localNames(parsed.statements);
  const tables = parsed.tableList
    .map((entry) => entry.split("::")[2] ?? "")
    .filter((table) => table !== "" && !local.has(table.toLowerCase()));
  const columns = parsed.columnList
    .map(columnReference)
    .filter(({ column }) => column !== STAR && !local.has(column.toLowerCase()));
  return { tables: unique(tables), columns };
}

function columnReference(entry: string): ColumnReference {
  const [, table, column = ""] = entry.split("::");
  return { table: table === "null" || table === "undefined" ? undefined : table, column };
}

/** Names the query defines itself: CTE names, CTE column lists and `AS` aliases of outputs. */
function localNames(statements: unknown): Set<string> {
  const names = new Set<string>();
  const add = (name: unknown): void => {
    const text = nameText(name);
    if (text) names.add(text.toLowerCase());
  };
  walkAst(statements, (node: AstNode) => {
    if (Array.isArray(node.with)) {
      for (const cte of node.with as AstNode[]) {
        add(cte.name);
        if (Array.isArray(cte.columns))
          for (const column of cte.columns as (AstNode | null)[]) add(column?.column);
      }
    }
    if (node.type === "select" && Array.isArray(node.columns)) {
      for (const output of node.columns as AstNode[]) add(output?.as);
    }
  });
  return names;
}

const unique = (names: string[]): string[] => [
  ...new Map(names.map((name) => [name.toLowerCase(), name])).values(),
];
