/**
 * The sandbox worker, as plain CommonJS run by `node -e` in a child process: it needs no file on
 * disk, so it runs the same from sources (vitest, tsx) and from the bundle. A process, not a
 * worker thread, because a thread that crashes in native code (a V8 or wasm fault) takes the
 * whole process with it; a child that crashes only ends itself, and the sandbox starts another.
 *
 * The first message (`init`) brings the schema bytes and where sql.js is. Each query then opens a
 * fresh database from those bytes, sets `query_only` so that no write can succeed even if the
 * checks upstream missed one, caps SQLite's heap at `heapLimit` bytes so that `randomblob(1e9)`
 * fails at once with "out of memory" instead of growing the process by gigabytes, runs the first
 * statement to the end (keeping the first `maxRows` rows, as long as their strings and blobs stay
 * within `maxBytes`) and closes the database. The child exits when its parent goes away.
 */
export const WORKER_SOURCE = `"use strict";
let SQL;
let schemaBytes;

const messageOf = (error) => String((error && error.message) || error);

// A cell is a number, a string, a Uint8Array or null. Only strings and blobs are asked their
// length: reading \`.length\` off numeric cells as well (\`cell && cell.length\`) made V8's optimised
// code for runQuery segfault the sandbox after a few hundred GROUP BY/ORDER BY queries (Node 20).
function sizeOf(row) {
  let size = 0;
  for (const cell of row) {
    size += typeof cell === "string" || cell instanceof Uint8Array ? cell.length : 8;
  }
  return size;
}

function runQuery(request) {
  const db = new SQL.Database(schemaBytes);
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

function init(request) {
  schemaBytes = request.bytes;
  const initSqlJs = require(request.sqlJsModule);
  initSqlJs({ locateFile: () => request.wasmPath }).then(
    (loaded) => {
      SQL = loaded;
      process.send({ type: "ready" });
    },
    (error) => process.send({ type: "fatal", message: messageOf(error) }),
  );
}

process.on("message", (request) => {
  if (request.type === "init") init(request);
  else process.send(runQuery(request));
});
process.on("disconnect", () => process.exit(0));
`;
