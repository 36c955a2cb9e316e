import { fitImpliesSchema } from "../parse/index.js";
import type { CompiledRail } from "../schema/types.js";
import { exactZodSchemaFor } from "../schema/zod.js";
import { describeValue, isPlainObject } from "../show.js";
import type { ValidatorLogList } from "./history/log-list.js";
import type { ValidationFailure } from "./history/validator-log.js";
import { formatPath, type Segment } from "./paths.js";
import { lastVerdictsOf } from "./validate/recheck.js";
import type { WalkOptions } from "./validate/state.js";
import { walkOutput } from "./validate/walk.js";

export interface FinalCheck {
  failures: ValidationFailure[];
  /** Verdicts the recheck gave that the round's log did not already hold; none without one. */
  logs?: ValidatorLogList;
}

/**
 * The last word on the value a call returns, once every on-fail action is applied. It must be
 * valid against the guard's compiled schema (types, required keys, enums): a `filter` on a
 * required key, a fix outside an enum, a custom handler's value of the wrong type all fail here.
 * (An issue on, under or above a value that already failed is not repeated.)
 * Then, when nothing else failed and a validator changed a value (`altered`), every validator
 * runs again on it (see `recheckOwnValidators`), so a pass means each one's last verdict on the
 * returned value is a pass.
 */
export function finalCheck(
  compiled: CompiledRail,
  value: unknown,
  options: WalkOptions,
  roundLogs: ValidatorLogList,
  otherFailures: readonly ValidationFailure[],
  { altered, fitted }: ValueHistory,
): FinalCheck | Promise<FinalCheck> {
  // A schema issue on or around a value that already failed says nothing new (a 0.1 choice's
  // unknown case is an issue of the object holding it).
  const schemaFailures = schemaCheck(compiled, value, altered, fitted).filter(
    ({ path }) =>
      !otherFailures.some((f) => isAtOrUnder(path, f.path) || isAtOrUnder(f.path, path)),
  );
  if (schemaFailures.length > 0 || otherFailures.length > 0) {
    return { failures: schemaFailures };
  }
  // Every verdict was a pass on the very value returned: running them again would say the same.
  if (!altered) return { failures: [] };
  const recheck = lastVerdictsOf(roundLogs.toArray());
  return recheckAll(compiled, value, { ...options, recheck });
}

async function recheckAll(
  compiled: CompiledRail,
  value: unknown,
  options: WalkOptions,
): Promise<FinalCheck> {
  const { state } = await walkOutput(compiled.spec.output.root, value, options);
  return { failures: state.failures, logs: state.logs };
}

/** What became of the value returned on its way from the answer. */
export interface ValueHistory {
  /** A validator or action changed it (see `isAltered`). */
  altered: boolean;
  /** It is the answer as parsed, which fitted the spec exactly (see `fitsExactly`). */
  fitted: boolean;
}

function schemaCheck(
  compiled: CompiledRail,
  value: unknown,
  altered: boolean,
  fitted: boolean,
): ValidationFailure[] {
  // The schema coerces as the parser does (text to numbers, numbers to text), and the parser's
  // values have its types: an unaltered value is first read without the coercions, which passes
  // only what the coercing schema passes, for a fraction of the time (each coercion
  // is a zod pipe). Anything else is read as before.
  const root = compiled.spec.output.root;
  // Read already, in effect: for such a spec, whatever fits it exactly passes its schema.
  if (!altered && fitted && fitImpliesSchema(root)) return [];
  if (!altered && exactZodSchemaFor(root).safeParse(value).success) return [];
  const result = compiled.zodSchema.safeParse(value);
  // A value an action put in (a fix, a handler's) must have the spec's types too.
  if (result.success) return altered ? typeMismatches(value, result.data, []) : [];
  return result.error.issues.map((issue) => ({
    path: formatPath(issue.path.map((key) => (typeof key === "symbol" ? String(key) : key))),
    validator: "schema",
    message: `not valid against the output schema: ${issue.message}`,
    reason: "schema",
  }));
}

/** Where a value's type differs from the one the schema made of it (`42` read as `"42"`). */
function typeMismatches(value: unknown, data: unknown, path: Segment[]): ValidationFailure[] {
  if (Object.is(value, data)) return [];
  if (Array.isArray(value) && Array.isArray(data)) {
    return data.flatMap((item, index) => typeMismatches(value[index], item, [...path, index]));
  }
  if (isPlainObject(value) && isPlainObject(data)) {
    return Object.keys(data).flatMap((key) =>
      typeMismatches(value[key], data[key], [...path, key]),
    );
  }
  const at = formatPath(path);
  if (typeof value === typeof data) {
    // The same type, written otherwise: a date or time the schema writes in the spec's format.
    // The parser writes the model's that way; a value an action put in must be written so too.
    const message = `not valid against the output schema: written ${describeValue(value)}, where the spec writes ${describeValue(data)}`;
    return [{ path: at, validator: "schema", message, reason: "schema" }];
  }
  const expected = Array.isArray(data) ? "list" : typeof data;
  return [
    {
      path: at,
      validator: "schema",
      message: `not valid against the output schema: expected ${expected}, got ${describeValue(value)}`,
      reason: "schema",
    },
  ];
}

const isAtOrUnder = (path: string, ancestor: string): boolean =>
  path === ancestor ||
  ancestor === "$" ||
  path.startsWith(`${ancestor}.`) ||
  path.startsWith(`${ancestor}[`);
