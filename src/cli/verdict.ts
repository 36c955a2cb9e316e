import type { GuardOutcome } from "../guard/index.js";

/**
 * Whether an outcome passes on the command line. A call with an unanswered reask fails, even
 * where a fix value stood in for the answer; `--accept-fixes` forgives exactly those failures
 * (every failure left is an unanswered reask that a fix value filled), and nothing else.
 */
export function passes(outcome: GuardOutcome<unknown>, acceptFixes: boolean): boolean {
  if (outcome.validationPassed) return true;
  if (!acceptFixes || outcome.error !== undefined || outcome.refrained) return false;
  const fixed = new Set(outcome.unansweredFixes.map((fix) => fix.path));
  return (
    outcome.failures.length > 0 &&
    outcome.failures.every(
      (failure) => failure.reason === "reask-unanswered" && fixed.has(failure.path),
    )
  );
}

export const ACCEPT_FIXES_OPTION = { "accept-fixes": { type: "boolean", default: false } } as const;
