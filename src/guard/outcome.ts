import type { RailguardError } from "../errors.js";
import { ValidationError } from "./errors.js";
import type { Call } from "./history/call.js";
import type { UnansweredFix, ValidationFailure } from "./history/validator-log.js";
import type { ReaskRequest } from "./reask/request.js";

/** What every outcome holds, passed or not. */
interface OutcomeFields<T> {
  /** The last text the model returned (or the text given to `parse`); null if none came back. */
  rawOutput: string | null;
  /** A `refrain` action fired (or `filter` on the whole output): the output is emptied. */
  refrained: boolean;
  /** What stopped the call, or why there is no output: LLMCallError, ValidationError… */
  error?: RailguardError;
  /**
   * The reask the guard would have sent next, had the budget (or a model) allowed: set whenever
   * the last round still asked for one.
   */
  reask?: ReaskRequest;
  /** Every failure left standing, with its path, validator and reason. */
  failures: ValidationFailure[];
  /**
   * Values that were to be asked again but never were, replaced by their validator's fix value
   * (Guardrails' final fallback). Offered, not confirmed: each also stands in `failures`, and the
   * call fails.
   */
  unansweredFixes: UnansweredFix[];
  /** This call's history entry (also in `guard.history`). */
  call: Call;
  /**
   * The validated output, or a throw: the `error` that stopped the call, else a `ValidationError`
   * carrying `failures`. For callers who prefer exceptions to checking `validationPassed`.
   */
  unwrap(): T;
}

/**
 * Every check ran and held on `validatedOutput`: it is valid against the guard's schema, each
 * validator's last verdict on it is a pass, and no value in it stands in for an unanswered reask.
 */
export interface PassedOutcome<T> extends OutcomeFields<T> {
  validationPassed: true;
  /** The output after parsing, validation and every on-fail action. */
  validatedOutput: T;
  refrained: false;
  error?: undefined;
}

/**
 * The call failed, refrained or stopped. `validatedOutput` is what was left (values whose failures
 * stand are kept as they are), the empty value after a refrain, or null when nothing usable was
 * produced (`error` says why): it need not be a `T`, so it is typed `unknown`.
 */
export interface FailedOutcome<T> extends OutcomeFields<T> {
  validationPassed: false;
  validatedOutput: unknown;
}

/**
 * The result of `guard.call` / `guard.parse`, told apart by `validationPassed`: only a passed
 * outcome types `validatedOutput` as `T`. Never a silent null: see `error` and `failures`.
 */
export type GuardOutcome<T> = PassedOutcome<T> | FailedOutcome<T>;

/** The former name of `GuardOutcome`, kept for existing code. */
export type ValidationOutcome<T> = GuardOutcome<T>;

/** An outcome's data, before `unwrap` is attached. */
export type OutcomeData = Omit<FailedOutcome<unknown>, "unwrap" | "validationPassed"> & {
  validationPassed: boolean;
};

/** The outcome object: the data, and `unwrap` as a method that JSON and equality do not see. */
export function guardOutcome<T>(data: OutcomeData): GuardOutcome<T> {
  return new Outcome(data) as unknown as GuardOutcome<T>;
}

/**
 * The data as the object's own fields, with the keys the guard gave it, in its order; `unwrap`
 * from the class, so JSON, spreads and equality see the data alone. A getter, so that
 * `const { unwrap } = outcome` still unwraps this outcome. (It was a bound function defined on
 * each outcome: a tenth of a call's fixed cost.)
 */
class Outcome implements OutcomeData {
  declare readonly rawOutput: string | null;
  declare readonly validatedOutput: unknown;
  declare readonly validationPassed: boolean;
  declare readonly refrained: boolean;
  declare readonly error?: OutcomeData["error"];
  declare readonly reask?: OutcomeData["reask"];
  declare readonly failures: OutcomeData["failures"];
  declare readonly unansweredFixes: OutcomeData["unansweredFixes"];
  declare readonly call: OutcomeData["call"];

  constructor(data: OutcomeData) {
    Object.assign(this, data);
  }

  get unwrap(): () => unknown {
    return () => unwrap(this as unknown as GuardOutcome<unknown>);
  }
}

function unwrap<T>(outcome: GuardOutcome<T>): T {
  if (outcome.validationPassed) return outcome.validatedOutput;
  if (outcome.error) throw outcome.error;
  throw new ValidationError(outcome.failures);
}
