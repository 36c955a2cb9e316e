import type { ValidatorBinding } from "../../contract/binding.js";
import type { Field } from "../../rail/types.js";
import type { ValidatorLog } from "../history/validator-log.js";
import { replaceMarkers } from "../reask/marker.js";
import { runValidator, validatorContext } from "./run-validator.js";
import type { WalkState } from "./state.js";

/** The last verdict logged per validator and path (by `verdictKey`), as the final check reads them. */
export type LastVerdicts = ReadonlyMap<string, ValidatorLog>;

export const verdictKey = (validator: string, path: string): string => `${validator}\u0000${path}`;

/**
 * A field's validators run once more on the value the call returns, with no on-fail action: what
 * a fix, a custom handler or a later validator changed must still be accepted by every validator
 * that applies to it. Unchanged values come from the verdict cache, so nothing is paid twice. A
 * rejection stands as a `rejected-after-actions` failure; a verdict that is not already the last
 * one logged on this value is logged as `rechecked`.
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
    const verdict = await runValidator(binding, replaceMarkers(value), context, state.options);
    if (verdict.outcome === "pass" && last && passedOn(last, value)) continue;
    const message = verdict.outcome === "fail" ? verdict.message : undefined;
    state.logs.push({
      validator,
      path: at,
      valueBefore: value,
      valueAfter: value,
      outcome: verdict.outcome,
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
  return log.outcome === "pass" && log.actionTaken === "none" && sameJson(log.valueBefore, value);
}

const soleBinding = (bindings: readonly ValidatorBinding[], name: string): boolean =>
  bindings.filter((binding) => binding.ref.name === name).length === 1;

function sameJson(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  const shown = json(b);
  return shown !== undefined && json(a) === shown;
}

/** Whether a logged verdict already says the validator accepts this value (or produced it). */
function passedOn(log: ValidatorLog, value: unknown): boolean {
  if (log.outcome !== "pass") return false;
  const shown = json(value);
  return shown !== undefined && (json(log.valueBefore) === shown || json(log.valueAfter) === shown);
}

function json(value: unknown): string | undefined {
  try {
    return JSON.stringify(value);
  } catch {
    return undefined; // a cycle or a bigint: log the verdict rather than guess
  }
}
