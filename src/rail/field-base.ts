// What every field element shares (its base attributes, its reserved keys), read the same way by
// scalars, lists, objects, choices and the output root.
import type { RailAttribute, Scope, SpecReader } from "./reader.js";
import type { ScalarField } from "./types.js";
import type { ParsedValidator } from "./validator-spec.js";

/** Attributes every field element takes (`on-fail-*` aside). */
export const FIELD_ATTRIBUTES: RailAttribute[] = [
  "name",
  "description",
  "format",
  "validators",
  "required",
];

/** The attributes shared by every field kind. */
export type FieldBase = Omit<ScalarField, "kind" | "format" | "values">;

/** Name, description, `required` and validators of a field element. */
export function readFieldBase(
  reader: SpecReader,
  scope: Scope,
  hints: readonly ParsedValidator[] = [],
  ownOnFail: readonly string[] = [],
): FieldBase {
  const { name, description } = scope.element.attributes;
  return {
    ...(name === undefined ? {} : { name }),
    ...(description === undefined ? {} : { description }),
    required: reader.flag(scope, "required", true),
    validators: reader.validators(scope, hints, ownOnFail),
    position: reader.position(scope),
  };
}

/**
 * `__proto__` cannot be a JSON key of the output: assigning it to a JavaScript object sets the
 * prototype instead of a property, so schemas, parsing and validation would silently lose it.
 */
export function rejectReservedKey(
  reader: SpecReader,
  scope: Scope,
  key: string,
  attribute: string,
): void {
  if (key !== "__proto__") return;
  throw reader.fail(scope, `"${key}" cannot be a JSON key`, {
    allowed: "any other key",
    attribute,
  });
}
