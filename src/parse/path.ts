/** JSON paths and short value previews for repair and mismatch messages. */

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** `$.name`, or `$["two words"]` when the key is not an identifier. */
export function keyPath(parent: string, key: string): string {
  return IDENTIFIER.test(key) ? `${parent}.${key}` : `${parent}[${JSON.stringify(key)}]`;
}

export function indexPath(parent: string, index: number): string {
  return `${parent}[${index}]`;
}

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

/** What a value is, for "expected X, got Y" messages. */
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
