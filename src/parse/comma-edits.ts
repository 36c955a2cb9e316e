import { JSON_WORD, type Token, tokenText } from "./lexer.js";

/**
 * Comma repairs made before jsonrepair runs. jsonrepair repairs each trailing or missing comma by
 * copying all the output it has written so far (`stripLastOccurrence`, `insertBeforeLastWhitespace`),
 * which is quadratic on a long list: 500 KB of them took 18 s. The diagnoser has found them
 * already; where jsonrepair would make the same edit, it is made here, in one pass.
 */

/** A comma to delete, or to insert before the character at `offset`. */
export interface CommaEdit {
  offset: number;
  insert: boolean;
}

/** The text with `edits` made (in text order, as the diagnoser finds them). */
export function applyCommaEdits(text: string, edits: readonly CommaEdit[]): string {
  const kept: string[] = [];
  let from = 0;
  for (const { offset, insert } of edits) {
    if (offset >= text.length) break;
    kept.push(text.slice(from, offset));
    if (insert) kept.push(",");
    from = insert ? offset : offset + 1;
  }
  kept.push(text.slice(from));
  return kept.join("");
}

/**
 * Whether jsonrepair, reading `previous` and then `next`, would insert a comma between them just
 * as the diagnoser does, so the comma can be inserted before it runs. Where it might read the text
 * otherwise, the comma is left to it.
 *
 * jsonrepair ends a string at a quote only when what follows, past spaces, is a newline, a
 * delimiter, a digit, or another string that does not open with a delimiter; otherwise it takes
 * the quote for one inside the string (`"a" null` becomes `"a\" null"`). Numbers and literals end
 * at whitespace. Both sides here are complete values the walker and jsonrepair read alike.
 */
export function jsonrepairInsertsComma(text: string, previous: Token, next: Token): boolean {
  const gap = text.slice(previous.end, next.start);
  if (!/^[ \t\r\n]*$/.test(gap) || !startsPlainValue(text, next)) return false;
  if (previous.type === "word") return JSON_WORD.test(tokenText(text, previous));
  if (previous.type === "punct") return "}]".includes(text.charAt(previous.start));
  if (previous.type !== "string" || previous.terminated !== true) return false;
  if (gap.includes("\n") || next.type === "punct") return true;
  if (next.type === "word") return /^\d/.test(tokenText(text, next));
  return /^[\p{L}\p{N}]/u.test(text.charAt(next.start + 1));
}

/** A terminated string, a JSON number or literal, or an opening bracket. */
function startsPlainValue(text: string, token: Token): boolean {
  if (token.type === "string") return token.terminated === true;
  if (token.type === "word") return JSON_WORD.test(tokenText(text, token));
  return token.type === "punct" && "{[".includes(text.charAt(token.start));
}
