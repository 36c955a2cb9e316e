import { readFileSync, statSync } from "node:fs";
import { resolve } from "node:path";
import { specRelativePath } from "../common.js";
import { SqlValidatorError } from "./errors.js";

/** Where a sandbox's schema comes from: a SQL script, or the bytes of a SQLite database file. */
export type SchemaSource =
  | { kind: "script"; text: string; origin: string }
  | { kind: "database"; bytes: Uint8Array; origin: string };

const SQLITE_HEADER = "SQLite format 3\0";

// A single line without SQL punctuation is a path; anything else is the schema itself.
const looksLikePath = (schema: string): boolean =>
  !schema.includes("\n") && (/^[^\s;()]+$/.test(schema) || /\.(sql|db|sqlite3?)$/i.test(schema));

function isFile(path: string): boolean {
  try {
    return statSync(path, { throwIfNoEntry: false })?.isFile() ?? false;
  } catch {
    return false; // unreadable paths (permissions, name too long) count as missing
  }
}

/**
 * Reads the `schema` argument: SQL text, or a file path, relative to the spec's directory
 * (`specDir`) when the file is there, else to the working directory. Files are read here, by
 * railguard, once per sandbox; a query never gets to name a file.
 */
export function readSchemaSource(schema: string, specDir?: string): SchemaSource {
  const written = schema.trim();
  if (!looksLikePath(written)) return { kind: "script", text: schema, origin: "the schema text" };
  const path = resolve(specRelativePath(written, specDir, isFile));
  if (!isFile(path)) {
    const places = new Set(specDir ? [resolve(specDir, written), path] : [path]);
    throw new SqlValidatorError(
      "sql-schema-not-found",
      `Schema file "${written}" not found (looked for ${[...places].join(" and ")}).`,
    );
  }
  const bytes = new Uint8Array(readFileSync(path));
  const header = Buffer.from(bytes.subarray(0, SQLITE_HEADER.length)).toString("latin1");
  if (header === SQLITE_HEADER) return { kind: "database", bytes, origin: path };
  return { kind: "script", text: Buffer.from(bytes).toString("utf8"), origin: path };
}
