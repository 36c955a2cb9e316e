import type { ValidatorBinding } from "../../contract/binding.js";
import type { AskModel, FailVerdict, Verdict } from "../../contract/types.js";
import type { WorkBudget } from "../../contract/work-budget.js";
import type { LLM } from "../../llm/types.js";
import type { Field } from "../../rail/types.js";
import type { ValidationError } from "../errors.js";
import type { ValidatorLogList } from "../history/log-list.js";
import type { ValidationFailure } from "../history/validator-log.js";
import type { Segment } from "../paths.js";
import type { Reask } from "../reask/slot.js";
import type { LastVerdicts } from "./recheck.js";

/** A handler that replaces a validator's on-fail action: gets the value, returns the new one. */
export type CustomOnFail = (
  value: unknown,
  failures: readonly FailVerdict[],
  context: HandlerContext,
) => unknown | Promise<unknown>;

/** What a custom on-fail handler is told besides the value and its failures. */
export interface HandlerContext {
  /**
   * Aborts when the handler is given up on (`validatorTimeoutMs`) or the call is (its signal, its
   * `timeoutMs`): work it starts (a fetch, a model call) can stop then.
   */
  signal: AbortSignal;
  /** The value's path, `$.fees[2].name`. */
  path: string;
}

export interface WalkOptions {
  validatorsFor(field: Field): readonly ValidatorBinding[];
  metadata: Record<string, unknown>;
  signal?: AbortSignal;
  llm?: LLM;
  /** Asks `llm` an inner-guard question (see `ValidatorContext.ask`). */
  ask?: AskModel;
  /** Where the spec file lives, for validator arguments that name files. */
  specDir?: string;
  /** Keyed by validator alias (`two-words`, or the hub id as written). */
  customHandlers?: Readonly<Record<string, CustomOnFail>>;
  /**
   * Verdicts already given in this call, by binding and path: a reask round re-validates the whole
   * merged output without paying twice for validators whose input did not change.
   */
  verdictCache?: VerdictCache;
  /** How long one validator may take before it fails as timed out; no limit when unset. */
  validatorTimeoutMs?: number;
  /**
   * Set for the final check: validators run again on the value returned, with no on-fail action;
   * these are the verdicts already logged, so only new ones are logged again.
   */
  recheck?: LastVerdicts;
  /** The call's time for checks that block the event loop (regex matching), shared by all. */
  budget?: WorkBudget;
}

/**
 * Everything one validation walk found, written where it is found: the log of every verdict and
 * action, the failures left standing, and what stopped the walk. Created per walk: nothing is
 * shared between calls.
 */
export interface WalkState {
  readonly options: WalkOptions;
  readonly logs: ValidatorLogList;
  readonly failures: ValidationFailure[];
  /** Set once, by the action that stopped the walk; nothing is validated after it. */
  halt?: Halt;
  /** The reasks met so far, in the order met, each with its path from the node being walked. */
  readonly slots: OpenSlot[];
  /**
   * What the walk knows of each spec field (walk.ts): the guard's plans, kept across its calls and
   * fetched once per walk. Unset outside `walkOutput` (the input check runs no walk).
   */
  readonly plans?: Map<Field, FieldPlan>;
  /**
   * Set when a walk is made again to read back the plain passes of list items (see
   * `ValidatorLogList.foldItem`): no validator runs, each logs the plain pass it gave.
   */
  readonly replaying?: boolean;
}

/**
 * A reask whose value's path is known up to the node the walk is in: `up` holds the segments from
 * the value up to there, innermost first, and each level the walk climbs adds its own. A node's
 * slots are those opened since it started, so a level pays for its slots, never for its values.
 */
export interface OpenSlot {
  readonly reask: Reask;
  readonly up: Segment[];
  /** The path the reask was logged at (see `ReaskSlot.loggedAt`). */
  readonly at: string;
}

/** The slots opened since `mark` were inside a value that is gone (replaced, filtered, asked). */
export function discardSlots(state: WalkState, mark: number): void {
  if (state.slots.length > mark) state.slots.length = mark;
}

/** What the walk needs to know of a spec field, whatever its value. */
export interface FieldPlan {
  /** The field's own validators, in the order they run. */
  readonly bindings: readonly ValidatorBinding[];
  /** Whether a validator applies to the field or to anything inside it. */
  readonly within: boolean;
  /** What the field's name adds to its object's path (`.name`, `["two words"]`), made once. */
  readonly segment: string;
}

/** Why a walk stopped: a `refrain` (or a filter that removed the whole output), or `exception`. */
export type Halt = { reason: "refrained" } | { reason: "exception"; error: ValidationError };

export const isHalted = (state: WalkState): boolean => state.halt !== undefined;

export const hasRefrained = (state: WalkState): boolean => state.halt?.reason === "refrained";

/**
 * A validator failed or replaced a value: what the walk returns is not the value every verdict
 * was given on, so the final check must run the validators on it again. Read from the log, where
 * each such verdict is the one kind of entry that is not a plain pass.
 */
export const isAltered = (state: WalkState): boolean => state.logs.changes > 0;

/** Returned in place of a value removed by the `filter` action. */
export const FILTERED: unique symbol = Symbol("filtered");
export type Filtered = typeof FILTERED;

export type VerdictCache = Map<ValidatorBinding, Map<string, CachedVerdict>>;

/** The last verdict a validator gave at one path, and on which value. */
export interface CachedVerdict {
  readonly verdict: Verdict;
  /** The primitive the verdict was given on. */
  readonly value?: unknown;
  /** The object's JSON as the validator was given it (undefined when JSON cannot write it). */
  readonly json?: string | undefined;
}
