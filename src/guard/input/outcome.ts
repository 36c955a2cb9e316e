import type { ValidationFailure } from "../history/validator-log.js";
import type { ValidationOutcome } from "../outcome.js";

/**
 * An input failure left standing (a `noop`) was sent to the model as it was: whatever the output
 * did, the call does not pass. Its failures come first, in the outcome and the last iteration.
 */
export function withInputFailures<T>(
  outcome: ValidationOutcome<T>,
  failures: readonly ValidationFailure[],
): ValidationOutcome<T> {
  if (failures.length === 0) return outcome;
  const { call } = outcome;
  call.iterations.at(-1)?.failures.unshift(...failures);
  call.validationPassed = false;
  if (call.status === "pass") call.status = "fail";
  return { ...outcome, validationPassed: false, failures: [...failures, ...outcome.failures] };
}
