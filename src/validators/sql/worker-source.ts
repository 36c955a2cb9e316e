/**
 * The sandbox worker, as plain CommonJS evaluated by `new Worker(…, { eval: true })`: it needs no
 * file on disk, so it runs the same from sources (vitest, tsx) and from the bundle.
 *
 * Each query opens a fresh database from the schema bytes (the worker's own copy), sets
 * `query_only` so that no write can succeed even if the checks upstream missed one, caps SQLite's
 * heap at `heapLimit` bytes so that `randomblob(1e9)` fails at once with "out of memory" instead
 * of growing the worker by gigabytes, runs the first statement to the end (keeping the first
 * `maxRows` rows, as long as their strings and blobs stay within `maxBytes`) and closes the
 * database.
 */
export const WORKER_SOURCE = `"use strict";
const { parentPort, workerData } = require("node:worker_threads");
const initSqlJs = require(workerData.sqlJsModule);

const messageOf = (error) => String((error && error.message) || error);

// A cell is a number, a string, a Uint8Array or null. Only strings and blobs are asked their
// length: reading \`.length\` off numeric cells as well (\`cell && cell.length\`) made V8's optimised
// code for runQuery segfault the thread after a few hundred GROUP BY/ORDER BY queries (Node 20).
function sizeOf(row) {
  let size = 0;
  for (const cell of row) {
    size += typeof cell === "string" || cell instanceof Uint8Array ? cell.length : 8;
  }
  return size;
}

function runQuery(SQL, request) {
  const db = new SQL.Database(workerData.bytes);
  let statement;
  try {
    db.run("PRAGMA query_only = 1");
    db.run("PRAGMA hard_heap_limit = " + request.heapLimit);
    statement = db.prepare(request.sql);
    const rows = [];
    let bytes = 0;
    let full = false;
    while (statement.step()) {
      if (full) continue;
      const row = statement.get();
      bytes += sizeOf(row);
      full = rows.length >= request.maxRows || bytes > request.maxBytes;
      if (!full) rows.push(row);
    }
    return { type: "result", ok: true, columns: statement.getColumnNames(), rows };
  } catch (error) {
    return { type: "result", ok: false, message: messageOf(error) };
  } finally {
    if (statement) statement.free();
    db.close();
  }
}

initSqlJs({ locateFile: () => workerData.wasmPath }).then(
  (SQL) => {
    parentPort.on("message", (request) => parentPort.postMessage(runQuery(SQL, request)));
    parentPort.postMessage({ type: "ready" });
  },
  (error) => parentPort.postMessage({ type: "fatal", message: messageOf(error) }),
);
`;
