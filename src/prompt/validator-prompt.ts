import type { FieldValidators, ValidatorBinding } from "../contract/binding.js";
import { formatLiteral } from "../rail/literal.js";

/**
 * How validators are shown to the model: the definition's `toPrompt`, else Guardrails' keyword
 * form (`length: min=1 max=10`, `valid-choices: choices=['a', 'b']`). Hidden ones show nothing.
 */

// Guardrails formatted each keyword with str(): bare strings, repr for containers.
const keywordValue = (value: unknown): string =>
  typeof value === "string" ? value : formatLiteral(value);

/** The keyword form of a validator with its resolved arguments. */
export function keywordPrompt(name: string, args: Record<string, unknown>): string {
  const keywords = Object.entries(args)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => `${key}=${keywordValue(value)}`);
  return keywords.length === 0 ? name : `${name}: ${keywords.join(" ")}`;
}

/** What the model sees for one bound validator; "" when it is hidden. */
export function validatorPrompt(binding: ValidatorBinding): string {
  const { definition, args } = binding;
  if (definition.hidden) return "";
  return (
    definition.toPrompt ? definition.toPrompt(args) : keywordPrompt(definition.name, args)
  ).trim();
}

/** A field's validator descriptions: bound ones in declared order, then hints verbatim. */
export function fieldValidatorPrompts(validators: FieldValidators | undefined): string[] {
  if (!validators) return [];
  const bound = validators.bindings.map(validatorPrompt);
  const hints = validators.hints.map((ref) => ref.source.trim());
  return [...bound, ...hints].filter((text) => text !== "");
}
