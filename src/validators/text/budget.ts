import { TextValidationError } from "./errors.js";

/**
 * The most work one text check may do: word steps of fuzzy matching, term look-ups of TF-IDF
 * cosines, multiplications of embedding cosines. About a second on one core; far more than a
 * summary of a few pages against its sources needs, while a megabyte of model output compared
 * sentence by sentence would otherwise block the process for minutes.
 */
export const MAX_COMPARISON_WORK = 250_000_000;

/** Refuses, before it starts, a comparison whose `work` is over budget; `what` names it. */
export function checkComparisonWork(work: number, what: string): void {
  if (work <= MAX_COMPARISON_WORK) return;
  throw new TextValidationError(
    "too-large",
    `${what} would take about ${work.toExponential(1)} steps, more than the ${MAX_COMPARISON_WORK.toExponential(1)} allowed: shorten the text or its sources.`,
  );
}
