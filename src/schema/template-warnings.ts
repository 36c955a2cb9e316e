import { bareConstants } from "../prompt/template.js";
import type { RailSpec, RailWarning, TemplateSpec } from "../rail/types.js";

const TEMPLATES = [
  ["prompt", "prompt"],
  ["instructions", "instructions"],
  ["reaskPrompt", "reask_prompt"],
  ["reaskInstructions", "reask_instructions"],
] as const;

/**
 * Warnings about the prompt templates. `bare-prompt-constant`: a variable named like a Guardrails
 * constant without `gr.` renders as the constant unless the call gives a parameter of that name,
 * which a reader of the spec cannot tell from the text. `reask-validators-ignored`: validators on
 * `<reask_prompt>` or `<reask_instructions>`, which input validation does not cover.
 */
export function templateWarnings(spec: RailSpec): RailWarning[] {
  return TEMPLATES.flatMap(([key, tag]) => {
    const template: TemplateSpec | undefined = spec[key];
    if (!template) return [];
    const at = { path: tag, ...(template.position ? { position: template.position } : {}) };
    const warnings: RailWarning[] = bareConstants(template.text).map((name) => ({
      code: "bare-prompt-constant",
      message: `\${${name}} names a prompt constant without "gr.": it renders as \${gr.${name}} unless the call passes a prompt parameter named "${name}". Write \${gr.${name}} to make that explicit.`,
      ...at,
    }));
    if (key.startsWith("reask") && template.validators.length > 0) {
      warnings.push({
        code: "reask-validators-ignored",
        message: `Validators on <${tag}> are not run: only the first prompt and instructions are validated (the reask prompts are the guard's own).`,
        ...at,
      });
    }
    return warnings;
  });
}
