import { tokenize } from "./lexer.js";
import type { SourceText } from "./source.js";
import type { Repair } from "./types.js";

/**
 * Integers a JavaScript number cannot hold: `JSON.parse` reads `9007199254740993` as
 * 9007199254740992 without a word. Before parsing, each such literal is put in quotes, so its
 * digits reach the spec as text: a string field keeps them, an integer field fails with a reason
 * (see `coerce.ts`), and the change is recorded as a `keep-digits` repair.
 */

/** 2^53 has 16 digits: shorter integers are always exact. */
const LONG_DIGITS = /-?\d{16,}/g;
const INTEGER = /^-?\d+$/;

/**
 * Whether some run of digits in `text` is an inexact integer. Almost no text has one; only one
 * that has is tokenized, to find which runs are integer literals outside strings.
 */
export function mayHoldInexactIntegers(text: string): boolean {
  for (const [digits] of text.matchAll(LONG_DIGITS)) {
    if (inexactInteger(digits) !== undefined) return true;
  }
  return false;
}

/**
 * The number `digits` becomes, when it is neither that integer nor written back as those digits.
 * `40185888240377530` is held as 40185888240377528, but prints (and serialises) as the digits
 * the model wrote, as any double does; `9007199254740993` becomes 9007199254740992 in both.
 */
export function inexactInteger(digits: string): number | undefined {
  if (!INTEGER.test(digits)) return undefined;
  const number = Number(digits);
  if (Number.isSafeInteger(number)) return undefined;
  if (!Number.isFinite(number)) return number;
  if (String(number) === digits.replace(/^(-?)0+(?=\d)/, "$1")) return undefined;
  return BigInt(digits) === BigInt(number) ? undefined : number;
}

export interface QuotedIntegers {
  text: string;
  /** Offsets of the literals quoted, ascending, in the text as given. */
  offsets: number[];
  repairs: Repair[];
}

/**
 * `text` with each inexact integer literal outside strings quoted. `base` is the text's offset in
 * `source`, for the positions the repairs name.
 */
export function quoteInexactIntegers(text: string, source: SourceText, base = 0): QuotedIntegers {
  const none: QuotedIntegers = { text, offsets: [], repairs: [] };
  if (!mayHoldInexactIntegers(text)) return none;
  const parts: string[] = [];
  const offsets: number[] = [];
  const repairs: Repair[] = [];
  let from = 0;
  for (const token of tokenize(text)) {
    if (token.type !== "word") continue;
    const digits = text.slice(token.start, token.end);
    const number = inexactInteger(digits);
    if (number === undefined) continue;
    parts.push(text.slice(from, token.start), `"${digits}"`);
    from = token.end;
    offsets.push(token.start);
    repairs.push({
      kind: "keep-digits",
      message: `kept the digits of ${digits} as text at ${source.at(base + token.start)}: as a number it would become ${number}`,
    });
  }
  if (offsets.length === 0) return none;
  parts.push(text.slice(from));
  return { text: parts.join(""), offsets, repairs };
}

/**
 * An offset in the quoted text mapped back to the text as given: the literal quoted `k`-th
 * (0-based) moved by two quotes for each one before it.
 */
export function offsetBeforeQuoting(quoted: QuotedIntegers, offset: number): number {
  const { offsets } = quoted;
  let low = 0;
  let high = offsets.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((offsets[middle] ?? 0) + 2 * middle < offset) low = middle + 1;
    else high = middle;
  }
  return offset - 2 * low;
}
