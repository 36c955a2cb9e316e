/**
 * The user's own schema as a validator: zod's `.min`, `.email`, `.refine`… (or any Standard
 * Schema's checks) run through the same on-fail machinery as every other validator, logged under
 * the alias `schema`. A guard built from a schema binds it to every field whose schema node
 * carries checks, and always to the root, so a value the guard passes also passes the schema.
 */

import { fail, pass, type ValidatorDefinition } from "../../contract/types.js";
import { errorMessage } from "../../errors.js";
import { indexPath, keyPath } from "../../json-path.js";
import type { Field } from "../../rail/types.js";
import { issueKeys, offeredJsonSchema, type StandardSchemaV1 } from "./standard-schema.js";

export const SCHEMA_VALIDATOR = "schema";

/**
 * A field to check, and how; `path` is its binding path (`$.tags.*`). A zod field has its own
 * schema node. A field of another Standard Schema has only the root's: `within` then says where
 * the field sits (list items at index 0), and its value is checked inside a skeleton of the root
 * that holds nothing else, keeping the issues on the field.
 */
export interface SchemaCheck {
  path: string;
  field: Field;
  schema: StandardSchemaV1;
  within?: readonly PropertyKey[];
}

/** Checks by binding path; several where the cases of a union share a key. */
type ByPath = ReadonlyMap<string, readonly SchemaCheck[]>;

interface Issue {
  keys: PropertyKey[];
  message: string;
}

/**
 * The `schema` validator of one guard. Fields are checked children first, so an issue a checked
 * descendant reports (and acts on) is its own; a node fails only on issues no descendant would
 * report (its own checks, a refinement naming a key), and its message then carries every issue
 * under it, because its reask (or fix, or filter) replaces the whole value.
 */
export function schemaValidator(
  checks: readonly SchemaCheck[],
): ValidatorDefinition<{ check: number }> {
  const byPath = new Map<string, SchemaCheck[]>();
  for (const check of checks) byPath.set(check.path, [...(byPath.get(check.path) ?? []), check]);
  return {
    name: SCHEMA_VALIDATOR,
    types: "all",
    args: [{ name: "check", type: "integer", description: "Which of the guard's checks." }],
    description: "The value satisfies the guard's own schema (zod's checks and refinements).",
    toPrompt: ({ check }) => (checks[check]?.within ? "" : constraintsOf(checks[check]?.schema)),
    async validate(value, { args, path }) {
      const check = checks[args.check];
      if (!check) return fail(`no schema check #${args.check} in this guard`);
      const issues = await issuesOf(check, value);
      const own = [];
      for (const issue of issues) {
        if (!(await reportedBelow(byPath, check.path, value, issue))) own.push(issue);
      }
      if (own.length === 0) return pass();
      return fail(issues.map((issue) => describe(path, issue)).join("; "));
    },
  };
}

/** The check's issues on a value, with paths from the value's field. */
async function issuesOf({ schema, within }: SchemaCheck, value: unknown): Promise<Issue[]> {
  if (!within) return validateWith(schema, value);
  const issues = await validateWith(schema, skeleton(within, value));
  return issues.flatMap(({ keys, message }) =>
    sameKeys(keys.slice(0, within.length), within)
      ? [{ keys: keys.slice(within.length), message }]
      : [],
  );
}

/** `{guests: [value]}` for `within` `["guests", 0]`: the value where the root holds it. */
function skeleton(within: readonly PropertyKey[], value: unknown): unknown {
  return within.reduceRight<unknown>(
    (inner, key) => (typeof key === "number" ? [inner] : { [key]: inner }),
    value,
  );
}

/** The schema's issues on a value; a schema that throws or answers nonsense is one issue. */
async function validateWith(schema: StandardSchemaV1, value: unknown): Promise<Issue[]> {
  try {
    const result = await schema["~standard"].validate(value);
    return (result.issues ?? []).map((issue) => ({
      keys: issueKeys(issue),
      message: String(issue.message),
    }));
  } catch (error) {
    return [{ keys: [], message: `the schema could not check the value: ${errorMessage(error)}` }];
  }
}

/**
 * Whether a checked field below `at` reports this issue on its own value: the same message at
 * the same remaining path. A value missing there was never checked below, nor was a null (the
 * walk skips null optional fields, which a zod `.optional()` still rejects), so neither is.
 */
async function reportedBelow(
  byPath: ByPath,
  at: string,
  value: unknown,
  issue: Issue,
): Promise<boolean> {
  let binding = at;
  let current = value;
  for (const [depth, key] of issue.keys.entries()) {
    current = childOf(current, key);
    if (current === undefined || current === null) return false;
    binding = typeof key === "number" ? `${binding}.*` : keyPath(binding, String(key));
    const rest = issue.keys.slice(depth + 1);
    for (const below of byPath.get(binding) ?? []) {
      const theirs = await issuesOf(below, current);
      if (theirs.some((other) => other.message === issue.message && sameKeys(other.keys, rest))) {
        return true;
      }
    }
  }
  return false;
}

function childOf(value: unknown, key: PropertyKey): unknown {
  if (typeof value !== "object" || value === null || typeof key === "symbol") return undefined;
  return Object.hasOwn(value, key) ? (value as Record<string | number, unknown>)[key] : undefined;
}

const sameKeys = (a: readonly PropertyKey[], b: readonly PropertyKey[]): boolean =>
  a.length === b.length && a.every((key, index) => key === b[index]);

/** `message`, or `$.confirm: message` for an issue below the value checked. */
function describe(path: string, { keys, message }: Issue): string {
  if (keys.length === 0) return message;
  const at = keys.reduce<string>(
    (text, key) => (typeof key === "number" ? indexPath(text, key) : keyPath(text, String(key))),
    path,
  );
  return `${at}: ${message}`;
}

// JSON Schema keywords that constrain a value, shown to the model beside the field's type.
const CONSTRAINTS = [
  "minLength",
  "maxLength",
  "format",
  "pattern",
  "minimum",
  "maximum",
  "exclusiveMinimum",
  "exclusiveMaximum",
  "multipleOf",
  "minItems",
  "maxItems",
];

// Formats the field's tag already names (`<email>`, `<url>`, `<date>`…).
const TAG_FORMATS = new Set(["email", "uri", "url", "date", "time", "date-time"]);

/**
 * The node's own constraints as the model should read them (`schema: minLength=3 maxLength=40`),
 * from the Standard JSON Schema a zod 4 schema offers; "" when there is none to show.
 */
function constraintsOf(schema: StandardSchemaV1 | undefined): string {
  const json = offeredJsonSchema(schema) ?? {};
  const shown = CONSTRAINTS.flatMap((keyword) => {
    const value = json[keyword];
    // zod writes the safe-integer range of `.int()`, and a format's own pattern: both noise here.
    const noise =
      (keyword === "pattern" && json.format !== undefined) ||
      (keyword === "format" && TAG_FORMATS.has(String(value))) ||
      (typeof value === "number" && Math.abs(value) >= Number.MAX_SAFE_INTEGER);
    return value === undefined || noise ? [] : [`${keyword}=${String(value)}`];
  });
  return shown.length === 0 ? "" : `${SCHEMA_VALIDATOR}: ${shown.join(" ")}`;
}
