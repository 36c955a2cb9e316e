import { hasFix } from "../../contract/types.js";
import { ReaskMarker } from "../reask/marker.js";
import { checkFix } from "./check-fix.js";
import type { ActionHandler } from "./types.js";

/** `fix_reask`: take the fix if the same validator accepts it; otherwise ask again. */
export const fixReask: ActionHandler = async (failure) => {
  const { binding, field, verdict, input } = failure;
  const validator = binding.ref.name;
  if (!hasFix(verdict)) {
    return { kind: "reask", marker: new ReaskMarker(field, validator, input, [verdict.message]) };
  }
  const recheck = await checkFix(failure, verdict.fixValue);
  if (recheck.outcome === "pass") {
    return { kind: "value", value: verdict.fixValue, logged: verdict.fixValue, taken: "fixed" };
  }
  const messages = [verdict.message, recheck.message];
  return { kind: "reask", marker: new ReaskMarker(field, validator, verdict.fixValue, messages) };
};
