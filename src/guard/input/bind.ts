import type { ValidatorRegistry } from "../../contract/registry.js";
import { ON_FAIL_ACTIONS } from "../../rail/types.js";
import {
  bindInputValidators,
  INPUT_NAMES,
  type InputBindings,
  type InputName,
} from "../../schema/input-bindings.js";
import { describeValue, isPlainObject } from "../../show.js";
import { GuardConfigError } from "../errors.js";
import { type CodeValidator, toRef } from "../zod/attach-validators.js";

/**
 * Validators on what the guard sends, by input: `{ prompt: [...], instructions: [...] }`, each
 * entry as for `Guard.fromZod`'s `validators` (an alias or an inline definition, args, onFail).
 */
export type InputValidators = Readonly<Partial<Record<InputName, readonly CodeValidator[]>>>;

/**
 * The entries of an `inputValidators` option, checked: an unknown input, an entry list that is
 * not a list or an on-fail action that does not exist is a configuration error.
 */
export function checkedInputValidators(
  validators: InputValidators,
): Readonly<Record<InputName, readonly CodeValidator[]>> {
  if (!isPlainObject(validators)) {
    throw new GuardConfigError(
      `inputValidators must be an object of inputs ({ prompt, instructions }), got ${describeValue(validators)}.`,
    );
  }
  for (const [input, entries] of Object.entries(validators)) {
    if (!(INPUT_NAMES as readonly string[]).includes(input)) {
      throw new GuardConfigError(
        `inputValidators: "${input}" is not an input; the inputs are ${INPUT_NAMES.join(", ")}.`,
      );
    }
    if (entries !== undefined && !Array.isArray(entries)) {
      throw new GuardConfigError(
        `inputValidators.${input} must be a list of validators, got ${describeValue(entries)}.`,
      );
    }
    for (const entry of (entries ?? []) as CodeValidator[]) checkOnFail(input, entry);
  }
  return { instructions: validators.instructions ?? [], prompt: validators.prompt ?? [] };
}

/**
 * Binds checked input validators against `registry` (which must hold their inline definitions).
 * Strict: an unknown alias in code is an error, as code has no use for a hint.
 */
export function bindCodeInputValidators(
  validators: Readonly<Record<InputName, readonly CodeValidator[]>>,
  registry: ValidatorRegistry,
): InputBindings {
  const refs = (name: InputName) => ({ validators: validators[name].map(toRef) });
  return bindInputValidators(
    { instructions: refs("instructions"), prompt: refs("prompt") },
    registry,
    true,
  );
}

function checkOnFail(input: string, entry: CodeValidator): void {
  if (ON_FAIL_ACTIONS.includes(entry?.onFail)) return;
  throw new GuardConfigError(
    `inputValidators.${input}: onFail must be one of ${ON_FAIL_ACTIONS.join(", ")}, got ${describeValue(entry?.onFail)}.`,
  );
}
