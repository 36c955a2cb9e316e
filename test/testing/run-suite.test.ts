// biome-ignore-all lint/suspicious/noTemplateCurlyInString: RAIL writes template variables as ${var}
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runSuite } from "../../src/testing/index.js";

const tmp = mkdtempSync(join(tmpdir(), "railguard-suite-"));
writeFileSync(
  join(tmp, "pet.rail"),
  `<rail version="0.1">
<output>
  <string name="pet" validators="two-words" on-fail-two-words="reask"/>
  <string name="tag" validators="lower-case" on-fail-lower-case="fix"/>
</output>
<prompt>Name a pet from \${place}. \${gr.complete_json_suffix_v2}</prompt>
</rail>`,
);

let count = 0;
/** Writes a suite for pet.rail and returns its path. */
function suite(text: string, extension = "yaml"): string {
  count += 1;
  const path = join(tmp, `s${count}.cases.${extension}`);
  writeFileSync(path, `spec: pet.rail\n${text}`);
  return path;
}

const reasked = `
    vars: { place: the zoo }
    answers:
      - '{"pet": "Rex", "tag": "Dog"}'
      - '{"pet": "Rex Junior"}'`;

describe("runSuite", () => {
  it("passes a case whose expectations all hold, reask path included", async () => {
    const file = suite(`cases:
  - name: reasked once${reasked}
    expect:
      validationPassed: true
      output: { pet: Rex Junior, tag: dog }
      failed: ["two-words $.pet", "lower-case $.tag"]
      actions: ["reask two-words $.pet", "fixed lower-case $.tag"]
      calls: 2
`);
    const result = await runSuite(file);
    expect(result.error).toBeUndefined();
    expect(result.cases).toMatchObject([{ name: "reasked once", passed: true, problems: [] }]);
  });

  it("fails each unmet expectation with a readable reason and diff", async () => {
    const file = suite(`cases:
  - name: wrong expectations${reasked}
    expect:
      validationPassed: false
      output: { pet: Rex Senior, tag: dog }
      outputSubset: { tag: Dog }
      failed: ["two-words $.pet"]
      actions: ["fixed lower-case $.tag"]
      calls: 1
`);
    const [result] = (await runSuite(file)).cases;
    expect(result?.passed).toBe(false);
    expect(result?.problems).toEqual([
      "expected validationPassed false, got true",
      [
        "validated output differs:",
        "    - expected",
        "    + received",
        "",
        "      {",
        '    -   "pet": "Rex Senior",',
        '    +   "pet": "Rex Junior",',
        '        "tag": "dog"',
        "      }",
      ].join("\n"),
      expect.stringContaining("validated output does not contain the expected subset:"),
      "failed validators differ (- expected, + received):\n    + lower-case $.tag",
      "actions differ (- expected, + received):\n    + reask two-words $.pet",
      "expected 1 model call(s), got 2",
    ]);
  });

  it("fails a case whose model receives a prompt it did not expect, with a diff", async () => {
    const file = suite(`cases:
  - name: wrong place
    vars: { place: the farm }
    answers:
      - text: '{"pet": "Rex Junior", "tag": "dog"}'
        prompt: "Name a pet from the zoo."
`);
    const [result] = (await runSuite(file)).cases;
    expect(result?.passed).toBe(false);
    expect(result?.problems).toHaveLength(1);
    expect(result?.problems[0]).toContain("call 1 received a prompt the case did not expect:");
    expect(result?.problems[0]).toContain("    - Name a pet from the zoo.");
    expect(result?.problems[0]).toContain("    + Name a pet from the farm.");
  });

  it("fails when the model is called more often than the case has answers, or less", async () => {
    const file = suite(`cases:
  - name: too few
    vars: { place: the zoo }
    answers: ['{"pet": "Rex", "tag": "dog"}']
  - name: too many
    vars: { place: the zoo }
    answers: ['{"pet": "Rex Junior", "tag": "dog"}', '{"pet": "never"}']
`);
    const [few, many] = (await runSuite(file)).cases;
    expect(few?.problems[0]).toMatch(
      /^the model was called 2 times but the case gives 1 answer\(s\); call 2 received:\n {4}The JSON response below has problems/,
    );
    expect(many?.problems).toEqual([
      "1 answer(s) of the case were never asked for (1 call(s) made)",
    ]);
  });

  it("checks a saved output without a model (the validate case)", async () => {
    const file = suite(`cases:
  - name: saved
    output: |
      Sure! {"pet": "Rex Junior", "tag": "DOG",}
    expect: { validationPassed: true, calls: 0, output: { pet: Rex Junior, tag: dog } }
`);
    expect((await runSuite(file)).cases[0]).toMatchObject({ passed: true });
  });

  it("compares the reask prompt with its snapshot, and --update rewrites it keeping comments", async () => {
    const file = suite(`cases:
  # the zoo case
  - name: snapshot${reasked}
    expect:
      reaskPrompt: "an old prompt"
`);
    const failing = (await runSuite(file)).cases[0];
    expect(failing?.problems[0]).toMatch(
      /^the reask prompt differs from its snapshot \(--update rewrites it\):\n {4}- expected\n {4}\+ received\n\n {4}- an old prompt\n {4}\+ The JSON response below has problems/,
    );
    const updated = await runSuite(file, { update: true });
    expect(updated.updated).toBe(1);
    expect(updated.cases[0]?.passed).toBe(true);
    const text = readFileSync(file, "utf8");
    expect(text).toContain("  # the zoo case\n");
    expect(text).toContain("      reaskPrompt: |-\n        The JSON response below has problems");
    expect((await runSuite(file)).cases[0]?.passed).toBe(true);
  });

  it("records a null snapshot on --update, in a JSON suite too", async () => {
    const file = suite(
      JSON.stringify({
        cases: [
          {
            name: "json",
            vars: { place: "the zoo" },
            answers: ['{"pet": "Rex", "tag": "dog"}', '{"pet": "Rex Junior"}'],
            expect: { reaskPrompt: null },
          },
        ],
      }),
      "json",
    );
    writeFileSync(
      file,
      readFileSync(file, "utf8")
        .replace("spec: pet.rail\n", "")
        .replace("{", '{"spec": "pet.rail",'),
    );
    expect((await runSuite(file)).cases[0]?.problems).toEqual([
      "reaskPrompt is null: run with --update to record it",
    ]);
    await runSuite(file, { update: true });
    const saved = JSON.parse(readFileSync(file, "utf8"));
    expect(saved.cases[0].expect.reaskPrompt).toContain('"incorrect_value": "Rex"');
  });

  it("reports a broken suite as the suite's error, naming where", async () => {
    const cases = [
      ["cases: [1]", "cases[0]: expected an object"],
      ["cases:\n  - name: x\n", 'cases[0] "x": give either `answers`'],
      [
        "cases:\n  - name: x\n    output: a\n    expect: { passes: true }\n",
        'unknown key "passes"',
      ],
      ["cases: [\n", "invalid YAML"],
      ["cases:\n  - output: { file: nope.txt }\n", "cannot read nope.txt"],
    ];
    for (const [text, message] of cases) {
      const result = await runSuite(suite(text ?? ""));
      expect(result.error, text).toContain(message);
      expect(result.cases).toEqual([]);
    }
    const missingSpec = join(tmp, "alone.cases.yaml");
    writeFileSync(missingSpec, "cases: []\n");
    expect((await runSuite(missingSpec)).error).toContain("alone.rail does not exist");
  });
});
