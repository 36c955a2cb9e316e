import { isDeepStrictEqual } from "node:util";
import { RailguardError } from "../errors.js";
import { quoteText } from "../show.js";
import {
  formatLiteral,
  formatNumber,
  LiteralSyntaxError,
  parseLiteral,
  quotePython,
  readBareScalar,
  readQuotedString,
  readsAsItself,
} from "./literal.js";
import type { LiteralValue, ValidatorRef } from "./types.js";

/** A validator item as written, before its on-fail action is known. */
export type ParsedValidator = Omit<ValidatorRef, "onFail">;

/** A `format`/`validators` value that the mini-language cannot read. */
export class ValidatorSyntaxError extends RailguardError {
  /** The item (or the whole value, when items could not be separated). */
  readonly item: string;
  /** The offending text inside the item. */
  readonly text: string;
  readonly reason: string;

  constructor(item: string, text: string, reason: string, options?: { cause?: unknown }) {
    // Quoted short: an attribute can be a megabyte long.
    super("validator-syntax", `item ${quoteText(item)}: ${reason} in ${quoteText(text)}`, options);
    this.item = item;
    this.text = text;
    this.reason = reason;
  }
}

/** Guardrails Hub ids: `hub://org/name`. */
export const HUB_PREFIX = "hub://";
const VALIDATOR_NAME = /^(?:hub:\/\/[\w.-]+\/[\w.-]+|[\w.-]+(?: +[\w.-]+)*)$/;
const KEYWORD_ARGUMENT = /^([A-Za-z_][\w-]*)=(.*)$/s;
/** Characters a string may hold and still be written without quotes. */
const BARE_STRING = /^[^\s'"{};=]+$/;

/**
 * Reads `alias: arg arg key=value; alias2: {['a', 'b']}; hub://org/name` into validator items.
 * Arguments are literals (numbers, quoted strings, True/False/None, `{python literal}`) or bare
 * strings; nothing is evaluated.
 */
export function parseValidatorSpec(spec: string): ParsedValidator[] {
  const items = splitOutside(spec, (ch) => ch === ";", spec);
  return items.filter((item) => item.trim() !== "").map(parseItem);
}

function parseItem(item: string): ParsedValidator {
  const source = item.trim();
  const colon = source.indexOf(":", source.startsWith(HUB_PREFIX) ? HUB_PREFIX.length : 0);
  const name = (colon < 0 ? source : source.slice(0, colon)).trim();
  if (!VALIDATOR_NAME.test(name)) {
    throw new ValidatorSyntaxError(
      source,
      name,
      'not a validator name (letters, digits, "_", "-", "." and spaces, or hub://org/name, then ":" and the arguments)',
    );
  }
  const tokens = colon < 0 ? [] : splitOutside(source.slice(colon + 1), isSpace, source);
  const args: LiteralValue[] = [];
  const kwargs: [string, LiteralValue][] = [];
  for (const token of tokens.filter((t) => t !== "")) {
    const keyword = KEYWORD_ARGUMENT.exec(token);
    if (!keyword) {
      args.push(parseArgument(token, source));
      continue;
    }
    const [, key = "", value = ""] = keyword;
    if (value === "")
      throw new ValidatorSyntaxError(source, token, `keyword "${key}" has no value`);
    if (kwargs.some(([k]) => k === key)) {
      throw new ValidatorSyntaxError(source, token, `keyword "${key}" is given twice`);
    }
    kwargs.push([key, parseArgument(value, source)]);
  }
  return { name, args, kwargs: Object.fromEntries(kwargs), source };
}

function parseArgument(token: string, item: string): LiteralValue {
  try {
    if (token.startsWith("{")) return parseBraced(token);
    if (isQuote(token[0])) return parseQuoted(token);
    return readBareScalar(token);
  } catch (error) {
    if (!LiteralSyntaxError.isInstance(error)) throw error;
    throw new ValidatorSyntaxError(item, token, error.reason, { cause: error });
  }
}

function parseBraced(token: string): LiteralValue {
  if (!token.endsWith("}")) throw new LiteralSyntaxError('text after the closing "}"', 0);
  return parseLiteral(token.slice(1, -1));
}

function parseQuoted(token: string): string {
  const { value, end } = readQuotedString(token, 0);
  if (end !== token.length) throw new LiteralSyntaxError("text after the closing quote", end);
  return value;
}

/**
 * Splits at separators outside `{…}` and quoted strings. Outside braces a quote only opens a
 * string at the start of a token, so apostrophes in hints (`Linus' notes`) stay plain text.
 */
function splitOutside(text: string, isSeparator: (ch: string) => boolean, item: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  let outerBrace = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (isQuote(ch) && (depth > 0 || startsToken(text, i))) {
      i = skipQuoted(text, i, item) - 1;
    } else if (ch === "{") {
      if (depth === 0) outerBrace = i;
      depth++;
    } else if (ch === "}") {
      if (depth === 0) throw new ValidatorSyntaxError(item, text.slice(i), 'unmatched "}"');
      depth--;
    } else if (depth === 0 && isSeparator(ch)) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  if (depth > 0) throw new ValidatorSyntaxError(item, text.slice(outerBrace), 'unclosed "{"');
  parts.push(text.slice(start));
  return parts;
}

/** The offset just past the quoted string that starts at `start`. */
function skipQuoted(text: string, start: number, item: string): number {
  try {
    return readQuotedString(text, start).end;
  } catch (error) {
    if (!LiteralSyntaxError.isInstance(error)) throw error;
    throw new ValidatorSyntaxError(item, text.slice(start), error.reason, { cause: error });
  }
}

const isSpace = (ch: string): boolean => /\s/.test(ch);
const isQuote = (ch: string | undefined): boolean => ch === "'" || ch === '"';
const startsToken = (text: string, i: number): boolean =>
  i === 0 || /[\s:=;]/.test(text[i - 1] ?? "");

/**
 * Writes validator items back in the mini-language. An item keeps its source text when that
 * still reads back to the same validator; otherwise it is written in canonical form.
 */
export function formatValidators(refs: readonly ParsedValidator[]): string {
  return refs
    .map((ref) => (sourceStillMatches(ref) ? ref.source : formatValidator(ref)))
    .join("; ");
}

/** Canonical form of one item: `name: positional… key=value…`. */
export function formatValidator(ref: ParsedValidator): string {
  const tokens = [
    ...ref.args.map(formatArgument),
    ...Object.entries(ref.kwargs).map(([key, value]) => `${key}=${formatArgument(value)}`),
  ];
  return tokens.length === 0 ? ref.name : `${ref.name}: ${tokens.join(" ")}`;
}

function formatArgument(value: LiteralValue): string {
  if (typeof value === "string") {
    return BARE_STRING.test(value) && readsAsItself(value) ? value : quotePython(value);
  }
  if (typeof value === "number") return formatNumber(value);
  return typeof value === "object" && value !== null
    ? `{${formatLiteral(value)}}`
    : formatLiteral(value);
}

function sourceStillMatches(ref: ParsedValidator): boolean {
  try {
    const [reread, ...more] = parseValidatorSpec(ref.source);
    return (
      more.length === 0 &&
      reread !== undefined &&
      reread.name === ref.name &&
      isDeepStrictEqual(reread.args, ref.args) &&
      isDeepStrictEqual(reread.kwargs, ref.kwargs)
    );
  } catch (error) {
    if (ValidatorSyntaxError.isInstance(error)) return false;
    throw error;
  }
}
