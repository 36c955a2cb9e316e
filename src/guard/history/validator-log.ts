import type { OnFailAction } from "../../rail/types.js";

/**
 * What the guard did about one validator's verdict. `fixed-unanswered`: the value was to be
 * asked again, but no reask was left (or no model to ask), so the validator's fix value stands
 * in, as Guardrails does at the end of its loop; the outcome lists it in `unansweredFixes`.
 */
export type ActionTaken =
  | "none"
  | "kept"
  | "fixed"
  | "fix-unavailable"
  | "reask"
  | "fixed-unanswered"
  | "filtered"
  | "refrained"
  | "exception"
  | "custom"
  | "custom-failed";

/** One validator run on one value. */
export interface ValidatorLog {
  validator: string;
  /** Concrete path of the value as it was handed to the validator (`$.fees[2].name`). */
  path: string;
  valueBefore: unknown;
  valueAfter: unknown;
  outcome: "pass" | "fail";
  message?: string;
  /** The configured on-fail action, or `custom` when a handler from the guard options ran. */
  onFail?: OnFailAction | "custom";
  actionTaken: ActionTaken;
}

/** A reask never answered whose value became the validator's fix value (which it accepts). */
export interface UnansweredFix {
  path: string;
  validator: string;
  /** Why the value was to be asked again. */
  message: string;
  /** The model's value, replaced. */
  incorrectValue: unknown;
  fixValue: unknown;
}

/** A failure that no action resolved: it makes `validationPassed` false. */
export interface ValidationFailure {
  path: string;
  validator: string;
  message: string;
  /** Why it stands: kept by `noop`, a `fix` without a fix value, an unanswered reask… */
  reason: "noop" | "fix-unavailable" | "reask-unanswered" | "custom-failed" | "refrained";
}
