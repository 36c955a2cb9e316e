import { textOnly } from "./common.js";
import { generateMatch } from "./regex/generate.js";
import { RegexTranslationError, translatePythonRegex } from "./regex/python.js";
import type { ValidatorDefinition } from "./types.js";
import { fail, pass } from "./types.js";

type RegexArgs = { regex: string; match_type: string };

const MATCH_TYPES = ["fullmatch", "search"] as const;

/** Compiles a Python pattern; a pattern JS cannot run is reported as a reason, not thrown. */
function compile(pattern: string, matchType: string): RegExp | string {
  try {
    const { source, flags } = translatePythonRegex(pattern);
    // Anchors that hold whatever the flags, so alternation backtracks to the whole input.
    const anchored = matchType === "fullmatch" ? `(?<![\\s\\S])(?:${source})(?![\\s\\S])` : source;
    return new RegExp(anchored, flags);
  } catch (error) {
    if (error instanceof RegexTranslationError) return error.message;
    const reason =
      error instanceof Error ? error.message.replace(/^Invalid regular expression: /, "") : error;
    return `the pattern ${JSON.stringify(pattern)} is not a valid regular expression: ${reason}`;
  }
}

/** An example the pattern accepts, generated from the pattern and checked against it. */
function exampleFor(pattern: string, regex: RegExp): string | undefined {
  return generateMatch(translatePythonRegex(pattern).source, (candidate) => regex.test(candidate));
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
  ],
  description: "The value matches a Python-syntax regular expression.",
  docs: {
    check:
      "`re.fullmatch` (default) or `re.search` with Python syntax: `(?P<name>…)`, leading `(?imsx)` flags, `\\A`/`\\Z`",
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
    const regex = compile(args.regex, args.match_type);
    if (typeof regex === "string") return fail(regex);
    if (regex.test(text)) return pass();
    const how = args.match_type === "fullmatch" ? "must match" : "must contain a match for";
    return fail(
      `${how} the pattern ${args.regex}, got ${JSON.stringify(text)}`,
      exampleFor(args.regex, regex),
    );
  }),
};

export const regexValidators: ValidatorDefinition[] = [regexMatch];
