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
  | "custom-failed"
  | "rechecked";

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

/**
 * Why a failure stands:
 * - `noop`: kept by a `noop` action; `fix-unavailable`: `fix` without a fix value;
 * - `reask-unanswered`: a reask no answer filled (none left, an answer that left it out or could
 *   not be told apart), even where a fix value stands in (`unansweredFixes`);
 * - `custom-failed`: a custom handler threw; `refrained`: `refrain` (or `filter` on the root);
 * - `exception`: an `exception` action stopped the call;
 * - `schema`: after every action, the value is not valid against the guard's own schema;
 * - `rejected-after-actions`: after every action, a validator rejects the value returned (a fix
 *   its validator does not accept, a custom handler's value, a later fix undoing an earlier one).
 */
export type FailureReason =
  | "noop"
  | "fix-unavailable"
  | "reask-unanswered"
  | "custom-failed"
  | "refrained"
  | "exception"
  | "schema"
  | "rejected-after-actions";

/** A failure that no action resolved: it makes `validationPassed` false. */
export interface ValidationFailure {
  path: string;
  /** The validator's alias; `schema` for a `schema` failure. */
  validator: string;
  message: string;
  reason: FailureReason;
}
