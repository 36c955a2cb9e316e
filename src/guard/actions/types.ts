/**
 * What an on-fail action is given and what it gives back. Handlers never touch the walk's state:
 * the walk reads their result and writes the log, the failures left standing and the halt.
 */

import type { ValidatorBinding } from "../../contract/binding.js";
import type { FailVerdict } from "../../contract/types.js";
import type { Field } from "../../rail/types.js";
import type { ActionTaken, FailureReason } from "../history/validator-log.js";
import type { Reask } from "../reask/slot.js";
import type { WalkOptions } from "../validate/state.js";

/** One failed validator on one value. */
export interface Failure {
  readonly binding: ValidatorBinding;
  readonly field: Field;
  readonly verdict: FailVerdict;
  /** The value as the validator saw it: its own copy, which it may have changed since. */
  readonly input: unknown;
  /** The value as held in the tree: what the field keeps when an action leaves it as it was. */
  readonly current: unknown;
  /** The value's path as written (`$.fees[2].name`). */
  readonly at: string;
  readonly options: WalkOptions;
}

/** A failure no action resolved: the call cannot pass. */
export interface Standing {
  reason: FailureReason;
  message: string;
}

/** What the log says of an action after which the field goes on with a value. */
export type ValueTaken = Extract<
  ActionTaken,
  "kept" | "fixed" | "fix-unavailable" | "custom" | "custom-failed"
>;

/** What becomes of the value; the log's `actionTaken` and `valueAfter` follow from it. */
export type ActionResult =
  /** The field goes on to its next validator with `value`; the log shows `logged`. */
  | {
      kind: "value";
      value: unknown;
      logged: unknown;
      taken: ValueTaken;
      standing?: Standing;
    }
  /** The value is removed (logged as `filtered`, nothing after). */
  | { kind: "dropped" }
  /** The field is asked again; the tree and the log hold its incorrect value. */
  | { kind: "reask"; reask: Reask }
  /** The walk stops, the value as it was: `refrain` or `exception`. */
  | { kind: "halt"; reason: Extract<FailureReason, "refrained" | "exception"> };

export type ActionHandler = (failure: Failure) => ActionResult | Promise<ActionResult>;
