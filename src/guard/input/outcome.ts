import type { ValidationFailure } from "../history/validator-log.js";
import { type GuardOutcome, guardOutcome } from "../outcome.js";

/**
 * An input failure left standing (a `noop`) was sent to the model as it was: whatever the output
 * did, the call does not pass. Its failures come first, in the outcome and the last iteration.
 */
export function withInputFailures<T>(
  outcome: GuardOutcome<T>,
  failures: readonly ValidationFailure[],
): GuardOutcome<T> {
  if (failures.length === 0) return outcome;
  const { call } = outcome;
  call.iterations.at(-1)?.failures.unshift(...failures);
  call.validationPassed = false;
  if (call.status === "pass") call.status = "fail";
  return guardOutcome<T>({
    ...outcome,
    validationPassed: false,
    failures: [...failures, ...outcome.failures],
  });
}
