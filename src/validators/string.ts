import { isDeepStrictEqual } from "node:util";
import type { ValidatorDefinition } from "../contract/types.js";
import { fail, pass } from "../contract/types.js";
import { describeValue } from "../show.js";
import { alias, type BoundArgs, boundArgs, showJson, textOnly } from "./common.js";

/** Code points, as Python's `len` and slicing count them (an emoji is one character). */
const characters = (text: string): string[] => [...text];

/** `characters(text).length`, without making the list: every passing value is counted. */
function codePointCount(text: string): number {
  let count = text.length;
  for (let at = 0; at < text.length - 1; at++) {
    const code = text.charCodeAt(at);
    // A high surrogate followed by a low one is one code point written as two units.
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = text.charCodeAt(at + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        count -= 1;
        at += 1;
      }
    }
  }
  return count;
}

const plural = (count: number, unit: string): string => `${count} ${unit}${count === 1 ? "" : "s"}`;

/** Repeats the last element until `min` is reached, or truncates to `max`. */
function fitLength<T>(items: T[], min: number, max: number): T[] | undefined {
  if (items.length > max) return items.slice(0, max);
  const last = items.at(-1);
  if (last === undefined || min > max) return undefined;
  return [...items, ...Array<T>(min - items.length).fill(last)];
}

export const length: ValidatorDefinition<BoundArgs> = {
  name: "length",
  types: ["string", "list", "email", "url", "pythoncode", "sql"],
  args: boundArgs("integer", "length"),
  description: "The string's character count or the list's item count lies within [min, max].",
  docs: {
    check: "`min ≤ length ≤ max` (characters for strings, items for lists); either bound optional",
    fix: "too long: truncated to `max`; too short: the last character/item repeated up to `min`; none when empty",
    advice: "`fix` for hard limits (titles, tags); `reask` when truncation would cut meaning",
  },
  validate(value, { args }) {
    const isText = typeof value === "string";
    if (!isText && !Array.isArray(value)) {
      return fail(`expected a string or a list, got ${describeValue(value)}`);
    }
    const count = isText ? codePointCount(value) : value.length;
    const min = args.min ?? 0;
    const max = args.max ?? Number.POSITIVE_INFINITY;
    if (count >= min && count <= max) return pass();
    const unit = isText ? "character" : "item";
    const message =
      count < min
        ? `must have at least ${plural(min, unit)}, got ${count}`
        : `must have at most ${plural(max, unit)}, got ${count}`;
    const items: unknown[] = isText ? characters(value) : value;
    const fitted = fitLength(items, min, max);
    if (fitted === undefined) return fail(message);
    return fail(message, isText ? fitted.join("") : fitted);
  },
};

/** Splits one token written as camelCase, kebab-case or snake_case into its words. */
const splitCompound = (word: string): string[] =>
  word
    .replace(/([\p{Ll}\p{N}])(\p{Lu})/gu, "$1 $2")
    .split(/[\s_-]+/)
    .filter(Boolean);

/** Exactly two runs of non-space with only space around them: what splitting on spaces counts. */
const TWO_WORDS = /^\s*\S+\s+\S+\s*$/;

export const twoWords: ValidatorDefinition = {
  name: "two-words",
  types: ["string"],
  description: "Exactly two whitespace-separated words.",
  docs: {
    check: "exactly two whitespace-separated words",
    fix: "the first two words; a single camelCase/kebab-case/snake_case word is split, a lone word is doubled",
    advice: "`fix` for short labels; `reask` when the words must be meaningful",
  },
  validate: textOnly((text) => {
    // A pass allocates nothing: the words are split only to say why and to make the fix.
    if (TWO_WORDS.test(text)) return pass();
    const words = text.split(/\s+/).filter(Boolean);
    const message = `must be exactly two words, got ${words.length}`;
    if (words.length === 0) return fail(message);
    const parts = words.length === 1 ? splitCompound(words[0] as string) : words;
    const fixed = parts.length === 1 ? [parts[0], parts[0]] : parts.slice(0, 2);
    return fail(message, fixed.join(" "));
  }),
};

/** Line boundaries as Python's `str.splitlines` knows them (it counts \x1c–\x1e as breaks). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: Python treats these separators as line breaks
const LINE_BREAK = /\r\n|[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]/;

export const oneLine: ValidatorDefinition = {
  name: "one-line",
  types: ["string"],
  description: "No line breaks (a single trailing one is tolerated, as in Python's splitlines).",
  docs: {
    check: "at most one line (`splitlines()` yields ≤ 1 line)",
    fix: "the first line",
    advice: "`fix` is safe for titles and names; `reask` if later lines carry content",
  },
  validate: textOnly((text) => {
    const lines = text.split(LINE_BREAK);
    if (lines.at(-1) === "") lines.pop();
    if (lines.length <= 1) return pass();
    return fail(`must be a single line, got ${lines.length} lines`, lines[0]);
  }),
};

function caseValidator(
  name: string,
  label: string,
  convert: (text: string) => string,
): ValidatorDefinition {
  return {
    name,
    types: ["string"],
    description: `The string is entirely ${label}.`,
    docs: {
      check: `the string equals its ${label} form`,
      fix: `the string converted to ${label}`,
      advice: "`fix`: the conversion never loses content",
    },
    validate: textOnly((text) =>
      text === convert(text) ? pass() : fail(`must be ${label}`, convert(text)),
    ),
  };
}

export const lowerCase = caseValidator("lower-case", "lower case", (text) => text.toLowerCase());
export const upperCase = caseValidator("upper-case", "upper case", (text) => text.toUpperCase());

type EndsWithArgs = { end: unknown };

export const endsWith: ValidatorDefinition<EndsWithArgs> = {
  name: "ends-with",
  types: ["list", "string"],
  args: [{ name: "end", type: "any", description: "The required last item (or suffix)." }],
  description: "The list's last item (or the string's suffix) is `end`.",
  docs: {
    check: "lists: the last item equals `end`; strings: the text ends with `end`",
    fix: "`end` appended",
    advice: "`fix` when `end` is a fixed terminator; `reask` otherwise",
  },
  validate(value, { args: { end } }) {
    if (typeof value === "string") {
      const suffix = String(end);
      if (value.endsWith(suffix)) return pass();
      return fail(`must end with ${JSON.stringify(suffix)}`, value + suffix);
    }
    if (!Array.isArray(value))
      return fail(`expected a list or a string, got ${describeValue(value)}`);
    if (value.length > 0 && isDeepStrictEqual(value.at(-1), end)) return pass();
    const last = value.length === 0 ? "the list is empty" : `got ${showJson(value.at(-1))}`;
    return fail(`must end with ${JSON.stringify(end)}, ${last}`, [...value, end]);
  },
};

export const stringValidators: ValidatorDefinition[] = [
  length,
  twoWords,
  oneLine,
  lowerCase,
  upperCase,
  endsWith,
  // Hub ids (`hub://guardrails/valid_length`) resolve to these names.
  alias(length, "valid_length"),
  alias(twoWords, "two_words"),
  alias(oneLine, "one_line"),
  alias(lowerCase, "lowercase"),
  alias(upperCase, "uppercase"),
  alias(endsWith, "ends_with"),
];
