import type { ValidatorContext, Verdict } from "../../contract/types.js";
import { fail } from "../../contract/types.js";
import { type MaxLengthArgs, overMaxLength, textOnly } from "../common.js";
import { SqlValidatorError } from "./errors.js";

type SqlCheck<A> = (sql: string, ctx: ValidatorContext<A>) => Verdict | Promise<Verdict>;

/**
 * Wraps a check on SQL text: non-strings fail with a precise message, SQL over `max_length` fails
 * unparsed, and a setup problem (unknown dialect, schema that does not load) becomes a failure
 * naming it instead of a thrown error.
 */
export function sqlCheck<A extends MaxLengthArgs>(
  check: SqlCheck<A>,
): (value: unknown, ctx: ValidatorContext<A>) => Verdict | Promise<Verdict> {
  return textOnly<A>(async (sql, ctx) => {
    const tooLong = overMaxLength("SQL", sql, ctx.args);
    if (tooLong) return tooLong;
    try {
      return await check(sql, ctx);
    } catch (error) {
      if (SqlValidatorError.isInstance(error)) return fail(error.message);
      throw error;
    }
  });
}

/** A list argument as names: a list as written, or one comma/space separated string. */
export function nameList(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  if (typeof value === "string") return value.split(/[\s,]+/).filter((name) => name !== "");
  return [];
}
