import { hasFix } from "../../contract/types.js";
import type { ActionHandler } from "./types.js";

/** `fix`: the validator's fix value replaces the value. */
export const fix: ActionHandler = ({ verdict, input, current }) => {
  if (hasFix(verdict)) {
    return { kind: "value", value: verdict.fixValue, logged: verdict.fixValue, taken: "fixed" };
  }
  // Never a silent null: the value stays and the failure is reported.
  return {
    kind: "value",
    value: current,
    logged: input,
    taken: "fix-unavailable",
    standing: { reason: "fix-unavailable", message: verdict.message },
  };
};
