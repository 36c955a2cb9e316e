import type { ValidatorBinding } from "../../contract/binding.js";
import type { ChoiceField, Field } from "../../rail/types.js";
import { walkFields } from "../../schema/index.js";
import type { CompiledRail } from "../../schema/types.js";
import { choice } from "../../validators/choice.js";

/**
 * A field's validators as the guard runs them. A choice that declares `on-fail-choice` (RAIL
 * 0.1) and lists no `choice` validator itself gets one first, bound to that action. The parser
 * leaves an unknown or missing case of such a choice in place, so it fails here and the declared
 * action applies (a targeted reask, a fix, an exception…) instead of a skeleton reask.
 */
export function validatorsWithDeclaredChoice(
  compiled: CompiledRail,
): (field: Field) => readonly ValidatorBinding[] {
  // Made once per guard: verdicts are cached by binding across a call's rounds.
  const declared = new Map<Field, ValidatorBinding>();
  walkFields(compiled.spec.output.root, (field, { path }) => {
    if (field.kind !== "choice" || field.onFail === undefined) return;
    const listed = compiled.validatorsFor(field).some((b) => b.definition.name === choice.name);
    if (!listed) declared.set(field, choiceBinding(field, field.onFail, path));
  });
  return (field) => {
    const own = compiled.validatorsFor(field);
    const implicit = declared.get(field);
    return implicit ? [implicit, ...own] : own;
  };
}

function choiceBinding(
  field: ChoiceField,
  onFail: NonNullable<ChoiceField["onFail"]>,
  path: string,
): ValidatorBinding {
  const ref = { name: choice.name, args: [], kwargs: {}, onFail, source: choice.name };
  return { path, field, ref, definition: choice, args: {}, onFail };
}
