import { RailguardError } from "../errors.js";
import { quoteText } from "../show.js";
import type { LiteralValue } from "./types.js";

/**
 * A Python literal that could not be read. `offset` is where reading stopped inside the text.
 * Nothing is ever evaluated: anything outside the literal grammar is this error.
 */
export class LiteralSyntaxError extends RailguardError {
  readonly offset: number;
  readonly reason: string;

  constructor(reason: string, offset: number) {
    super("literal-syntax", `${reason} (at offset ${offset})`);
    this.reason = reason;
    this.offset = offset;
  }
}

const ALLOWED = "numbers, quoted strings, True, False, None, lists, tuples and dicts";
const NUMBER = /[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?/y;
const KEYWORD = /[A-Za-z_]\w*/y;
const KEYWORDS: Record<string, LiteralValue> = { True: true, False: false, None: null };
/**
 * How deep lists and dicts may nest. Real arguments nest two or three levels; the reader is
 * recursive, so a `[[[[…` bomb must stop with a syntax error before it exhausts the stack.
 */
export const MAX_LITERAL_DEPTH = 64;
const CLOSERS: Record<string, string> = { "[": "]", "(": ")" };
const SIMPLE_ESCAPES: Record<string, string> = {
  "\\": "\\",
  "'": "'",
  '"': '"',
  n: "\n",
  r: "\r",
  t: "\t",
  "0": "\0",
  a: "\x07",
  b: "\b",
  f: "\f",
  v: "\v",
};
const HEX_ESCAPE_LENGTHS: Record<string, number> = { x: 2, u: 4, U: 8 };

/** Parses a whole Python literal: `['a', 1]`, `{'k': (1, 2)}`, `-3.5`, `"x"`, `None`. */
export function parseLiteral(text: string): LiteralValue {
  const reader = new LiteralReader(text);
  const value = reader.value();
  reader.expectEnd();
  return value;
}

/** A bare token as the mini-language reads it: a number, True/False/None, or else the string. */
export function readBareScalar(token: string): LiteralValue {
  if (isNumberText(token)) return finiteNumber(token, 0);
  return Object.hasOwn(KEYWORDS, token) ? (KEYWORDS[token] as LiteralValue) : token;
}

/** Does a bare token read back as the very string it spells (not a number or keyword)? */
export const readsAsItself = (token: string): boolean =>
  !isNumberText(token) && !Object.hasOwn(KEYWORDS, token);

function isNumberText(token: string): boolean {
  NUMBER.lastIndex = 0;
  return NUMBER.exec(token)?.[0].length === token.length;
}

/**
 * The number a numeric text spells. `1e999` would be Infinity, which no JSON value, RAIL literal
 * or prompt can carry, so it is refused where it is written rather than failing far downstream.
 */
function finiteNumber(text: string, offset: number): number {
  const value = Number(text);
  if (Number.isFinite(value)) return value;
  throw new LiteralSyntaxError(`the number ${quoteText(text)} is too large`, offset);
}

/** Reads one quoted Python string starting at `start`; returns its value and the end offset. */
export function readQuotedString(text: string, start: number): { value: string; end: number } {
  const reader = new LiteralReader(text, start);
  const value = reader.string();
  return { value, end: reader.offset };
}

/** Recursive-descent reader over the literal grammar. */
class LiteralReader {
  #pos: number;
  #depth = 0;

  constructor(
    private readonly text: string,
    start = 0,
  ) {
    this.#pos = start;
  }

  get offset(): number {
    return this.#pos;
  }

  value(): LiteralValue {
    this.#skipSpace();
    const ch = this.text[this.#pos];
    if (ch === undefined) throw this.#error("expected a literal, found the end of the text");
    if (ch === "[" || ch === "(") return this.#nested(() => this.#sequence(CLOSERS[ch] as string));
    if (ch === "{") return this.#nested(() => this.#dict());
    if (ch === "'" || ch === '"') return this.string();
    if (/[\d+\-.]/.test(ch)) return this.#number();
    return this.#keyword();
  }

  expectEnd(): void {
    this.#skipSpace();
    if (this.#pos < this.text.length) throw this.#error(`unexpected "${this.#rest()}"`);
  }

  string(): string {
    const quote = this.text[this.#pos];
    let value = "";
    this.#pos++;
    for (;;) {
      const ch = this.text[this.#pos];
      if (ch === undefined || ch === "\n") throw this.#error("unterminated string");
      this.#pos++;
      if (ch === quote) return value;
      value += ch === "\\" ? this.#escape() : ch;
    }
  }

  #escape(): string {
    const ch = this.text[this.#pos];
    if (ch === undefined) throw this.#error("unterminated string");
    this.#pos++;
    const simple = SIMPLE_ESCAPES[ch];
    if (simple !== undefined) return simple;
    const length = HEX_ESCAPE_LENGTHS[ch];
    if (length === undefined) return `\\${ch}`; // Python keeps unknown escapes (regexes: `\d`)
    const hex = this.text.slice(this.#pos, this.#pos + length);
    if (!new RegExp(`^[0-9a-fA-F]{${length}}$`).test(hex)) throw this.#error(`bad \\${ch} escape`);
    this.#pos += length;
    const codePoint = Number.parseInt(hex, 16);
    if (codePoint > 0x10ffff) throw this.#error(`bad \\${ch} escape`);
    return String.fromCodePoint(codePoint);
  }

  #number(): number {
    NUMBER.lastIndex = this.#pos;
    const match = NUMBER.exec(this.text);
    if (!match) throw this.#error(`unexpected "${this.#rest()}"`);
    const value = finiteNumber(match[0], this.#pos);
    this.#pos += match[0].length;
    return value;
  }

  /** Reads a list or dict one level deeper, refusing to go past `MAX_LITERAL_DEPTH`. */
  #nested<T>(read: () => T): T {
    if (this.#depth >= MAX_LITERAL_DEPTH) {
      throw this.#error(`lists and dicts nested more than ${MAX_LITERAL_DEPTH} deep`);
    }
    this.#depth++;
    const value = read();
    this.#depth--;
    return value;
  }

  #keyword(): LiteralValue {
    KEYWORD.lastIndex = this.#pos;
    const word = KEYWORD.exec(this.text)?.[0];
    if (word === undefined || !Object.hasOwn(KEYWORDS, word)) {
      throw this.#error(`"${this.#rest()}" is not a literal (allowed: ${ALLOWED})`);
    }
    this.#pos += word.length;
    return KEYWORDS[word] as LiteralValue;
  }

  /** A list or a tuple (tuples become lists); trailing commas allowed, as in Python. */
  #sequence(closer: string): LiteralValue[] {
    this.#pos++;
    const items: LiteralValue[] = [];
    while (!this.#closes(closer)) {
      items.push(this.value());
      this.#separator(closer);
    }
    return items;
  }

  #dict(): { [key: string]: LiteralValue } {
    this.#pos++;
    const entries: [string, LiteralValue][] = [];
    while (!this.#closes("}")) {
      this.#skipSpace();
      const key = this.value();
      if (typeof key !== "string") throw this.#error("dict keys must be strings");
      this.#skipSpace();
      if (this.text[this.#pos] !== ":") throw this.#error(`expected ":" after dict key "${key}"`);
      this.#pos++;
      entries.push([key, this.value()]);
      this.#separator("}");
    }
    return Object.fromEntries(entries);
  }

  /** Consumes `closer` if it comes next (after spaces). */
  #closes(closer: string): boolean {
    this.#skipSpace();
    if (this.text[this.#pos] !== closer) return false;
    this.#pos++;
    return true;
  }

  /** After an item: a comma, or the closer left for `#closes` to consume. */
  #separator(closer: string): void {
    this.#skipSpace();
    const ch = this.text[this.#pos];
    if (ch === ",") this.#pos++;
    else if (ch !== closer)
      throw this.#error(`expected "," or "${closer}", found "${this.#rest()}"`);
  }

  #skipSpace(): void {
    while (/\s/.test(this.text[this.#pos] ?? "")) this.#pos++;
  }

  #rest(): string {
    const rest = this.text.slice(this.#pos);
    return rest.length > 40 ? `${rest.slice(0, 40)}…` : rest;
  }

  #error(reason: string): LiteralSyntaxError {
    return new LiteralSyntaxError(reason, this.#pos);
  }
}

/**
 * Writes a value as a Python literal (Python's repr, as Guardrails showed arguments to the model).
 * A `LiteralValue` reads back through `parseLiteral` to an equal value; `undefined` is written as
 * None and anything else outside the grammar (a function default, say) as `<function>`.
 */
export function formatLiteral(value: unknown): string {
  if (value === null || value === undefined) return "None";
  if (typeof value === "boolean") return value ? "True" : "False";
  if (typeof value === "number") return formatNumber(value);
  if (typeof value === "string") return quotePython(value);
  if (Array.isArray(value)) return `[${value.map(formatLiteral).join(", ")}]`;
  if (typeof value !== "object") return `<${typeof value}>`;
  const entries = Object.entries(value).map(([k, v]) => `${quotePython(k)}: ${formatLiteral(v)}`);
  return `{${entries.join(", ")}}`;
}

export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) {
    throw new RailguardError("unprintable-literal", `${value} has no literal form in RAIL`);
  }
  return Object.is(value, -0) ? "-0" : String(value);
}

/** A single-quoted Python string, escaping what `readQuotedString` unescapes. */
export function quotePython(value: string): string {
  let out = "'";
  for (const ch of value) out += escapeChar(ch);
  return `${out}'`;
}

const PRINTED_ESCAPES: Record<string, string> = {
  "\\": "\\\\",
  "'": "\\'",
  "\n": "\\n",
  "\r": "\\r",
  "\t": "\\t",
};

function escapeChar(ch: string): string {
  const escaped = PRINTED_ESCAPES[ch];
  if (escaped !== undefined) return escaped;
  const code = ch.codePointAt(0) ?? 0;
  return code < 0x20 || code === 0x7f ? `\\x${code.toString(16).padStart(2, "0")}` : ch;
}
