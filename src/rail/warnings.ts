/**
 * The wording of spec warnings, in one place: how a warning is written on a line (the CLI, the
 * call tree), and the messages of the two warnings that are about a validator not doing what the
 * spec seems to ask (an unknown name, an `on-fail-…` key that names no validator). The error an
 * unknown name raises by default says the same words, so a warning and an error never disagree.
 */
import { closestName } from "../closest-name.js";
import { formatPosition } from "../show.js";
import type { RailWarning } from "./types.js";
import { HUB_PREFIX } from "./validator-spec.js";

/** `<file>: <path> (line L, column C): <message>`, omitting what is unknown, as errors are written. */
export function formatWarning(warning: RailWarning, file?: string): string {
  const at = warning.position ? ` (${formatPosition(warning.position)})` : "";
  const where = warning.path ? `${warning.path}${at}` : at.trim();
  return `${file ? `${file}: ` : ""}${where ? `${where}: ` : ""}${warning.message}`;
}

/**
 * ``; did you mean `x`?`` when one known validator is clearly meant, else nothing. A Hub id is
 * compared by its base name (`hub://guardrails/two_word` → `two_words`), as the registry finds it.
 */
export function didYouMean(name: string, known: Iterable<string>): string {
  const base = name.startsWith(HUB_PREFIX) ? (name.split("/").pop() ?? name) : name;
  const closest = suggestName(base, known);
  return closest === undefined ? "" : `; did you mean \`${closest}\`?`;
}

/** No validator or on-fail key is longer; comparing longer text would only cost time. */
const MAX_SUGGESTED_LENGTH = 100;

/** The name clearly meant (see `closestName`), not looked for in text longer than any name. */
export const suggestName = (name: string, known: Iterable<string>): string | undefined =>
  name.length > MAX_SUGGESTED_LENGTH ? undefined : closestName(name, known);

/**
 * Why a validator name is refused (or, as a warning, not run): `unknown validator "x" on $.a`,
 * then `suggestion` (what `didYouMean` gave).
 */
export const unknownValidatorReason = (
  name: string,
  jsonPath: string,
  suggestion: string,
): string => `unknown validator "${name}" on ${jsonPath}${suggestion}`;

/** What the option does, for the error that suggests it. */
export const UNKNOWN_VALIDATOR_REMEDY =
  'a registered validator; for a Hub validator the catalogue lacks, unknownValidators: "warn" (CLI --allow-unknown-validators) keeps it as a prompt hint, not run';

/**
 * The warning for a validator kept as a hint (an allowed unknown name, or one that does not apply
 * to its field): it is shown to the model, never a check.
 */
export const hintWarning = (reason: string): string =>
  `${endSentence(reason)} It is shown to the model as a hint and not run.`;

/** Why a validator does not apply to its field: `"two-words" is not valid for element integer`. */
export const inapplicableReason = (name: string, kind: string): string =>
  `"${name}" is not valid for element ${kind}`;

/**
 * An `on-fail-…` key that names none of the element's validators. `meant` is the validator whose
 * key it most likely misspells: that one keeps its default action, said so, since its failure
 * will not be handled as the spec seems to ask.
 */
export function unusedOnFailWarning(
  attribute: string,
  meant?: { attribute: string; validator: string; action: string },
): string {
  const base = `${attribute} names no validator of this element and is ignored`;
  if (!meant) return base;
  return `${base}; did you mean \`${meant.attribute}\`? ${meant.validator} runs with the action ${meant.action}.`;
}

/** Text ending in `.`, `?` or `!` as it is; anything else with a period added. */
export const endSentence = (text: string): string => (/[.?!]$/.test(text) ? text : `${text}.`);
