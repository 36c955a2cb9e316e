import type { ScalarField } from "../rail/types.js";
import { booleanFromText, numberFromText as plainNumberFromText } from "../scalar-text.js";
import { expectedFormat, normaliseTemporal } from "../temporal.js";
import { inexactInteger } from "./big-integers.js";

/**
 * Scalar coercion, deliberately conservative: only conversions whose meaning is certain.
 * - integer / float: JSON numbers, and numeric strings (`"12"`, `" 3.5 "`, `"1e3"`). Thousands
 *   separators only where unambiguous (`"1,234.5"`, `"1,234,567"`); `"1,234"` and `"1,5"` could
 *   be European decimals, `"3.5%"` and `"$12"` carry a unit: all rejected.
 * - bool: `true`/`false`, and the strings "true"/"false" in any case (the reference's rule).
 * - string-like kinds: numbers and booleans become their text; lists and objects never do.
 * - enum: case- and whitespace-insensitive match to a declared value.
 * - date / time / date-time: the field's strptime format (or common defaults), rendered as ISO.
 */
export type Coercion = { ok: true; value: unknown } | { ok: false; reason?: string };

const FAILED: Coercion = { ok: false };

const GROUPED_WITH_DECIMALS = /^[+-]?\d{1,3}(,\d{3})+\.\d+$/;
const GROUPED_MILLIONS = /^[+-]?\d{1,3}(,\d{3}){2,}$/;

export function coerceScalar(value: unknown, field: ScalarField): Coercion {
  switch (field.kind) {
    case "integer":
      return coerceNumber(value, true);
    case "float":
      return coerceNumber(value, false);
    case "bool":
      return coerceBool(value);
    case "enum":
      return field.values ? coerceEnum(value, field.values) : coerceString(value);
    case "date":
    case "time":
    case "date-time":
      return coerceTemporal(value, field.kind, field.format);
    default:
      return coerceString(value);
  }
}

function coerceNumber(value: unknown, integer: boolean): Coercion {
  const number = typeof value === "string" ? numberFromText(value) : value;
  if (integer && typeof value === "string" && typeof number === "number") {
    const digits = value.trim().replace(/^\+/, "");
    const inexact = inexactInteger(digits);
    if (inexact !== undefined) {
      const reason = `${digits} is beyond the integers a JavaScript number holds exactly (±${Number.MAX_SAFE_INTEGER}); it would become ${inexact}`;
      return { ok: false, reason };
    }
  }
  if (typeof number !== "number" || !Number.isFinite(number)) return FAILED;
  if (integer && !Number.isInteger(number)) return FAILED;
  return { ok: true, value: number };
}

/** Numeric text as the schema reads it, or with thousands separators where unambiguous. */
function numberFromText(text: string): number | undefined {
  const plain = plainNumberFromText(text);
  if (plain !== undefined) return plain;
  const trimmed = text.trim();
  const grouped = GROUPED_WITH_DECIMALS.test(trimmed) || GROUPED_MILLIONS.test(trimmed);
  return grouped ? Number(trimmed.replaceAll(",", "")) : undefined;
}

function coerceBool(value: unknown): Coercion {
  const bool = typeof value === "string" ? booleanFromText(value) : value;
  return typeof bool === "boolean" ? { ok: true, value: bool } : FAILED;
}

function coerceString(value: unknown): Coercion {
  if (typeof value === "string") return { ok: true, value };
  if (typeof value === "number" || typeof value === "boolean") {
    return { ok: true, value: String(value) };
  }
  return FAILED;
}

function coerceEnum(value: unknown, values: readonly string[]): Coercion {
  const text = coerceString(value);
  if (!text.ok || typeof text.value !== "string") return FAILED;
  if (values.includes(text.value)) return text;
  const wanted = text.value.trim().toLowerCase();
  const match = values.find((candidate) => candidate.toLowerCase() === wanted);
  return match === undefined ? FAILED : { ok: true, value: match };
}

function coerceTemporal(
  value: unknown,
  kind: "date" | "time" | "date-time",
  format: string | undefined,
): Coercion {
  if (typeof value !== "string") return FAILED;
  const normalised = normaliseTemporal(kind, value, format);
  return normalised === undefined ? FAILED : { ok: true, value: normalised };
}

/** What a field of this kind accepts, for "expected …, got …" messages. */
export function expectedScalar(field: ScalarField): string {
  switch (field.kind) {
    case "integer":
      return "an integer";
    case "float":
      return "a number";
    case "bool":
      return "a boolean (true or false)";
    case "enum":
      return field.values
        ? `one of ${field.values.map((v) => JSON.stringify(v)).join(", ")}`
        : "a string";
    case "date":
    case "time":
    case "date-time":
      return `a ${field.kind} (${expectedFormat(field.kind, field.format)})`;
    default:
      return "a string";
  }
}
