import { fixAccepted } from "./check-fix.js";
import type { ActionHandler } from "./types.js";

/** `reask`: the field is asked again, with the fix value to stand in if it is accepted. */
export const reask: ActionHandler = async (failure) => {
  const { binding, field, verdict, input } = failure;
  const fix = (await fixAccepted(failure)) ? { value: verdict.fixValue } : undefined;
  const validator = binding.ref.name;
  const errorMessages = [verdict.message];
  return { kind: "reask", reask: { field, validator, incorrectValue: input, errorMessages, fix } };
};
