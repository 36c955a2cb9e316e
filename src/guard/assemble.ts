import type { UnansweredFix, ValidationFailure } from "./history/validator-log.js";
import { formatPath } from "./paths.js";
import { collectMarkers, replaceMarkers } from "./reask/marker.js";

export interface Assembled {
  value: unknown;
  /** One per reask that was never answered and had no fix value to fall back on. */
  unanswered: ValidationFailure[];
  /** One per reask that was never answered and was replaced by its fix value. */
  unansweredFixes: UnansweredFix[];
}

/**
 * The final value of a tree that may still hold reasks (none left, or no model to ask). As in
 * Guardrails, each becomes its fix value when the validator gave one it accepts: listed in
 * `unansweredFixes`, its log entry marked `fixed-unanswered`. Otherwise it keeps its incorrect
 * value and is reported as a failure.
 */
export function assembleOutput(tree: unknown): Assembled {
  const unanswered: ValidationFailure[] = [];
  const unansweredFixes: UnansweredFix[] = [];
  for (const { path, marker } of collectMarkers(tree)) {
    const { validator, incorrectValue, errorMessages, fix } = marker;
    const at = formatPath(path);
    if (fix) {
      fix.log.actionTaken = "fixed-unanswered";
      fix.log.valueAfter = fix.value;
      const message = errorMessages.join("; ");
      unansweredFixes.push({ path: at, validator, message, incorrectValue, fixValue: fix.value });
      continue;
    }
    for (const message of errorMessages) {
      unanswered.push({ path: at, validator, message, reason: "reask-unanswered" });
    }
  }
  const value = replaceMarkers(tree, (marker) =>
    marker.fix ? marker.fix.value : marker.incorrectValue,
  );
  return { value, unanswered, unansweredFixes };
}
