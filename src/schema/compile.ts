import { dirname, resolve } from "node:path";
import type { UnknownValidatorPolicy, ValidatorBinding } from "../contract/binding.js";
import { defaultRegistry, type ValidatorRegistry } from "../contract/registry.js";
import { renderOutputXml } from "../prompt/output-xml.js";
import { renderStringSchema } from "../prompt/string-schema.js";
import { fieldValidatorPrompts } from "../prompt/validator-prompt.js";
import { type ParseRailOptions, parseRail, RailSpecError, readRailFile } from "../rail/index.js";
import type { Field, RailSpec } from "../rail/types.js";
import { bindValidators } from "./bindings.js";
import { ValidatorArgumentError, ValidatorBindingError } from "./errors.js";
import { bindInputValidators } from "./input-bindings.js";
import { jsonSchemaFor } from "./json-schema.js";
import { openAIStrictSchema } from "./openai-schema.js";
import { checkSpecShape } from "./spec-shape.js";
import { templateWarnings } from "./template-warnings.js";
import type { CompiledRail } from "./types.js";
import { zodSchemaFor } from "./zod.js";

/** Parse options apply when the source is XML text (or a file); a parsed spec is taken as it is. */
export interface CompileOptions extends ParseRailOptions {
  /** Where validator aliases are looked up; the default registry (built-ins included) otherwise. */
  registry?: ValidatorRegistry;
  /**
   * An unknown validator name is an error ("error", the default: a `RailSpecError` naming line,
   * column and element, with the closest known name); "warn" keeps it as a prompt hint, not run,
   * with an `unknown-validator` warning: for specs naming Hub validators the catalogue lacks.
   */
  unknownValidators?: UnknownValidatorPolicy;
}

const TEXT_CACHE_LIMIT = 256;

interface CacheEntry {
  /** The registry's version when compiled: registering a validator later must not hit a stale entry. */
  version: number;
  /** Unknown names compile only when warned about, so each policy has its own result. */
  unknownValidators: UnknownValidatorPolicy;
  compiled: CompiledRail;
}

/** Per registry: spec objects held weakly, spec texts in a bounded map (oldest dropped first). */
interface RegistryCache {
  specs: WeakMap<RailSpec, CacheEntry>;
  texts: Map<string, CacheEntry>;
}

const caches = new WeakMap<ValidatorRegistry, RegistryCache>();

function cacheFor(registry: ValidatorRegistry): RegistryCache {
  let cache = caches.get(registry);
  if (!cache) {
    cache = { specs: new WeakMap(), texts: new Map() };
    caches.set(registry, cache);
  }
  return cache;
}

/**
 * Compiles a RAIL spec (its XML text, or a parsed `RailSpec`) once into everything a guard needs:
 * zod schema, JSON Schemas, the `${output_schema}` text, validator bindings. The result is frozen
 * (a spec object passed in is frozen with it: the result holds it and its fields as they are),
 * and compiling the same text or spec object against the same registry returns the same object.
 */
export function compileRail(source: string | RailSpec, options: CompileOptions = {}): CompiledRail {
  const registry = options.registry ?? defaultRegistry;
  const unknownValidators = options.unknownValidators ?? "error";
  const stamp = { version: registry.version, unknownValidators };
  const fresh = (entry: CacheEntry | undefined): entry is CacheEntry =>
    entry?.version === stamp.version && entry.unknownValidators === unknownValidators;
  const { specs, texts } = cacheFor(registry);
  if (typeof source !== "string") {
    const hit = specs.get(source);
    if (fresh(hit)) return hit.compiled;
    // Made in code, not read: the reader's rules on keys and cases were never applied.
    checkSpecShape(source.output);
    const compiled = build(source, registry, unknownValidators);
    specs.set(source, { ...stamp, compiled });
    return compiled;
  }
  const unknownTags = options.unknownTags ?? "error";
  // The options change what the text means, so they are part of its key.
  const key = `${unknownTags}\n${unknownValidators}\n${source}`;
  const hit = texts.get(key);
  if (fresh(hit)) return hit.compiled;
  const compiled = build(parseRail(source, { unknownTags }), registry, unknownValidators);
  texts.delete(key);
  if (texts.size >= TEXT_CACHE_LIMIT) texts.delete(texts.keys().next().value as string);
  texts.set(key, { ...stamp, compiled });
  return compiled;
}

/**
 * Reads, parses and compiles a RAIL file. Every error names the file: read and parse errors
 * through `readRailFile`, validator errors (an unknown name, bad arguments) here.
 */
export function compileRailFile(path: string, options: CompileOptions = {}): CompiledRail {
  const spec = readRailFile(path, options);
  try {
    return Object.freeze({ ...compileRail(spec, options), specDir: dirname(resolve(path)) });
  } catch (error) {
    if (
      ValidatorArgumentError.isInstance(error) ||
      ValidatorBindingError.isInstance(error) ||
      RailSpecError.isInstance(error)
    ) {
      throw error.inFile(path);
    }
    throw error;
  }
}

function build(
  spec: RailSpec,
  registry: ValidatorRegistry,
  unknownValidators: UnknownValidatorPolicy,
): CompiledRail {
  const bound = bindValidators(spec.output, registry, unknownValidators);
  const inputBindings = bindInputValidators(
    spec,
    registry,
    spec.output.strict,
    bound.warnings,
    unknownValidators,
  );
  const prompts = (field: Field): string[] => fieldValidatorPrompts(bound.byField.get(field));
  const { root } = spec.output;
  const renderSchema = (keep?: ReadonlySet<Field>): string =>
    spec.output.type === "string"
      ? renderStringSchema(root.description, prompts(root))
      : renderOutputXml(spec.output, prompts, keep);
  const byField = new Map<Field, readonly ValidatorBinding[]>();
  for (const [field, entry] of bound.byField)
    byField.set(field, Object.freeze(entry.bindings.map(freezeBinding)));
  const noBindings: readonly ValidatorBinding[] = Object.freeze([]);
  return Object.freeze({
    spec: deepFreeze(spec),
    zodSchema: zodSchemaFor(root),
    jsonSchema: deepFreeze(jsonSchemaFor(root)),
    openAISchema: deepFreeze(openAIStrictSchema(root)),
    outputSchema: renderSchema(),
    bindings: Object.freeze(bound.bindings),
    inputBindings: Object.freeze({
      instructions: Object.freeze(inputBindings.instructions.map(freezeBinding)),
      prompt: Object.freeze(inputBindings.prompt.map(freezeBinding)),
    }),
    validatorsFor: (field: Field) => byField.get(field) ?? noBindings,
    prunedOutputSchema: (fields: ReadonlySet<Field>) => renderSchema(fields),
    warnings: Object.freeze(
      [...spec.warnings, ...bound.warnings, ...templateWarnings(spec)].map(deepFreeze),
    ),
  });
}

// The definition is shared with the registry and stays as it is; the rest is this spec's own.
function freezeBinding(binding: ValidatorBinding): ValidatorBinding {
  deepFreeze(binding.args);
  return Object.freeze(binding);
}

function deepFreeze<T>(value: T): T {
  if (typeof value !== "object" || value === null || Object.isFrozen(value)) return value;
  Object.freeze(value);
  for (const child of Object.values(value)) deepFreeze(child);
  return value;
}
