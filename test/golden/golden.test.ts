import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { describe, expect, it } from "vitest";
import { renderTemplate, templateVariables } from "../../src/prompt/template.js";
import type { TemplateSpec } from "../../src/rail/types.js";
import { compileRail } from "../../src/schema/compile.js";

/**
 * Golden files of compiled prompts: every spec in `rails/` and in `test/golden/specs/`, compiled
 * against the default registry and rendered with fixed variables. `UPDATE_GOLDEN=1` rewrites them.
 */

const GOLDEN_DIR = join(import.meta.dirname);
const SOURCES = [
  { dir: join(GOLDEN_DIR, "../../rails"), prefix: "rails-" },
  { dir: join(GOLDEN_DIR, "specs"), prefix: "" },
];

const FIXED_VARIABLES: Record<string, string> = {
  document: "FIXED DOCUMENT: the monthly fee is 2.5% of the balance; ask {{nobody}} at ${nowhere}.",
  transcript: "[00:00:00] swyx: Welcome to the Latent Space podcast.",
  title: "A Fixed Episode",
  previous_response: '{\n  "title": {\n    "incorrect_value": "",\n    "error_messages": ["too short"]\n  }\n}',
  error_messages: "- too short",
};

function renderSection(name: string, template: TemplateSpec | undefined, outputSchema: string): string[] {
  if (!template) return [];
  const variables = Object.fromEntries(
    templateVariables(template.text).map((variable) => [variable, FIXED_VARIABLES[variable] ?? `«${variable}»`]),
  );
  return [`=== ${name} ===`, renderTemplate(template.text, { variables, outputSchema }).trimEnd()];
}

function compiledPrompt(xml: string): string {
  const compiled = compileRail(xml);
  const { spec, outputSchema } = compiled;
  const lines = [
    ...renderSection("instructions", spec.instructions, outputSchema),
    ...renderSection("prompt", spec.prompt, outputSchema),
    ...renderSection("reask_prompt", spec.reaskPrompt, outputSchema),
    ...renderSection("reask_instructions", spec.reaskInstructions, outputSchema),
    "=== warnings ===",
    ...compiled.warnings.map((warning) => `${warning.code}: ${warning.message}`),
  ];
  return `${lines.join("\n")}\n`;
}

const cases = SOURCES.flatMap(({ dir, prefix }) =>
  readdirSync(dir)
    .filter((file) => file.endsWith(".rail"))
    .sort()
    .map((file) => ({ spec: join(dir, file), golden: join(GOLDEN_DIR, `${prefix}${basename(file, ".rail")}.txt`) })),
);

describe("golden compiled prompts", () => {
  it("covers the specs in rails/ and both template styles", () => {
    const names = cases.map((c) => basename(c.golden));
    expect(names.filter((name) => name.startsWith("rails-")).length).toBeGreaterThanOrEqual(2);
    expect(names).toEqual(expect.arrayContaining(["v01-fees.txt", "v02-episode.txt"]));
  });

  it.each(cases)("$golden", ({ spec, golden }) => {
    const actual = compiledPrompt(readFileSync(spec, "utf8"));
    if (process.env.UPDATE_GOLDEN) writeFileSync(golden, actual);
    expect(existsSync(golden), `${golden} is missing; run with UPDATE_GOLDEN=1`).toBe(true);
    expect(actual).toBe(readFileSync(golden, "utf8"));
  });
});
