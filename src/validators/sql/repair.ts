import { closestName } from "../../closest-name.js";
import { isMysqlLexed } from "./dialects.js";
import type { SqlSandbox } from "./sandbox.js";
import { renameIdentifier } from "./tokens.js";

// SQLite's wording; a qualified name (`e.titel`, `main.episode`) is matched by its last part.
const MISSING_NAME = /^no such (table|column): (?:\S+\.)?(\S+)$/;

/** A query misspelling a table and two columns needs three renames; more is a rewrite. */
const MAX_RENAMES = 4;

/** One rename that clearly corrects a name the database does not know, or undefined. */
function renameFor(error: string, sandbox: SqlSandbox): { from: string; to: string } | undefined {
  const [, kind, name] = MISSING_NAME.exec(error) ?? [];
  if (!name) return undefined;
  const to = closestName(name, kind === "table" ? sandbox.catalog.tables : sandbox.columnNames);
  return to === undefined ? undefined : { from: name, to };
}

/**
 * Fixes a query the sandbox rejected for an unknown table or column by renaming the name to the
 * schema's clearly closest one, re-running until the query works. Returns the working query, or
 * undefined when a name has no clear match or the renamed query still fails: no model call.
 */
export async function repairNames(
  sql: string,
  error: string,
  sandbox: SqlSandbox,
  { timeoutMs, signal }: { timeoutMs: number; signal?: AbortSignal },
): Promise<string | undefined> {
  const mysqlLexing = isMysqlLexed(sandbox.dialect);
  let query = sql;
  let message = error;
  for (let renames = 0; renames < MAX_RENAMES; renames++) {
    const rename = renameFor(message, sandbox);
    if (!rename) return undefined;
    query = renameIdentifier(query, rename.from, rename.to, { mysqlLexing });
    const outcome = await sandbox.run(query, timeoutMs, { signal });
    if (outcome.ok) return query;
    if (outcome.reason !== "error") return undefined;
    message = outcome.message;
  }
  return undefined;
}
