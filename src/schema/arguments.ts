import type { ArgSpec, ArgType, ValidatorDefinition } from "../contract/types.js";
import type { LiteralValue, ValidatorRef } from "../rail/types.js";
import { booleanFromText, integerFromText, numberFromText } from "../scalar-text.js";
import { isPlainObject } from "../show.js";
import { ValidatorArgumentError, type ValidatorSite } from "./errors.js";

/**
 * Resolves a validator item's arguments against its definition's `ArgSpec[]`: positional by
 * index, keywords by name, defaults for the rest, each checked (and coerced where the meaning is
 * unambiguous, e.g. "10" → 10 for a number).
 */
export function resolveArguments(
  // biome-ignore lint/suspicious/noExplicitAny: definitions carry their own argument types
  definition: ValidatorDefinition<any>,
  ref: ValidatorRef,
  site: ValidatorSite,
): Record<string, unknown> {
  const specs = definition.args ?? [];
  if (ref.args.length > specs.length) {
    const extra = ref.args[specs.length] as LiteralValue;
    throw new ValidatorArgumentError(
      site,
      `#${specs.length + 1} (${render(extra)})`,
      `is one too many: "${definition.name}" takes ${specs.length === 0 ? "no arguments" : `at most ${specs.length} (${specs.map((s) => s.name).join(", ")})`}`,
    );
  }
  for (const name of Object.keys(ref.kwargs)) {
    if (!specs.some((spec) => spec.name === name)) {
      const allowed = specs.map((spec) => spec.name).join(", ") || "none";
      throw new ValidatorArgumentError(site, name, `is unknown (allowed: ${allowed})`);
    }
  }
  const resolved: Record<string, unknown> = {};
  specs.forEach((spec, index) => {
    const value = pickValue(spec, index, ref, site);
    if (value !== undefined) resolved[spec.name] = coerceArgument(spec, value, site);
  });
  return resolved;
}

function pickValue(
  spec: ArgSpec,
  index: number,
  ref: ValidatorRef,
  site: ValidatorSite,
): LiteralValue | undefined {
  const positional = ref.args[index];
  const keyword = Object.hasOwn(ref.kwargs, spec.name) ? ref.kwargs[spec.name] : undefined;
  if (positional !== undefined && keyword !== undefined) {
    throw new ValidatorArgumentError(site, spec.name, "is given both by position and by name");
  }
  // `None` written in the spec is a value, not an absence.
  const value =
    positional !== undefined ? positional : keyword !== undefined ? keyword : spec.default;
  if (value === undefined && !spec.optional) {
    throw new ValidatorArgumentError(site, spec.name, `is required (${spec.type})`);
  }
  return value;
}

type Coercion = (value: LiteralValue) => unknown;

/** A value that already fits, or text that spells one (`"10"` for a number). */
const valueOrText =
  (fits: (value: LiteralValue) => boolean, fromText: (text: string) => unknown): Coercion =>
  (value) =>
    fits(value) ? value : typeof value === "string" ? fromText(value) : undefined;

/** Each type's coercion; `undefined` means the value does not fit. */
const COERCIONS: Record<ArgType, Coercion> = {
  any: (value) => value,
  string: (value) =>
    typeof value === "string" ? value : typeof value === "number" ? String(value) : undefined,
  number: valueOrText((value) => typeof value === "number", numberFromText),
  integer: valueOrText(Number.isInteger, integerFromText),
  boolean: valueOrText((value) => typeof value === "boolean", booleanFromText),
  // A single value stands for a one-item list (Guardrails 0.3.3 fixed `valid-choices: a` so).
  list: (value) => (Array.isArray(value) ? value : [value]),
  object: (value) => (isPlainObject(value) ? value : undefined),
};

function coerceArgument(spec: ArgSpec, value: LiteralValue, site: ValidatorSite): unknown {
  if (value === null && (spec.optional || spec.type === "any")) return null;
  const coerced = value === null ? undefined : COERCIONS[spec.type](value);
  if (coerced === undefined) {
    throw new ValidatorArgumentError(
      site,
      spec.name,
      `must be ${article(spec.type)}, got ${render(value)}`,
    );
  }
  const problem = spec.check?.(coerced as never);
  if (problem) throw new ValidatorArgumentError(site, spec.name, problem);
  return coerced;
}

const article = (type: ArgType): string =>
  ({
    any: "any value",
    string: "a string",
    number: "a number",
    integer: "an integer",
    boolean: "true or false",
    list: "a list",
    object: "a dict {...}",
  })[type];

const render = (value: LiteralValue): string => JSON.stringify(value);
