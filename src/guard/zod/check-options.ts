/**
 * Runtime checks of `Guard.fromZod` / `Guard.fromSchema` options. They come from JavaScript and
 * config files as often as from typed code, so a missing `onFail` or a misspelt option is a
 * GuardConfigError naming it, never a TypeError from deep inside the guard.
 */

import { ValidatorRegistry } from "../../contract/registry.js";
import { ON_FAIL_ACTIONS } from "../../rail/types.js";
import { describeValue, isPlainObject } from "../../show.js";
import { GuardConfigError } from "../errors.js";
import type { SchemaGuardOptions } from "../guard.js";

// Typed as a record of every option, so adding one to the options without listing it here
// fails to compile instead of being rejected at runtime.
const KNOWN: Record<keyof SchemaGuardOptions, true> = {
  registry: true,
  unknownTags: true,
  unknownValidators: true,
  reaskContext: true,
  historyLimit: true,
  onEvent: true,
  inputValidators: true,
  numReasks: true,
  fullSchemaReask: true,
  onFail: true,
  llm: true,
  validatorTimeoutMs: true,
  maxRetries: true,
  retryDelayMs: true,
  prompt: true,
  instructions: true,
  reaskPrompt: true,
  reaskInstructions: true,
  validators: true,
  schemaOnFail: true,
  jsonSchema: true,
};

const TEXTS = ["prompt", "instructions", "reaskPrompt", "reaskInstructions"] as const;
const ACTIONS = ON_FAIL_ACTIONS.join(", ");

/** A misspelt action reads best quoted as written. */
const shown = (value: unknown): string =>
  typeof value === "string" ? JSON.stringify(value) : describeValue(value);

/** Throws a GuardConfigError, prefixed with the factory's name, for the first bad option. */
export function checkSchemaOptions(where: string, options: unknown): void {
  const bad = (message: string): never => {
    throw new GuardConfigError(`${where}: ${message}`);
  };
  if (!isPlainObject(options)) bad(`options must be an object, got ${describeValue(options)}.`);
  const given = options as Record<string, unknown>;
  for (const name of Object.keys(given)) {
    if (!Object.hasOwn(KNOWN, name)) {
      bad(`unknown option "${name}"; the options are ${Object.keys(KNOWN).join(", ")}.`);
    }
  }
  for (const name of TEXTS) {
    const value = given[name];
    if (value !== undefined && typeof value !== "string") {
      bad(`${name} must be a string, got ${describeValue(value)}.`);
    }
  }
  const { schemaOnFail, onFail, validators, jsonSchema, registry, llm } = given;
  if (registry !== undefined && !(registry instanceof ValidatorRegistry)) {
    bad(`registry must be a ValidatorRegistry, got ${describeValue(registry)}.`);
  }
  if (llm !== undefined && typeof llm !== "function") {
    bad(`llm must be a model: a function (prompt, request) => text, got ${describeValue(llm)}.`);
  }
  if (
    given.unknownTags !== undefined &&
    !["error", "string"].includes(given.unknownTags as never)
  ) {
    bad(`unknownTags must be "error" or "string", got ${shown(given.unknownTags)}.`);
  }
  if (given.fullSchemaReask !== undefined && typeof given.fullSchemaReask !== "boolean") {
    bad(`fullSchemaReask must be true or false, got ${describeValue(given.fullSchemaReask)}.`);
  }
  if (schemaOnFail !== undefined && !ON_FAIL_ACTIONS.includes(schemaOnFail as never)) {
    bad(`schemaOnFail ${shown(schemaOnFail)}; use one of ${ACTIONS}.`);
  }
  if (onFail !== undefined) checkHandlers(onFail, bad);
  if (jsonSchema !== undefined && !isPlainObject(jsonSchema)) {
    bad(`jsonSchema must be a JSON Schema object, got ${describeValue(jsonSchema)}.`);
  }
  if (validators !== undefined) checkValidators(validators, bad);
}

function checkHandlers(onFail: unknown, bad: (message: string) => never): void {
  if (!isPlainObject(onFail)) bad(`onFail must be an object of handlers by validator alias.`);
  for (const [alias, handler] of Object.entries(onFail as object)) {
    if (typeof handler !== "function") {
      bad(`onFail.${alias} must be a function (value, failures) => value.`);
    }
  }
}

function checkValidators(validators: unknown, bad: (message: string) => never): void {
  if (!isPlainObject(validators)) {
    bad(
      `validators must be an object of validator lists by JSON path, got ${describeValue(validators)}.`,
    );
  }
  for (const [path, entries] of Object.entries(validators as object)) {
    const at = `validators[${JSON.stringify(path)}]`;
    if (!Array.isArray(entries)) bad(`${at} must be a list of validators.`);
    for (const [index, entry] of (entries as unknown[]).entries()) {
      checkEntry(entry, `${at}[${index}]`, bad);
    }
  }
}

function checkEntry(entry: unknown, at: string, bad: (message: string) => never): void {
  if (!isPlainObject(entry)) bad(`${at} must be an object, got ${describeValue(entry)}.`);
  const { name, validator, onFail, args } = entry as Record<string, unknown>;
  const definition = validator as { name?: unknown; validate?: unknown } | undefined;
  const named =
    typeof name === "string" && name !== ""
      ? name
      : typeof definition?.name === "string" && typeof definition.validate === "function"
        ? definition.name
        : bad(`${at} needs a \`name\` (a registered alias) or a \`validator\` definition.`);
  if (onFail === undefined) bad(`${at} (${named}) needs onFail: one of ${ACTIONS}.`);
  if (!ON_FAIL_ACTIONS.includes(onFail as never)) {
    bad(`${at} (${named}) has onFail ${shown(onFail)}; use one of ${ACTIONS}.`);
  }
  if (args !== undefined && !Array.isArray(args) && !isPlainObject(args)) {
    bad(`${at} (${named}): args must be a list or an object, got ${describeValue(args)}.`);
  }
}
