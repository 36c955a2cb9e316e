import { jsonrepair } from "jsonrepair";
import { errorMessage } from "../errors.js";
import { lineColumn } from "../show.js";
import { type Diagnosis, describeIssues, diagnose } from "./diagnose.js";
import type { Span } from "./scan.js";
import type { Repair } from "./types.js";

/** One JSON value found in the text, parsed (and repaired if it had to be). */
export interface Candidate {
  span: Span;
  value: unknown;
  /** Syntax repairs only; extraction repairs are added for the chosen candidate. */
  repairs: Repair[];
  complete: boolean;
  fenced: boolean;
  /** Found inside a larger span that was itself unusable or truncated. */
  nested: boolean;
}

export type CandidateResult = { ok: true; candidate: Candidate } | { ok: false; error: string };

/**
 * Parses the text of one span. Valid JSON goes through `JSON.parse` untouched; anything else
 * through jsonrepair, which only ever sees the span, never the prose around it.
 */
export function parseCandidate(
  source: string,
  span: Span,
  place: { fenced: boolean; nested: boolean },
): CandidateResult {
  const text = source.slice(span.start, span.end);
  const strict = tryJsonParse(text);
  if (strict.ok) {
    return {
      ok: true,
      candidate: { span, value: strict.value, repairs: [], complete: true, ...place },
    };
  }
  const diagnosis = diagnose(text);
  const body = deleteStrayCommas(text.slice(0, diagnosis.cutAt), diagnosis.strayCommas);
  let value: unknown;
  try {
    value = JSON.parse(jsonrepair(body));
  } catch (error) {
    const reason = errorMessage(error);
    return { ok: false, error: `at ${lineColumn(source, span.start)}: ${reason}` };
  }
  const repairs = describeIssues(diagnosis.issues, source, span.start);
  if (diagnosis.truncated) repairs.push(truncationRepair(diagnosis, source, span));
  if (repairs.length === 0) {
    repairs.push({
      kind: "fix-syntax",
      message: `repaired invalid JSON at ${lineColumn(source, span.start)} (${strict.reason})`,
    });
  }
  const complete = !diagnosis.truncated;
  return { ok: true, candidate: { span, value, repairs, complete, ...place } };
}

function deleteStrayCommas(text: string, offsets: number[]): string {
  let result = text;
  for (const offset of [...offsets].sort((a, b) => b - a)) {
    if (offset < result.length) result = result.slice(0, offset) + result.slice(offset + 1);
  }
  return result;
}

function tryJsonParse(text: string): { ok: true; value: unknown } | { ok: false; reason: string } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, reason: errorMessage(error) };
  }
}

function truncationRepair(diagnosis: Diagnosis, source: string, span: Span): Repair {
  const done: string[] = [];
  if (diagnosis.unterminatedString && diagnosis.cutAt === undefined)
    done.push("closed an unterminated string");
  if (diagnosis.cutAt !== undefined) {
    const what =
      diagnosis.droppedKey === undefined
        ? "a dangling comma"
        : `the incomplete key "${diagnosis.droppedKey}"`;
    done.push(`dropped ${what}`);
  }
  const open = diagnosis.openBrackets.length;
  if (open > 0) done.push(`closed ${open} open bracket${open > 1 ? "s" : ""}`);
  return {
    kind: "close-truncated",
    message: `the JSON is cut off at ${lineColumn(source, span.end)}: ${done.join(", ")}`,
  };
}
