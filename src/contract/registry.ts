import { RailguardError } from "../errors.js";
import { HUB_PREFIX } from "../rail/validator-spec.js";
import type { ValidatorDefinition } from "./types.js";

// biome-ignore lint/suspicious/noExplicitAny: definitions carry their own argument types
type AnyDefinition = ValidatorDefinition<any>;

/** A set of validator definitions keyed by alias. */
export class ValidatorRegistry {
  readonly #definitions = new Map<string, AnyDefinition>();
  #version = 0;

  /**
   * Grows with every `register`, so a cache of what was compiled against this registry can tell
   * in O(1) whether it is stale (a validator added, or one replaced under the same name).
   */
  get version(): number {
    return this.#version;
  }

  register<A>(definition: ValidatorDefinition<A>): this {
    if (!definition.name || /[\s;:]/.test(definition.name)) {
      throw new RailguardError(
        "invalid-validator-name",
        `Validator name "${definition.name}" must be non-empty and contain no spaces, ';' or ':'.`,
      );
    }
    this.#definitions.set(definition.name, definition);
    this.#version += 1;
    return this;
  }

  /** Looks a validator up by alias; `hub://org/name` resolves to `name`. */
  get(alias: string): AnyDefinition | undefined {
    return this.#definitions.get(alias) ?? this.#definitions.get(hubBaseName(alias));
  }

  has(alias: string): boolean {
    return this.get(alias) !== undefined;
  }

  names(): string[] {
    return [...this.#definitions.keys()].sort();
  }

  /** A new registry with these definitions, to extend without touching this one. */
  clone(): ValidatorRegistry {
    return registryOf(this.#definitions.values());
  }
}

/**
 * Outside the class: a class that names itself in its body is renamed by the bundler
 * (`_ValidatorRegistry`), which its `name` would then report.
 */
function registryOf(definitions: Iterable<AnyDefinition>): ValidatorRegistry {
  const registry = new ValidatorRegistry();
  for (const definition of definitions) registry.register(definition);
  return registry;
}

const hubBaseName = (alias: string): string =>
  alias.startsWith(HUB_PREFIX) ? (alias.split("/").pop() ?? alias) : alias;

/** The registry specs compile against unless another is given. */
export const defaultRegistry = new ValidatorRegistry();

/** Registers a validator in the default registry, so RAIL specs can use it by name. */
export function registerValidator<A>(definition: ValidatorDefinition<A>): void {
  defaultRegistry.register(definition);
}
