import type { Field } from "../rail/types.js";
import { isPlainObject, preview, quoteText } from "../show.js";
import { mayHoldInexactIntegers, quoteInexactIntegers } from "./big-integers.js";
import { type Candidate, parseCandidate, RepairBudget, tryJsonParse } from "./candidate.js";
import { HOLDS_HUGE_NUMBER, inspectParsed, NESTS_TOO_DEEP, TOO_DEEP } from "./depth.js";
import { splitFences, withoutFenceMarkers } from "./fences.js";
import { compareRanks, explainRank, kindFit, rankCandidate } from "./fit.js";
import { expectedKeys, keysOf } from "./keys.js";
import { findSpans, type Span } from "./scan.js";
import { SourceText } from "./source.js";
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
  return parseOutputFrom(text, root, parseJson(text));
}

/** What `JSON.parse` makes of the text, or `NOT_JSON`. */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return NOT_JSON;
  }
}

export const NOT_JSON: unique symbol = Symbol("not JSON");

/**
 * `parseOutput` of an object or list output, given what `parseJson` made of its text: a caller
 * that reads the parsed value on its own first (see evaluate.ts) parses the text once.
 */
export function parseOutputFrom(text: string, root: Field, json: unknown): ParseResult {
  if (json === NOT_JSON) return parseLeniently(text, root);
  const flags = inspectParsed(json);
  if (flags & NESTS_TOO_DEEP) {
    return { ok: false, error: `the JSON is unusable: ${TOO_DEEP}`, repairs: [] };
  }
  if (!(flags & HOLDS_HUGE_NUMBER) || !mayHoldInexactIntegers(text)) {
    return { ok: true, value: json, repairs: [] };
  }
  const quoted = quoteInexactIntegers(text, new SourceText(text));
  const value = quoted.offsets.length > 0 ? JSON.parse(quoted.text) : json;
  return { ok: true, value, repairs: quoted.repairs };
}

function parseLeniently(original: string, root: Field): ParseResult {
  const { text, repairs } = blankThink(original);
  const source = new SourceText(text);
  const { candidates, failures } = findCandidates(source);
  if (candidates.length === 0) {
    return { ok: false, error: nothingUsable(text, failures), repairs };
  }
  const collected = collectObjects(candidates, root);
  if (collected) {
    return {
      ok: true,
      value: collected.map((c) => c.value),
      repairs: [...repairs, ...collectRepairs(source, collected)],
    };
  }
  const ranked = candidates
    .map((candidate) => ({ candidate, rank: rankCandidate(candidate, root) }))
    .sort((a, b) => compareRanks(b.rank, a.rank));
  const [best, runnerUp] = ranked;
  if (best === undefined) return { ok: false, error: nothingUsable(text, failures), repairs };
  const chosen = best.candidate;
  repairs.push(...extractionRepairs(source, chosen));
  const others = candidates.filter((candidate) => !within(candidate.span, chosen.span));
  if (runnerUp !== undefined && others.length > 0) {
    repairs.push(pickRepair(source, chosen, others, explainRank(best.rank, runnerUp.rank)));
  }
  return { ok: true, value: chosen.value, repairs: [...repairs, ...chosen.repairs] };
}

interface Found {
  candidates: Candidate[];
  failures: string[];
}

/** One search of a text: what it found so far, and the repair work it may still spend. */
interface Search extends Found {
  source: SourceText;
  budget: RepairBudget;
}

/**
 * Every usable candidate, fenced or not; unusable or truncated spans are searched inside too.
 * Fences are looked for outside the stretches of valid JSON, whose strings may hold markers.
 */
function findCandidates(source: SourceText): Found {
  const search: Search = { source, budget: new RepairBudget(), candidates: [], failures: [] };
  const validJson = findSpans(source.text).filter(
    (span) => span.complete && tryJsonParse(source.text.slice(span.start, span.end)).ok,
  );
  for (const segment of splitFences(source.text, validJson)) {
    const fenced = segment.fence !== undefined;
    for (const span of findSpans(source.text, segment.start, segment.end)) {
      collectSpan(span, fenced, 0, search);
    }
  }
  return search;
}

/** Bounds the work on pathological text (thousands of stray or deeply nested brackets). */
const MAX_ATTEMPTS = 200;
const MAX_SEARCH_DEPTH = 3;

function collectSpan(span: Span, fenced: boolean, depth: number, search: Search): void {
  if (search.candidates.length + search.failures.length >= MAX_ATTEMPTS) return;
  const nested = depth > 0;
  const result = parseCandidate(search.source, span, { fenced, nested }, search.budget);
  if (result.ok) search.candidates.push(result.candidate);
  else search.failures.push(result.error);
  // Look inside a span that failed, or inside a top-level one that never closed: a stray
  // bracket in prose can swallow the real answer.
  const searchInside = !result.ok || (!span.complete && !nested);
  if (!searchInside || depth >= MAX_SEARCH_DEPTH) return;
  for (const inner of findSpans(search.source.text, span.start + 1, span.end)) {
    collectSpan(inner, fenced, depth + 1, search);
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

function collectRepairs(source: SourceText, objects: Candidate[]): Repair[] {
  const places = objects.map((c) => source.at(c.span.start)).join("; ");
  const collect: Repair = {
    kind: "collect-candidates",
    message: `collected ${objects.length} separate JSON objects into the output list (at ${places})`,
  };
  const first = objects[0]?.span.start ?? 0;
  const last = objects[objects.length - 1]?.span.end ?? source.text.length;
  const span = { start: first, end: last, complete: true };
  return [collect, ...proseRepairs(source.text, span), ...objects.flatMap((c) => c.repairs)];
}

function extractionRepairs(source: SourceText, chosen: Candidate): Repair[] {
  const repairs: Repair[] = [];
  if (chosen.fenced) {
    repairs.push({
      kind: "extract-fence",
      message: `took the JSON from a fenced code block at ${source.at(chosen.span.start)}`,
    });
  }
  return [...repairs, ...proseRepairs(source.text, chosen.span)];
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

function pickRepair(
  source: SourceText,
  chosen: Candidate,
  others: Candidate[],
  reason: string,
): Repair {
  const ignored = others.map((c) => `${preview(c.value)} at ${source.at(c.span.start)}`);
  return {
    kind: "pick-candidate",
    message:
      `found ${others.length + 1} JSON values; used the one at ${source.at(chosen.span.start)} ` +
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
