import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/run.js";

async function cli(...argv: string[]) {
  let out = "";
  let err = "";
  const code = await runCli(argv, {
    out: { write: (text: string) => (out += text) },
    err: { write: (text: string) => (err += text) },
  });
  return { code, out, err };
}

const tmp = mkdtempSync(join(tmpdir(), "railguard-cli-"));
const transcriptFile = join(tmp, "episode.txt");
writeFileSync(transcriptFile, "Alessio: Hey everyone, welcome to the Latent Space podcast.");

describe("railguard compile", () => {
  it("renders the prompt with variables read from files", async () => {
    const result = await cli(
      "compile",
      "rails/show-notes.rail",
      "--var",
      `transcript=@${transcriptFile}`,
    );
    expect(result.code).toBe(0);
    expect(result.out).toContain("Hey everyone, welcome to the Latent Space podcast.");
    expect(result.out).toContain('<string name="title"');
    expect(result.out).not.toContain("⟨missing");
  });

  it("marks unfilled variables and still exits 0", async () => {
    const result = await cli("compile", "rails/episode-summary.rail", "--var", "title=AI UX");
    expect(result.code).toBe(0);
    expect(result.out).toContain("⟨missing: transcript⟩");
    expect(result.out).toContain('"AI UX"');
  });

  it("prints the JSON Schema", async () => {
    const result = await cli("compile", "rails/show-notes.rail", "--json-schema");
    expect(result.code).toBe(0);
    const schema = JSON.parse(result.out);
    expect(schema.type).toBe("object");
    expect(Object.keys(schema.properties)).toContain("guests");
  });

  it("reports a malformed spec with line, column and path, and exits non-zero", async () => {
    const result = await cli("compile", "test/fixtures/cli/malformed.rail");
    expect(result.code).toBe(1);
    expect(result.out).toBe("");
    expect(result.err.trim().split("\n")).toHaveLength(1);
    expect(result.err).toContain("a list has at most one child");
    expect(result.err).toMatch(/line 5, column 7/);
    expect(result.err).toContain('output > list "fees"');
  });

  it("reports an unreadable --var file as a usage error", async () => {
    const result = await cli("compile", "rails/show-notes.rail", "--var", "transcript=@/nope.txt");
    expect(result.code).toBe(2);
    expect(result.err).toContain("--var transcript=@/nope.txt: cannot read the file");
  });

  it("rejects a --var without a name", async () => {
    const result = await cli("compile", "rails/show-notes.rail", "--var", "=x");
    expect(result.code).toBe(2);
    expect(result.err).toContain("must look like name=value");
  });

  it("reports a missing spec file", async () => {
    const result = await cli("compile", "rails/nope.rail");
    expect(result.code).toBe(1);
    expect(result.err).toContain("rails/nope.rail");
  });
});

describe("railguard usage", () => {
  it("prints help", async () => {
    const result = await cli("--help");
    expect(result.code).toBe(0);
    expect(result.out).toContain("Usage: railguard");
  });

  it("rejects unknown commands and options", async () => {
    expect((await cli("frobnicate")).code).toBe(2);
    const unknownOption = await cli("compile", "rails/show-notes.rail", "--nope");
    expect(unknownOption.code).toBe(2);
    expect(unknownOption.err).toContain("--nope");
  });

  it("exits 2 with usage when no command is given", async () => {
    const result = await cli();
    expect(result.code).toBe(2);
    expect(result.out).toContain("Usage: railguard");
  });
});
