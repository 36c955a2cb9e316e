import { copyFileSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { Guard } from "../../src/guard/index.js";
import { compileRail, compileRailFile } from "../../src/schema/index.js";

// A spec and its SQL schema side by side, away from the working directory.
const dir = mkdtempSync(join(tmpdir(), "railguard-spec-dir-"));
copyFileSync(resolve("test/fixtures/sql/corpus-schema.sql"), join(dir, "corpus.sql"));
const RAIL = `<rail version="0.1">
  <output type="string" validators="bug-free-sql: schema=corpus.sql" on-fail-bug-free-sql="fix"/>
</rail>`;
const specPath = join(dir, "text-to-sql.rail");
writeFileSync(specPath, RAIL);

describe("file arguments resolve next to the spec file", () => {
  it("records the spec's folder when compiled from a file, and only then", () => {
    expect(compileRailFile(specPath).specDir).toBe(dir);
    expect(compileRail(RAIL).specDir).toBeUndefined();
  });

  it("finds a schema file named relative to the spec, not to the working directory", async () => {
    const outcome = await Guard.fromRail(specPath).parse("SELECT title FROM episode");
    expect(outcome.validationPassed).toBe(true);
    expect(outcome.validatedOutput).toBe("SELECT title FROM episodes");
  });

  it("does not find it from a spec compiled from text", async () => {
    const outcome = await Guard.fromRailString(RAIL).parse("SELECT title FROM episodes");
    expect(outcome.validationPassed).toBe(false);
    expect(outcome.failures[0]?.message).toContain("corpus.sql");
  });
});
