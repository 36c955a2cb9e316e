import type { ValidatorDefinition } from "../contract/types.js";
import { fail, pass } from "../contract/types.js";
import { describeValue } from "../show.js";
import { alias, type BoundArgs, boundArgs } from "./common.js";

/** A number in one of the forms a model writes it: 12, "12", "12.5", "20%". */
interface ReadNumber {
  number: number;
  /** What follows the digits of a number written as text (`%`, or nothing); none for a number. */
  suffix?: string;
}

function readNumber(value: unknown): ReadNumber | undefined {
  if (typeof value === "number" && Number.isFinite(value)) return { number: value };
  if (typeof value !== "string") return undefined;
  // Trimmed first: `\s*(%?)\s*$` would try every split of a long blank run (quadratic time).
  const match = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?)\s*(%?)$/i.exec(value.trim());
  if (!match) return undefined;
  return { number: Number(match[1]), suffix: match[2] ?? "" };
}

/** A (clamped) number written back in the value's original form. */
const writeBack = (read: ReadNumber, clamped: number): number | string =>
  read.suffix === undefined ? clamped : `${clamped}${read.suffix}`;

/** Integer fields clamp to the nearest integer inside the range, as Guardrails casts bounds. */
function clamp(number: number, min: number, max: number, integer: boolean): number {
  const low = integer ? Math.ceil(min) : min;
  const high = integer ? Math.floor(max) : max;
  return Math.min(Math.max(number, low), high);
}

export const validRange: ValidatorDefinition<BoundArgs> = {
  name: "valid-range",
  types: ["integer", "float", "percentage", "string"],
  args: boundArgs("number", "value"),
  description: 'The number (or percentage such as "20%") lies within [min, max].',
  docs: {
    check: '`min ≤ v ≤ max`, either bound optional; percentages like `"20%"` compare as 20',
    fix: 'the value clamped to the nearest bound, in its original form (`"100%"` stays a percentage)',
    advice:
      "`fix` for scores and ratings; `reask` when an out-of-range value signals a wrong answer",
  },
  validate(value, { args, field }) {
    const read = readNumber(value);
    if (!read) return fail(`expected a number, got ${describeValue(value)}`);
    const min = args.min ?? Number.NEGATIVE_INFINITY;
    const max = args.max ?? Number.POSITIVE_INFINITY;
    const { number } = read;
    if (number >= min && number <= max) return pass();
    const message =
      number < min
        ? `must be at least ${min}, got ${number}`
        : `must be at most ${max}, got ${number}`;
    const fixed = clamp(number, min, max, field.kind === "integer");
    if (fixed < min || fixed > max) return fail(message);
    return fail(message, writeBack(read, fixed));
  },
};

export const numericValidators: ValidatorDefinition[] = [
  validRange,
  alias(validRange, "valid_range"),
];
