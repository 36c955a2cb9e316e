import { isIPv4, isIPv6 } from "node:net";
import { countrySpecs, electronicFormatIBAN, isValidIBAN } from "ibantools";
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

/**
 * Spans of a global regex, each cut to the part of its match that `validLength` accepts (0: none).
 * A rejected match is retried one character later and the search goes on where the accepted part
 * ends: in "(212) 555-0100 4111 1111 1111 1111" the card pattern first matches "555-0100 4111
 * 1111" (no valid checksum), and two IBANs in a row first match as one; skipping the whole match
 * would hide the card, or the second IBAN.
 */
function checked(
  text: string,
  regex: RegExp,
  label: PiiEntity,
  validLength: (match: string) => number,
): Span[] {
  const spans: Span[] = [];
  regex.lastIndex = 0;
  for (let match = regex.exec(text); match; match = regex.exec(text)) {
    const length = validLength(match[0]);
    if (length > 0) spans.push({ start: match.index, end: match.index + length, label });
    regex.lastIndex = match.index + Math.max(length, 1);
  }
  return spans;
}

/** All of a match, when `accept` takes it. */
const whole =
  (accept: (match: string) => boolean) =>
  (match: string): number =>
    accept(match) ? match.length : 0;

const digitsOf = (text: string): string => text.replace(/\D/g, "");

// Starts only where a run of address characters starts, so that a long run without an "@" is
// scanned once rather than once per position (`/[a.]+@/` takes quadratic time on "a.a.a.…").
const EMAIL =
  /(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu;
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

const IBAN_LENGTHS: Record<string, number | undefined> = Object.fromEntries(
  Object.entries(countrySpecs).map(([country, spec]) => [country, spec.chars]),
);

/**
 * The valid IBAN a match starts with, by its country's IBAN length (trailing words can look like
 * IBAN characters): the length of the match up to its last IBAN character, or 0.
 */
function validIbanLength(match: string): number {
  const length = IBAN_LENGTHS[match.slice(0, 2)];
  if (length === undefined) return 0;
  let seen = 0;
  for (let end = 0; end < match.length; end++) {
    if (match[end] !== " ") seen++;
    if (seen === length)
      return isValidIBAN(electronicFormatIBAN(match.slice(0, end + 1)) ?? "") ? end + 1 : 0;
  }
  return 0;
}

/**
 * An international number has 8 to 15 digits (E.164). The pattern's greedy groups may run on
 * into a following number ("+44 20 7946 0958 078-05-1120"): separated groups are dropped from
 * the end until the digits fit.
 */
function validPhoneLength(match: string): number {
  let candidate = match;
  while (digitsOf(candidate).length > 15 && /[ .-]\d{2,4}$/.test(candidate)) {
    candidate = candidate.replace(/[ .-]\d{2,4}$/, "");
  }
  const digits = digitsOf(candidate).length;
  return digits >= 8 && digits <= 15 ? candidate.length : 0;
}

/** A US SSN with a valid area (not 000, 666 or 9xx), group (not 00) and serial (not 0000). */
function validSsn(match: string): boolean {
  const [area = "", group = "", serial = ""] = match.split(/[- ]/);
  return !/^(?:000|666|9\d\d)$/.test(area) && group !== "00" && serial !== "0000";
}

const TRAILING_PUNCTUATION = new Set(".,;:!?)]}");

/**
 * URLs end before trailing sentence punctuation. Trimmed by a loop from the end: a regex such as
 * `/[.,]+$/` retries from every position of a long punctuation run, in quadratic time.
 */
const urlSpans = (text: string): Span[] =>
  matchSpans(text, URL_PATTERN, "URL").map((span) => {
    let end = span.end;
    while (end > span.start && TRAILING_PUNCTUATION.has(text.charAt(end - 1))) end--;
    return { ...span, end };
  });

const DETECTORS: Record<PiiEntity, (text: string) => Span[]> = {
  EMAIL_ADDRESS: (text) => matchSpans(text, EMAIL, "EMAIL_ADDRESS"),
  CREDIT_CARD: (text) =>
    checked(
      text,
      CARD,
      "CREDIT_CARD",
      whole((match) => {
        const digits = digitsOf(match);
        return digits.length >= 13 && digits.length <= 19 && luhnValid(digits);
      }),
    ),
  IBAN_CODE: (text) => checked(text, IBAN, "IBAN_CODE", validIbanLength),
  IP_ADDRESS: (text) => [
    ...checked(text, IPV4, "IP_ADDRESS", whole(isIPv4)),
    ...checked(
      text,
      IPV6,
      "IP_ADDRESS",
      whole((match) => /[0-9a-f]/i.test(match) && isIPv6(match)),
    ),
  ],
  US_SSN: (text) => checked(text, SSN, "US_SSN", whole(validSsn)),
  PHONE_NUMBER: (text) => [
    ...checked(text, PHONE_INTERNATIONAL, "PHONE_NUMBER", validPhoneLength),
    ...matchSpans(text, PHONE_NANP, "PHONE_NUMBER"),
  ],
  URL: urlSpans,
};

/** Every entity of the given types in the text (overlaps not yet resolved). */
export function detectPii(text: string, entities: readonly PiiEntity[]): Span[] {
  return entities.flatMap((entity) => DETECTORS[entity](text));
}
