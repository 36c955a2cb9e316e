/**
 * Numbers and booleans written as text, read the way Guardrails' Python constructors read them
 * (`int(" 3 ")`, `float("2.5e3")`): surrounding whitespace allowed, nothing else. Shared by the
 * output's zod coercions and validator-argument resolution, so `"10"` means 10 in both.
 */

const INTEGER_TEXT = /^\s*[-+]?\d+\s*$/;
const NUMBER_TEXT = /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/;
const BOOLEAN_TEXT = /^\s*(true|false)\s*$/i;

/** The integer a text spells, else undefined. */
export const integerFromText = (text: string): number | undefined =>
  INTEGER_TEXT.test(text) ? Number(text) : undefined;

/** The number a text spells, else undefined. */
export const numberFromText = (text: string): number | undefined =>
  NUMBER_TEXT.test(text) ? Number(text) : undefined;

/** `true`/`false` in any case, else undefined. */
export const booleanFromText = (text: string): boolean | undefined =>
  BOOLEAN_TEXT.test(text) ? text.trim().toLowerCase() === "true" : undefined;
