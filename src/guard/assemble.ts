import type { UnansweredFix, ValidationFailure } from "./history/validator-log.js";
import { formatPath } from "./paths.js";
import { collectMarkers, replaceMarkers } from "./reask/marker.js";
import type { UnmatchedSlot } from "./reask/merge.js";

export interface Assembled {
  value: unknown;
  /** One per message of each reask that was never answered: each fails the call. */
  unanswered: ValidationFailure[];
  /** One per reask that was never answered and was replaced by its fix value. */
  unansweredFixes: UnansweredFix[];
}

/**
 * The final value of a tree that may still hold reasks (none left, or no model to ask). As in
 * Guardrails, each becomes its fix value when the validator gave one it accepts: listed in
 * `unansweredFixes` (the history marks its log entry `fixed-unanswered`). Otherwise it keeps its incorrect
 * value. Either way the model never gave that value, so it is a `reask-unanswered` failure: a
 * fix value is offered, never passed off as the model's answer. `unmatched` (the last answer's
 * slots it did not fill) says why where it applies.
 */
export function assembleOutput(tree: unknown, unmatched: readonly UnmatchedSlot[] = []): Assembled {
  const unanswered: ValidationFailure[] = [];
  const unansweredFixes: UnansweredFix[] = [];
  const why = new Map(unmatched.map((slot) => [slot.path, slot.reason]));
  for (const { path, marker } of collectMarkers(tree)) {
    const { validator, incorrectValue, errorMessages, fix } = marker;
    const at = formatPath(path);
    const reason = why.get(at);
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
  const value = replaceMarkers(tree, (marker) =>
    marker.fix ? marker.fix.value : marker.incorrectValue,
  );
  return { value, unanswered, unansweredFixes };
}
