import type {
  FieldValidators,
  UnknownValidatorPolicy,
  ValidatorBinding,
} from "../contract/binding.js";
import type { ValidatorRegistry } from "../contract/registry.js";
import type { ValidatorDefinition } from "../contract/types.js";
import { RailSpecError } from "../rail/errors.js";
import type { Field, FieldKind, OutputSpec, RailWarning, ValidatorRef } from "../rail/types.js";
import {
  didYouMean,
  endSentence,
  hintWarning,
  inapplicableReason,
  UNKNOWN_VALIDATOR_REMEDY,
  unknownValidatorReason,
} from "../rail/warnings.js";
import { resolveArguments } from "./arguments.js";
import { ValidatorBindingError, type ValidatorSite } from "./errors.js";
import { type FieldLocation, walkFields } from "./walk.js";

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
 * Resolves every field's validator items against a registry. An unknown name is an error (a
 * `RailSpecError` where the spec has a source position, a `ValidatorBindingError` for one built in
 * code) unless `unknownValidators` is "warn"; then, like a validator that does not apply to its
 * field, it becomes a hint with a warning (an error in a `strict="true"` output). An unknown
 * tag's hint is a hint by nature. Bad arguments are always a `ValidatorArgumentError`.
 */
export function bindValidators(
  output: OutputSpec,
  registry: ValidatorRegistry,
  unknownValidators: UnknownValidatorPolicy = "error",
): BoundValidators {
  const bound: BoundValidators = { bindings: [], byField: new Map(), warnings: [] };
  const context = bindContext(registry, output.strict, unknownValidators, bound);
  walkFields(output.root, (field, location) => {
    const entry: FieldValidators = { bindings: [], hints: [] };
    for (const ref of field.validators) {
      const binding = bindOne(field, ref, location, context);
      if (binding) entry.bindings.push(binding);
      else entry.hints.push(ref);
    }
    bound.byField.set(field, entry);
    bound.bindings.push(...entry.bindings);
  });
  return bound;
}

/**
 * How one spec's validators are bound: against which registry, under which policies, into which
 * result. Each unknown name is compared with the registry once, however often the spec repeats it.
 */
export function bindContext(
  registry: ValidatorRegistry,
  strict: boolean,
  unknownValidators: UnknownValidatorPolicy,
  bound: BoundValidators,
): BindContext {
  const suggestions = new Map<string, string>();
  const suggest = (name: string): string => {
    let suggestion = suggestions.get(name);
    if (suggestion === undefined) {
      suggestion = didYouMean(name, registry.names());
      suggestions.set(name, suggestion);
    }
    return suggestion;
  };
  return { registry, suggest, strict, unknownValidators, bound };
}

export interface BindContext {
  registry: ValidatorRegistry;
  /** ``; did you mean `x`?`` for an unknown name, or nothing. */
  suggest: (name: string) => string;
  strict: boolean;
  unknownValidators: UnknownValidatorPolicy;
  bound: BoundValidators;
}

export function bindOne(
  field: Field,
  ref: ValidatorRef,
  location: FieldLocation,
  { registry, suggest, strict, unknownValidators, bound }: BindContext,
): ValidatorBinding | undefined {
  const position = ref.position ?? field.position;
  const site: ValidatorSite = { path: location.path, validator: ref.name, position };
  const definition = registry.get(ref.name);
  if (definition && appliesTo(definition, field.kind)) {
    const args = resolveArguments(definition, ref, site);
    return { path: location.path, field, ref, definition, args, onFail: ref.onFail };
  }
  const warn = (warning: Omit<RailWarning, "path" | "position">): undefined => {
    bound.warnings.push({
      ...warning,
      path: location.elementPath,
      ...(position ? { position } : {}),
    });
    return undefined;
  };
  if (definition) {
    const reason = inapplicableReason(ref.name, field.kind);
    if (strict) throw new ValidatorBindingError("validator-not-applicable", site, reason);
    const message = hintWarning(`${reason} on ${location.path}`);
    return warn({ code: "validator-not-applicable", message });
  }
  if (ref.tagHint) return undefined;
  if (unknownValidators === "warn") {
    const reason = unknownValidatorReason(ref.name, location.path, suggest(ref.name));
    return warn({ code: "unknown-validator", message: hintWarning(reason) });
  }
  if (position) {
    const { line, column } = position;
    throw new RailSpecError({
      reason: unknownValidatorReason(ref.name, location.path, suggest(ref.name)),
      line,
      column,
      path: location.elementPath,
      allowed: UNKNOWN_VALIDATOR_REMEDY,
    });
  }
  // Built in code: the site already names the validator and its path.
  const unregistered = endSentence(`not a registered validator${suggest(ref.name)}`);
  const reason = `${unregistered} Allowed: ${UNKNOWN_VALIDATOR_REMEDY}`;
  throw new ValidatorBindingError("unknown-validator", site, reason);
}
