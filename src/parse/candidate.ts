import { jsonrepair } from "jsonrepair";
import { errorMessage } from "../errors.js";
import { offsetBeforeQuoting, quoteInexactIntegers } from "./big-integers.js";
import { applyCommaEdits } from "./comma-edits.js";
import { nestsTooDeep, TOO_DEEP } from "./depth.js";
import { type Diagnosis, describeIssues, diagnose } from "./diagnose.js";
import type { Span } from "./scan.js";
import type { SourceText } from "./source.js";
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
 * jsonrepair's time grows with a string's length times the unescaped quotes inside it (it re-reads
 * the string at each one): 200 000 characters of prose full of apostrophes take seconds, 5 MB
 * would take hours. One parse may spend this much of `characters × (1 + inner quotes)` across
 * all its candidates (about half a second at worst); past it a candidate is reported unrepairable.
 */
const MAX_REPAIR_WORK = 1e9;

/** The repair work one parse has left; shared by all its candidates. */
export class RepairBudget {
  #left = MAX_REPAIR_WORK;

  /** Takes `work` from the budget, or returns false (taking nothing) when it does not fit. */
  spend(work: number): boolean {
    if (work > this.#left) return false;
    this.#left -= work;
    return true;
  }
}

/**
 * Parses the text of one span. Valid JSON goes through `JSON.parse` untouched; anything else
 * through jsonrepair, which only ever sees the span, never the prose around it.
 */
export function parseCandidate(
  source: SourceText,
  span: Span,
  place: { fenced: boolean; nested: boolean },
  budget: RepairBudget,
): CandidateResult {
  const quoted = quoteInexactIntegers(source.text.slice(span.start, span.end), source, span.start);
  const { text } = quoted;
  const strict = tryJsonParse(text);
  const failure = (reason: string): CandidateResult => ({
    ok: false,
    error: `at ${source.at(span.start)}: ${reason}`,
  });
  if (strict.ok) {
    if (nestsTooDeep(strict.value)) return failure(TOO_DEEP);
    return {
      ok: true,
      candidate: { span, value: strict.value, repairs: quoted.repairs, complete: true, ...place },
    };
  }
  const diagnosis = diagnose(text);
  const innerQuotes = diagnosis.issues.filter((issue) => issue.kind === "inner-quote").length;
  if (!budget.spend(text.length * (1 + innerQuotes))) {
    return failure(
      `too costly to repair (${text.length} characters with ${innerQuotes} unescaped quotes)`,
    );
  }
  const body = applyCommaEdits(text.slice(0, diagnosis.cutAt), diagnosis.commaEdits);
  const repaired = tryRepair(escapeControlCharacters(body));
  if (!repaired.ok) return failure(repaired.reason);
  if (nestsTooDeep(repaired.value)) return failure(TOO_DEEP);
  const { value } = repaired;
  const issues = diagnosis.issues.map((issue) =>
    quoted.offsets.length === 0
      ? issue
      : { ...issue, offset: offsetBeforeQuoting(quoted, issue.offset) },
  );
  const repairs = [...quoted.repairs, ...describeIssues(issues, source, span.start)];
  if (diagnosis.truncated) repairs.push(truncationRepair(diagnosis, source, span));
  if (repairs.length === 0) {
    repairs.push({
      kind: "fix-syntax",
      message: `repaired invalid JSON at ${source.at(span.start)} (${strict.reason})`,
    });
  }
  const complete = !diagnosis.truncated;
  return { ok: true, candidate: { span, value, repairs, complete, ...place } };
}

type Parsed = { ok: true; value: unknown } | { ok: false; reason: string };

/** `JSON.parse` as a result, never a throw. */
export function tryJsonParse(text: string): Parsed {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, reason: errorMessage(error) };
  }
}

function tryRepair(text: string): Parsed {
  try {
    return { ok: true, value: JSON.parse(jsonrepair(text)) };
  } catch (error) {
    // jsonrepair recurses once per bracket: 100 000 of them overflow the stack.
    const reason = error instanceof RangeError ? TOO_DEEP : errorMessage(error);
    return { ok: false, reason };
  }
}

/**
 * Raw control characters other than tab, newline and carriage return as `\u00XX` escapes:
 * jsonrepair escapes those three inside strings but rejects the rest (a NUL byte in a string).
 * Outside strings they are invalid either way.
 */
function escapeControlCharacters(text: string): string {
  return text.replace(
    // biome-ignore lint/suspicious/noControlCharactersInRegex: these are what it escapes
    /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

function truncationRepair(diagnosis: Diagnosis, source: SourceText, span: Span): Repair {
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
    message: `the JSON is cut off at ${source.at(span.end)}: ${done.join(", ")}`,
  };
}
