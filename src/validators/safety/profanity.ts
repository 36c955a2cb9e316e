import type { RegExpMatcher } from "obscenity";
import type { ValidatorDefinition } from "../../contract/types.js";
import { fail, pass } from "../../contract/types.js";
import { LazyModule } from "../../lazy-module.js";
import { textOnly } from "../common.js";
import { mergeOverlaps, replaceSpans, type Span } from "./spans.js";

// Loaded by the first profanity check, not when railguard is imported (it cost as much as zod).
const obscenity = new LazyModule(() => import("obscenity"));
let matcher: RegExpMatcher | undefined;

/** Built on first use: compiling the dataset is the costly part. */
function profanityMatcher(module: typeof import("obscenity")): RegExpMatcher {
  const { englishDataset, englishRecommendedTransformers, RegExpMatcher } = module;
  matcher ??= new RegExpMatcher({ ...englishDataset.build(), ...englishRecommendedTransformers });
  return matcher;
}

/** Finds the profane words of a text. */
export type ProfanityFinder = (text: string) => Span[];

const WORD_CHARACTER = /[\p{L}\p{N}]/u;

/** Widens a match to its whole word, so "fucking" is masked entirely, not as "****ing". */
function wholeWord(text: string, start: number, end: number): Span {
  let from = start;
  let to = end;
  while (from > 0 && WORD_CHARACTER.test(text[from - 1] as string)) from--;
  while (to < text.length && WORD_CHARACTER.test(text[to] as string)) to++;
  return { start: from, end: to, label: "profanity" };
}

/** Profane words (obscenity's English dataset, with its leetspeak and repetition transformers). */
const finderOf =
  (matcher: RegExpMatcher): ProfanityFinder =>
  (text) =>
    mergeOverlaps(
      matcher
        .getAllMatches(text, true)
        .map((match) => wholeWord(text, match.startIndex, match.endIndex + 1)),
    );

/**
 * Runs `check` with a profanity finder: synchronously once obscenity is loaded, after loading it
 * on the first use.
 */
export function withProfanity<T>(check: (find: ProfanityFinder) => T): T | Promise<T> {
  const loaded = obscenity.loaded;
  if (loaded) return check(finderOf(profanityMatcher(loaded)));
  return obscenity.load().then((module) => check(finderOf(profanityMatcher(module))));
}

/** The profane words of a text. */
export const findProfanity = (text: string): Span[] | Promise<Span[]> =>
  withProfanity((find) => find(text));

/** "f******": enough to locate the word without repeating it. */
const hint = (word: string): string =>
  `${word.slice(0, 1)}${"*".repeat(Math.max(word.length - 1, 0))}`;

const maskWord = (_span: Span, word: string): string => "*".repeat(word.length);

export const isProfanityFree: ValidatorDefinition = {
  name: "is-profanity-free",
  types: ["string"],
  description: "No profanity (obscenity's English word list, leetspeak-aware).",
  docs: {
    check:
      "no word from obscenity's English dataset, including leetspeak and repeated-letter spellings",
    fix: "each profane word masked with `*` (same length)",
    advice: "`fix` for user-facing text; `reask` when the tone itself must change",
  },
  validate: textOnly((text) =>
    withProfanity((find) => {
      const found = find(text);
      if (found.length === 0) return pass();
      const listed = found.map(
        (span) => `"${hint(text.slice(span.start, span.end))}" at ${span.start}`,
      );
      return fail(`contains profanity: ${listed.join(", ")}`, replaceSpans(text, found, maskWord));
    }),
  ),
};
