import type { CompiledRail } from "../schema/types.js";
import type { ValidationFailure, ValidatorLog } from "./history/validator-log.js";
import { formatPath } from "./paths.js";
import { verdictKey } from "./validate/recheck.js";
import type { WalkOptions } from "./validate/state.js";
import { walkOutput } from "./validate/walk.js";

export interface FinalCheck {
  failures: ValidationFailure[];
  /** Verdicts the recheck gave that the round's log did not already hold. */
  logs: ValidatorLog[];
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
export async function finalCheck(
  compiled: CompiledRail,
  value: unknown,
  options: WalkOptions,
  roundLogs: readonly ValidatorLog[],
  otherFailures: readonly ValidationFailure[],
  altered: boolean,
): Promise<FinalCheck> {
  // A schema issue on or around a value that already failed says nothing new (a 0.1 choice's
  // unknown case is an issue of the object holding it).
  const schemaFailures = schemaCheck(compiled, value).filter(
    ({ path }) =>
      !otherFailures.some((f) => isAtOrUnder(path, f.path) || isAtOrUnder(f.path, path)),
  );
  if (schemaFailures.length > 0 || otherFailures.length > 0) {
    return { failures: schemaFailures, logs: [] };
  }
  // Every verdict was a pass on the very value returned: running them again would say the same.
  if (!altered) return { failures: [], logs: [] };
  const recheck = new Map(roundLogs.map((log) => [verdictKey(log.validator, log.path), log]));
  const { state } = await walkOutput(compiled.spec.output.root, value, { ...options, recheck });
  return { failures: state.failures, logs: state.logs };
}

function schemaCheck(compiled: CompiledRail, value: unknown): ValidationFailure[] {
  const result = compiled.zodSchema.safeParse(value);
  if (result.success) return [];
  return result.error.issues.map((issue) => ({
    path: formatPath(issue.path.map((key) => (typeof key === "symbol" ? String(key) : key))),
    validator: "schema",
    message: `not valid against the output schema: ${issue.message}`,
    reason: "schema",
  }));
}

const isAtOrUnder = (path: string, ancestor: string): boolean =>
  path === ancestor ||
  ancestor === "$" ||
  path.startsWith(`${ancestor}.`) ||
  path.startsWith(`${ancestor}[`);
