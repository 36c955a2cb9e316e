import { distance } from "fastest-levenshtein";

/** How many edits a name of this length may be away from its correction. */
const allowedEdits = (length: number): number =>
  length <= 3 ? 1 : Math.max(2, Math.floor(length / 3));

/**
 * The candidate a misspelt name clearly means: within a few edits (case-insensitive) and strictly
 * closer than every other candidate. Undefined when none or several are equally close, because a
 * guessed rename that changes the query's meaning is worse than a re-ask.
 */
export function closestName(name: string, candidates: Iterable<string>): string | undefined {
  const wanted = name.toLowerCase();
  const byLowerCase = new Map<string, string>();
  for (const candidate of candidates) {
    if (!byLowerCase.has(candidate.toLowerCase()))
      byLowerCase.set(candidate.toLowerCase(), candidate);
  }
  const ranked = [...byLowerCase]
    .map(([lower, candidate]) => ({ candidate, edits: distance(wanted, lower) }))
    .sort((a, b) => a.edits - b.edits);
  const [best, runnerUp] = ranked;
  if (!best || best.edits === 0 || best.edits > allowedEdits(wanted.length)) return undefined;
  if (runnerUp && runnerUp.edits === best.edits) return undefined;
  return best.candidate;
}
