import { isDeepStrictEqual } from "node:util";
import type { ValidatorBinding } from "../../contract/binding.js";
import type { Field } from "../../rail/types.js";
import { describeValue } from "../../show.js";
import type { ValidatorLog } from "../history/validator-log.js";
import { ownCopy } from "./own-copy.js";
import { runValidator, validatorContext } from "./run-validator.js";
import type { WalkState } from "./state.js";

/** The last verdict logged per validator and path (by `verdictKey`), as the final check reads them. */
export type LastVerdicts = ReadonlyMap<string, ValidatorLog>;

export const verdictKey = (validator: string, path: string): string => `${validator}\u0000${path}`;

/** The last verdict each validator gave at each path, from a walk's logs. */
export const lastVerdictsOf = (logs: readonly ValidatorLog[]): LastVerdicts =>
  new Map(logs.map((log) => [verdictKey(log.validator, log.path), log]));

/**
 * A field's validators run once more on the value the call returns, with no on-fail action: what
 * a fix, a custom handler or a later validator changed must still be accepted by every validator
 * that applies to it. A validator whose last verdict here was a plain pass on an equal value is not
 * run again; another unchanged value comes from the verdict cache, when the call keeps one (a call
 * that may reask). A rejection stands as a `rejected-after-actions` failure; a verdict that is
 * not already the last one logged on this value is logged as `rechecked`.
 */
export async function recheckOwnValidators(
  field: Field,
  value: unknown,
  at: string,
  state: WalkState,
  lastVerdicts: LastVerdicts,
): Promise<unknown> {
  const bindings = state.options.validatorsFor(field);
  for (const binding of bindings) {
    const validator = binding.ref.name;
    const last = lastVerdicts.get(verdictKey(validator, at));
    // Its very verdict on this very value was a pass: running it again would say the same. (Only
    // where its name is its own: the log names validators, not bindings.)
    if (last && plainPassOn(last, value) && soleBinding(bindings, validator)) continue;
    const context = validatorContext(binding, field, at, state.options);
    // Its own copy, as in the round: a validator that changes what it is given must not change
    // the value returned, which the schema check and the validators before it have accepted.
    const verdict = await runValidator(binding, ownCopy(value), context, state.options);
    // A pass with a value of its own is no pass on this one: the validator would change it.
    const wanted = verdict.outcome === "pass" ? replacementOf(verdict.value, value) : undefined;
    const holds = verdict.outcome === "pass" && wanted === undefined;
    if (holds && last && passedOn(last, value)) continue;
    const message =
      verdict.outcome === "fail"
        ? verdict.message
        : wanted && `passes only as ${describeValue(wanted.value)}, not as the value returned`;
    state.logs.push({
      validator,
      path: at,
      valueBefore: value,
      valueAfter: wanted ? wanted.value : value,
      // A pass only as another value fails the value returned: the log says so, as the tree,
      // the counts and the log sinks read `outcome`.
      outcome: message === undefined ? "pass" : "fail",
      message,
      actionTaken: "rechecked",
    });
    if (message !== undefined) {
      state.failures.push({ path: at, validator, message, reason: "rejected-after-actions" });
    }
  }
  return value;
}

/** A pass that left the value as it was, given on a value equal to `value`. */
function plainPassOn(log: ValidatorLog, value: unknown): boolean {
  if (log.outcome !== "pass" || log.actionTaken !== "none") return false;
  return sameValue(log.valueBefore, value) && sameValue(log.valueAfter, log.valueBefore);
}

const soleBinding = (bindings: readonly ValidatorBinding[], name: string): boolean =>
  bindings.filter((binding) => binding.ref.name === name).length === 1;

/**
 * The same value, as a validator could tell: the same JSON (keys in the same order), and the
 * same types and numbers where JSON writes different ones alike (NaN and null, -0 and 0, a date
 * and its text, a key set to undefined and none).
 */
function sameValue(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  const shown = json(b);
  return shown !== undefined && json(a) === shown && isDeepStrictEqual(a, b);
}

/**
 * Whether a logged verdict already says the validator accepts this value as it is: a pass that
 * left it (a plain pass on it) or produced it.
 */
function passedOn(log: ValidatorLog, value: unknown): boolean {
  return log.outcome === "pass" && sameValue(log.valueAfter, value);
}

/** The value a passing verdict asks for instead of `value`, if it asks for another. */
function replacementOf(replacement: unknown, value: unknown): { value: unknown } | undefined {
  if (replacement === undefined || sameValue(replacement, value)) return undefined;
  return { value: replacement };
}

function json(value: unknown): string | undefined {
  try {
    return JSON.stringify(value);
  } catch {
    return undefined; // a cycle or a bigint: log the verdict rather than guess
  }
}
