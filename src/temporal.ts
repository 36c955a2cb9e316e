import { type DateTimeParts, isoDate, isoDateTime, isoTime, tryStrptime } from "./strptime.js";

/**
 * Date, time and date-time values are normalised to ISO 8601 text. A spec's own strptime format
 * wins; the ISO form is always accepted too, so normalising twice gives the same text.
 */

export type TemporalKind = "date" | "time" | "date-time";

const ISO_DATE = "%Y-%m-%d";
const ISO_TIMES = ["%H:%M:%S.%f", "%H:%M:%S", "%H:%M"];
/** Times with an optional UTC offset or `Z`, as a date-time may end. */
const ZONED_TIMES = ISO_TIMES.flatMap((time) => [`${time}%z`, time]);
const TWELVE_HOUR_TIMES = ["%I:%M:%S %p", "%I:%M %p"];
const ISO_DATE_TIMES = ["T", " "].flatMap((separator) =>
  ZONED_TIMES.map((time) => `${ISO_DATE}${separator}${time}`),
);

/** Dates a model commonly writes besides ISO (a subset of dateutil's reach, month first). */
const OTHER_DATES = [
  "%Y/%m/%d",
  "%m/%d/%Y",
  "%d %B %Y",
  "%d %b %Y",
  "%B %d, %Y",
  "%b %d, %Y",
  "%B %d %Y",
  "%b %d %Y",
];

/**
 * The date-times read on a date form: the date alone (midnight, as for an ISO date), or followed
 * by a 24-hour time (optional seconds, fraction, offset) or a 12-hour time with AM/PM. Numeric
 * dates may be joined to the time by `T`; worded ones only by a space. Nothing more is guessed:
 * a bare hour (`10`, `3 PM`), a two-digit year or a time before the date stays unread.
 */
function dateTimesOn(date: string): string[] {
  const separators = /%[bB]/.test(date) ? [" "] : ["T", " "];
  return [
    date,
    ...separators.flatMap((separator) => ZONED_TIMES.map((time) => `${date}${separator}${time}`)),
    ...TWELVE_HOUR_TIMES.map((time) => `${date} ${time}`),
  ];
}

/** What a model commonly writes when the spec gives no format. */
const DEFAULT_FORMATS: Record<TemporalKind, readonly string[]> = {
  date: [ISO_DATE, ...ISO_DATE_TIMES, ...OTHER_DATES],
  time: [...ISO_TIMES, "%H:%M:%S%z", ...TWELVE_HOUR_TIMES, "%I %p"],
  "date-time": [ISO_DATE, ...OTHER_DATES].flatMap(dateTimesOn),
};

/** The canonical ISO forms, accepted alongside a spec's own format. */
const CANONICAL_FORMATS: Record<TemporalKind, readonly string[]> = {
  date: [ISO_DATE],
  time: ["%H:%M:%S.%f", "%H:%M:%S"],
  "date-time": ISO_DATE_TIMES.filter((format) => format.includes("T")),
};

const RENDER: Record<TemporalKind, (parts: DateTimeParts) => string> = {
  date: isoDate,
  time: isoTime,
  "date-time": isoDateTime,
};

/** Parses a date/time text with the spec's format (or the defaults); undefined if none fits. */
export function parseTemporal(
  kind: TemporalKind,
  text: string,
  format?: string,
): DateTimeParts | undefined {
  const formats = format ? [format, ...CANONICAL_FORMATS[kind]] : DEFAULT_FORMATS[kind];
  const trimmed = text.trim();
  for (const candidate of formats) {
    const parts = tryStrptime(trimmed, candidate);
    if (parts) return parts;
  }
  return undefined;
}

/** The ISO text of a date/time value, or undefined when it cannot be read. */
export function normaliseTemporal(
  kind: TemporalKind,
  text: string,
  format?: string,
): string | undefined {
  const parts = parseTemporal(kind, text, format);
  return parts && RENDER[kind](parts);
}

/** The format a message should quote: the spec's own, or ISO. */
export function expectedFormat(kind: TemporalKind, format?: string): string {
  return (
    format || { date: "YYYY-MM-DD", time: "HH:MM:SS", "date-time": "ISO 8601 date-time" }[kind]
  );
}
