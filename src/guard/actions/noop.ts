import type { ActionHandler } from "./types.js";

/** `noop`: the value stays as it is and the failure stands. */
export const noop: ActionHandler = ({ verdict, input, current }) => ({
  kind: "value",
  value: current,
  logged: input,
  taken: "kept",
  standing: { reason: "noop", message: verdict.message },
});
