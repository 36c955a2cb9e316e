import { splitSentences } from "./sentences.js";

// A word is a whitespace-separated token with at least one letter or digit ("—" is not a word).
const isWord = (token: string): boolean => /[\p{L}\p{N}]/u.test(token);
const tokens = (text: string): string[] => text.split(/\s+/).filter(isWord);

/** Words a reader reads. */
export function countWords(text: string): number {
  return tokens(text).length;
}

/** Minutes needed to read `text` at `wordsPerMinute`. */
export function readingMinutes(text: string, wordsPerMinute: number): number {
  return countWords(text) / wordsPerMinute;
}

/**
 * The longest run of leading whole sentences within `maxWords`; when even the first sentence is
 * longer, its first `maxWords` words (a cut sentence beats an empty summary).
 */
export function fitWordBudget(text: string, maxWords: number): string {
  const kept: string[] = [];
  let used = 0;
  for (const sentence of splitSentences(text)) {
    used += countWords(sentence);
    if (used > maxWords) break;
    kept.push(sentence);
  }
  if (kept.length > 0) return kept.join(" ");
  return text.split(/\s+/).filter(Boolean).slice(0, Math.max(0, maxWords)).join(" ");
}
