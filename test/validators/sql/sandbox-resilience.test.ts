import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import { QueryWorker } from "../../../src/validators/sql/query-worker.js";
import { disposeSqlSandboxes, sqlSandbox } from "../../../src/validators/sql/sandbox.js";
import { bugFreeSql } from "../../../src/validators/sql.js";
import { run, runFailing } from "../run.js";
import { CORPUS_SCHEMA } from "./corpus.js";

afterAll(disposeSqlSandboxes);

const ENDLESS_CTE =
  "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x+1 FROM c) SELECT count(*) FROM c";

/** The sandbox processes this test process started: children running the worker source. */
function sandboxPids(): number[] {
  let listed = "";
  try {
    listed = execFileSync("pgrep", ["-P", String(process.pid)], { encoding: "utf8" });
  } catch {
    return []; // pgrep exits 1 when there is no child
  }
  return listed
    .split("\n")
    .filter((line) => line !== "")
    .map(Number)
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("schemaBytes");
      } catch {
        return false; // already gone
      }
    });
}

/** Waits until a sandbox process not in `known` exists, and returns its pid. */
async function newSandboxPid(known: number[]): Promise<number> {
  for (let tries = 0; tries < 200; tries++) {
    const fresh = sandboxPids().find((pid) => !known.includes(pid));
    if (fresh !== undefined) return fresh;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error("no new sandbox process appeared");
}

const settleOrder = <T>(order: string[], name: string, work: Promise<T>): Promise<T> =>
  work.finally(() => order.push(name));

describe("the sandbox survives its worker", () => {
  it("reports a worker killed mid-query as a crash, and answers the next query", async () => {
    const sandbox = await sqlSandbox("CREATE TABLE crash_t (a INTEGER);");
    const before = sandboxPids();
    const running = sandbox.run(ENDLESS_CTE, 20_000);
    // The query may still be starting its worker; a kill then is a crash at start, reported too.
    const pid = await newSandboxPid(before);
    await new Promise((resolve) => setTimeout(resolve, 300));
    process.kill(pid, "SIGSEGV");
    expect(await running).toEqual({
      ok: false,
      reason: "crashed",
      message:
        "the SQL sandbox process killed by SIGSEGV while running the query, so it was not checked; the next query gets a new one",
    });
    expect(await sandbox.run("SELECT count(*) FROM crash_t")).toMatchObject({
      ok: true,
      rows: [[0]],
    });
    expect(sandboxPids()).not.toContain(pid);
  }, 30_000);

  it("stops a wedged worker at the time limit and replaces it", async () => {
    const sandbox = await sqlSandbox("CREATE TABLE wedged_t (a INTEGER);");
    const others = sandboxPids();
    await sandbox.run("SELECT 1"); // its worker is up
    const own = sandboxPids().filter((pid) => !others.includes(pid));
    expect(own).toHaveLength(1);
    for (const pid of own) process.kill(pid, "SIGSTOP");
    const started = performance.now();
    expect(await sandbox.run("SELECT count(*) FROM wedged_t", 800)).toEqual({
      ok: false,
      reason: "timeout",
      message: "the query ran longer than the 800 ms limit and was stopped",
    });
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(await sandbox.run("SELECT count(*) FROM wedged_t")).toMatchObject({ ok: true });
  }, 30_000);

  it("bug-free-sql fails naming the crash, then checks the next query", async () => {
    const schema = "CREATE TABLE crash_v (a INTEGER);";
    const others = sandboxPids();
    await sqlSandbox(schema).then((sandbox) => sandbox.run("SELECT 1"));
    const own = sandboxPids().filter((pid) => !others.includes(pid));
    const verdict = runFailing(bugFreeSql, ENDLESS_CTE, { schema, timeout_ms: 20_000 });
    await new Promise((resolve) => setTimeout(resolve, 300));
    for (const pid of own) process.kill(pid, "SIGKILL");
    expect((await verdict).message).toMatch(
      /^the SQL sandbox process killed by SIGKILL while running the query, so it was not checked/,
    );
    expect(await run(bugFreeSql, "SELECT a FROM crash_v", { schema })).toEqual({
      outcome: "pass",
    });
  }, 30_000);
});

describe("waits and signals", () => {
  // Each test warms the corpus sandbox first, so a signal meets a running query, not a start.
  beforeEach(async () => {
    await (await sqlSandbox(CORPUS_SCHEMA)).run("SELECT 1");
  });

  it("a slow query of one call does not hold up another call's query", async () => {
    const sandbox = await sqlSandbox(CORPUS_SCHEMA);
    const order: string[] = [];
    const slowCall = new AbortController();
    const slow = settleOrder(
      order,
      "slow",
      sandbox.run(ENDLESS_CTE, 20_000, { signal: slowCall.signal }),
    );
    const quick = settleOrder(order, "quick", sandbox.run("SELECT count(*) FROM episodes", 5_000));
    expect(await quick).toMatchObject({ ok: true, rows: [[3]] });
    expect(order).toEqual(["quick"]);
    slowCall.abort(new Error("test over"));
    expect(await slow).toMatchObject({ reason: "cancelled" });
  }, 30_000);

  it("stops a running query when the call's signal fires, and answers the next", async () => {
    const sandbox = await sqlSandbox(CORPUS_SCHEMA);
    const controller = new AbortController();
    const running = sandbox.run(ENDLESS_CTE, 20_000, { signal: controller.signal });
    setTimeout(() => controller.abort(new Error("the call's deadline passed")), 300);
    expect(await running).toEqual({
      ok: false,
      reason: "cancelled",
      message:
        "the query was not run to the end, so it was not checked: the call's deadline passed",
    });
    expect(await sandbox.run("SELECT count(*) FROM quotes")).toMatchObject({ ok: true });
  }, 30_000);

  it("waits for a busy sandbox no longer than the signal or the query's own limit", async () => {
    const sandbox = await sqlSandbox("CREATE TABLE busy_t (a INTEGER);");
    const fillers = new AbortController();
    // More endless queries than the sandbox has workers (at most 4).
    const busy = Array.from({ length: 4 }, () =>
      sandbox.run(ENDLESS_CTE, 20_000, { signal: fillers.signal }),
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error("the call was cancelled")), 300);
    const signalled = await sandbox.run("SELECT 1", 10_000, { signal: controller.signal });
    expect(signalled).toEqual({
      ok: false,
      reason: "cancelled",
      message: "the query was not run, so it was not checked: the call was cancelled",
    });
    const started = performance.now();
    const limited = await sandbox.run("SELECT 1", 400);
    expect(limited).toMatchObject({
      ok: false,
      reason: "cancelled",
      message: expect.stringMatching(
        /^the query was not run, so it was not checked: all \d sandbox workers stayed busy with other queries for the query's whole 400 ms limit$/,
      ),
    });
    expect(performance.now() - started).toBeLessThan(3_000);
    fillers.abort(new Error("test over"));
    for (const outcome of await Promise.all(busy)) {
      expect(outcome).toMatchObject({ ok: false, reason: "cancelled" });
    }
    expect(await sandbox.run("SELECT count(*) FROM busy_t")).toMatchObject({ ok: true });
  }, 60_000);

  it("bug-free-sql fails unchecked when the signal fires during the query", async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error("validator timed out after 300 ms")), 300);
    const verdict = await runFailing(
      bugFreeSql,
      ENDLESS_CTE,
      { schema: CORPUS_SCHEMA, timeout_ms: 20_000 },
      { signal: controller.signal },
    );
    expect(verdict).toEqual({
      outcome: "fail",
      message:
        "the query was not run to the end, so it was not checked: validator timed out after 300 ms",
    });
  }, 30_000);
});

describe("a worker that cannot start", () => {
  it("fails at once with a typed error, and bug-free-sql fails naming it", async () => {
    const realNode = process.execPath;
    process.execPath = "/nonexistent/node";
    try {
      const started = performance.now();
      await expect(QueryWorker.start(new Uint8Array())).rejects.toMatchObject({
        code: "sql-sandbox-start",
        message: expect.stringMatching(
          /^The SQL sandbox did not start: the process could not be started: .*ENOENT/,
        ),
      });
      const verdict = await runFailing(bugFreeSql, "SELECT 1", { schema: "CREATE TABLE s (a);" });
      expect(verdict.message).toMatch(/^The SQL sandbox did not start: /);
      expect(performance.now() - started).toBeLessThan(10_000);
    } finally {
      process.execPath = realNode;
    }
  });
});

describe("process lifetime", () => {
  // Idle workers are unref'ed; stopping them must still wait for their exit, or a program that
  // awaits disposeSqlSandboxes() ends with "unsettled top-level await" (exit code 13).
  it("a program that runs a query and disposes the sandboxes ends normally", () => {
    const script = `
      import { disposeSqlSandboxes, sqlSandbox } from "./src/validators/sql.ts";
      const sandbox = await sqlSandbox("CREATE TABLE t (a INTEGER);");
      const outcome = await sandbox.run("SELECT count(*) FROM t");
      await disposeSqlSandboxes();
      console.log(JSON.stringify(outcome.rows));`;
    const output = execFileSync(
      process.execPath,
      ["--import", "tsx", "--input-type=module", "-e", script],
      { encoding: "utf8" },
    );
    expect(output.trim()).toBe("[[0]]");
  }, 30_000);
});

describe("parsing", () => {
  it("bug-free-sql parses a query once, not again in the sandbox", async () => {
    const requireFromTest = createRequire(import.meta.url);
    const build = requireFromTest("node-sql-parser/build/sqlite.js") as {
      Parser: { prototype: { parse: (...args: unknown[]) => unknown } };
    };
    const parse = vi.spyOn(build.Parser.prototype, "parse");
    try {
      expect(
        await run(bugFreeSql, "SELECT title FROM episodes WHERE id = 2", { schema: CORPUS_SCHEMA }),
      ).toEqual({ outcome: "pass" });
      expect(parse).toHaveBeenCalledTimes(1);
    } finally {
      parse.mockRestore();
    }
  }, 30_000);
});
