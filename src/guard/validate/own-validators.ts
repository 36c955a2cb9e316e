import type { ValidatorBinding } from "../../contract/binding.js";
import type { Field } from "../../rail/types.js";
import { type ActionResult, actionFor, type Failure, type Standing } from "../actions/index.js";
import { ValidationError } from "../errors.js";
import type { ActionTaken, ValidationFailure, ValidatorLog } from "../history/validator-log.js";
import { formatPath, type Path } from "../paths.js";
import { replaceMarkers } from "../reask/marker.js";
import { runValidator, validatorContext } from "./run-validator.js";
import { FILTERED, type Filtered, type WalkState } from "./state.js";

/** After a failure: go on to the next validator with a value, or stop the field here. */
type Step = { next: unknown } | { stop: unknown | Filtered };

/**
 * Runs a field's own validators in declared order. After a failure the on-fail result replaces
 * the value; the field stops at the first filter, refrain, reask or exception.
 */
export async function runOwnValidators(
  field: Field,
  value: unknown,
  path: Path,
  state: WalkState,
): Promise<unknown | Filtered> {
  const bindings = state.options.validatorsFor(field);
  if (bindings.length === 0) return value;
  const at = formatPath(path);
  let current = value;
  for (const binding of bindings) {
    const step = await runOne(binding, field, current, at, state);
    if ("stop" in step) return step.stop;
    current = step.next;
  }
  return current;
}

async function runOne(
  binding: ValidatorBinding,
  field: Field,
  current: unknown,
  /** The value's path as written (`$.fees[2].name`). */
  at: string,
  state: WalkState,
): Promise<Step> {
  // Validators see plain values: a child waiting for a reask shows its incorrect value. Each gets
  // its own copy, so one that mutates what it is given changes neither the log nor the output.
  const input = replaceMarkers(current);
  const given = typeof current === "object" && current !== null ? replaceMarkers(current) : input;
  const context = validatorContext(binding, field, at, state.options);
  const verdict = await runValidator(binding, given, context, state.options);
  const validator = binding.ref.name;
  if (verdict.outcome === "pass") {
    // `value: undefined` is no override (as `pass()` has it), never a deleted key.
    const next = verdict.value === undefined ? current : verdict.value;
    if (next !== current) state.altered = true;
    const valueAfter = next === current ? input : replaceMarkers(next);
    state.logs.push({
      validator,
      path: at,
      valueBefore: input,
      valueAfter,
      outcome: "pass",
      actionTaken: "none",
    });
    return { next };
  }
  state.altered = true;
  const failure: Failure = { binding, field, verdict, input, current, at, options: state.options };
  const { onFail, handle } = actionFor(binding, state.options);
  return applyResult(await handle(failure), failure, onFail, state);
}

/** Writes what an action did to the log and the walk's state; says how the field goes on. */
function applyResult(
  result: ActionResult,
  { binding, verdict, input, current, at }: Failure,
  onFail: ValidatorLog["onFail"],
  state: WalkState,
): Step {
  const validator = binding.ref.name;
  const log = (valueAfter: unknown, actionTaken: ActionTaken) =>
    state.logs.push({
      validator,
      path: at,
      valueBefore: input,
      valueAfter,
      outcome: "fail",
      message: verdict.message,
      onFail,
      actionTaken,
    });
  const standing = ({ reason, message }: Standing): ValidationFailure => ({
    path: at,
    validator,
    message,
    reason,
  });
  switch (result.kind) {
    case "value":
      log(result.logged, result.taken);
      if (result.standing) state.failures.push(standing(result.standing));
      return { next: result.value };
    case "dropped":
      log(undefined, "filtered");
      return { stop: FILTERED };
    case "reask":
      log(result.marker.incorrectValue, "reask");
      return { stop: result.marker };
    case "halt": {
      log(input, result.reason);
      const failure = standing({ reason: result.reason, message: verdict.message });
      if (result.reason === "exception") state.exception = new ValidationError([failure]);
      else {
        state.failures.push(failure);
        state.refrained = true;
      }
      return { stop: current };
    }
  }
}
