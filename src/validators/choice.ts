import { isDeepStrictEqual } from "node:util";
import type { ValidatorDefinition, Verdict } from "../contract/types.js";
import { fail, pass } from "../contract/types.js";
import type { ChoiceField } from "../rail/types.js";
import { describeValue } from "../show.js";
import { alias } from "./common.js";

type ChoicesArgs = { choices: unknown };

const fold = (text: string): string => text.trim().toLowerCase();

/** The one string choice the value matches after trimming and case folding, if exactly one. */
function uniqueLooseMatch(value: unknown, choices: readonly unknown[]): unknown {
  if (typeof value !== "string") return undefined;
  const matches = choices.filter(
    (choice) => typeof choice === "string" && fold(choice) === fold(value),
  );
  return matches.length === 1 ? matches[0] : undefined;
}

const listed = (choices: readonly unknown[]): string =>
  choices.map((choice) => JSON.stringify(choice)).join(", ");

/** `isDeepStrictEqual` with one of `choices`; a text or number (most values) compared as itself. */
function isOneOf(value: unknown, choices: readonly unknown[]): boolean {
  if (typeof value === "object" && value !== null) {
    return choices.some((choice) => isDeepStrictEqual(choice, value));
  }
  for (const choice of choices) if (Object.is(choice, value)) return true;
  return false;
}

/** Membership check shared by `valid-choices` and `choice`; `fix` is a unique loose match. */
function checkMembership(value: unknown, choices: readonly unknown[], noun: string): Verdict {
  if (isOneOf(value, choices)) return pass();
  const shown = typeof value === "string" ? JSON.stringify(value) : describeValue(value);
  return fail(
    `${shown} is not one of the ${noun}: ${listed(choices)}`,
    uniqueLooseMatch(value, choices),
  );
}

export const validChoices: ValidatorDefinition<ChoicesArgs> = {
  name: "valid-choices",
  types: "all",
  args: [{ name: "choices", type: "list", description: "The allowed values." }],
  description: "The value is one of `choices`.",
  docs: {
    check:
      "the value equals one of `choices` (a single non-list argument counts as a one-item list)",
    fix: "the one choice equal to the value after trimming and ignoring case; otherwise none",
    advice: "`reask` (the model can pick again); `fix` only repairs spacing and case",
  },
  validate(value, { args }) {
    // Guardrails 0.3.3's fix: a bare `valid-choices: a` means ["a"], not substring matching in "a".
    const choices = Array.isArray(args.choices) ? args.choices : [args.choices];
    return checkMembership(value, choices, "choices");
  },
};

/** The selected case name: the choice key's value (0.1 style) or the discriminator (0.2+). */
function selectedCase(value: unknown, field: ChoiceField): unknown {
  if (field.style === "sibling" || typeof value !== "object" || value === null) return value;
  return (value as Record<string, unknown>)[field.discriminator];
}

export const choice: ValidatorDefinition = {
  name: "choice",
  types: ["choice"],
  description: "The choice selects one of its cases.",
  docs: {
    check: "the discriminator (or, for 0.1-style choices, the value) is one of the case names",
    fix: "the discriminator set to the case name it matches after trimming and ignoring case",
    advice: "`reask`: a wrong case usually means the other fields are wrong too",
  },
  validate(value, { field }) {
    if (field.kind !== "choice") return fail(`applies to choice fields, got a ${field.kind} field`);
    const cases = field.cases.map((entry) => entry.name);
    const selected = selectedCase(value, field);
    const noun = field.style === "sibling" ? "cases" : `cases of "${field.discriminator}"`;
    const verdict = checkMembership(selected, cases, noun);
    if (verdict.outcome === "pass" || !("fixValue" in verdict) || selected === value)
      return verdict;
    const fixed = {
      ...(value as Record<string, unknown>),
      [field.discriminator]: verdict.fixValue,
    };
    return fail(verdict.message, fixed);
  },
};

export const choiceValidators: ValidatorDefinition[] = [
  validChoices,
  choice,
  alias(validChoices, "valid_choices"),
];
