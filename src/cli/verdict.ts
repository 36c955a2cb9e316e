import type { ValidationOutcome } from "../guard/index.js";

/**
 * Whether an outcome passes on the command line: validation passed, and no fix value stood in
 * for a reask that was never answered (the model did not give that value) unless the person
 * accepts those with `--accept-fixes`.
 */
export const passes = (outcome: ValidationOutcome<unknown>, acceptFixes: boolean): boolean =>
  outcome.validationPassed && (outcome.unansweredFixes.length === 0 || acceptFixes);

export const ACCEPT_FIXES_OPTION = { "accept-fixes": { type: "boolean", default: false } } as const;
