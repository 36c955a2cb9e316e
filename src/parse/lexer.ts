/**
 * A tokenizer for the lenient JSON that models write: single, double and smart quotes, comments,
 * bare words (unquoted keys, Python literals). It never fails; it only describes what it sees, so
 * the scanner can find where a candidate ends and the diagnoser can say what needs repairing.
 */

export type TokenType = "punct" | "string" | "comment" | "word";

export interface Token {
  type: TokenType;
  /** Offset of the first character. */
  start: number;
  /** Offset after the last character. */
  end: number;
  /** Whether whitespace separates it from the previous token. */
  spaced: boolean;
  /** The opening quote of a string token. */
  quote?: string;
  /** False for a string or block comment cut off by the end of the text. */
  terminated?: boolean;
  /** A string holding a raw newline or other control character. */
  rawControl?: boolean;
}

const PUNCTUATION = new Set(["{", "}", "[", "]", ":", ","]);
const CLOSING_QUOTES: Record<string, string> = {
  '"': '"',
  "'": "'",
  "\u201c": "\u201d\u201c",
  "\u201d": "\u201d\u201c",
  "\u2018": "\u2019\u2018",
  "\u2019": "\u2019\u2018",
};
const WORD_BREAK = /[\s{}[\]:,"'\u201c\u201d\u2018\u2019]/;

/** Tokens of `text[from, to)`; offsets are into the whole text. */
export function* tokenize(text: string, from = 0, to = text.length): Generator<Token> {
  const bounded = new Bounded(text, to);
  let pos = from;
  while (pos < to) {
    const afterSpace = skipWhitespace(bounded, pos);
    if (afterSpace >= to) return;
    const token = readToken(bounded, afterSpace, afterSpace > pos);
    pos = token.end;
    yield token;
  }
}

function skipWhitespace(text: Bounded, pos: number): number {
  let at = pos;
  while (at < text.length && /\s/.test(text.charAt(at))) at++;
  return at;
}

function readToken(text: Bounded, start: number, spaced: boolean): Token {
  const char = text.charAt(start);
  if (PUNCTUATION.has(char)) return { type: "punct", start, end: start + 1, spaced };
  if (char in CLOSING_QUOTES) return readString(text, start, spaced);
  if (text.startsWith("//", start)) {
    const newline = text.indexOf("\n", start);
    return { type: "comment", start, end: newline < 0 ? text.length : newline, spaced };
  }
  if (text.startsWith("/*", start)) {
    const close = text.indexOf("*/", start + 2);
    const end = close < 0 ? text.length : close + 2;
    return { type: "comment", start, end, spaced, terminated: close >= 0 };
  }
  let end = start + 1;
  while (end < text.length && !WORD_BREAK.test(text.charAt(end))) end++;
  return { type: "word", start, end, spaced };
}

function readString(text: Bounded, start: number, spaced: boolean): Token {
  const quote = text.charAt(start);
  const closers = CLOSING_QUOTES[quote] ?? quote;
  let rawControl = false;
  let pos = start + 1;
  while (pos < text.length) {
    const char = text.charAt(pos);
    if (char === "\\") {
      pos += 2;
      continue;
    }
    if (closers.includes(char)) {
      return { type: "string", start, end: pos + 1, spaced, quote, terminated: true, rawControl };
    }
    if (char.charCodeAt(0) < 0x20) rawControl = true;
    pos++;
  }
  return { type: "string", start, end: text.length, spaced, quote, terminated: false, rawControl };
}

/** A text seen only up to `length`, without copying it (candidates are scanned many times). */
class Bounded {
  constructor(
    private readonly text: string,
    readonly length: number,
  ) {}

  charAt(pos: number): string {
    return pos < this.length ? this.text.charAt(pos) : "";
  }

  startsWith(search: string, pos: number): boolean {
    return pos + search.length <= this.length && this.text.startsWith(search, pos);
  }

  indexOf(search: string, pos: number): number {
    const found = this.text.indexOf(search, pos);
    return found + search.length <= this.length ? found : -1;
  }
}

/** A word that is JSON as it stands: a number, `true`, `false` or `null`. */
export const JSON_WORD = /^(true|false|null|-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?)$/;

/** The word a token spells (`None`, `name`, `12`). */
export function tokenText(text: string, token: Token): string {
  return text.slice(token.start, token.end);
}
