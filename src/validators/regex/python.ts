import { RailguardError } from "../../errors.js";

/** A Python pattern railguard cannot express as a JavaScript RegExp. */
export class RegexTranslationError extends RailguardError {
  constructor(pattern: string, reason: string) {
    super("regex-translation", `the pattern ${JSON.stringify(pattern)} ${reason}`);
  }
}

export interface TranslatedRegex {
  source: string;
  flags: string;
}

/** Python's global flags: i/m/s have JS twins; a/u/L only change Unicode handling; x is done here. */
const JS_FLAGS: Record<string, string> = { i: "i", m: "m", s: "s", a: "", u: "", L: "", x: "" };

const LEADING_FLAGS = /^\(\?([a-zA-Z]+)\)/;

/** Strips `(?imsx)` groups from the start of the pattern and returns the flag letters. */
function takeLeadingFlags(pattern: string): { rest: string; letters: string } {
  let rest = pattern;
  let letters = "";
  for (let match = LEADING_FLAGS.exec(rest); match; match = LEADING_FLAGS.exec(rest)) {
    letters += match[1];
    rest = rest.slice(match[0].length);
  }
  for (const letter of letters) {
    if (!(letter in JS_FLAGS))
      throw new RegexTranslationError(pattern, `has an unknown flag "${letter}"`);
  }
  return { rest, letters };
}

/** Python-only group syntax at `(?`, rewritten; undefined when the group is JS-compatible. */
function translateGroupOpening(
  pattern: string,
  rest: string,
): { text: string; length: number } | undefined {
  const named = /^\(\?P<([A-Za-z_]\w*)>/.exec(rest);
  if (named) return { text: `(?<${named[1]}>`, length: named[0].length };
  const backref = /^\(\?P=([A-Za-z_]\w*)\)/.exec(rest);
  if (backref) return { text: `\\k<${backref[1]}>`, length: backref[0].length };
  const comment = /^\(\?#[^)]*\)/.exec(rest);
  if (comment) return { text: "", length: comment[0].length };
  if (/^\(\?[aiLmsux-]+[:)]/.test(rest)) {
    throw new RegexTranslationError(pattern, "uses inline flags that are not at the start");
  }
  return undefined;
}

/**
 * Translates Python `re` syntax to a JavaScript RegExp source: `(?P<n>…)`, `(?P=n)`, leading
 * `(?imsx)` flags, `\A`/`\Z`, verbose mode, and a `]` right after `[` being literal.
 */
export function translatePythonRegex(pattern: string): TranslatedRegex {
  const { rest, letters } = takeLeadingFlags(pattern);
  const verbose = letters.includes("x");
  const multiline = letters.includes("m");
  // Without the m flag JS `^`/`$` already mean start/end of input; with it they mean lines.
  const startAnchor = multiline ? "(?<![\\s\\S])" : "^";
  const endAnchor = multiline ? "(?![\\s\\S])" : "$";
  let source = "";
  let inClass = false;
  for (let i = 0; i < rest.length; i++) {
    const char = rest[i] as string;
    if (char === "\\") {
      const next = rest[i + 1] ?? "";
      if (!inClass && next === "A") source += startAnchor;
      else if (!inClass && (next === "Z" || next === "z")) source += endAnchor;
      else source += char + next;
      i++;
    } else if (inClass) {
      if (char === "]") inClass = false;
      source += char;
    } else if (char === "[") {
      inClass = true;
      const negated = rest[i + 1] === "^";
      source += negated ? "[^" : "[";
      if (negated) i++;
      if (rest[i + 1] === "]") {
        source += "\\]";
        i++;
      }
    } else if (char === "(" && rest[i + 1] === "?") {
      const group = translateGroupOpening(pattern, rest.slice(i));
      source += group ? group.text : char;
      if (group) i += group.length - 1;
    } else if (verbose && /\s/.test(char)) {
      // Verbose mode ignores unescaped whitespace outside classes.
    } else if (verbose && char === "#") {
      while (i + 1 < rest.length && rest[i + 1] !== "\n") i++;
    } else {
      source += char;
    }
  }
  const flags = [...letters].map((letter) => JS_FLAGS[letter]).join("");
  return { source, flags: [...new Set(flags)].join("") };
}
