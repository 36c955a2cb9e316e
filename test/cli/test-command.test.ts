// biome-ignore-all lint/suspicious/noTemplateCurlyInString: RAIL writes template variables as ${var}
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cli, cliWith } from "./run-cli.js";

const tmp = mkdtempSync(join(tmpdir(), "railguard-test-cmd-"));
const dir = join(tmp, "specs");
mkdirSync(dir);
writeFileSync(
  join(dir, "pet.rail"),
  `<rail version="0.1"><output>
  <string name="pet" validators="two-words" on-fail-two-words="reask"/>
</output><prompt>Name a pet. \${gr.complete_json_suffix_v2}</prompt></rail>`,
);
writeFileSync(
  join(dir, "pet.cases.yaml"),
  `cases:
  - name: passes
    answers: ['{"pet": "Rex Junior"}']
    expect: { validationPassed: true, calls: 1 }
  - name: expects the wrong output
    answers: ['{"pet": "Rex Junior"}']
    expect: { output: { pet: Rex Senior } }
`,
);
const passingDir = join(tmp, "passing");
mkdirSync(passingDir);
writeFileSync(
  join(passingDir, "pet.rail"),
  `<rail version="0.1"><output><string name="pet"/></output></rail>`,
);
writeFileSync(
  join(passingDir, "pet.cases.json"),
  JSON.stringify({
    cases: [{ name: "saved", output: '{"pet": "a"}', expect: { output: { pet: "a" } } }],
  }),
);

const times = (text: string) => text.replace(/\d+(\.\d+)? (ms|s)\b/g, "T");

describe("railguard test", () => {
  it("reports like vitest: suites, cases, the diff of a failure, totals; exit 1", async () => {
    const result = await cli("test", tmp);
    expect(result.code).toBe(1);
    expect(times(result.out)).toBe(
      [
        ` ✓ ${passingDir}/pet.cases.json (1 case) T`,
        "   ✓ saved T",
        ` ✗ ${dir}/pet.cases.yaml (2 cases) T`,
        "   ✓ passes T",
        "   ✗ expects the wrong output T",
        "       validated output differs:",
        "           - expected",
        "           + received",
        "",
        "             {",
        '           -   "pet": "Rex Senior"',
        '           +   "pet": "Rex Junior"',
        "             }",
        "",
        " Suites  1 passed | 1 failed (2)",
        " Cases   2 passed | 1 failed (3)",
        " Time    T",
        "",
      ].join("\n"),
    );
  });

  it("exits 0 when all pass, and colours only when asked", async () => {
    const plain = await cli("test", passingDir);
    expect(plain.code).toBe(0);
    expect(plain.out).not.toContain("\x1b[");
    const coloured = await cliWith({ colorOut: true }, "test", passingDir);
    expect(coloured.out).toContain("\x1b[32m✓\x1b[0m");
  });

  it("writes JSON and JUnit reports", async () => {
    const json = JSON.parse((await cli("test", tmp, "--reporter", "json")).out);
    expect(json).toMatchObject({ passed: 2, failed: 1, suitesFailed: 1 });
    expect(json.suites[1].cases[1]).toMatchObject({
      name: "expects the wrong output",
      passed: false,
    });
    const junit = await cli("test", tmp, "--reporter", "junit");
    expect(junit.code).toBe(1);
    expect(junit.out).toMatch(
      /^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites name="railguard" tests="3" failures="1" time="[\d.]+">/,
    );
    expect(junit.out).toContain(
      `<testcase classname="${dir}/pet.cases.yaml" name="expects the wrong output" time=`,
    );
    expect(junit.out).toContain(
      '<failure message="validated output differs:">validated output differs:',
    );
    expect(junit.out).toContain("&quot;pet&quot;: &quot;Rex Senior&quot;");
  });

  it("says what is wrong with the command line in one line", async () => {
    const missing = await cli("test", join(tmp, "nope"));
    expect(missing.code).toBe(2);
    expect(missing.err).toBe(`railguard: ${join(tmp, "nope")}: no such file or directory.\n`);
    const notSuite = await cli("test", "rails/show-notes.rail");
    expect(notSuite.err).toBe(
      "railguard: rails/show-notes.rail: not a suite file (name it <spec>.cases.yaml, .cases.yml or .cases.json).\n",
    );
    const empty = mkdtempSync(join(tmpdir(), "railguard-empty-"));
    expect((await cli("test", empty)).err).toContain(
      "no suite files (*.cases.yaml, *.cases.json) under",
    );
    const reporter = await cli("test", tmp, "--reporter", "tap");
    expect(reporter.code).toBe(2);
    expect(reporter.err).toBe(
      'railguard: test: --reporter must be text, json, junit, not "tap" (see "railguard test --help")\n',
    );
  });

  it("rewrites snapshots with --update", async () => {
    const snapDir = mkdtempSync(join(tmpdir(), "railguard-snap-"));
    writeFileSync(
      join(snapDir, "pet.rail"),
      '<rail version="0.1"><output><string name="pet" validators="two-words" on-fail-two-words="reask"/></output><prompt>Name a pet.</prompt></rail>',
    );
    const suiteFile = join(snapDir, "pet.cases.yaml");
    writeFileSync(
      suiteFile,
      `cases:\n  - name: snap\n    answers: ['{"pet": "Rex"}', '{"pet": "Rex Junior"}']\n    expect: { reaskPrompt: old }\n`,
    );
    expect((await cli("test", snapDir)).code).toBe(1);
    const updated = await cli("test", snapDir, "--update");
    expect(updated.code).toBe(0);
    expect(updated.out).toContain("1 snapshot(s) updated");
    expect(readFileSync(suiteFile, "utf8")).toContain('"incorrect_value": "Rex"');
    expect((await cli("test", snapDir)).code).toBe(0);
  });

  it("runs the suites shipped in rails/", async () => {
    const result = await cli("test", "rails");
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/ Suites {2}(\d+) passed \(\1\)/);
  });
});
