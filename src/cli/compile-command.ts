import { renderTemplate, templateVariables } from "../prompt/index.js";
import type { TemplateSpec } from "../rail/index.js";
import { type CompileOptions, compileRailFile } from "../schema/index.js";
import { describeWarning } from "./warnings.js";

export interface CompileCommandOptions {
  file: string;
  variables: Record<string, string>;
  jsonSchema: boolean;
  compileOptions: CompileOptions;
}

/** What the command prints: the result on stdout, notes for the person on stderr. */
export interface CommandOutput {
  out: string;
  notes: string[];
}

/**
 * `railguard compile`: the prompt a guard would send, with every variable it has filled in and the
 * ones it lacks marked, so a spec can be reviewed before any model is called. Warnings, unfilled
 * and unused variables are notes, so the prompt on stdout stays clean to pipe.
 */
export function compileCommand(options: CompileCommandOptions): CommandOutput {
  const { file, variables } = options;
  const compiled = compileRailFile(file, options.compileOptions);
  const warnings = compiled.warnings.map((warning) => describeWarning(file, warning));
  if (options.jsonSchema) {
    return { out: `${JSON.stringify(compiled.jsonSchema, null, 2)}\n`, notes: warnings };
  }
  const { instructions, prompt, reaskPrompt, reaskInstructions } = compiled.spec;
  const render = (template: TemplateSpec) =>
    renderTemplate(template.text, {
      variables,
      outputSchema: compiled.outputSchema,
      allowMissing: true,
    });
  const sections: string[] = [];
  if (instructions) sections.push(section("instructions", render(instructions)));
  sections.push(section("prompt", prompt ? render(prompt) : compiled.outputSchema));

  const shown = [instructions, prompt].filter((template) => template !== undefined);
  const all = [...shown, reaskPrompt, reaskInstructions].filter((t) => t !== undefined);
  const needed = variablesOf(shown);
  const known = variablesOf(all);
  const unfilled = needed.filter((name) => !Object.hasOwn(variables, name));
  const unused = Object.keys(variables).filter((name) => !known.includes(name));
  const notes = [...warnings];
  if (unfilled.length > 0) {
    notes.push(
      `note: no value for ${list(unfilled)}; marked ⟨missing: name⟩ above (fill with --var name=value or --var name=@file)`,
    );
  }
  for (const name of unused) {
    const uses = needed.length > 0 ? `; it uses ${list(needed)}` : "";
    notes.push(`note: --var ${name} is not a variable of ${file}${uses}`);
  }
  return { out: `${sections.join("\n\n")}\n`, notes };
}

const section = (title: string, body: string): string => `=== ${title} ===\n${body.trimEnd()}`;

const variablesOf = (templates: readonly TemplateSpec[]): string[] => [
  ...new Set(templates.flatMap((template) => templateVariables(template.text))),
];

const list = (names: readonly string[]): string => names.map((name) => `"${name}"`).join(", ");
