import type { ValidatorBinding } from "../../contract/binding.js";
import type { Verdict } from "../../contract/types.js";
import type { Field } from "../../rail/types.js";
import { type ActionResult, actionFor, type Failure, type Standing } from "../actions/index.js";
import { ValidationError } from "../errors.js";
import type { ActionTaken, ValidationFailure, ValidatorLog } from "../history/validator-log.js";
import type { Reask } from "../reask/slot.js";
import { Later, type Maybe, settle } from "./later.js";
import { ownCopy } from "./own-copy.js";
import { runValidator, validatorContext } from "./run-validator.js";
import { discardSlots, FILTERED, type Filtered, type WalkState } from "./state.js";

/** The field stops at this validator (a filter, refrain, reask or exception) with `value`. */
class Stop {
  constructor(
    readonly value: unknown | Filtered,
    /** Set when the value is asked again. */
    readonly reask?: Reask,
  ) {}
}

/**
 * Runs a field's own validators in declared order on the value at `at` (`$.fees[2].name`). After
 * a failure the on-fail result replaces the value; the field stops at the first filter, refrain,
 * reask or exception. Synchronous for as long as the validators and handlers are.
 *
 * The slots opened since `mark` (reasks inside the value) go with the value when a validator
 * replaces it or asks for it again whole; a reask opens the value's own slot.
 */
export function runOwnValidators(
  field: Field,
  value: unknown,
  at: string,
  state: WalkState,
  bindings: readonly ValidatorBinding[] = state.options.validatorsFor(field),
  mark = state.slots.length,
): Maybe<unknown | Filtered> {
  return runFrom(bindings, 0, field, value, at, state, mark);
}

/**
 * What `runOwnValidators` logged when each validator gave a plain pass, logged again without
 * running them (see `replayedLogs` in walk.ts): each saw its own copy of the value.
 */
export function logPlainPasses(
  bindings: readonly ValidatorBinding[],
  value: unknown,
  at: string,
  state: WalkState,
): unknown {
  for (const binding of bindings) state.logs.pass(binding.ref.name, at, ownCopy(value));
  return value;
}

function runFrom(
  bindings: readonly ValidatorBinding[],
  start: number,
  field: Field,
  value: unknown,
  at: string,
  state: WalkState,
  mark: number,
): Maybe<unknown | Filtered> {
  let current = value;
  for (let index = start; index < bindings.length; index++) {
    const step = runOne(bindings[index] as ValidatorBinding, field, current, at, state);
    if (step instanceof Later) {
      const before = current;
      const rest = (settled: unknown) => {
        const next = afterStep(settled, before, at, mark, state);
        if (settled instanceof Stop) return next;
        return runFrom(bindings, index + 1, field, next, at, state, mark);
      };
      return new Later(step.promise.then((settled) => settle(rest(settled))));
    }
    const next = afterStep(step, current, at, mark, state);
    if (step instanceof Stop) return next;
    current = next;
  }
  return current;
}

/**
 * The value a step leaves the field with; the slots inside `current` stay only if it stays. A
 * reask opens a slot for the value at `at`.
 */
function afterStep(
  step: unknown,
  current: unknown,
  at: string,
  mark: number,
  state: WalkState,
): unknown {
  if (!(step instanceof Stop)) {
    if (step !== current) discardSlots(state, mark);
    return step;
  }
  if (step.reask !== undefined || step.value !== current) discardSlots(state, mark);
  if (step.reask !== undefined) state.slots.push({ reask: step.reask, up: [], at });
  return step.value;
}

/** The value the next validator gets, a `Stop`, or `Later` one of them. */
function runOne(
  binding: ValidatorBinding,
  field: Field,
  current: unknown,
  at: string,
  state: WalkState,
): Maybe<unknown | Stop> {
  // Each gets its own copy (and the log another), so one that mutates what it is given changes
  // neither the log nor the output. A child waiting for a reask holds its incorrect value.
  const input = ownCopy(current);
  const given = ownCopy(current);
  const context = validatorContext(binding, field, at, state.options);
  const verdict = runValidator(binding, given, context, state.options);
  if (verdict instanceof Promise) {
    return new Later(
      verdict.then((settled) =>
        settle(afterVerdict(settled, binding, field, current, input, at, state)),
      ),
    );
  }
  return afterVerdict(verdict, binding, field, current, input, at, state);
}

/** `current` is the value as held in the tree, `input` the copy the log shows. */
function afterVerdict(
  verdict: Verdict,
  binding: ValidatorBinding,
  field: Field,
  current: unknown,
  input: unknown,
  at: string,
  state: WalkState,
): Maybe<unknown | Stop> {
  if (verdict.outcome === "pass") {
    // `value: undefined` is no override (as `pass()` has it), never a deleted key.
    const next = verdict.value === undefined ? current : verdict.value;
    // The same value, not one equal to it: -0 for 0 is a replacement, which the tree takes too.
    if (Object.is(next, current)) {
      state.logs.pass(binding.ref.name, at, input);
      return next;
    }
    state.logs.push({
      validator: binding.ref.name,
      path: at,
      valueBefore: input,
      valueAfter: ownCopy(next),
      outcome: "pass",
      actionTaken: "none",
    });
    return next;
  }
  const failure: Failure = { binding, field, verdict, input, current, at, options: state.options };
  const { onFail, handle } = actionFor(binding, state.options);
  const result = handle(failure);
  if (result instanceof Promise) {
    return new Later(result.then((settled) => applyResult(settled, failure, onFail, state)));
  }
  return applyResult(result, failure, onFail, state);
}

/** Writes what an action did to the log and the walk's state; says how the field goes on. */
function applyResult(
  result: ActionResult,
  { binding, verdict, input, current, at }: Failure,
  onFail: ValidatorLog["onFail"],
  state: WalkState,
): unknown | Stop {
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
      return result.value;
    case "dropped":
      log(undefined, "filtered");
      return new Stop(FILTERED);
    case "reask":
      log(result.reask.incorrectValue, "reask");
      return new Stop(result.reask.incorrectValue, result.reask);
    case "halt": {
      log(input, result.reason);
      const failure = standing({ reason: result.reason, message: verdict.message });
      if (result.reason === "exception") {
        state.halt = { reason: "exception", error: new ValidationError([failure]) };
      } else {
        state.failures.push(failure);
        state.halt = { reason: "refrained" };
      }
      return new Stop(current);
    }
  }
}
