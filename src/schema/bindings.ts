import type { Field, FieldKind, OutputSpec, RailWarning, ValidatorRef } from "../rail/types.js";
import type { ValidatorRegistry } from "../validators/registry.js";
import type { ValidatorDefinition } from "../validators/types.js";
import { resolveArguments } from "./arguments.js";
import { ValidatorBindingError, type ValidatorSite } from "./errors.js";
import type { ValidatorBinding } from "./types.js";
import { type FieldLocation, walkFields } from "./walk.js";

/** A field's validators: those bound to a definition, and those kept only as prompt hints. */
export interface FieldValidators {
  bindings: ValidatorBinding[];
  /** Unknown aliases, or validators that do not apply to the field's kind: shown, not run. */
  hints: ValidatorRef[];
}

export interface BoundValidators {
  /** Fields in document order, validators in declared order. */
  bindings: ValidatorBinding[];
  byField: Map<Field, FieldValidators>;
  warnings: RailWarning[];
}

// Guardrails deprecated these tags into plain strings; string validators apply to them and back.
const STRING_LIKE: ReadonlySet<FieldKind> = new Set([
  "string",
  "email",
  "url",
  "sql",
  "pythoncode",
]);

// biome-ignore lint/suspicious/noExplicitAny: definitions carry their own argument types
function appliesTo(definition: ValidatorDefinition<any>, kind: FieldKind): boolean {
  const { types } = definition;
  if (types === "all" || types.includes(kind)) return true;
  return STRING_LIKE.has(kind) && types.some((type) => STRING_LIKE.has(type));
}

/**
 * Resolves every field's validator items against a registry. Unknown or inapplicable ones
 * become hints with a warning, or `ValidatorBindingError`s when the output is strict. Bad
 * arguments are always a `ValidatorArgumentError`.
 */
export function bindValidators(output: OutputSpec, registry: ValidatorRegistry): BoundValidators {
  const bound: BoundValidators = { bindings: [], byField: new Map(), warnings: [] };
  walkFields(output.root, (field, location) => {
    const entry: FieldValidators = { bindings: [], hints: [] };
    for (const ref of field.validators) {
      const binding = bindOne(field, ref, location, registry, output.strict, bound.warnings);
      if (binding) entry.bindings.push(binding);
      else entry.hints.push(ref);
    }
    bound.byField.set(field, entry);
    bound.bindings.push(...entry.bindings);
  });
  return bound;
}

export function bindOne(
  field: Field,
  ref: ValidatorRef,
  location: FieldLocation,
  registry: ValidatorRegistry,
  strict: boolean,
  warnings: RailWarning[],
): ValidatorBinding | undefined {
  const site: ValidatorSite = {
    path: location.path,
    validator: ref.name,
    position: field.position,
  };
  const definition = registry.get(ref.name);
  if (definition && appliesTo(definition, field.kind)) {
    const args = resolveArguments(definition, ref, site);
    return { path: location.path, field, ref, definition, args, onFail: ref.onFail };
  }
  const [code, reason] = definition
    ? ["validator-not-applicable", `is not valid for element ${field.kind}`]
    : ["unknown-validator", "is not a registered validator"];
  if (strict) throw new ValidatorBindingError(code, site, `"${ref.name}" ${reason}`);
  warnings.push({
    code,
    message: `Validator "${ref.name}" on ${location.path} ${reason}; it is shown to the model as a hint and not run.`,
    path: location.elementPath,
    ...(field.position ? { position: field.position } : {}),
  });
  return undefined;
}
