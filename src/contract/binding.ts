import type { Field, OnFailAction, ValidatorRef } from "../rail/types.js";
import type { ValidatorDefinition } from "./types.js";

/**
 * What an unknown validator name is: an error (the default, so a misspelt validator cannot switch
 * itself off), or a warning and a prompt hint, for specs that name Hub validators the catalogue
 * lacks.
 */
export type UnknownValidatorPolicy = "error" | "warn";

/** A registered validator attached to a field, with resolved arguments and on-fail action. */
export interface ValidatorBinding {
  /** JSONPath of the field with `*` for list items: `$`, `$.fees.*.name`. */
  path: string;
  /** The spec field it validates. */
  field: Field;
  /** The validator item as written in the spec. */
  ref: ValidatorRef;
  // biome-ignore lint/suspicious/noExplicitAny: each definition types its own arguments
  definition: ValidatorDefinition<any>;
  /** Arguments resolved against `definition.args` (typed, defaulted, keyword and positional merged). */
  args: Record<string, unknown>;
  onFail: OnFailAction;
}

/** A field's validators: those bound to a definition, and those kept only as prompt hints. */
export interface FieldValidators {
  bindings: ValidatorBinding[];
  /** Unknown aliases, or validators that do not apply to the field's kind: shown, not run. */
  hints: ValidatorRef[];
}
