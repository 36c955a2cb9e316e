import { createRequire } from "node:module";
import type { SqlJsStatic } from "sql.js";
import { LazyModule } from "../../lazy-module.js";

const requireFromHere = createRequire(import.meta.url);

/** Absolute paths of sql.js and its wasm, handed to sandbox workers so they need no resolver. */
export const SQL_JS_PATHS = {
  module: requireFromHere.resolve("sql.js"),
  wasm: requireFromHere.resolve("sql.js/dist/sql-wasm.wasm"),
};

// Loaded when the first sandbox is built, not when railguard is imported.
const sqlJs = new LazyModule(async () => {
  const { default: initSqlJs } = await import("sql.js");
  return initSqlJs({ locateFile: () => SQL_JS_PATHS.wasm });
});

/** sql.js in this thread (for building sandboxes), initialised once. */
export const loadSqlJs = (): Promise<SqlJsStatic> => sqlJs.load();
