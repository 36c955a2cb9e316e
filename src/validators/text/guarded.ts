import { fail, type ValidatorContext, type Verdict } from "../../contract/types.js";
import { errorMessage } from "../../errors.js";
import { describeValue } from "../../show.js";
import { TextValidationError } from "./errors.js";

type Validate<A> = (value: unknown, ctx: ValidatorContext<A>) => Verdict | Promise<Verdict>;

/**
 * Wraps a validator so that nothing it meets (missing sources, a broken embed function, a model
 * error) escapes as an exception: the reason becomes the failure message.
 */
export function neverThrows<A>(name: string, validate: Validate<A>): Validate<A> {
  return async (value, ctx) => {
    try {
      return await validate(value, ctx);
    } catch (error) {
      return fail(`${name} could not check ${ctx.path}: ${errorMessage(error)}`);
    }
  };
}

/** The value as text; anything but a string is a mistake worth naming. */
export function textOf(value: unknown): string {
  if (typeof value === "string") return value;
  throw new TextValidationError("not-text", `expected a string, got ${describeValue(value)}`);
}
