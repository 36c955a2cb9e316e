import { indexPath, keyPath } from "../../json-path.js";
import { defineKey } from "../../own-key.js";
import { type ChoiceField, type Field, isSiblingChoice } from "../../rail/types.js";
import { isPlainObject } from "../../show.js";
import { type PassedItems, ValidatorLogList } from "../history/log-list.js";
import type { ValidatorLog } from "../history/validator-log.js";
import type { Segment } from "../paths.js";
import { inTreeOrder, type ReaskSlot } from "../reask/slot.js";
import { Later, type Maybe, settle } from "./later.js";
import { logPlainPasses, runOwnValidators } from "./own-validators.js";
import { recheckOwnValidators } from "./recheck.js";
import {
  FILTERED,
  type FieldPlan,
  type Filtered,
  isHalted,
  type WalkOptions,
  type WalkState,
} from "./state.js";

export interface WalkResult {
  /**
   * The validated value: filtered parts removed, fixes applied, and where a value is asked again
   * the value the validators after and above it saw. Plain values only: the slots say what is asked.
   */
  tree: unknown;
  /** The values asked again, at their paths in `tree`, in document order. */
  slots: readonly ReaskSlot[];
  state: WalkState;
}

/**
 * Validates an output against its spec: children first, then the field's own validators, in
 * declared order. Optional keys that are missing or null are not validated: null is how OpenAI's
 * strict structured outputs (and Guardrails' "if unsure, null" prompts) say "absent".
 *
 * One pass, and no copy of what passes: an object or list is copied only once a value in it
 * changes, a part of the spec with no validator in it is not entered, and the walk awaits
 * nothing until a validator or handler returns a promise. The values asked again are collected on
 * the way (their slots), each path completed level by level as the walk climbs back: nothing is
 * left in the tree for a later pass to look for, and a passing output pays a length check a level.
 */
export function walkOutput(
  root: Field,
  value: unknown,
  options: WalkOptions,
  logs = new ValidatorLogList(),
): WalkResult | Promise<WalkResult> {
  const plans = plansFor(options.validatorsFor);
  const state: WalkState = { options, logs, failures: [], slots: [], plans };
  const walked = walkField(root, value, "$", state);
  if (walked instanceof Later) return walked.promise.then((tree) => walkResult(root, tree, state));
  return walkResult(root, walked, state);
}

function walkResult(root: Field, tree: unknown, state: WalkState): WalkResult {
  if (tree !== FILTERED) return { tree, slots: closedSlots(tree, state), state };
  // Filtering the root leaves nothing to return: that is a refusal, not a pass.
  state.halt = { reason: "refrained" };
  const filter = state.logs.last();
  state.failures.push({
    path: "$",
    validator: filter?.validator ?? "",
    message: filter?.message ?? "the whole output was filtered out",
    reason: "refrained",
  });
  // The root's filter discarded every slot with the value.
  return { tree: emptyValueOf(root), slots: [], state };
}

/** The slots the walk opened, their paths complete (from the root down). */
function closedSlots(tree: unknown, { slots }: WalkState): readonly ReaskSlot[] {
  if (slots.length === 0) return [];
  const closed = slots.map(({ reask, up, at }) => ({
    ...reask,
    path: up.toReversed(),
    loggedAt: at,
  }));
  return inTreeOrder(tree, closed);
}

/** `{}`, `[]` or `""`: what an output becomes when nothing of it may be kept. */
export function emptyValueOf(root: Field): unknown {
  if (root.kind === "list") return [];
  if (root.kind === "object" || root.kind === "choice") return {};
  return "";
}

/** `at` is the value's path as written (`$.fees[2].name`). */
function walkField(
  field: Field,
  value: unknown,
  at: string,
  state: WalkState,
  plan = planOf(field, state),
): Maybe<unknown | Filtered> {
  if (isHalted(state) || !plan.within) return value;
  // The slots opened from here on are inside the value: its own validators may discard them.
  const mark = state.slots.length;
  const withChildren = walkChildren(field, value, at, state);
  if (withChildren instanceof Later) {
    return new Later(
      withChildren.promise.then((settled) =>
        settle(ownValidators(field, plan, settled, at, state, mark)),
      ),
    );
  }
  return ownValidators(field, plan, withChildren, at, state, mark);
}

function ownValidators(
  field: Field,
  { bindings }: FieldPlan,
  value: unknown,
  at: string,
  state: WalkState,
  mark: number,
): Maybe<unknown | Filtered> {
  if (isHalted(state) || bindings.length === 0) return value;
  if (state.replaying) return logPlainPasses(bindings, value, at, state);
  const { recheck } = state.options;
  if (recheck) return new Later(recheckOwnValidators(field, value, at, state, recheck));
  return runOwnValidators(field, value, at, state, bindings, mark);
}

function walkChildren(field: Field, value: unknown, at: string, state: WalkState): Maybe<unknown> {
  if (field.kind === "list" && field.item && Array.isArray(value)) {
    return walkItems(field.item, value, at, state);
  }
  if (!isPlainObject(value)) return value;
  if (field.kind === "object") return walkKeys(field.children, value, at, state);
  if (field.kind === "choice" && field.style === "discriminated") {
    const children = selectedCase(field, value[field.discriminator])?.children ?? [];
    return walkKeys(children, value, at, state);
  }
  return value;
}

/**
 * Items copied only once one of them changes: a passing list is returned as it came. From
 * `start`, with the items `kept` so far (undefined while none changed): an item whose walk goes
 * asynchronous resumes the loop after it once it settles. An item that passes every validator
 * unchanged leaves its logs folded into a range of passed items (see `foldItem`).
 */
function walkItems(
  item: Field,
  items: unknown[],
  at: string,
  state: WalkState,
  start = 0,
  keptBefore?: unknown[],
): Maybe<unknown[]> {
  const plan = planOf(item, state);
  // Only the list's own validators apply: no item is entered, no path made for one.
  if (!plan.within) return keptBefore ?? items;
  let kept = keptBefore;
  const fold = folder(item, items, at, state);
  for (let index = start; index < items.length; index++) {
    // An optional item's null is kept as it is, as an optional key's is (see `walkKeysFrom`).
    if (items[index] === null && !item.required) {
      kept?.push(null);
      continue;
    }
    const logMark = state.logs.mark();
    const changes = state.logs.changes;
    const mark = state.slots.length;
    const result = walkField(item, items[index], indexPath(at, index), state, plan);
    if (result instanceof Later) {
      const soFar = kept;
      const resume = (settled: unknown) => {
        fold?.(logMark, changes, index, settled);
        const keptNow = keepItem(items, index, settled, soFar, mark, state);
        return walkItems(item, items, at, state, index + 1, keptNow);
      };
      return new Later(result.promise.then((settled) => settle(resume(settled))));
    }
    fold?.(logMark, changes, index, result);
    kept = keepItem(items, index, result, kept, mark, state);
  }
  return kept ?? items;
}

type Fold = (mark: number, changes: number, index: number, result: unknown) => void;

/**
 * Folds an item's logs into the range of passed items when its walk wrote nothing but plain
 * passes and gave the item back as it came. Not when the logs are not a plain record of every
 * verdict (a recheck logs only new ones) or are being made again (`replaying`).
 */
function folder(item: Field, items: unknown[], at: string, state: WalkState): Fold | undefined {
  if (state.replaying || state.options.recheck) return undefined;
  const { logs, plans } = state;
  const logsOf = itemLogsMadeAgain(item, items, at, state.options.validatorsFor, plans);
  return (mark, changes, index, result) => {
    if (logs.changes === changes && result === items[index] && !isHalted(state)) {
      logs.foldItem(mark, items, at, index, logsOf);
    }
  };
}

/**
 * The logs of `items[index]`'s walk, made again. Made apart from the walk, so that it holds only
 * what a replay reads: the range lives as long as the history keeps the call, and the walk's state
 * holds the call's verdict cache, metadata, model and signal (a closure made beside one that reads
 * the state would keep it too).
 */
function itemLogsMadeAgain(
  item: Field,
  items: unknown[],
  at: string,
  validatorsFor: WalkOptions["validatorsFor"],
  plans: Map<Field, FieldPlan> | undefined,
): PassedItems["logsOf"] {
  const replayOptions: WalkOptions = { validatorsFor, metadata: {} };
  return (index) => replayedLogs(item, items[index], indexPath(at, index), replayOptions, plans);
}

/** `replayedLogs` of a whole output: what its walk logged, when it logged only plain passes. */
export function replayedWalk(
  root: Field,
  value: unknown,
  validatorsFor: WalkOptions["validatorsFor"],
): readonly ValidatorLog[] {
  const options: WalkOptions = { validatorsFor, metadata: {} };
  return replayedLogs(root, value, "$", options, plansFor(validatorsFor));
}

/**
 * The logs a walk of `value` wrote when every verdict in it was a plain pass: the same walk made
 * again, each validator logging that pass instead of running. Synchronous, as nothing runs.
 */
function replayedLogs(
  field: Field,
  value: unknown,
  at: string,
  options: WalkOptions,
  plans: Map<Field, FieldPlan> | undefined,
): readonly ValidatorLog[] {
  const state: WalkState = {
    options,
    logs: new ValidatorLogList(),
    failures: [],
    slots: [],
    plans,
    replaying: true,
  };
  walkField(field, value, at, state);
  return state.logs.toArray();
}

/**
 * The items kept so far: undefined while every item is the one given. The item's slots (opened
 * since `mark`) take the index it has among the items kept, which a filter before it moved; a
 * dropped item has none left (the filters that dropped it discarded them).
 */
function keepItem(
  items: unknown[],
  index: number,
  result: unknown,
  kept: unknown[] | undefined,
  mark: number,
  state: WalkState,
): unknown[] | undefined {
  // As Guardrails does, an object item emptied by filters is dropped with its last key.
  const dropped = result === FILTERED || (isPlainObject(result) && emptiedByFilters.has(result));
  let copy = kept;
  if (copy === undefined && (dropped || !Object.is(result, items[index]))) {
    copy = items.slice(0, index);
  }
  placeSlots(state, mark, copy?.length ?? index);
  if (copy !== undefined && !dropped) copy.push(result);
  return copy;
}

/** The slots opened since `mark` are inside the value at `segment` of the node being walked. */
function placeSlots(state: WalkState, mark: number, segment: Segment): void {
  const { slots } = state;
  for (let index = mark; index < slots.length; index++) slots[index]?.up.push(segment);
}

/**
 * Objects whose every key a filter removed. Only the walk's own copies: an empty object a
 * validator or handler put in its place is a value like any other, and must meet the schema.
 */
const emptiedByFilters = new WeakSet<object>();

/** The object copied only once one of its keys changes: a passing object is returned as it came. */
function walkKeys(
  children: readonly Field[],
  value: Record<string, unknown>,
  at: string,
  state: WalkState,
): Maybe<Record<string, unknown>> {
  return walkKeysFrom(expandSiblingChoices(children, value), value, at, state, 0, value);
}

/**
 * The keys of `fields` from `start`, on `soFar` (`value` itself until a key changes): a key whose
 * walk goes asynchronous resumes the loop after it once it settles.
 */
function walkKeysFrom(
  fields: readonly Field[],
  value: Record<string, unknown>,
  at: string,
  state: WalkState,
  start: number,
  soFar: Record<string, unknown>,
): Maybe<Record<string, unknown>> {
  let result = soFar;
  for (let index = start; index < fields.length; index++) {
    const child = fields[index] as Field;
    const key = child.name;
    if (key === undefined || !Object.hasOwn(result, key)) continue;
    if (result[key] === null && !child.required) continue;
    const plan = planOf(child, state);
    // No validator at or under the key: its path is not even made.
    if (!plan.within) continue;
    const mark = state.slots.length;
    const validated = walkField(child, result[key], at + plan.segment, state, plan);
    if (validated instanceof Later) {
      const before = result;
      const resume = (settled: unknown) => {
        placeSlots(state, mark, key);
        const next = withKey(value, before, key, settled);
        return walkKeysFrom(fields, value, at, state, index + 1, next);
      };
      return new Later(validated.promise.then((settled) => settle(resume(settled))));
    }
    placeSlots(state, mark, key);
    result = withKey(value, result, key, validated);
  }
  return emptied(value, result);
}

/** `result` with `key` set to what the walk made of it: copied from `value` at the first change. */
function withKey(
  value: Record<string, unknown>,
  result: Record<string, unknown>,
  key: string,
  validated: unknown,
): Record<string, unknown> {
  // The same value: a -0 put in for 0 (a fix, a pass as another value) is a change.
  if (Object.is(validated, result[key])) return result;
  const copy = result === value ? { ...value } : result;
  if (validated === FILTERED) delete copy[key];
  else defineKey(copy, key, validated);
  return copy;
}

/** Only a filter deletes a key: a copy left with none was emptied by filters. */
function emptied(
  value: Record<string, unknown>,
  result: Record<string, unknown>,
): Record<string, unknown> {
  if (result !== value && Object.keys(result).length === 0) emptiedByFilters.add(result);
  return result;
}

/**
 * A sibling-style (RAIL 0.1) choice keeps its case's children beside the choice key, so they are
 * validated as keys of the enclosing object: the case's children first, then the choice key.
 */
function expandSiblingChoices(
  children: readonly Field[],
  value: Record<string, unknown>,
): readonly Field[] {
  if (!holdsSiblingChoice(children)) return children;
  return children.flatMap((child) => {
    if (!isSiblingChoice(child) || child.name === undefined) {
      return [child];
    }
    return [...(selectedCase(child, value[child.name])?.children ?? []), child];
  });
}

/** Asked per object of the output, answered once per list of spec fields. */
function holdsSiblingChoice(children: readonly Field[]): boolean {
  let holds = siblingChoiceHolders.get(children);
  if (holds === undefined) {
    holds = children.some(isSiblingChoice);
    siblingChoiceHolders.set(children, holds);
  }
  return holds;
}

const siblingChoiceHolders = new WeakMap<readonly Field[], boolean>();

const selectedCase = (choice: ChoiceField, caseName: unknown) =>
  choice.cases.find((c) => c.name === caseName);

type ValidatorsFor = WalkOptions["validatorsFor"];

/**
 * The plans of a guard's spec fields, by its `validatorsFor` (made once per guard): the spec does
 * not change, so each field is looked at once, not once per value, and a walk does one lookup per
 * value where it did six.
 */
const plansByGuard = new WeakMap<ValidatorsFor, Map<Field, FieldPlan>>();

function plansFor(validatorsFor: ValidatorsFor): Map<Field, FieldPlan> {
  let plans = plansByGuard.get(validatorsFor);
  if (plans === undefined) {
    plans = new Map();
    plansByGuard.set(validatorsFor, plans);
  }
  return plans;
}

function planOf(field: Field, state: WalkState): FieldPlan {
  const plans = state.plans ?? plansFor(state.options.validatorsFor);
  const known = plans.get(field);
  if (known !== undefined) return known;
  const bindings = state.options.validatorsFor(field);
  const within =
    bindings.length > 0 || innerFields(field).some((inner) => planOf(inner, state).within);
  const segment = field.name === undefined ? "" : keyPath("", field.name);
  const plan = { bindings, within, segment };
  plans.set(field, plan);
  return plan;
}

function innerFields(field: Field): readonly Field[] {
  if (field.kind === "list") return field.item ? [field.item] : [];
  if (field.kind === "object") return field.children;
  if (field.kind === "choice") return field.cases.flatMap((c) => c.children);
  return [];
}
