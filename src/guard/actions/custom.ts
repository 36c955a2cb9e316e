/** A handler from the guard options, in place of the validator's configured action. */

import type { ValidatorBinding } from "../../contract/binding.js";
import { CallDeadline } from "../../deadline.js";
import { errorMessage } from "../../errors.js";
import { ownCopy } from "../validate/own-copy.js";
import type { CustomOnFail, WalkOptions } from "../validate/state.js";
import type { ActionHandler } from "./types.js";

/**
 * Its value goes on. The handler works on its own copy: what it changes before it returns (or
 * throws) is neither the logged value before nor, if it throws, the value kept, which stays as it
 * was, reasks below it included, with the failure standing. Like a validator, it is given up on
 * (as one that threw) once `validatorTimeoutMs` runs out; the call's own deadline and signal
 * bound it too (see run.ts). Its signal aborts at either.
 */
export const custom =
  (handler: CustomOnFail): ActionHandler =>
  async ({ verdict, input, current, at, options }) => {
    let step = "threw";
    const limit = options.validatorTimeoutMs;
    const deadline = new CallDeadline(options.signal, limit);
    try {
      const context = { signal: deadline.signal, path: at };
      const handling = new Promise((resolve) =>
        resolve(handler(ownCopy(input), [verdict], context)),
      );
      // Without a limit of its own, the call's deadline is the one that waits (see run.ts).
      const returned = await (limit === undefined ? handling : deadline.race(handling));
      // Copied in turn: the handler may keep its value and change it after the call. A value
      // the copy cannot read (a getter that throws) is no value: the handler failed.
      step = "gave a value that cannot be read";
      const next = ownCopy(returned);
      return { kind: "value", value: next, logged: next, taken: "custom" };
    } catch (error) {
      let why = `${step}: ${errorMessage(error)}`;
      // Given up on: the call was stopped, or the handler's own limit ran out.
      if (deadline.failure !== undefined && error === deadline.failure) {
        why = options.signal?.aborted
          ? "was stopped with the call"
          : `did not settle within ${limit} ms`;
      }
      const message = `${verdict.message} (custom on-fail handler ${why})`;
      const standing = { reason: "custom-failed", message } as const;
      return { kind: "value", value: current, logged: input, taken: "custom-failed", standing };
    } finally {
      deadline.dispose();
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
