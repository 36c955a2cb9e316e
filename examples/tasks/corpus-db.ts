/** The corpus database for the SQL tasks: its schema text and a read-only way to run a query. */
import { readFileSync } from "node:fs";
import { DATABASE_FILE, loadSqlJs, SCHEMA_FILE } from "../corpus/build-db.js";

export const schemaText = (): string => readFileSync(SCHEMA_FILE, "utf8");

/** Runs `sql` on examples/corpus/corpus.sqlite; the first rows, one line each. */
export async function queryRows(sql: string, limit = 8): Promise<string[]> {
  const db = new (await loadSqlJs()).Database(readFileSync(DATABASE_FILE));
  try {
    const [result] = db.exec(sql);
    if (!result) return ["(no rows)"];
    const rows = result.values.map((row) => row.map((cell) => String(cell)).join(" · "));
    const more = rows.length > limit ? [`… ${rows.length - limit} more`] : [];
    return [result.columns.join(" · "), ...rows.slice(0, limit), ...more];
  } finally {
    db.close();
  }
}
