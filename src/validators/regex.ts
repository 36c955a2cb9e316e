import { textOnly } from "./common.js";
import { generateMatch } from "./regex/generate.js";
import { RegexTranslationError, translatePythonRegex } from "./regex/python.js";
import { runWithin, TimeLimitExceeded } from "./time-limit.js";
import type { ValidatorDefinition } from "./types.js";
import { fail, pass } from "./types.js";

type RegexArgs = { regex: string; match_type: string; timeout_ms: number };

/** Default time one match may take before it counts as catastrophic backtracking. */
// Generous for any sane pattern on one field (matches take microseconds), short enough that a
// catastrophic one cannot stall the process; the margin absorbs GC pauses on a busy machine.
const DEFAULT_MATCH_TIMEOUT_MS = 250;

// The pattern comes from the spec and the text from the model: a pattern such as `(a+)+$` on
// "aaaa…!" backtracks for ages; `runWithin` stops it.
const testWithin = (regex: RegExp, text: string, timeoutMs: number): boolean =>
  runWithin(() => regex.test(text), timeoutMs);

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

/** An example the pattern accepts, generated from the pattern and checked against it. */
function exampleFor(pattern: string, regex: RegExp, timeoutMs: number): string | undefined {
  const { source } = translatePythonRegex(pattern);
  try {
    return generateMatch(source, (candidate) => testWithin(regex, candidate, timeoutMs));
  } catch (error) {
    if (error instanceof TimeLimitExceeded) return undefined;
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
    },
  ],
  description: "The value matches a Python-syntax regular expression.",
  docs: {
    check:
      "`re.fullmatch` (default) or `re.search` with Python syntax: `(?P<name>…)`, leading `(?imsx)` flags, `\\A`/`\\Z`; a match slower than `timeout_ms` (default 250, catastrophic backtracking) fails instead of blocking",
    fix: "a string generated from the pattern (literals, classes, quantifiers, groups, alternation) and verified to match; none for lookarounds and backreferences",
    advice:
      "`reask` in most cases: the generated example is only a placeholder; `fix` when any matching value will do",
  },
  toPrompt: (args) => `results should match ${args.regex}`,
  validate: textOnly((text, { args }) => {
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
    try {
      if (testWithin(regex, text, args.timeout_ms)) return pass();
    } catch (error) {
      if (!(error instanceof TimeLimitExceeded)) throw error;
      return fail(
        `the pattern ${args.regex} did not finish matching within ${args.timeout_ms} ms (timeout_ms): it backtracks catastrophically on this value`,
      );
    }
    const how = args.match_type === "fullmatch" ? "must match" : "must contain a match for";
    return fail(
      `${how} the pattern ${args.regex}, got ${JSON.stringify(text)}`,
      exampleFor(args.regex, regex, args.timeout_ms),
    );
  }),
};

export const regexValidators: ValidatorDefinition[] = [regexMatch];
