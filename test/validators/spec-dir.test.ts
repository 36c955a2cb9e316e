import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { specRelativePath } from "../../src/validators/common.js";
import { disposeSqlSandboxes } from "../../src/validators/sql/sandbox.js";
import { bugFreeSql } from "../../src/validators/sql.js";
import { saliencyCheck } from "../../src/validators/summary.js";
import { run, runFailing } from "./run.js";

afterAll(disposeSqlSandboxes);

// A spec directory away from the working directory, holding what a spec next to it would name.
const specDir = mkdtempSync(join(tmpdir(), "railguard-spec-"));
writeFileSync(join(specDir, "shop.sql"), "CREATE TABLE orders (id INTEGER, total REAL);");
// A schema of the repository (working directory), and another under the same relative path.
const repoSchema = "test/fixtures/sql/corpus-schema.sql";
mkdirSync(join(specDir, "test/fixtures/sql"), { recursive: true });
writeFileSync(join(specDir, repoSchema), "CREATE TABLE beside_the_spec (id INTEGER);");
mkdirSync(join(specDir, "docs"));
writeFileSync(join(specDir, "docs", "note.txt"), "Railguard validates model output offline.");

describe("relative paths in spec arguments, with ctx.specDir", () => {
  it("bug-free-sql reads a schema file next to the spec", async () => {
    const options = { specDir };
    expect(
      await run(bugFreeSql, "SELECT total FROM orders", { schema: "shop.sql" }, options),
    ).toEqual({ outcome: "pass" });
    expect(
      (await runFailing(bugFreeSql, "SELECT price FROM orders", { schema: "shop.sql" }, options))
        .message,
    ).toMatch(/no such column: price/);
  });

  it("bug-free-sql prefers the spec's directory to the working directory", async () => {
    const query = "SELECT id FROM beside_the_spec";
    expect(await run(bugFreeSql, query, { schema: repoSchema }, { specDir })).toEqual({
      outcome: "pass",
    });
    // Without specDir, the same path is the working directory's file.
    expect((await runFailing(bugFreeSql, query, { schema: repoSchema })).message).toMatch(
      /no such table: beside_the_spec/,
    );
  });

  it("bug-free-sql falls back to the working directory, and names both places when neither has it", async () => {
    const elsewhere = mkdtempSync(join(tmpdir(), "railguard-spec-"));
    expect(
      await run(
        bugFreeSql,
        "SELECT title FROM episodes",
        { schema: repoSchema },
        { specDir: elsewhere },
      ),
    ).toEqual({ outcome: "pass" });
    const verdict = await runFailing(
      bugFreeSql,
      "SELECT 1",
      { schema: "missing.sql" },
      { specDir: elsewhere },
    );
    expect(verdict.message).toBe(
      `Schema file "missing.sql" not found (looked for ${join(elsewhere, "missing.sql")} and ${resolve("missing.sql")}).`,
    );
  });

  it("saliency-check reads a docs_dir next to the spec", async () => {
    const options = { specDir, path: "$.summary" };
    expect(
      await run(saliencyCheck, "Railguard validates output.", { docs_dir: "docs" }, options),
    ).toEqual({ outcome: "pass" });
    // Without specDir, "docs" is looked for in the working directory, where it is not.
    expect(
      (await runFailing(saliencyCheck, "Railguard validates output.", { docs_dir: "docs" }))
        .message,
    ).toMatch(/Cannot read docs_dir "docs"/);
  });

  it("specRelativePath keeps absolute paths and paths missing next to the spec as written", () => {
    const exists = (path: string) => path === join(specDir, "shop.sql");
    expect(specRelativePath("shop.sql", specDir, exists)).toBe(join(specDir, "shop.sql"));
    expect(specRelativePath("other.sql", specDir, exists)).toBe("other.sql");
    expect(specRelativePath("/abs/shop.sql", specDir, () => true)).toBe("/abs/shop.sql");
    expect(specRelativePath("shop.sql", undefined, () => true)).toBe("shop.sql");
  });
});
