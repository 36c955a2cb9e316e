/** The failing validator's verdict on its own fix value, for the actions that offer the fix. */
import { hasFix } from "../../contract/types.js";
import { ownCopy } from "../validate/own-copy.js";
import { runValidator, validatorContext } from "../validate/run-validator.js";
import type { Failure } from "./types.js";

/**
 * The same validator's verdict on a value at the same place, given its own copy as in the walk:
 * one that changes what it is given must not change the fix value that goes on.
 */
export function checkFix({ binding, field, at, options }: Failure, fixValue: unknown) {
  const context = validatorContext(binding, field, at, options);
  return runValidator(binding, ownCopy(fixValue), context, options);
}

/**
 * Whether a reask's fix value may stand in if the reask is never answered: only when the
 * validator accepts it, so an unanswered reask never passes with a value that fails.
 */
export async function fixAccepted(failure: Failure): Promise<boolean> {
  const { verdict } = failure;
  return hasFix(verdict) && (await checkFix(failure, verdict.fixValue)).outcome === "pass";
}
