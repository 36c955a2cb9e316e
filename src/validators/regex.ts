import type { ValidatorDefinition, Verdict } from "../contract/types.js";
import { fail, pass } from "../contract/types.js";
import { CALL_WORK_BUDGET_MS, WorkBudget } from "../contract/work-budget.js";
import { timeLimitProblem } from "../durations.js";
import { errorMessage } from "../errors.js";
import { textOnly } from "./common.js";
import { generateMatch } from "./regex/generate.js";
import { RegexTranslationError, translatePythonRegex } from "./regex/python.js";
import { runWithin, TimeLimitExceeded } from "./time-limit.js";

type RegexArgs = { regex: string; match_type: string; timeout_ms: number };

/** Default time one match may take before it counts as catastrophic backtracking. */
// Generous for any sane pattern on one field (matches take microseconds), short enough that a
// catastrophic one cannot stall the process; the margin absorbs GC pauses on a busy machine.
const DEFAULT_MATCH_TIMEOUT_MS = 250;

/** Why a match was stopped or not started; the value is then not checked. */
type Unfinished =
  | { kind: "timeout" }
  | { kind: "budget"; ranMs: number }
  | { kind: "no-budget" }
  | { kind: "aborted"; reason: string };

/**
 * How long the next match may run: its own `timeout_ms`, cut to what the call's budget has left.
 * Whole milliseconds, as `vm` takes them (the budget counts in whole ones).
 */
function matchLimit(timeoutMs: number, budget: WorkBudget): { ms: number; cut: boolean } {
  const left = budget.remainingMs;
  return left < timeoutMs ? { ms: left, cut: true } : { ms: timeoutMs, cut: false };
}

// The pattern comes from the spec and the text from the model: a pattern such as `(a+)+$` on
// "aaaa…!" backtracks for ages; `runWithin` stops it, at its own limit or when the call's budget
// for such work runs out, whichever comes first.
function testWithin(
  regex: RegExp,
  text: string,
  timeoutMs: number,
  budget: WorkBudget,
): boolean | Unfinished {
  const limit = matchLimit(timeoutMs, budget);
  if (limit.ms < 1) return { kind: "no-budget" };
  try {
    return budget.charge(() => runWithin(() => regex.test(text), limit.ms));
  } catch (error) {
    if (!(error instanceof TimeLimitExceeded)) throw error;
    return limit.cut ? { kind: "budget", ranMs: limit.ms } : { kind: "timeout" };
  }
}

function notChecked(
  pattern: string,
  why: Unfinished,
  timeoutMs: number,
  budget: WorkBudget,
): Verdict {
  const budgetText = `the call's ${budget.totalMs} ms budget for regex matching`;
  const reason =
    why.kind === "timeout"
      ? `was not run to completion: it did not finish within ${timeoutMs} ms (timeout_ms), backtracking catastrophically on this value`
      : why.kind === "budget"
        ? `was not run to completion: ${budgetText} ran out after ${why.ranMs} ms of this match`
        : why.kind === "no-budget"
          ? `was not run: ${budgetText} was used up by earlier matches`
          : `was not run: ${why.reason}`;
  return fail(`the pattern ${pattern} ${reason}; the value was not checked`);
}

const MATCH_TYPES = ["fullmatch", "search"] as const;

/** Compiles a Python pattern; a pattern JS cannot run is reported as a reason, not thrown. */
function compile(pattern: string, matchType: string): RegExp | string {
  try {
    const { source, flags } = translatePythonRegex(pattern);
    // Compiled alone first: wrapped, an unclosed `[a-z` or `a)|(b` would swallow or split the
    // anchors and compile to a pattern that accepts far more than Python's `re` would.
    const bare = new RegExp(source, flags);
    if (matchType !== "fullmatch") return bare;
    // Anchors that hold whatever the flags, so alternation backtracks to the whole input.
    return new RegExp(`(?<![\\s\\S])(?:${source})(?![\\s\\S])`, flags);
  } catch (error) {
    if (RegexTranslationError.isInstance(error)) return error.message;
    const reason =
      error instanceof Error ? error.message.replace(/^Invalid regular expression: /, "") : error;
    return `the pattern ${JSON.stringify(pattern)} is not a valid regular expression: ${reason}`;
  }
}

/** Thrown inside example generation when a candidate's check could not finish. */
class CheckUnfinished extends Error {}

/**
 * An example the pattern accepts, generated from the pattern and checked against it; none when
 * a check of a candidate cannot finish within the limits.
 */
function exampleFor(
  pattern: string,
  regex: RegExp,
  timeoutMs: number,
  budget: WorkBudget,
): string | undefined {
  const { source } = translatePythonRegex(pattern);
  try {
    return generateMatch(source, (candidate) => {
      const matched = testWithin(regex, candidate, timeoutMs, budget);
      if (typeof matched !== "boolean") throw new CheckUnfinished();
      return matched;
    });
  } catch (error) {
    if (error instanceof CheckUnfinished) return undefined;
    throw error;
  }
}

export const regexMatch: ValidatorDefinition<RegexArgs> = {
  name: "regex_match",
  types: ["string", "email", "url", "pythoncode", "sql", "percentage"],
  args: [
    { name: "regex", type: "string", description: "Python `re` pattern." },
    {
      name: "match_type",
      type: "string",
      optional: true,
      default: "fullmatch",
      description: "`fullmatch` (the whole value) or `search` (anywhere in it).",
    },
    {
      name: "timeout_ms",
      type: "integer",
      optional: true,
      default: DEFAULT_MATCH_TIMEOUT_MS,
      description: "Time one match may take; a slower one (catastrophic backtracking) fails.",
      check: timeLimitProblem,
    },
  ],
  description: "The value matches a Python-syntax regular expression.",
  docs: {
    check:
      "`re.fullmatch` (default) or `re.search` with Python syntax: `(?P<name>…)`, leading `(?imsx)` flags, `\\A`/`\\Z`; a match stopped at `timeout_ms` (default 250, catastrophic backtracking) or by the end of the guard call's 1 s budget for all its regex matching, or not started once that is used up, fails as not checked instead of blocking",
    fix: "a string generated from the pattern (literals, classes, quantifiers, groups, alternation) and verified to match; none for lookarounds and backreferences",
    advice:
      "`reask` in most cases: the generated example is only a placeholder; `fix` when any matching value will do",
  },
  toPrompt: (args) => `results should match ${args.regex}`,
  validate: textOnly((text, { args, signal, budget: callBudget }) => {
    if (!(MATCH_TYPES as readonly string[]).includes(args.match_type)) {
      return fail(
        `match_type must be "fullmatch" or "search", got ${JSON.stringify(args.match_type)}`,
      );
    }
    if (!(Number.isInteger(args.timeout_ms) && args.timeout_ms > 0)) {
      return fail(
        `timeout_ms must be a positive whole number of milliseconds, got ${args.timeout_ms}`,
      );
    }
    const regex = compile(args.regex, args.match_type);
    if (typeof regex === "string") return fail(regex);
    // Run alone (not by a guard), the check gets a budget of its own.
    const budget = callBudget ?? new WorkBudget(CALL_WORK_BUDGET_MS);
    const matched = signal?.aborted
      ? { kind: "aborted" as const, reason: errorMessage(signal.reason ?? "aborted") }
      : testWithin(regex, text, args.timeout_ms, budget);
    if (matched === true) return pass();
    if (matched !== false) return notChecked(args.regex, matched, args.timeout_ms, budget);
    const how = args.match_type === "fullmatch" ? "must match" : "must contain a match for";
    return fail(
      `${how} the pattern ${args.regex}, got ${JSON.stringify(text)}`,
      exampleFor(args.regex, regex, args.timeout_ms, budget),
    );
  }),
};

export const regexValidators: ValidatorDefinition[] = [regexMatch];
