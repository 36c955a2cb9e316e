import { STOP_WORDS } from "./stop-words.js";

// Letters and digits, with inner apostrophes kept so "don't" stays one word.
const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu;

/** Lower-case word tokens, apostrophes normalised to `'`. */
export function words(text: string): string[] {
  return (text.toLowerCase().match(WORD) ?? []).map((word) => word.replace("’", "'"));
}

/**
 * Light suffix stripping so "models"/"model" and "validates"/"validated" meet. Deliberately crude:
 * it only has to be consistent on both sides of a comparison.
 */
export function stem(word: string): string {
  if (word.length <= 4) return word;
  if (word.endsWith("ies")) return `${word.slice(0, -3)}y`;
  for (const suffix of ["ing", "ed", "es", "s"]) {
    if (word.endsWith(suffix) && !word.endsWith("ss") && word.length - suffix.length >= 4) {
      return word.slice(0, -suffix.length);
    }
  }
  return word;
}

/** Stemmed words without stop-words: the terms lexical similarity and topics are built from. */
export function contentWords(text: string): string[] {
  return words(text)
    .filter((word) => !STOP_WORDS.has(word))
    .map(stem);
}
