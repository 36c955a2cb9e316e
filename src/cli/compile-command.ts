import { renderTemplate } from "../prompt/index.js";
import { readRailFile } from "../rail/index.js";
import type { TemplateSpec } from "../rail/types.js";
import { compileRail } from "../schema/index.js";

export interface CompileCommandOptions {
  file: string;
  variables: Record<string, string>;
  jsonSchema: boolean;
}

/**
 * `railguard compile`: the prompt a guard would send, with every variable it has filled in and the
 * ones it lacks marked, so a spec can be reviewed before any model is called.
 */
export async function compileCommand(options: CompileCommandOptions): Promise<string> {
  const compiled = compileRail(readRailFile(options.file));
  if (options.jsonSchema) return `${JSON.stringify(compiled.jsonSchema, null, 2)}\n`;
  const render = (template: TemplateSpec) =>
    renderTemplate(template.text, {
      variables: options.variables,
      outputSchema: compiled.outputSchema,
      allowMissing: true,
    });
  const { instructions, prompt } = compiled.spec;
  const sections: string[] = [];
  if (instructions) sections.push(section("instructions", render(instructions)));
  sections.push(section("prompt", prompt ? render(prompt) : compiled.outputSchema));
  for (const warning of compiled.warnings) sections.push(`warning: ${warning.message}`);
  return `${sections.join("\n\n")}\n`;
}

const section = (title: string, body: string): string => `=== ${title} ===\n${body.trimEnd()}`;
