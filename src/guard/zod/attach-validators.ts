import type { ValidatorDefinition } from "../../contract/types.js";
import type { Field, LiteralValue, OnFailAction, ValidatorRef } from "../../rail/types.js";
import { walkFields } from "../../schema/index.js";
import { GuardConfigError } from "../errors.js";

/**
 * A validator attached in code: a registered alias, or a definition given inline (registered
 * for this guard only). Positional `args` as an array, keyword args as an object.
 */
export type CodeValidator = (
  | { name: string; validator?: undefined }
  // biome-ignore lint/suspicious/noExplicitAny: each definition types its own arguments
  | { validator: ValidatorDefinition<any>; name?: undefined }
) & {
  args?: LiteralValue[] | Record<string, LiteralValue>;
  onFail: OnFailAction;
};

/**
 * Validators by JSONPath, as the compiler writes binding paths: `$`, `$.name`, `$.fees.*.rate`
 * (or `$.fees[*].rate`), `$["two words"]`.
 */
export type CodeValidators = Readonly<Record<string, readonly CodeValidator[]>>;

/** Appends each path's validators to its field; an unknown path is a GuardConfigError. */
export function attachValidators(root: Field, validators: CodeValidators, where: string): void {
  const fields = fieldsByPath(root);
  for (const [path, entries] of Object.entries(validators)) {
    const field = fields.get(path.replaceAll("[*]", ".*"));
    if (!field) {
      const known = [...fields.keys()].join(", ");
      throw new GuardConfigError(`${where}: no field at ${path}; the fields are ${known}.`);
    }
    field.validators.push(...entries.map(toRef));
  }
}

export function toRef(entry: CodeValidator): ValidatorRef {
  const name = entry.validator?.name ?? entry.name ?? "";
  const args = Array.isArray(entry.args) ? entry.args : [];
  const kwargs = entry.args && !Array.isArray(entry.args) ? entry.args : {};
  const written = [
    ...args.map((arg) => JSON.stringify(arg)),
    ...Object.entries(kwargs).map(([key, value]) => `${key}=${JSON.stringify(value)}`),
  ];
  const source = written.length > 0 ? `${name}: ${written.join(" ")}` : name;
  return { name, args, kwargs, onFail: entry.onFail, source };
}

/** Every field by the path the compiler gives it. */
function fieldsByPath(root: Field): Map<string, Field> {
  const fields = new Map<string, Field>();
  walkFields(root, (field, { path }) => fields.set(path, field));
  return fields;
}

/** The inline definitions among the entries, to register for this guard. */
// biome-ignore lint/suspicious/noExplicitAny: each definition types its own arguments
export function inlineDefinitions(validators: CodeValidators): ValidatorDefinition<any>[] {
  return Object.values(validators).flatMap((entries) =>
    entries.flatMap((entry) => (entry.validator ? [entry.validator] : [])),
  );
}
