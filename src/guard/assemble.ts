import type { ValidationFailure } from "./history/validator-log.js";
import { formatPath } from "./paths.js";
import { collectMarkers, replaceMarkers } from "./reask/marker.js";

export interface Assembled {
  value: unknown;
  /** One per reask that was never answered and had no fix value to fall back on. */
  unanswered: ValidationFailure[];
}

/**
 * The final value of a tree that may still hold reasks: each unanswered reask becomes its fix
 * value when the validator gave one, and otherwise keeps its incorrect value and is reported.
 */
export function assembleOutput(tree: unknown): Assembled {
  const unanswered = collectMarkers(tree)
    .filter(({ marker }) => marker.fix === undefined)
    .flatMap(({ path, marker }) =>
      marker.errorMessages.map((message) => ({
        path: formatPath(path),
        validator: marker.validator,
        message,
        reason: "reask-unanswered" as const,
      })),
    );
  const value = replaceMarkers(tree, (marker) =>
    marker.fix ? marker.fix.value : marker.incorrectValue,
  );
  return { value, unanswered };
}
