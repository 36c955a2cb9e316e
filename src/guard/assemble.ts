import type { UnansweredFix, ValidationFailure } from "./history/validator-log.js";
import { formatPath } from "./paths.js";
import type { UnmatchedSlot } from "./reask/merge.js";
import { type ReaskSlot, replaceAtSlots } from "./reask/slot.js";

export interface Assembled {
  value: unknown;
  /** One per message of each reask that was never answered: each fails the call. */
  unanswered: ValidationFailure[];
  /** One per reask that was never answered and was replaced by its fix value. */
  unansweredFixes: UnansweredFix[];
}

/**
 * The final value of a tree whose `slots` were never answered (no reask left, or no model to ask).
 * As in Guardrails, each becomes its fix value when the validator gave one it accepts: listed in
 * `unansweredFixes` (the history marks its log entry `fixed-unanswered`). Otherwise it keeps its
 * incorrect value, which the tree holds. Either way the model never gave that value, so it is a
 * `reask-unanswered` failure: a fix value is offered, never passed off as the model's answer.
 * `unmatched` (the last answer's slots it did not fill) says why where it applies.
 */
export function assembleOutput(
  tree: unknown,
  slots: readonly ReaskSlot[],
  unmatched: readonly UnmatchedSlot[] = [],
): Assembled {
  const unanswered: ValidationFailure[] = [];
  const unansweredFixes: UnansweredFix[] = [];
  const why = new Map(unmatched.map((slot) => [slot.path, slot.reason]));
  for (const { path, loggedAt, validator, incorrectValue, errorMessages, fix } of slots) {
    const at = formatPath(path);
    // The unmatched slots are named by their paths in the tree the answer was merged into, which
    // is the tree walked: a filter in the walk may have moved the value's output path since.
    const reason = why.get(loggedAt);
    const detail = [
      ...(reason ? [reason] : []),
      ...(fix ? ["its fix value stands in, unconfirmed by the model"] : []),
    ];
    const suffix = detail.length > 0 ? ` (${detail.join("; ")})` : "";
    for (const message of errorMessages) {
      unanswered.push({
        path: at,
        validator,
        message: message + suffix,
        reason: "reask-unanswered",
      });
    }
    if (!fix) continue;
    const message = errorMessages.join("; ");
    unansweredFixes.push({ path: at, validator, message, incorrectValue, fixValue: fix.value });
  }
  // The fix values go in along their paths only: the tree is the round's record, left as it is.
  const fixed = slots.filter(({ fix }) => fix !== undefined);
  const value = fixed.length === 0 ? tree : replaceAtSlots(tree, fixed, ({ fix }) => fix?.value);
  return { value, unanswered, unansweredFixes };
}
