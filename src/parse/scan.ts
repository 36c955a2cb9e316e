import { type Bracket, BracketStack } from "./bracket-stack.js";
import { tokenize } from "./lexer.js";

/** A stretch of text that looks like one JSON object or array. */
export interface Span {
  start: number;
  end: number;
  /** False when the text ends before its brackets close (a truncated output). */
  complete: boolean;
}

const MATCHING: Record<string, Bracket> = { "}": "{", "]": "[" };
const isOpener = (char: string): char is Bracket => char === "{" || char === "[";

/**
 * Every outermost bracketed stretch in `text[from, to)`, in order. Only the inside of a
 * candidate is tokenized, so apostrophes and stray quotes in prose never confuse it.
 */
export function findSpans(text: string, from = 0, to = text.length): Span[] {
  const spans: Span[] = [];
  let pos = from;
  while (pos < to) {
    const start = nextOpener(text, pos, to);
    if (start < 0) break;
    const span = spanFrom(text, start, to);
    spans.push(span);
    pos = span.end;
  }
  return spans;
}

function nextOpener(text: string, from: number, to: number): number {
  for (let pos = from; pos < to; pos++) {
    if (isOpener(text.charAt(pos))) return pos;
  }
  return -1;
}

/** Where the bracket at `start` closes, skipping strings and comments. */
function spanFrom(text: string, start: number, to: number): Span {
  const stack = new BracketStack<{ bracket: Bracket }>();
  for (const token of tokenize(text, start, to)) {
    if (token.type !== "punct") continue;
    const char = text.charAt(token.start);
    if (isOpener(char)) stack.push({ bracket: char });
    const opener = MATCHING[char];
    if (opener === undefined) continue;
    const depth = stack.innermost(opener);
    if (depth >= 0) stack.closeTo(depth);
    if (stack.length === 0) return { start, end: token.end, complete: true };
  }
  let end = to;
  while (end > start && /\s/.test(text.charAt(end - 1))) end--;
  return { start, end, complete: false };
}
