import type { ActionHandler } from "./types.js";

/** `exception`: the call fails with a `ValidationError`; the walk stops. */
export const exception: ActionHandler = () => ({ kind: "halt", reason: "exception" });
