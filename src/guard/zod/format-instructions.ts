/**
 * A code-first guard's prompt is often one line ("Extract the guest from: ${text}"): without the
 * output's schema the model can only guess the keys. When neither the prompt nor the
 * instructions show the schema, the guard appends it with Guardrails' format instructions, as a
 * RAIL author does with `${gr.complete_json_suffix_v2}`.
 */

import { renderTemplate } from "../../prompt/index.js";

// Rendered in place of `${output_schema}` to see whether a template shows the schema at all.
const PROBE = "\u0000railguard-output-schema\u0000";

/** The suffix for a JSON output, and for a string output (its description and format). */
export const JSON_FORMAT = "${gr.complete_json_suffix_v2}";
export const STRING_FORMAT = "${gr.complete_string_suffix}";

/** The prompt, with `suffix` appended when no template given shows the output schema. */
export function withFormatInstructions(
  prompt: string | undefined,
  instructions: string | undefined,
  suffix: string,
): string | undefined {
  if (prompt === undefined) return undefined;
  const showsSchema = [prompt, instructions].some(
    (text) =>
      text !== undefined &&
      renderTemplate(text, { outputSchema: PROBE, allowMissing: true }).includes(PROBE),
  );
  return showsSchema ? prompt : `${prompt.trimEnd()}\n\n${suffix}`;
}
