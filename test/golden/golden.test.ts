// These specs use built-in validators: register the catalogue, as src/index.ts does.
import "../../src/validators/builtins.js";
// biome-ignore-all lint/suspicious/noTemplateCurlyInString: RAIL writes template variables as ${var}
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { describe, expect, it } from "vitest";
import { renderTemplate, templateVariables } from "../../src/prompt/template.js";
import type { TemplateSpec } from "../../src/rail/types.js";
import { compileRail } from "../../src/schema/compile.js";
import { compileOptionsFor } from "../support/hint-only-specs.js";

/**
 * Golden files of compiled prompts: every spec in `rails/` and in `test/golden/specs/`, compiled
 * against the default registry and rendered with fixed variables. `UPDATE_GOLDEN=1` rewrites them.
 */

const GOLDEN_DIR = join(import.meta.dirname);
const SOURCES = [
  { dir: join(GOLDEN_DIR, "../../rails"), prefix: "rails-" },
  { dir: join(GOLDEN_DIR, "specs"), prefix: "" },
  // The reference's example specs (§1.8 a–d, §2.3 fight_move, the 0.1 choice) and every element.
  { dir: join(GOLDEN_DIR, "../fixtures/rail"), prefix: "fixture-" },
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

function compiledPrompt(xml: string, file: string): string {
  const compiled = compileRail(xml, compileOptionsFor(file));
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
  it("covers the specs in rails/, the reference's examples and both template styles", () => {
    const names = cases.map((c) => basename(c.golden));
    expect(names.filter((name) => name.startsWith("rails-")).length).toBeGreaterThanOrEqual(2);
    expect(names).toEqual(
      expect.arrayContaining([
        "v01-fees.txt",
        "v02-episode.txt",
        "fixture-ref-a-contract-fees.txt",
        "fixture-ref-b-episode.txt",
        "fixture-ref-c-pizza.txt",
        "fixture-ref-d-decision.txt",
        "fixture-fight-move-v029.txt",
      ]),
    );
    const text = (name: string) => readFileSync(join(GOLDEN_DIR, "specs", name), "utf8");
    expect(text("v01-fees.rail")).toContain("{{document}}");
    expect(text("v01-fees.rail")).toContain("@complete_json_suffix_v2");
    expect(text("v02-episode.rail")).toContain("${document}");
    expect(text("v02-episode.rail")).toContain("${gr.complete_json_suffix_v2}");
  });

  it.each(cases)("$golden", ({ spec, golden }) => {
    const actual = compiledPrompt(readFileSync(spec, "utf8"), spec);
    if (process.env.UPDATE_GOLDEN) writeFileSync(golden, actual);
    expect(existsSync(golden), `${golden} is missing; run with UPDATE_GOLDEN=1`).toBe(true);
    expect(actual).toBe(readFileSync(golden, "utf8"));
  });
});
