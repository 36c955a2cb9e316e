/**
 * How values are shown in messages: short previews, "what is this" descriptions, JSON that
 * never throws. The lowest layer that shows values: the model layer and the validators import
 * it too (paths themselves are written by `src/schema/json-path.ts`).
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

/** 1-based line and column of an offset in a text. */
export function lineColumn(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split("\n").length;
  const column = offset - before.lastIndexOf("\n");
  return `line ${line}, column ${column}`;
}

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
