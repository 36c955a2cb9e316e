import { bareConstants } from "../prompt/template.js";
import type { RailSpec, RailWarning, TemplateSpec } from "../rail/types.js";

const TEMPLATES = [
  ["prompt", "prompt"],
  ["instructions", "instructions"],
  ["reaskPrompt", "reask_prompt"],
  ["reaskInstructions", "reask_instructions"],
] as const;

/**
 * One `bare-prompt-constant` warning per template variable that names a Guardrails constant
 * without `gr.`: it renders as the constant unless the call gives a parameter of that name, which
 * a reader of the spec cannot tell from the text, so the compiler says which one it will be.
 */
export function templateWarnings(spec: RailSpec): RailWarning[] {
  return TEMPLATES.flatMap(([key, tag]) => {
    const template: TemplateSpec | undefined = spec[key];
    if (!template) return [];
    return bareConstants(template.text).map((name) => ({
      code: "bare-prompt-constant",
      message: `\${${name}} names a prompt constant without "gr.": it renders as \${gr.${name}} unless the call passes a prompt parameter named "${name}". Write \${gr.${name}} to make that explicit.`,
      path: tag,
      ...(template.position ? { position: template.position } : {}),
    }));
  });
}
