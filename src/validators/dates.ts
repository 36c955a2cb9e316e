import type { ValidatorDefinition, Verdict } from "../contract/types.js";
import { fail, pass } from "../contract/types.js";
import {
  type DateTimeParts,
  isoDate,
  isoDateTime,
  isoTime,
  MONTHS,
  pad,
  strptime,
  tryStrptime,
  WEEKDAYS,
} from "../strptime.js";
import { parseTemporal, type TemporalKind } from "../temporal.js";
import { textOnly } from "./common.js";

type FormatArgs = { format?: string | null };

const capitalised = (name: string): string => name.charAt(0).toUpperCase() + name.slice(1);

function offsetText(minutes: number | undefined): string {
  if (minutes === undefined) return "";
  const absolute = Math.abs(minutes);
  return `${minutes < 0 ? "-" : "+"}${pad(Math.floor(absolute / 60))}${pad(absolute % 60)}`;
}

/** The text each strftime directive writes for a date. */
function directives(parts: DateTimeParts): Record<string, string> {
  const utc = new Date(Date.UTC(parts.year, parts.month - 1, parts.day));
  const dayOfYear = (utc.getTime() - Date.UTC(parts.year, 0, 1)) / 86_400_000 + 1;
  const month = capitalised(MONTHS[parts.month - 1] ?? "");
  // getUTCDay counts from Sunday, WEEKDAYS from Monday.
  const weekday = capitalised(WEEKDAYS[(utc.getUTCDay() + 6) % 7] ?? "");
  return {
    Y: pad(parts.year, 4),
    y: pad(parts.year % 100),
    m: pad(parts.month),
    d: pad(parts.day),
    H: pad(parts.hour),
    I: pad(parts.hour % 12 || 12),
    p: parts.hour < 12 ? "AM" : "PM",
    M: pad(parts.minute),
    S: pad(parts.second),
    f: pad(parts.microsecond, 6),
    j: pad(dayOfYear, 3),
    B: month,
    b: month.slice(0, 3),
    A: weekday,
    a: weekday.slice(0, 3),
    z: offsetText(parts.offsetMinutes),
    "%": "%",
  };
}

/** Python's `strftime` for the directives `strptime` reads; unknown directives stay as written. */
export function strftime(parts: DateTimeParts, format: string): string {
  const values = directives(parts);
  return format.replace(/%(.)/g, (whole, directive: string) => values[directive] ?? whole);
}

const TIME =
  "(?:[01]\\d|2[0-3]):[0-5]\\d(?::(?:[0-5]\\d|60)(?:\\.\\d{1,9})?)?(?:Z|[+-](?:[01]\\d|2[0-3]):?[0-5]\\d)?";
const DATE = "\\d{4}-\\d{2}-\\d{2}";

/** ISO 8601 in its usual extended form; the date part is checked against the calendar too. */
const ISO: Record<
  TemporalKind,
  {
    pattern: RegExp;
    render: (parts: DateTimeParts) => string;
    shown: string;
    /** Spellings the lenient reading (`parseTemporal`) understands, for the docs. */
    lenient: string;
  }
> = {
  date: {
    pattern: new RegExp(`^${DATE}$`),
    render: isoDate,
    shown: "YYYY-MM-DD",
    lenient: "`2024-3-5`, `2024/03/05`, `03/05/2024`, `March 5, 2024`, `5 Mar 2024`",
  },
  time: {
    pattern: new RegExp(`^${TIME}$`, "i"),
    render: isoTime,
    shown: "HH:MM[:SS[.fff]][±HH:MM]",
    lenient: "`9:05`, `3:04 PM`, `3 PM`",
  },
  "date-time": {
    pattern: new RegExp(`^${DATE}[T ]${TIME}$`, "i"),
    render: isoDateTime,
    shown: "YYYY-MM-DDTHH:MM[:SS[.fff]][±HH:MM]",
    lenient:
      "`2024-3-5T9:00`, `2024/03/05 10:00`, `March 5, 2024 10:00:00Z`, `5 Mar 2024 3:04 PM`, a date alone as midnight",
  },
};

function isIso(kind: TemporalKind, text: string): boolean {
  if (!ISO[kind].pattern.test(text)) return false;
  return kind === "time" || tryStrptime(text.slice(0, 10), "%Y-%m-%d") !== undefined;
}

const KNOWN_DIRECTIVES = new Set(Object.keys(directives(strptime("2000", "%Y"))));

/** Checks `text` against `format` (strptime) or ISO; a bad format is reported, not thrown. */
function matchesFormat(
  kind: TemporalKind,
  text: string,
  format: string | undefined,
): boolean | string {
  if (!format) return isIso(kind, text);
  const unknown = [...format.matchAll(/%(.?)/g)].find(
    ([, letter]) => !KNOWN_DIRECTIVES.has(letter ?? ""),
  );
  if (unknown)
    return `the format ${JSON.stringify(format)} has the unsupported directive ${unknown[0]}`;
  return tryStrptime(text, format) !== undefined;
}

function formatCheck(
  name: string,
  kind: TemporalKind,
  noun: string,
): ValidatorDefinition<FormatArgs> {
  return {
    name,
    types: [kind, "string"],
    args: [
      {
        name: "format",
        type: "string",
        optional: true,
        description: "A strptime format the value must follow instead of ISO 8601.",
      },
    ],
    description: `The text is ${noun} in ISO 8601 form, or in the strptime \`format\` given.`,
    docs: {
      check: `${noun} written as ${ISO[kind].shown}, or matching the strptime \`format\` argument (calendar-checked)`,
      fix: `the value re-written in the expected form when a lenient reading understands it (${ISO[kind].lenient})`,
      advice: "`fix` normalises common spellings; `reask` when the value is not a date at all",
    },
    validate: textOnly((text, { args }): Verdict => {
      const format = args.format ?? undefined;
      const matched = matchesFormat(kind, text, format);
      if (typeof matched === "string") return fail(matched);
      if (matched) return pass();
      const expected = format ? `format ${JSON.stringify(format)}` : ISO[kind].shown;
      const message = `must be ${noun} written as ${expected}, got ${JSON.stringify(text)}`;
      const parts = parseTemporal(kind, text);
      const fixed = parts && (format ? strftime(parts, format) : ISO[kind].render(parts));
      return fail(
        message,
        fixed !== undefined && matchesFormat(kind, fixed, format) === true ? fixed : undefined,
      );
    }),
  };
}

export const isIsoDate = formatCheck("is-iso-date", "date", "a date");
export const isIsoTime = formatCheck("is-iso-time", "time", "a time");
export const isIsoDateTime = formatCheck("is-iso-datetime", "date-time", "a date-time");

export const dateValidators: ValidatorDefinition[] = [isIsoDate, isIsoTime, isIsoDateTime];
