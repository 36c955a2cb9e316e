import type { ActionHandler } from "./types.js";

/** `filter`: the value is removed from the output (an item from its list, a key from its object). */
export const filter: ActionHandler = () => ({ kind: "dropped" });
