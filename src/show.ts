/**
 * How values and places are shown in messages: short previews, "what is this" descriptions, JSON
 * that never throws, `line L, column C`. It sits beside `errors.ts`, below every layer, so the
 * RAIL reader, the parser, the model layer, the validators and the CLI all say it the same way
 * (JSON paths are written by `src/json-path.ts`).
 */

const PREVIEW_LENGTH = 60;

/**
 * A value as JSON, cut to a readable length: `"abc"`, `{"a":1,…}`. What JSON cannot show
 * (Infinity from `1e400`, undefined, a bigint or a cycle in a value given in code) is shown as
 * text rather than as a misleading `null` or a crash.
 */
export function preview(value: unknown): string {
  const text = asText(value);
  return text.length > PREVIEW_LENGTH ? `${text.slice(0, PREVIEW_LENGTH - 1)}…` : text;
}

function asText(value: unknown): string {
  if (typeof value === "number" && !Number.isFinite(value)) return String(value);
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** Prose shown in a message: whitespace collapsed, cut to a readable length, quoted. */
export function quoteText(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return JSON.stringify(
    flat.length > PREVIEW_LENGTH ? `${flat.slice(0, PREVIEW_LENGTH - 1)}…` : flat,
  );
}

/**
 * What a value is, with its content, for the parser's "expected X, got Y" messages:
 * `a list ([1,2])`, `"abc"`. See `describeValue` for messages about values given in code.
 */
export function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return `a list (${preview(value)})`;
  if (typeof value === "object") return `an object (${preview(value)})`;
  return preview(value);
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * An object made as `{}` or `JSON.parse` makes one (or with no prototype), not a class's: what
 * may be copied key by key without losing what it is (a date, a map, an error).
 */
export function hasPlainPrototype(value: object): boolean {
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** A 1-based line and column in a text. */
export interface LineColumn {
  line: number;
  column: number;
}

/** The 1-based line and column of an offset in a text. */
export function positionAt(text: string, offset: number): LineColumn {
  const before = text.slice(0, offset);
  const lineStart = before.lastIndexOf("\n") + 1;
  return { line: before.split("\n").length, column: offset - lineStart + 1 };
}

/** `line L, column C`, as every message that points into a text writes it. */
export const formatPosition = ({ line, column }: LineColumn): string =>
  `line ${line}, column ${column}`;

/** `line L, column C` of an offset in a text. */
export const lineColumn = (text: string, offset: number): string =>
  formatPosition(positionAt(text, offset));

/**
 * What kind of value something is, for errors about values given in code or returned by a model
 * or a validator: `string "abc"`, `number 42`, `a list`, `an object with keys a, b`, `nothing`.
 * Never throws and never prints a function's source.
 */
export function describeValue(value: unknown): string {
  if (value === null) return "null";
  if (value === undefined) return "nothing";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "string") {
    const shown = value.length > 40 ? `${value.slice(0, 40)}…` : value;
    return `string ${JSON.stringify(shown)}`;
  }
  if (typeof value === "function") return "a function";
  if (typeof value === "object") {
    const keys = Object.keys(value);
    const more = keys.length > 5 ? ", …" : "";
    return keys.length > 0
      ? `an object with keys ${keys.slice(0, 5).join(", ")}${more}`
      : "an empty object";
  }
  return `${typeof value} ${String(value)}`;
}
