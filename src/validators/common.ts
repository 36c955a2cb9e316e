import type { ArgSpec, ValidatorContext, ValidatorDefinition, Verdict } from "./types.js";
import { fail } from "./types.js";

// What every validator family shares: how values are named in messages, the string-only wrapper,
// bound arguments and alias registration.

/** Names a value's type (and a short rendering) for "expected …, got …" messages. */
export function describeValue(value: unknown): string {
  if (value === null) return "null";
  if (value === undefined) return "nothing";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "string") {
    const shown = value.length > 40 ? `${value.slice(0, 40)}…` : value;
    return `string ${JSON.stringify(shown)}`;
  }
  if (typeof value === "object") return "an object";
  return `${typeof value} ${String(value)}`;
}

/** JSON of a value for a message; one JSON cannot show (cyclic, bigint) is described instead. */
export function showJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? describeValue(value);
  } catch {
    return describeValue(value);
  }
}

/** Wraps a check on text so that any non-string value fails with a precise message. */
export function textOnly<A>(
  check: (text: string, ctx: ValidatorContext<A>) => Verdict | Promise<Verdict>,
): (value: unknown, ctx: ValidatorContext<A>) => Verdict | Promise<Verdict> {
  return (value, ctx) =>
    typeof value === "string"
      ? check(value, ctx)
      : fail(`expected a string, got ${describeValue(value)}`);
}

/** Optional inclusive bounds, as `length` and `valid-range` take them. */
export type BoundArgs = { min?: number | null; max?: number | null };

export const boundArgs = (type: "integer" | "number", noun: string): ArgSpec[] => [
  { name: "min", type, optional: true, description: `Smallest allowed ${noun}.` },
  { name: "max", type, optional: true, description: `Largest allowed ${noun}.` },
];

/** The same validator under another name, e.g. the Guardrails Hub id `valid_length`. */
export const alias = (definition: ValidatorDefinition, name: string): ValidatorDefinition => ({
  ...definition,
  name,
});
