import type { ActionHandler } from "./types.js";

/** `refrain`: the whole output is withheld; the walk stops. */
export const refrain: ActionHandler = () => ({ kind: "halt", reason: "refrained" });
