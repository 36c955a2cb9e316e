import { type DateTimeParts, isoDate, isoDateTime, isoTime, tryStrptime } from "./strptime.js";

/**
 * Date, time and date-time values are normalised to ISO 8601 text. A spec's own strptime format
 * wins; the ISO form is always accepted too, so normalising twice gives the same text.
 */

export type TemporalKind = "date" | "time" | "date-time";

const ISO_DATE = "%Y-%m-%d";
const ISO_TIMES = ["%H:%M:%S.%f", "%H:%M:%S", "%H:%M"];
const ISO_DATE_TIMES = ["T", " "].flatMap((separator) =>
  ISO_TIMES.flatMap((time) => [
    `${ISO_DATE}${separator}${time}%z`,
    `${ISO_DATE}${separator}${time}`,
  ]),
);

/** What a model commonly writes when the spec gives no format (a subset of dateutil's reach). */
const DEFAULT_FORMATS: Record<TemporalKind, readonly string[]> = {
  date: [
    ISO_DATE,
    ...ISO_DATE_TIMES,
    "%Y/%m/%d",
    "%m/%d/%Y",
    "%d %B %Y",
    "%d %b %Y",
    "%B %d, %Y",
    "%b %d, %Y",
    "%B %d %Y",
    "%b %d %Y",
  ],
  time: [...ISO_TIMES, "%H:%M:%S%z", "%I:%M:%S %p", "%I:%M %p", "%I %p"],
  "date-time": [...ISO_DATE_TIMES, ISO_DATE],
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
    format ?? { date: "YYYY-MM-DD", time: "HH:MM:SS", "date-time": "ISO 8601 date-time" }[kind]
  );
}
