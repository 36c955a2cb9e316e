/** A node of node-sql-parser's AST, seen generically (its types differ between dialects). */
export type AstNode = Record<string, unknown>;

// Keys that lead to another statement at the same level (a set operation's right-hand side, a
// CTE body, the `{ tableList, columnList, ast }` wrapper), not into a nested subquery.
const SAME_LEVEL_KEYS = new Set(["_next", "stmt", "ast"]);

/**
 * Calls `visit` on every object node under `root`, telling whether it sits inside a nested
 * expression (a subquery rather than a top-level statement, a set operand or a CTE body).
 */
export function walkAst(root: unknown, visit: (node: AstNode, nested: boolean) => void): void {
  const walk = (node: unknown, nested: boolean): void => {
    if (Array.isArray(node)) {
      for (const item of node) walk(item, nested);
      return;
    }
    if (node === null || typeof node !== "object") return;
    visit(node as AstNode, nested);
    for (const [key, child] of Object.entries(node))
      walk(child, nested || !SAME_LEVEL_KEYS.has(key));
  };
  walk(root, false);
}

/** A name node's text: node-sql-parser writes names as strings or as `{ value }` objects. */
export function nameText(name: unknown): string | undefined {
  if (typeof name === "string") return name;
  if (name && typeof name === "object" && "value" in name && typeof name.value === "string") {
    return name.value;
  }
  return undefined;
}
