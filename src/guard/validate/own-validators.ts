import { errorMessage } from "../../errors.js";
import type { Field } from "../../rail/types.js";
import type { ValidatorBinding } from "../../schema/types.js";
import { type FailVerdict, hasFix, type Verdict } from "../../validators/types.js";
import { ValidationError } from "../errors.js";
import type { ActionTaken, ValidationFailure, ValidatorLog } from "../history/validator-log.js";
import { formatPath, type Path } from "../paths.js";
import { ReaskMarker, replaceMarkers } from "../reask/marker.js";
import { runValidator, validatorContext } from "./run-validator.js";
import { type CustomOnFail, FILTERED, type Filtered, type WalkState } from "./state.js";

/** After a failure: go on to the next validator with a value, or stop the field here. */
type Step = { next: unknown } | { stop: unknown | Filtered };

/** One failed validator on one value, and what the guard can do about it. */
interface Failure {
  binding: ValidatorBinding;
  field: Field;
  path: Path;
  state: WalkState;
  verdict: FailVerdict;
  /** The value as the validator saw it (markers replaced by their incorrect values). */
  input: unknown;
  /** The value as held in the tree (may still contain markers). */
  current: unknown;
  log(valueAfter: unknown, actionTaken: ActionTaken, onFail?: ValidatorLog["onFail"]): ValidatorLog;
}

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
    const step = await runOne(binding, field, current, { path, at }, state);
    if ("stop" in step) return step.stop;
    current = step.next;
  }
  return current;
}

/** A value's place in the output, as segments and as written (`$.fees[2].name`). */
interface Place {
  path: Path;
  at: string;
}

async function runOne(
  binding: ValidatorBinding,
  field: Field,
  current: unknown,
  { path, at }: Place,
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
  const log: Failure["log"] = (valueAfter, actionTaken, onFail) => {
    const entry: ValidatorLog = {
      validator,
      path: at,
      valueBefore: input,
      valueAfter,
      outcome: "fail",
      message: verdict.message,
      onFail,
      actionTaken,
    };
    state.logs.push(entry);
    return entry;
  };
  const failure: Failure = { binding, field, path, state, verdict, input, current, log };
  const handler = customHandlerFor(binding, state);
  return handler ? applyCustom(handler, failure) : applyAction(failure);
}

async function applyAction(failure: Failure): Promise<Step> {
  const { binding, field, verdict, input, current, state, log } = failure;
  const onFail = binding.onFail;
  switch (onFail) {
    case "noop":
      log(input, "kept", onFail);
      recordStanding(failure, "noop");
      return { next: current };
    case "fix":
      if (hasFix(verdict)) {
        log(verdict.fixValue, "fixed", onFail);
        return { next: verdict.fixValue };
      }
      // Never a silent null: the value stays and the failure is reported.
      log(input, "fix-unavailable", onFail);
      recordStanding(failure, "fix-unavailable");
      return { next: current };
    case "reask": {
      log(input, "reask", onFail);
      const fix = (await fixAccepted(failure)) ? { value: verdict.fixValue } : undefined;
      return { stop: new ReaskMarker(field, binding.ref.name, input, [verdict.message], fix) };
    }
    case "fix_reask":
      return fixThenReask(failure);
    case "filter":
      log(undefined, "filtered", onFail);
      return { stop: FILTERED };
    case "refrain":
      log(input, "refrained", onFail);
      recordStanding(failure, "refrained");
      state.refrained = true;
      return { stop: current };
    case "exception":
      log(input, "exception", onFail);
      state.exception = new ValidationError([
        {
          path: formatPath(failure.path),
          validator: binding.ref.name,
          message: verdict.message,
          reason: "exception",
        },
      ]);
      return { stop: current };
  }
}

/** `fix_reask`: take the fix if the same validator accepts it; otherwise ask again. */
async function fixThenReask(failure: Failure): Promise<Step> {
  const { binding, field, verdict, input, log } = failure;
  if (!hasFix(verdict)) {
    log(input, "reask", "fix_reask");
    return { stop: new ReaskMarker(field, binding.ref.name, input, [verdict.message]) };
  }
  const recheck = await recheckFix(failure);
  if (recheck.outcome === "pass") {
    log(verdict.fixValue, "fixed", "fix_reask");
    return { next: verdict.fixValue };
  }
  log(verdict.fixValue, "reask", "fix_reask");
  const messages = [verdict.message, recheck.message];
  return { stop: new ReaskMarker(field, binding.ref.name, verdict.fixValue, messages) };
}

/** The same validator's verdict on the failure's fix value. */
function recheckFix({ binding, field, path, state, verdict }: Failure): Verdict | Promise<Verdict> {
  const context = validatorContext(binding, field, formatPath(path), state.options);
  const fixValue = hasFix(verdict) ? verdict.fixValue : undefined;
  return runValidator(binding, fixValue, context, state.options);
}

/**
 * Whether a reask's fix value may stand in if the reask is never answered: only when the
 * validator accepts it, so an unanswered reask never passes with a value that fails.
 */
async function fixAccepted(failure: Failure): Promise<boolean> {
  return hasFix(failure.verdict) && (await recheckFix(failure)).outcome === "pass";
}

async function applyCustom(handler: CustomOnFail, failure: Failure): Promise<Step> {
  const { verdict, input, current, log } = failure;
  try {
    // Its own copy: what it changes before it returns (or throws) is not the logged value before.
    const next = await handler(replaceMarkers(input), [verdict]);
    log(next, "custom", "custom");
    return { next };
  } catch (error) {
    const reason = errorMessage(error);
    log(input, "custom-failed", "custom");
    recordStanding(failure, "custom-failed", ` (custom on-fail handler threw: ${reason})`);
    // Kept as it was, reasks below it included.
    return { next: current };
  }
}

function recordStanding(failure: Failure, reason: ValidationFailure["reason"], detail = ""): void {
  failure.state.failures.push({
    path: formatPath(failure.path),
    validator: failure.binding.ref.name,
    message: failure.verdict.message + detail,
    reason,
  });
}

function customHandlerFor(binding: ValidatorBinding, state: WalkState): CustomOnFail | undefined {
  const handlers = state.options.customHandlers ?? {};
  for (const name of [binding.ref.name, binding.definition.name]) {
    if (Object.hasOwn(handlers, name)) return handlers[name];
  }
  return undefined;
}
