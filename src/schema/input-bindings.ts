import type { UnknownValidatorPolicy, ValidatorBinding } from "../contract/binding.js";
import type { ValidatorRegistry } from "../contract/registry.js";
import type { RailWarning, ScalarField, SourcePosition, ValidatorRef } from "../rail/types.js";
import { bindContext, bindOne } from "./bindings.js";

/** The texts a guard sends that input validators check, in the order they are checked. */
export const INPUT_NAMES = ["instructions", "prompt"] as const;
export type InputName = (typeof INPUT_NAMES)[number];

/** Validators of each input, in declared order; their `path` is `$prompt` or `$instructions`. */
export type InputBindings = Readonly<Record<InputName, readonly ValidatorBinding[]>>;

export const NO_INPUT_BINDINGS: InputBindings = Object.freeze({ instructions: [], prompt: [] });

/** What input validators are bound from: validator items and where they were written. */
export interface InputValidatorRefs {
  validators: readonly ValidatorRef[];
  position?: SourcePosition;
}

/**
 * Binds validators on an input as on a string field, so the same registry, argument checks and
 * unknown-alias policy apply (`strict` as for the output). Each input is validated as one string.
 */
export function bindInputValidators(
  inputs: Partial<Record<InputName, InputValidatorRefs>>,
  registry: ValidatorRegistry,
  strict: boolean,
  warnings: RailWarning[] = [],
  unknownValidators: UnknownValidatorPolicy = "error",
): InputBindings {
  const bound = { bindings: [], byField: new Map(), warnings };
  const context = bindContext(registry, strict, unknownValidators, bound);
  const bind = (name: InputName): ValidatorBinding[] => {
    const input = inputs[name];
    if (!input) return [];
    const field: ScalarField = {
      kind: "string",
      required: true,
      validators: [...input.validators],
      ...(input.position ? { position: input.position } : {}),
    };
    const location = { path: `$${name}`, elementPath: name };
    return field.validators.flatMap((ref) => bindOne(field, ref, location, context) ?? []);
  };
  return { instructions: bind("instructions"), prompt: bind("prompt") };
}

/** The bindings of `first` followed by those of `second`, input by input. */
export const concatInputBindings = (
  first: InputBindings,
  second: InputBindings,
): InputBindings => ({
  instructions: [...first.instructions, ...second.instructions],
  prompt: [...first.prompt, ...second.prompt],
});
