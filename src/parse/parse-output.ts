import type { Field } from "../rail/types.js";
import { isPlainObject, lineColumn, preview, quoteText } from "../show.js";
import { type Candidate, parseCandidate } from "./candidate.js";
import { splitFences, withoutFenceMarkers } from "./fences.js";
import { compareRanks, explainRank, kindFit, rankCandidate } from "./fit.js";
import { expectedKeys, keysOf } from "./keys.js";
import { findSpans, type Span } from "./scan.js";
import { blankThink, removeThink } from "./think.js";
import type { ParseResult, Repair } from "./types.js";

/**
 * Turns a model's text into a value for the output `root`, recording every change.
 * - String outputs: the text, minus any `<think>` reasoning.
 * - Object and list outputs: valid JSON parses exactly as `JSON.parse` does. Otherwise every
 *   bracketed candidate (fenced or in prose) is parsed or repaired on its own, and the one that
 *   best fits the spec is kept (see `rankCandidate`). For a list output written as several
 *   separate objects, the objects are collected into the list.
 */
export function parseOutput(text: string, root: Field): ParseResult {
  if (root.kind !== "object" && root.kind !== "list") {
    const { text: answer, repairs } = removeThink(text);
    return { ok: true, value: answer, repairs };
  }
  try {
    return { ok: true, value: JSON.parse(text), repairs: [] };
  } catch {
    return parseLeniently(text, root);
  }
}

function parseLeniently(original: string, root: Field): ParseResult {
  const { text, repairs } = blankThink(original);
  const { candidates, failures } = findCandidates(text);
  if (candidates.length === 0) {
    return { ok: false, error: nothingUsable(text, failures), repairs };
  }
  const collected = collectObjects(candidates, root);
  if (collected) {
    return {
      ok: true,
      value: collected.map((c) => c.value),
      repairs: [...repairs, ...collectRepairs(text, collected)],
    };
  }
  const ranked = candidates
    .map((candidate) => ({ candidate, rank: rankCandidate(candidate, root) }))
    .sort((a, b) => compareRanks(b.rank, a.rank));
  const [best, runnerUp] = ranked;
  if (best === undefined) return { ok: false, error: nothingUsable(text, failures), repairs };
  const chosen = best.candidate;
  repairs.push(...extractionRepairs(text, chosen));
  const others = candidates.filter((candidate) => !within(candidate.span, chosen.span));
  if (runnerUp !== undefined && others.length > 0) {
    repairs.push(pickRepair(text, chosen, others, explainRank(best.rank, runnerUp.rank)));
  }
  return { ok: true, value: chosen.value, repairs: [...repairs, ...chosen.repairs] };
}

interface Found {
  candidates: Candidate[];
  failures: string[];
}

/** Every usable candidate, fenced or not; unusable or truncated spans are searched inside too. */
function findCandidates(text: string): Found {
  const found: Found = { candidates: [], failures: [] };
  for (const segment of splitFences(text)) {
    const fenced = segment.fence !== undefined;
    for (const span of findSpans(text, segment.start, segment.end)) {
      collectSpan(text, span, fenced, 0, found);
    }
  }
  return found;
}

/** Bounds the work on pathological text (thousands of stray or deeply nested brackets). */
const MAX_ATTEMPTS = 200;
const MAX_SEARCH_DEPTH = 3;

function collectSpan(text: string, span: Span, fenced: boolean, depth: number, found: Found): void {
  if (found.candidates.length + found.failures.length >= MAX_ATTEMPTS) return;
  const nested = depth > 0;
  const result = parseCandidate(text, span, { fenced, nested });
  if (result.ok) found.candidates.push(result.candidate);
  else found.failures.push(result.error);
  // Look inside a span that failed, or inside a top-level one that never closed: a stray
  // bracket in prose can swallow the real answer.
  const searchInside = !result.ok || (!span.complete && !nested);
  if (!searchInside || depth >= MAX_SEARCH_DEPTH) return;
  for (const inner of findSpans(text, span.start + 1, span.end)) {
    collectSpan(text, inner, fenced, depth + 1, found);
  }
}

/** Candidates inside the chosen one are part of it, not alternatives to report. */
function within(inner: Span, outer: Span): boolean {
  return inner.start >= outer.start && inner.end <= outer.end;
}

/**
 * A list output answered as separate objects, one after another (NDJSON-like): the complete,
 * top-level objects that share a key with the list's items, when there are two or more and no
 * candidate is a list already.
 */
function collectObjects(candidates: Candidate[], root: Field): Candidate[] | undefined {
  if (root.kind !== "list" || candidates.some((c) => kindFit(c.value, root) === 2))
    return undefined;
  const expected = expectedKeys(root);
  const objects = candidates.filter(
    (c) =>
      !c.nested &&
      c.complete &&
      isPlainObject(c.value) &&
      (expected.size === 0 || [...keysOf(c.value)].some((key) => expected.has(key))),
  );
  return objects.length >= 2 ? objects : undefined;
}

function collectRepairs(text: string, objects: Candidate[]): Repair[] {
  const places = objects.map((c) => lineColumn(text, c.span.start)).join("; ");
  const collect: Repair = {
    kind: "collect-candidates",
    message: `collected ${objects.length} separate JSON objects into the output list (at ${places})`,
  };
  const first = objects[0]?.span.start ?? 0;
  const last = objects[objects.length - 1]?.span.end ?? text.length;
  const span = { start: first, end: last, complete: true };
  return [collect, ...proseRepairs(text, span), ...objects.flatMap((c) => c.repairs)];
}

function extractionRepairs(text: string, chosen: Candidate): Repair[] {
  const repairs: Repair[] = [];
  if (chosen.fenced) {
    repairs.push({
      kind: "extract-fence",
      message: `took the JSON from a fenced code block at ${lineColumn(text, chosen.span.start)}`,
    });
  }
  return [...repairs, ...proseRepairs(text, chosen.span)];
}

/** The prose around the JSON that was used, which is dropped. */
function proseRepairs(text: string, used: Span): Repair[] {
  const before = withoutFenceMarkers(text.slice(0, used.start)).trim();
  const after = withoutFenceMarkers(text.slice(used.end)).trim();
  const repairs: Repair[] = [];
  if (before)
    repairs.push({
      kind: "strip-prose",
      message: `ignored text before the JSON: ${quoteText(before)}`,
    });
  if (after)
    repairs.push({
      kind: "strip-prose",
      message: `ignored text after the JSON: ${quoteText(after)}`,
    });
  return repairs;
}

function pickRepair(text: string, chosen: Candidate, others: Candidate[], reason: string): Repair {
  const ignored = others.map((c) => `${preview(c.value)} at ${lineColumn(text, c.span.start)}`);
  return {
    kind: "pick-candidate",
    message:
      `found ${others.length + 1} JSON values; used the one at ${lineColumn(text, chosen.span.start)} ` +
      `because ${reason}; ignored ${ignored.join("; ")}`,
  };
}

function nothingUsable(text: string, failures: string[]): string {
  if (text.trim() === "") return "the output is empty";
  if (failures.length === 0) {
    return `no JSON object or array found in ${text.trim().length} characters of text: ${quoteText(text)}`;
  }
  const count = failures.length;
  const shown = failures.slice(0, 3).join("; ");
  const more = count > 3 ? `; and ${count - 3} more` : "";
  return `found ${count} JSON-like fragment${count > 1 ? "s" : ""} but none could be repaired: ${shown}${more}`;
}
