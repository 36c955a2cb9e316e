import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { nonPublicKind } from "../../src/validators/net/addresses.js";
import { parseSql } from "../../src/validators/sql/dialects.js";
import {
  bugFreeSql,
  disposeSqlSandboxes,
  excludeSqlPredicates,
  sqlColumnPresence,
  sqlSandbox,
} from "../../src/validators/sql.js";
import { isReachable } from "../../src/validators/url-email.js";
import { run, runFailing } from "./run.js";

afterAll(disposeSqlSandboxes);

// SQL written by the model is untrusted: whatever it holds, each validator returns a verdict
// that says why, soon, and the sandbox keeps answering later queries.

const SCHEMA = "CREATE TABLE t (a INTEGER, b TEXT); INSERT INTO t VALUES (1, 'x');";
const OUT_OF_MEMORY = "out of memory: the query needs more than the sandbox's 256 MB";
const rows = (count: number): string =>
  `(WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < ${count}) SELECT n FROM r)`;

describe("memory bombs in the sandbox", () => {
  it.each([
    ["a 2 GB blob", "SELECT randomblob(2000000000)", "string or blob too big"],
    ["a 1 GB blob", "SELECT length(randomblob(999999999))", OUT_OF_MEMORY],
    ["a 1 GB zero blob", "SELECT zeroblob(999999999)", OUT_OF_MEMORY],
    ["a 1 GB string", "SELECT printf('%.*c', 1000000000, 'x')", OUT_OF_MEMORY],
    ["a hex blow-up", "SELECT replace(hex(zeroblob(400000000)), '0', 'ab')", OUT_OF_MEMORY],
    [
      "a string doubled by a recursive CTE",
      "WITH RECURSIVE r(s) AS (SELECT 'x' UNION ALL SELECT s || s FROM r LIMIT 40) SELECT length(s) FROM r",
      OUT_OF_MEMORY,
    ],
  ])("%s fails with SQLite's reason, then the next query runs", async (_, sql, message) => {
    const sandbox = await sqlSandbox(SCHEMA);
    expect(await sandbox.run(sql, 5_000)).toEqual({ ok: false, reason: "error", message });
    expect(await sandbox.run("SELECT b FROM t")).toEqual({
      ok: true,
      columns: ["b"],
      rows: [["x"]],
    });
  });

  it("stops a cross join of generated series at the time limit", async () => {
    const sandbox = await sqlSandbox(SCHEMA);
    const sql = `SELECT count(*) FROM ${rows(100_000)} AS x, ${rows(100_000)} AS y`;
    expect(await sandbox.run(sql, 300)).toEqual({
      ok: false,
      reason: "timeout",
      message: "the query ran longer than the 300 ms limit and was stopped",
    });
    expect(await sandbox.run("SELECT a FROM t")).toMatchObject({ ok: true, rows: [[1]] });
  });

  it("keeps the rows of a huge result only up to a megabyte", async () => {
    const sandbox = await sqlSandbox(SCHEMA);
    const outcome = await sandbox.run(`SELECT printf('%.*c', 400000, 'x') FROM ${rows(10)}`);
    expect(outcome).toMatchObject({ ok: true });
    expect(outcome.ok && outcome.rows.map((row) => String(row[0]).length)).toEqual([
      400_000, 400_000,
    ]);
  });

  it("bug-free-sql says why a memory bomb fails", async () => {
    expect(await run(bugFreeSql, "SELECT zeroblob(999999999) FROM t", { schema: SCHEMA })).toEqual({
      outcome: "fail",
      message: OUT_OF_MEMORY,
    });
  });
});

describe("statements hidden from the checks", () => {
  it.each([
    ["a comment before a second statement", "SELECT 1; -- \n DROP TABLE t", /2 statements given/],
    ["a block comment before ATTACH", "/* x */ ATTACH DATABASE ':memory:' AS y", /ATTACH/],
    ["a full-width ATTACH", "ＡＴＴＡＣＨ DATABASE 'x' AS y", /statements are not allowed/],
  ])("the sandbox refuses %s", async (_, sql, message) => {
    const sandbox = await sqlSandbox(SCHEMA);
    const outcome = await sandbox.run(sql);
    expect(outcome).toMatchObject({ ok: false, reason: "refused" });
    expect(!outcome.ok && outcome.message).toMatch(message);
  });

  const mismatch = (dialect: string, column: number, problem: string): string =>
    `the ${dialect} parser would read this query otherwise than ${dialect} does, at line 1, column ${column}: ${problem}`;
  const BACKSLASH =
    "a backslash before a ' quote, which sqlite keeps as a backslash but the parser takes for an escaped quote";

  it.each([
    // To SQLite a UNION; to the parser, which tries backslash escapes, one string.
    ["sqlite", "SELECT '\\' UNION SELECT 2 -- '", mismatch("sqlite", 8, BACKSLASH)],
    [
      "mysql",
      "SELECT 1 /*!50000 UNION SELECT password FROM users */",
      mismatch("mysql", 10, "a /*! … */ comment, whose content mysql runs but the parser skips"),
    ],
    [
      "mariadb",
      "SELECT 1 /*M! UNION SELECT 2 */",
      mismatch(
        "mariadb",
        10,
        "a /*! … */ comment, whose content mariadb runs but the parser skips",
      ),
    ],
    [
      "mysql",
      "SELECT 1 --1 UNION SELECT 2",
      mismatch(
        "mysql",
        10,
        '"--" without a space after it, which mysql reads as two minus signs but the parser as a comment',
      ),
    ],
  ])(
    "exclude-sql-predicates fails closed on %s SQL the parser misreads: %s",
    async (dialect, sql, reason) => {
      expect(await run(excludeSqlPredicates, sql, { predicates: ["Union"], dialect })).toEqual({
        outcome: "fail",
        message: `the SQL cannot be checked for forbidden predicates: ${reason}`,
        fixValue: "",
      });
    },
  );

  it("sql-column-presence fails closed when a string would hide a column", async () => {
    const sql = "SELECT '\\', secret FROM t -- '";
    expect(await run(sqlColumnPresence, sql, { cols: ["a"] })).toEqual({
      outcome: "fail",
      message: mismatch("sqlite", 8, BACKSLASH),
    });
  });

  it("still accepts backslashes SQLite and the parser read alike", async () => {
    expect(
      await run(excludeSqlPredicates, "SELECT 'C:\\dir' || '\\\\'", { predicates: ["Union"] }),
    ).toEqual({ outcome: "pass" });
  });
});

describe("queries the parser cannot handle", () => {
  it("refuses SQL over max_length before parsing it", async () => {
    const sql = `SELECT * FROM t WHERE ${Array.from({ length: 60_000 }, (_, i) => `a = ${i}`).join(" OR ")}`;
    for (const validator of [bugFreeSql, excludeSqlPredicates, sqlColumnPresence]) {
      expect(await run(validator, sql, { predicates: ["Drop"], cols: ["a"] })).toMatchObject({
        outcome: "fail",
        message: `SQL source of ${sql.length} characters is longer than max_length (50000); it was not parsed`,
      });
    }
  });

  it("stops a parse that would take exponential time (nested CAST, the default dialect)", async () => {
    const sql = `SELECT ${"CAST(".repeat(24)}1`;
    expect(await run(bugFreeSql, sql)).toEqual({
      outcome: "fail",
      message:
        "the SQL parser (sqlite) did not finish within 2000 ms: the query is too deeply nested or too complex to check",
    });
  });

  it("reports nesting deeper than the parser's stack", () => {
    const sql = `SELECT ${"(".repeat(5_000)}1${")".repeat(5_000)}`;
    expect(parseSql(sql, "postgresql")).toEqual({
      ok: false,
      message:
        "the SQL parser (postgresql) ran out of stack: the query is too deeply nested or too complex to check",
    });
  });

  it("returns a verdict for any soup of SQL tokens", async () => {
    const token = fc.constantFrom(
      "SELECT",
      "FROM",
      "t",
      "a",
      "(",
      ")",
      "'",
      '"',
      "`",
      "[",
      "]",
      ";",
      "--",
      "/*",
      "*/",
      "\\",
      "\n",
      " ",
      ",",
      "1",
      "UNION",
      "WITH",
      "ATTACH",
      "#",
      "$1",
      "?",
      ":x",
      "\u0000",
      "😀",
      "CAST",
    );
    await fc.assert(
      fc.asyncProperty(fc.array(token, { maxLength: 12 }), async (tokens) => {
        const sql = tokens.join(" ");
        const verdicts = await Promise.all([
          run(bugFreeSql, sql),
          run(excludeSqlPredicates, sql, { predicates: ["Drop", "Union"] }),
          run(sqlColumnPresence, sql, { cols: ["a"] }),
        ]);
        for (const verdict of verdicts) expect(["pass", "fail"]).toContain(verdict.outcome);
      }),
      { numRuns: 150 },
    );
  });
});

describe("is-reachable against URL parser tricks", () => {
  const LIFT = "(allow_private=true or allow_hosts lifts this)";

  // Refused before any connection: the WHATWG parser normalises each host to the address shown.
  it.each([
    ["http://0x7f.1/", "127.0.0.1 is a loopback address"],
    ["http://127.1/", "127.0.0.1 is a loopback address"],
    ["http://0177.0.0.1/", "127.0.0.1 is a loopback address"],
    ["http://0x7f000001/", "127.0.0.1 is a loopback address"],
    ["http://good@127.0.0.1/", "127.0.0.1 is a loopback address"],
    ["http://127.0.0.1./", "127.0.0.1 is a loopback address"],
    ["http://１２７.０.０.１/", "127.0.0.1 is a loopback address"],
    ["http://127。0。0。1/", "127.0.0.1 is a loopback address"],
    ["http://0/", "0.0.0.0 is an unspecified address"],
    ["http://0xa9.0xfe.0xa9.0xfe/", "169.254.169.254 is a link-local address"],
    ["http://[::ffff:7f00:1]/", "::ffff:7f00:1 is a loopback address"],
    ["http://[::ffff:0:7f00:1]/", "::ffff:0:7f00:1 is a loopback address"],
    ["http://[2002:7f00:1::]/", "2002:7f00:1:: is a loopback address"],
    ["http://[2002:a9fe:a9fe::]/", "2002:a9fe:a9fe:: is a link-local address"],
    ["http://198.18.0.1/", "198.18.0.1 is a reserved address"],
    ["http://[64:ff9b:1::a00:1]/", "64:ff9b:1::a00:1 is a reserved address"],
  ])("refuses %s", async (url, reason) => {
    expect((await runFailing(isReachable, url)).message).toBe(
      `"${url}" is not reachable: ${reason} ${LIFT}`,
    );
  });

  it("judges an address by its address, whatever its zone", () => {
    expect(nonPublicKind("::ffff:127.0.0.1%1")).toBe("loopback");
    expect(nonPublicKind("fe80::1%eth0")).toBe("link-local");
  });
});
