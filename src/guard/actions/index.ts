import type { ValidatorBinding } from "../../contract/binding.js";
import type { OnFailAction } from "../../rail/types.js";
import type { ValidatorLog } from "../history/validator-log.js";
import type { WalkOptions } from "../validate/state.js";
import { custom, customHandlerFor } from "./custom.js";
import { exception } from "./exception.js";
import { filter } from "./filter.js";
import { fix } from "./fix.js";
import { fixReask } from "./fix-reask.js";
import { noop } from "./noop.js";
import { reask } from "./reask.js";
import { refrain } from "./refrain.js";
import type { ActionHandler } from "./types.js";

export type { ActionHandler, ActionResult, Failure, Standing } from "./types.js";

/**
 * The on-fail actions, one handler per action. Adding an action is one file and one entry here
 * (its name goes into `OnFailAction` in rail/types.ts; the table's type then asks for the entry).
 */
export const ON_FAIL_HANDLERS: Readonly<Record<OnFailAction, ActionHandler>> = {
  noop,
  fix,
  reask,
  fix_reask: fixReask,
  filter,
  refrain,
  exception,
};

/** The action to take on a binding's failure, and its name for the log. */
export interface ChosenAction {
  onFail: NonNullable<ValidatorLog["onFail"]>;
  handle: ActionHandler;
}

/** A custom handler from the guard options wins over the binding's configured action. */
export function actionFor(binding: ValidatorBinding, options: WalkOptions): ChosenAction {
  const handler = customHandlerFor(binding, options);
  if (handler) return { onFail: "custom", handle: custom(handler) };
  return { onFail: binding.onFail, handle: ON_FAIL_HANDLERS[binding.onFail] };
}
