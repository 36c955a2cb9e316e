import type { Field } from "../rail/types.js";
import { isPlainObject } from "../show.js";
import type { Candidate } from "./candidate.js";
import { expectedKeys, keysOf } from "./keys.js";

/**
 * How well a candidate fits the output, as a tuple compared left to right:
 * kind fits > more of the spec's keys > top-level > complete > fenced > fewer repairs > later.
 * Top-level beats complete so that a truncated answer wins over the complete objects inside it.
 * Ties go to the later candidate: models that write several objects usually show an example or
 * a first attempt before the answer they settle on.
 */
export type Rank = readonly number[];

const CRITERIA = [
  "its type fits the output",
  "it has more of the spec's keys",
  "it is not nested in another fragment",
  "it is complete",
  "it is in a code fence",
  "it needed fewer repairs",
  "it comes last",
] as const;

export function rankCandidate(candidate: Candidate, root: Field): Rank {
  return [
    kindFit(candidate.value, root),
    keyOverlap(candidate.value, root),
    candidate.nested ? 0 : 1,
    candidate.complete ? 1 : 0,
    candidate.fenced ? 1 : 0,
    -candidate.repairs.length,
    candidate.span.start,
  ];
}

export function compareRanks(a: Rank, b: Rank): number {
  for (let index = 0; index < a.length; index++) {
    const difference = (a[index] ?? 0) - (b[index] ?? 0);
    if (difference !== 0) return difference;
  }
  return 0;
}

/** Why `best` beat `runnerUp`: the first criterion on which they differ. */
export function explainRank(best: Rank, runnerUp: Rank): string {
  const index = best.findIndex((value, at) => value !== runnerUp[at]);
  return CRITERIA[index] ?? "it comes last";
}

/** 2 = the right container, 1 = one the conformer can adapt (wrap, unwrap), 0 = neither. */
export function kindFit(value: unknown, root: Field): number {
  if (root.kind === "list") {
    if (Array.isArray(value)) return 2;
    return isPlainObject(value) ? 1 : 0;
  }
  if (isPlainObject(value)) return 2;
  return Array.isArray(value) && value.length === 1 && isPlainObject(value[0]) ? 1 : 0;
}

function keyOverlap(value: unknown, root: Field): number {
  const expected = expectedKeys(root);
  const view = root.kind === "list" ? (listInside(value) ?? value) : value;
  return [...keysOf(view)].filter((key) => expected.has(key)).length;
}

/** The list in `{"items": [...]}`: an object whose only key holds a list. */
export function listInside(value: unknown): unknown[] | undefined {
  if (!isPlainObject(value)) return undefined;
  const entries = Object.values(value);
  return entries.length === 1 && Array.isArray(entries[0]) ? entries[0] : undefined;
}
