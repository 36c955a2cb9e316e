/**
 * The prose that stands for the output schema when `<output type="string">`: the description,
 * then one bullet per validator the model should satisfy (Guardrails' `StringSchema` transpile).
 */
export function renderStringSchema(
  description: string | undefined,
  validatorPrompts: readonly string[],
): string {
  const parts: string[] = [];
  if (description) parts.push(`Here is a description of what you should write: ${description}`);
  if (validatorPrompts.length > 0) {
    const bullets = validatorPrompts.map((text) => `- ${text}`).join("\n");
    parts.push(`Your response must satisfy every one of these properties:\n${bullets}`);
  }
  parts.push("Answer with the response only, nothing else.");
  return parts.join("\n\n");
}
