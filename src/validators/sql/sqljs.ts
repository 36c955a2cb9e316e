import { createRequire } from "node:module";
import initSqlJs, { type SqlJsStatic } from "sql.js";

const requireFromHere = createRequire(import.meta.url);

/** Absolute paths of sql.js and its wasm, handed to sandbox workers so they need no resolver. */
export const SQL_JS_PATHS = {
  module: requireFromHere.resolve("sql.js"),
  wasm: requireFromHere.resolve("sql.js/dist/sql-wasm.wasm"),
};

let loaded: Promise<SqlJsStatic> | undefined;

/** sql.js in this thread (for building sandboxes), initialised once. */
export function loadSqlJs(): Promise<SqlJsStatic> {
  loaded ??= initSqlJs({ locateFile: () => SQL_JS_PATHS.wasm });
  return loaded;
}
