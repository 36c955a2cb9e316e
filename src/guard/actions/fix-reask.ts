import { hasFix } from "../../contract/types.js";
import { checkFix } from "./check-fix.js";
import type { ActionHandler } from "./types.js";

/** `fix_reask`: take the fix if the same validator accepts it; otherwise ask again. */
export const fixReask: ActionHandler = async (failure) => {
  const { binding, field, verdict, input } = failure;
  const validator = binding.ref.name;
  if (!hasFix(verdict)) {
    const errorMessages = [verdict.message];
    return { kind: "reask", reask: { field, validator, incorrectValue: input, errorMessages } };
  }
  const recheck = await checkFix(failure, verdict.fixValue);
  if (recheck.outcome === "pass") {
    return { kind: "value", value: verdict.fixValue, logged: verdict.fixValue, taken: "fixed" };
  }
  const errorMessages = [verdict.message, recheck.message];
  return {
    kind: "reask",
    reask: { field, validator, incorrectValue: verdict.fixValue, errorMessages },
  };
};
