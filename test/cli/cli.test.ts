// biome-ignore-all lint/suspicious/noTemplateCurlyInString: RAIL writes template variables as ${var}
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cli } from "./run-cli.js";

const tmp = mkdtempSync(join(tmpdir(), "railguard-cli-"));
const transcriptFile = join(tmp, "episode.txt");
writeFileSync(transcriptFile, "Alessio: Hey everyone, welcome to the Latent Space podcast.");

/** Writes a spec whose <output> starts on line 2. */
function specFile(name: string, output: string, prompt = "Hi ${who}."): string {
  const path = join(tmp, name);
  writeFileSync(path, `<rail version="0.1">\n${output}\n<prompt>${prompt}</prompt>\n</rail>\n`);
  return path;
}

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
    expect(result.err).toBe("");
  });

  it("marks unfilled variables, says which on stderr, and still exits 0", async () => {
    const result = await cli("compile", "rails/episode-summary.rail", "--var", "title=AI UX");
    expect(result.code).toBe(0);
    expect(result.out).toContain("⟨missing: transcript⟩");
    expect(result.out).toContain('"AI UX"');
    expect(result.err).toBe(
      'railguard: note: no value for "transcript"; marked ⟨missing: name⟩ above (fill with --var name=value or --var name=@file)\n',
    );
  });

  it("names a --var the spec does not use (the specs read `transcript`, not `document`)", async () => {
    const result = await cli(
      "compile",
      "rails/episode-summary.rail",
      "--var",
      `document=@${transcriptFile}`,
    );
    expect(result.code).toBe(0);
    expect(result.out).toContain("⟨missing: transcript⟩");
    expect(result.out).not.toContain("Hey everyone");
    expect(result.err).toContain(
      'note: --var document is not a variable of rails/episode-summary.rail; it uses "title", "transcript"',
    );
  });

  it("prints the JSON Schema", async () => {
    const result = await cli("compile", "rails/show-notes.rail", "--json-schema");
    expect(result.code).toBe(0);
    const schema = JSON.parse(result.out);
    expect(schema.type).toBe("object");
    expect(Object.keys(schema.properties)).toContain("guests");
  });

  it("refuses an unknown validator with a suggestion, and with --allow-unknown-validators warns on stderr", async () => {
    const file = specFile(
      "hint.rail",
      '<output>\n  <string name="s" format="one-lin"/>\n</output>',
    );
    const refused = await cli("compile", file, "--var", "who=you");
    expect(refused.code).toBe(1);
    expect(refused.out).toBe("");
    expect(refused.err.trim().split("\n")).toHaveLength(1);
    expect(refused.err).toContain(
      `railguard: RailSpecError: ${file}: output > string "s" (line 3, column 20): unknown validator "one-lin" on $.s; did you mean \`one-line\`?`,
    );
    const allowed = await cli("compile", file, "--var", "who=you", "--allow-unknown-validators");
    expect(allowed.code).toBe(0);
    expect(allowed.out).toBe("=== prompt ===\nHi you.\n");
    expect(allowed.err).toBe(
      `railguard: warning: ${file}: output > string "s" (line 3, column 20): unknown validator "one-lin" on $.s; did you mean \`one-line\`? It is shown to the model as a hint and not run.\n`,
    );
    const schema = await cli("compile", file, "--json-schema", "--allow-unknown-validators");
    expect(schema.code).toBe(0);
    expect(schema.err).toContain("unknown validator");
  });

  it("reads an unknown tag as a string with --unknown-tags string, and refuses it otherwise", async () => {
    const file = specFile("tag.rail", '<output>\n  <phone name="p"/>\n</output>');
    const lenient = await cli("compile", file, "--unknown-tags", "string", "--json-schema");
    expect(lenient.code).toBe(0);
    expect(JSON.parse(lenient.out).properties).toEqual({ p: { type: "string" } });
    expect(lenient.err).toContain(
      '<phone> is not a RAIL field type; read as a string with the hint "phone"',
    );
    const strict = await cli("compile", file);
    expect(strict.code).toBe(1);
    expect(strict.err).toBe(
      `railguard: RailSpecError: ${file}: output > phone "p" (line 3, column 3): <phone> is not a RAIL field type. Allowed: string, integer, float, bool, date, time, date-time, email, url, percentage, pythoncode, sql, enum, list, object, choice\n`,
    );
    const wrong = await cli("compile", file, "--unknown-tags", "maybe");
    expect(wrong.code).toBe(2);
    expect(wrong.err).toContain('--unknown-tags must be error or string, not "maybe"');
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

  it("reports malformed XML on one line with the open elements as its path", async () => {
    const file = specFile(
      "broken.rail",
      '<output>\n  <list name="l">\n    <string>\n  </list>\n</output>',
    );
    const result = await cli("compile", file);
    expect(result.code).toBe(1);
    expect(result.out).toBe("");
    expect(result.err).toBe(
      `railguard: RailSyntaxError: ${file}: output > list "l" > string (line 5, column 3): malformed XML: Expected closing tag 'string' (opened in line 4, col 5) instead of closing tag 'list'.\n`,
    );
  });

  it("names the file, path and position of bad validator arguments and, when strict, inapplicable validators", async () => {
    const badArgument = specFile(
      "argument.rail",
      '<output>\n  <string name="a" validators="length: x"/>\n</output>',
    );
    const argument = await cli("compile", badArgument);
    expect(argument.code).toBe(1);
    expect(argument.err).toBe(
      `railguard: ValidatorArgumentError: ${badArgument}: Validator "length" on $.a (line 3, column 20): argument "min" must be an integer, got "x".\n`,
    );
    const strictSpec = specFile(
      "strict.rail",
      '<output strict="true">\n  <integer name="b" validators="two-words"/>\n</output>',
    );
    const strict = await cli("compile", strictSpec, "--allow-unknown-validators");
    expect(strict.code).toBe(1);
    expect(strict.err).toBe(
      `railguard: ValidatorBindingError: ${strictSpec}: Validator "two-words" on $.b (line 3, column 21): "two-words" is not valid for element integer.\n`,
    );
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

describe("railguard validate", () => {
  const notes = specFile(
    "notes.rail",
    '<output>\n  <string name="title" validators="one-line" on-fail-one-line="fix"/>\n  <string name="tag" validators="lower-case"/>\n</output>',
  );
  const outputFile = (name: string, text: string) => {
    const path = join(tmp, name);
    writeFileSync(path, text);
    return path;
  };

  it("prints the repaired, validated output and the verdicts, and exits 0 when it passes", async () => {
    const output = outputFile(
      "ok.txt",
      'Sure:\n```json\n{"title": "Hi\\nthere", "tag": "ai",}\n```',
    );
    const result = await cli("validate", notes, output);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.out)).toEqual({ title: "Hi", tag: "ai" });
    expect(result.err).toContain("extract-fence");
    expect(result.err).toContain("✗ one-line $.title: must be a single line, got 2 lines → fixed");
    expect(result.err).toContain("✓ lower-case $.tag");
    expect(result.err).toContain("validation passed");
  });

  it("exits 1 when a failure stands, still printing what it validated", async () => {
    const result = await cli(
      "validate",
      notes,
      outputFile("noop.txt", '{"title": "Hi", "tag": "AI"}'),
    );
    expect(result.code).toBe(1);
    expect(JSON.parse(result.out)).toEqual({ title: "Hi", tag: "AI" });
    expect(result.err).toContain("✗ lower-case $.tag");
    expect(result.err).toContain("validation failed");
  });

  it("fails when a fix value stands in for a reask it could not send, unless --accept-fixes", async () => {
    const guests = specFile(
      "guests.rail",
      '<output>\n  <string name="guest" validators="two-words" on-fail-two-words="reask"/>\n</output>',
    );
    const output = outputFile("guest.txt", '{"guest": "Shreya"}');
    const strict = await cli("validate", guests, output);
    expect(strict.code).toBe(1);
    expect(JSON.parse(strict.out)).toEqual({ guest: "Shreya Shreya" });
    expect(strict.err).toContain(
      'fixed without the model (reask not answered): two-words $.guest: "Shreya" ⇒ "Shreya Shreya"',
    );
    expect(strict.err).toContain("1 value(s) would have been re-asked");
    const accepted = await cli("validate", guests, output, "--accept-fixes");
    expect(accepted.code).toBe(0);
    expect(accepted.err).not.toContain("would have been re-asked");
  });

  it("prints the spec's warnings, and fails on the validator an unused on-fail key was meant for", async () => {
    const guests = specFile(
      "misspelt-on-fail.rail",
      '<output>\n  <string name="guest" validators="two-words" on-fail-two-word="fix"/>\n</output>',
    );
    const result = await cli("validate", guests, outputFile("one-word.txt", '{"guest": "Shreya"}'));
    expect(result.code).toBe(1);
    expect(result.err).toContain(
      `railguard: warning: ${guests}: output > string "guest" (line 3, column 47): on-fail-two-word names no validator of this element and is ignored; did you mean \`on-fail-two-words\`? two-words runs with the action noop.`,
    );
    expect(result.err).toContain("✗ two-words $.guest");
    expect(result.err).toContain("validation failed");
  });

  it("refuses a misspelt validator, and with --allow-unknown-validators says it did not run", async () => {
    const guests = specFile(
      "misspelt.rail",
      '<output>\n  <string name="guest" validators="two-word" on-fail-two-word="reask"/>\n</output>',
    );
    const output = outputFile("guest-ok.txt", '{"guest": "Shreya"}');
    const refused = await cli("validate", guests, output);
    expect(refused.code).toBe(1);
    expect(refused.out).toBe("");
    expect(refused.err).toContain("did you mean `two-words`?");
    const allowed = await cli("validate", guests, output, "--allow-unknown-validators");
    expect(allowed.err).toContain(
      `railguard: warning: ${guests}: output > string "guest" (line 3, column 24): unknown validator "two-word" on $.guest; did you mean \`two-words\`? It is shown to the model as a hint and not run.`,
    );
  });

  it("hands --metadata to the validators, and fails without what they need", async () => {
    const summary = specFile(
      "summary.rail",
      '<output type="string" validators="extractive-summary: threshold=85"/>',
    );
    const output = outputFile("summary.txt", "The cat sat on the mat.");
    const metadata = outputFile(
      "metadata.json",
      '{"document": "The cat sat on the mat. It purred."}',
    );
    const given = await cli("validate", summary, output, "--metadata", metadata);
    expect(given.code).toBe(0);
    expect(given.out).toBe("The cat sat on the mat.\n");
    const missing = await cli("validate", summary, output);
    expect(missing.code).toBe(1);
    expect(missing.err).toContain("extractive-summary");
    expect(missing.err).toContain("validation failed");
  });

  it("rejects unreadable or non-object metadata and a missing output file as usage errors", async () => {
    const output = outputFile("any.txt", "{}");
    const notJson = await cli("validate", notes, output, "--metadata", outputFile("bad.json", "{"));
    expect(notJson.code).toBe(2);
    expect(notJson.err).toContain("bad.json is not JSON");
    const list = await cli("validate", notes, output, "--metadata", outputFile("list.json", "[]"));
    expect(list.code).toBe(2);
    expect(list.err).toContain("must hold a JSON object");
    const noOutput = await cli("validate", notes, join(tmp, "absent.txt"));
    expect(noOutput.code).toBe(2);
    expect(noOutput.err).toContain("absent.txt: cannot read the file");
    expect((await cli("validate", notes)).code).toBe(2);
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

describe("the railguard executable (src/cli/main.ts in a child process)", () => {
  const run = (...argv: string[]) =>
    spawnSync(process.execPath, ["--import", "tsx", "src/cli/main.ts", ...argv], {
      encoding: "utf8",
    });

  it("prints the prompt on stdout and exits 0 with a variable left unfilled", () => {
    const result = run("compile", "rails/show-notes.rail", "--var", `document=@${transcriptFile}`);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^=== instructions ===\n/);
    expect(result.stdout).toContain("Transcript:\n⟨missing: transcript⟩");
    expect(result.stderr).toContain("note: --var document is not a variable");
  });

  it("exits 1 with one line on stderr for a malformed spec", () => {
    const result = run("compile", "test/fixtures/cli/malformed.rail");
    expect(result.status).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr.trimEnd().split("\n")).toEqual([
      expect.stringMatching(/output > list "fees" > float "rate" \(line 5, column 7\)/),
    ]);
  });

  it("exits 2 on a wrong command line", () => {
    expect(run("compile").status).toBe(2);
  });
});
