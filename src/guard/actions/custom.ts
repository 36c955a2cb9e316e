/** A handler from the guard options, in place of the validator's configured action. */

import type { ValidatorBinding } from "../../contract/binding.js";
import { errorMessage } from "../../errors.js";
import { ownCopy } from "../validate/own-copy.js";
import type { CustomOnFail, WalkOptions } from "../validate/state.js";
import type { ActionHandler } from "./types.js";

/**
 * Its value goes on. The handler works on its own copy: what it changes before it returns (or
 * throws) is neither the logged value before nor, if it throws, the value kept, which stays as it
 * was, reasks below it included, with the failure standing.
 */
export const custom =
  (handler: CustomOnFail): ActionHandler =>
  async ({ verdict, input, current }) => {
    let step = "threw";
    try {
      const returned = await handler(ownCopy(input), [verdict]);
      // Copied in turn: the handler may keep its value and change it after the call. A value
      // the copy cannot read (a getter that throws) is no value: the handler failed.
      step = "gave a value that cannot be read";
      const next = ownCopy(returned);
      return { kind: "value", value: next, logged: next, taken: "custom" };
    } catch (error) {
      const message = `${verdict.message} (custom on-fail handler ${step}: ${errorMessage(error)})`;
      const standing = { reason: "custom-failed", message } as const;
      return { kind: "value", value: current, logged: input, taken: "custom-failed", standing };
    }
  };

/** The custom handler for a binding, by its alias first, then by the validator's name. */
export function customHandlerFor(
  binding: ValidatorBinding,
  options: WalkOptions,
): CustomOnFail | undefined {
  const handlers = options.customHandlers ?? {};
  for (const name of [binding.ref.name, binding.definition.name]) {
    if (Object.hasOwn(handlers, name)) return handlers[name];
  }
  return undefined;
}
