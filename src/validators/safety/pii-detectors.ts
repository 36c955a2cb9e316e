import { isIPv4, isIPv6 } from "node:net";
import { electronicFormatIBAN, isValidIBAN } from "ibantools";
import { matchSpans, type Span } from "./spans.js";

/** The entity types railguard recognises offline (Presidio's names). */
export const PII_ENTITIES = [
  "EMAIL_ADDRESS",
  "PHONE_NUMBER",
  "CREDIT_CARD",
  "IBAN_CODE",
  "IP_ADDRESS",
  "US_SSN",
  "URL",
] as const;

export type PiiEntity = (typeof PII_ENTITIES)[number];

/** Luhn checksum, as card numbers carry it. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
    sum += digit;
  }
  return digits.length > 0 && sum % 10 === 0;
}

/** Spans of a regex whose matched text passes `accept`. */
const checked = (
  text: string,
  regex: RegExp,
  label: PiiEntity,
  accept: (match: string) => boolean,
): Span[] =>
  matchSpans(text, regex, label).filter((span) => accept(text.slice(span.start, span.end)));

const digitsOf = (text: string): string => text.replace(/\D/g, "");

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu;
const CARD = /(?<!\d)\d(?:[ -]?\d){12,18}(?!\d)/g;
const IBAN = /\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]){11,30}\b/g;
const IPV4 = /(?<![\d.])(?:\d{1,3}\.){3}\d{1,3}(?!\d|\.\d)/g;
const IPV6 =
  /(?<![\w:])(?:[0-9A-Fa-f]{0,4}:){2,7}(?:[0-9A-Fa-f]{1,4}|(?:\d{1,3}\.){3}\d{1,3})?(?![\w:])/g;
const SSN = /(?<!\d)(\d{3})([- ])(\d{2})\2(\d{4})(?!\d)/g;
const URL_PATTERN = /\b(?:https?:\/\/|www\.)[^\s<>"']+/g;
// International numbers start with +; North American ones have 10 digits in the usual groupings.
const PHONE_INTERNATIONAL =
  /(?<![\w+])\+\d{1,3}[ .-]?(?:\(\d{1,4}\)[ .-]?)?\d{1,4}(?:[ .-]?\d{2,4}){1,4}(?!\d)/g;
const PHONE_NANP =
  /(?<![\w+])(?:1[ .-]?)?(?:\([2-9]\d{2}\)|[2-9]\d{2})[ .-]?[2-9]\d{2}[ .-]?\d{4}(?!\d)/g;

/** A valid IBAN, shrinking a greedy match group by group (trailing words can look like IBAN chars). */
function ibanSpans(text: string): Span[] {
  const spans: Span[] = [];
  for (const span of matchSpans(text, IBAN, "IBAN_CODE")) {
    let candidate = text.slice(span.start, span.end);
    while (candidate.length >= 15 && !isValidIBAN(electronicFormatIBAN(candidate) ?? "")) {
      candidate = candidate.replace(/ ?[A-Z0-9]$/, "");
    }
    if (candidate.length >= 15) spans.push({ ...span, end: span.start + candidate.length });
  }
  return spans;
}

/** A US SSN with a valid area (not 000, 666 or 9xx), group (not 00) and serial (not 0000). */
function validSsn(match: string): boolean {
  const [area = "", group = "", serial = ""] = match.split(/[- ]/);
  return !/^(?:000|666|9\d\d)$/.test(area) && group !== "00" && serial !== "0000";
}

/** URLs end before trailing sentence punctuation. */
const urlSpans = (text: string): Span[] =>
  matchSpans(text, URL_PATTERN, "URL").map((span) => {
    const trailing = /[.,;:!?)\]}]+$/.exec(text.slice(span.start, span.end))?.[0].length ?? 0;
    return { ...span, end: span.end - trailing };
  });

const DETECTORS: Record<PiiEntity, (text: string) => Span[]> = {
  EMAIL_ADDRESS: (text) => matchSpans(text, EMAIL, "EMAIL_ADDRESS"),
  CREDIT_CARD: (text) =>
    checked(text, CARD, "CREDIT_CARD", (match) => {
      const digits = digitsOf(match);
      return digits.length >= 13 && digits.length <= 19 && luhnValid(digits);
    }),
  IBAN_CODE: ibanSpans,
  IP_ADDRESS: (text) => [
    ...checked(text, IPV4, "IP_ADDRESS", isIPv4),
    ...checked(text, IPV6, "IP_ADDRESS", (match) => /[0-9a-f]/i.test(match) && isIPv6(match)),
  ],
  US_SSN: (text) => checked(text, SSN, "US_SSN", validSsn),
  PHONE_NUMBER: (text) => [
    ...checked(text, PHONE_INTERNATIONAL, "PHONE_NUMBER", (match) => {
      const count = digitsOf(match).length;
      return count >= 8 && count <= 15;
    }),
    ...matchSpans(text, PHONE_NANP, "PHONE_NUMBER"),
  ],
  URL: urlSpans,
};

/** Every entity of the given types in the text (overlaps not yet resolved). */
export function detectPii(text: string, entities: readonly PiiEntity[]): Span[] {
  return entities.flatMap((entity) => DETECTORS[entity](text));
}
