import { RailguardError } from "./errors.js";

/**
 * A small `strptime` in the spirit of Python's: the same directives RAIL specs write in
 * `date-format` / `time-format` / `datetime-format`, the same defaults (1900-01-01 00:00:00),
 * case-insensitive names, format whitespace matching any run of whitespace, full-match only.
 */

export interface DateTimeParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  microsecond: number;
  /** UTC offset in minutes when `%z` was given. */
  offsetMinutes?: number;
}

export class StrptimeError extends RailguardError {
  constructor(message: string) {
    super("strptime", message);
  }
}

/** Month names, lower-case, January first. */
export const MONTHS = [
  "january",
  "february",
  "march",
  "april",
  "may",
  "june",
  "july",
  "august",
  "september",
  "october",
  "november",
  "december",
];
/** Weekday names, lower-case, Monday first (as Python's `weekday()` counts). */
export const WEEKDAYS = [
  "monday",
  "tuesday",
  "wednesday",
  "thursday",
  "friday",
  "saturday",
  "sunday",
];

const alternatives = (names: readonly string[]): string => names.join("|");
const abbreviations = (names: readonly string[]): string[] => names.map((n) => n.slice(0, 3));

/** Regex source of each directive; every capture is named after the directive letter. */
const DIRECTIVES: Record<string, string> = {
  Y: "(?<Y>\\d{4})",
  y: "(?<y>\\d{2})",
  m: "(?<m>1[0-2]|0[1-9]|[1-9])",
  d: "(?<d>3[01]|[12]\\d|0[1-9]|[1-9]| [1-9])",
  H: "(?<H>2[0-3]|[01]\\d|\\d)",
  I: "(?<I>1[0-2]|0[1-9]|[1-9])",
  M: "(?<M>[0-5]\\d|\\d)",
  S: "(?<S>6[01]|[0-5]\\d|\\d)",
  f: "(?<f>\\d{1,6})",
  j: "(?<j>36[0-6]|3[0-5]\\d|[12]\\d\\d|0[1-9]\\d|00[1-9]|[1-9]\\d|0[1-9]|[1-9])",
  p: "(?<p>am|pm)",
  b: `(?<b>${alternatives(abbreviations(MONTHS))})`,
  B: `(?<B>${alternatives(MONTHS)})`,
  a: `(?<a>${alternatives(abbreviations(WEEKDAYS))})`,
  A: `(?<A>${alternatives(WEEKDAYS)})`,
  z: "(?<z>[+-]\\d\\d:?[0-5]\\d|Z)",
};

/** The directive letters `strptime` reads (`%%` aside). */
export const STRPTIME_DIRECTIVES: readonly string[] = Object.keys(DIRECTIVES);

/**
 * Checks a spec's format up front: an unknown or repeated directive would otherwise only show
 * as every value failing to match it.
 */
export function checkStrptimeFormat(format: string): void {
  compileFormat(format);
}

const compiled = new Map<string, RegExp>();

function compileFormat(format: string): RegExp {
  const cached = compiled.get(format);
  if (cached) return cached;
  let source = "";
  const seen = new Set<string>();
  for (let i = 0; i < format.length; i++) {
    const char = format[i] as string;
    if (char !== "%") {
      source += /\s/.test(char) ? "\\s+" : char.replace(/[.*+?^${}()|[\]\\/-]/g, "\\$&");
      continue;
    }
    const directive = format[++i];
    if (directive === "%") {
      source += "%";
      continue;
    }
    const pattern = directive === undefined ? undefined : DIRECTIVES[directive];
    if (directive === undefined || pattern === undefined) {
      throw new StrptimeError(`Unsupported directive '%${directive ?? ""}' in format '${format}'.`);
    }
    if (seen.has(directive)) {
      throw new StrptimeError(`Directive '%${directive}' appears twice in format '${format}'.`);
    }
    seen.add(directive);
    source += pattern;
  }
  const regex = new RegExp(`^${source.replace(/(\\s\+)+/g, "\\s+")}$`, "i");
  compiled.set(format, regex);
  return regex;
}

const isLeapYear = (year: number): boolean =>
  (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

const daysInMonth = (year: number, month: number): number =>
  [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;

function monthFromName(name: string): number {
  const lower = name.toLowerCase();
  return MONTHS.findIndex((month) => month.startsWith(lower)) + 1;
}

function parseOffset(text: string): number {
  if (text.toUpperCase() === "Z") return 0;
  const digits = text.slice(1).replace(":", "");
  const minutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4));
  return text.startsWith("-") ? -minutes : minutes;
}

function hourOf(groups: Record<string, string | undefined>): number {
  if (groups.H !== undefined) return Number(groups.H);
  if (groups.I === undefined) return 0;
  const twelveHour = Number(groups.I) % 12;
  return groups.p?.toLowerCase() === "pm" ? twelveHour + 12 : twelveHour;
}

function yearOf(groups: Record<string, string | undefined>): number {
  if (groups.Y !== undefined) return Number(groups.Y);
  if (groups.y === undefined) return 1900;
  // POSIX pivot, as Python: 69–99 → 1900s, 00–68 → 2000s.
  const short = Number(groups.y);
  return short < 69 ? 2000 + short : 1900 + short;
}

function monthAndDay(
  groups: Record<string, string | undefined>,
  year: number,
): { month: number; day: number } {
  if (groups.j !== undefined && groups.m === undefined && groups.d === undefined) {
    const date = new Date(Date.UTC(year, 0, Number(groups.j)));
    return { month: date.getUTCMonth() + 1, day: date.getUTCDate() };
  }
  const name = groups.B ?? groups.b;
  const month = groups.m !== undefined ? Number(groups.m) : name ? monthFromName(name) : 1;
  return { month, day: groups.d !== undefined ? Number(groups.d.trim()) : 1 };
}

/**
 * Parses `text` with a strptime `format`. Throws `StrptimeError` (with the text and the format)
 * when it does not match or names an impossible date.
 */
export function strptime(text: string, format: string): DateTimeParts {
  const match = compileFormat(format).exec(text);
  if (!match?.groups) {
    throw new StrptimeError(`'${text}' does not match format '${format}'.`);
  }
  const { groups } = match;
  const year = yearOf(groups);
  const { month, day } = monthAndDay(groups, year);
  const dayOfYearTooLarge =
    groups.j !== undefined && Number(groups.j) > (isLeapYear(year) ? 366 : 365);
  if (day > daysInMonth(year, month) || dayOfYearTooLarge) {
    throw new StrptimeError(`'${text}' names a day that does not exist (format '${format}').`);
  }
  const parts: DateTimeParts = {
    year,
    month,
    day,
    hour: hourOf(groups),
    minute: Number(groups.M ?? 0),
    second: Number(groups.S ?? 0),
    microsecond: groups.f === undefined ? 0 : Number(groups.f.padEnd(6, "0")),
  };
  if (groups.z !== undefined) parts.offsetMinutes = parseOffset(groups.z);
  return parts;
}

/** `strptime` that returns undefined instead of throwing on a mismatch. */
export function tryStrptime(text: string, format: string): DateTimeParts | undefined {
  try {
    return strptime(text, format);
  } catch (error) {
    if (StrptimeError.isInstance(error)) return undefined;
    throw error;
  }
}

/** A number zero-padded to `width` digits, as strftime writes it. */
export const pad = (value: number, width = 2): string => String(value).padStart(width, "0");

/** `YYYY-MM-DD`. */
export const isoDate = (parts: DateTimeParts): string =>
  `${pad(parts.year, 4)}-${pad(parts.month)}-${pad(parts.day)}`;

/** `HH:MM:SS`, with `.ffffff` only when there are microseconds. */
export function isoTime(parts: DateTimeParts): string {
  const fraction = parts.microsecond ? `.${pad(parts.microsecond, 6)}` : "";
  return `${pad(parts.hour)}:${pad(parts.minute)}:${pad(parts.second)}${fraction}`;
}

/** `YYYY-MM-DDTHH:MM:SS[.ffffff][±HH:MM|Z]`. */
export function isoDateTime(parts: DateTimeParts): string {
  return `${isoDate(parts)}T${isoTime(parts)}${isoOffset(parts.offsetMinutes)}`;
}

function isoOffset(offsetMinutes: number | undefined): string {
  if (offsetMinutes === undefined) return "";
  if (offsetMinutes === 0) return "Z";
  const sign = offsetMinutes < 0 ? "-" : "+";
  const absolute = Math.abs(offsetMinutes);
  return `${sign}${pad(Math.floor(absolute / 60))}:${pad(absolute % 60)}`;
}
