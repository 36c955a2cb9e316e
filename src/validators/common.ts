import { isAbsolute, join } from "node:path";
import type {
  ArgSpec,
  FailVerdict,
  ValidatorContext,
  ValidatorDefinition,
  Verdict,
} from "../contract/types.js";
import { fail } from "../contract/types.js";
import { describeValue } from "../show.js";

// What every validator family shares: JSON for messages, the string-only wrapper, bound arguments,
// the size limit of parsed source, alias registration and spec-relative paths.

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

/**
 * Default `max_length` of the validators that parse model output (code, SQL). Parsers are linear
 * at best (Lezer's error recovery takes about 20 ms per kilobyte of garbage, node-sql-parser about
 * 12 ms per kilobyte), so 50,000 characters bound a check to about a second, far above the code or
 * query a model writes in one answer.
 */
export const DEFAULT_MAX_PARSED_LENGTH = 50_000;

export type MaxLengthArgs = { max_length?: number };

export const maxLengthArg: ArgSpec = {
  name: "max_length",
  type: "integer",
  optional: true,
  default: DEFAULT_MAX_PARSED_LENGTH,
  description: "Longest source (in characters) that is parsed; longer source fails unparsed.",
};

/** The failure for `language` source longer than `max_length`, which is then not parsed. */
export function overMaxLength(
  language: string,
  source: string,
  { max_length: max = DEFAULT_MAX_PARSED_LENGTH }: MaxLengthArgs,
): FailVerdict | undefined {
  if (source.length <= max) return undefined;
  return fail(
    `${language} source of ${source.length} characters is longer than max_length (${max}); it was not parsed`,
  );
}

/** The same validator under another name, e.g. the Guardrails Hub id `valid_length`. */
export const alias = (definition: ValidatorDefinition, name: string): ValidatorDefinition => ({
  ...definition,
  name,
});

/**
 * A relative file path written in the spec, taken next to the spec file (`specDir`) when it
 * `exists` there: that is where the spec's author put it. Otherwise the path as written, which
 * the file system reads against the working directory.
 */
export function specRelativePath(
  written: string,
  specDir: string | undefined,
  exists: (path: string) => boolean,
): string {
  if (!specDir || isAbsolute(written)) return written;
  const beside = join(specDir, written);
  return exists(beside) ? beside : written;
}
