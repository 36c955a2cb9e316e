import { type ChoiceField, type Field, isSiblingChoice } from "../../rail/types.js";
import { isPlainObject } from "../../show.js";
import type { Path } from "../paths.js";
import { runOwnValidators } from "./own-validators.js";
import { recheckOwnValidators } from "./recheck.js";
import { FILTERED, type Filtered, isHalted, type WalkOptions, type WalkState } from "./state.js";

export interface WalkResult {
  /** The validated value: filtered parts removed, fixes applied, ReaskMarkers where asked again. */
  tree: unknown;
  state: WalkState;
}

/**
 * Validates an output against its spec: children first, then the field's own validators, in
 * declared order. Optional keys that are missing or null are not validated: null is how OpenAI's
 * strict structured outputs (and Guardrails' "if unsure, null" prompts) say "absent".
 */
export async function walkOutput(
  root: Field,
  value: unknown,
  options: WalkOptions,
): Promise<WalkResult> {
  const state: WalkState = { options, logs: [], failures: [], refrained: false, altered: false };
  const tree = await walkField(root, value, [], state);
  if (tree !== FILTERED) return { tree, state };
  // Filtering the root leaves nothing to return: that is a refusal, not a pass.
  state.refrained = true;
  const filter = state.logs.at(-1);
  state.failures.push({
    path: "$",
    validator: filter?.validator ?? "",
    message: filter?.message ?? "the whole output was filtered out",
    reason: "refrained",
  });
  return { tree: emptyValueOf(root), state };
}

/** `{}`, `[]` or `""`: what an output becomes when nothing of it may be kept. */
export function emptyValueOf(root: Field): unknown {
  if (root.kind === "list") return [];
  if (root.kind === "object" || root.kind === "choice") return {};
  return "";
}

async function walkField(
  field: Field,
  value: unknown,
  path: Path,
  state: WalkState,
): Promise<unknown | Filtered> {
  if (isHalted(state)) return value;
  const withChildren = await walkChildren(field, value, path, state);
  if (isHalted(state)) return withChildren;
  const { recheck } = state.options;
  if (recheck) return recheckOwnValidators(field, withChildren, path, state, recheck);
  return runOwnValidators(field, withChildren, path, state);
}

function walkChildren(field: Field, value: unknown, path: Path, state: WalkState) {
  if (field.kind === "list" && field.item && Array.isArray(value)) {
    return walkItems(field.item, value, path, state);
  }
  if (!isPlainObject(value)) return value;
  if (field.kind === "object") return walkKeys(field.children, value, path, state);
  if (field.kind === "choice" && field.style === "discriminated") {
    return walkKeys(
      selectedCase(field, value[field.discriminator])?.children ?? [],
      value,
      path,
      state,
    );
  }
  return value;
}

/** Items copied only once one of them changes: a passing list is returned as it came. */
async function walkItems(item: Field, items: unknown[], path: Path, state: WalkState) {
  let kept: unknown[] | undefined;
  for (const [index, value] of items.entries()) {
    const result = await walkField(item, value, [...path, index], state);
    // As Guardrails does, an object item emptied by filters is dropped with its last key.
    const dropped = result === FILTERED || (isPlainObject(result) && emptiedByFilters.has(result));
    if (kept === undefined && (dropped || result !== value)) kept = items.slice(0, index);
    if (kept !== undefined && !dropped) kept.push(result);
  }
  return kept ?? items;
}

/**
 * Objects whose every key a filter removed. Only the walk's own copies: an empty object a
 * validator or handler put in its place is a value like any other, and must meet the schema.
 */
const emptiedByFilters = new WeakSet<object>();

/** The object copied only once one of its keys changes: a passing object is returned as it came. */
async function walkKeys(
  children: readonly Field[],
  value: Record<string, unknown>,
  path: Path,
  state: WalkState,
) {
  let result = value;
  for (const child of expandSiblingChoices(children, value)) {
    const key = child.name;
    if (key === undefined || !Object.hasOwn(result, key)) continue;
    if (result[key] === null && !child.required) continue;
    const validated = await walkField(child, result[key], [...path, key], state);
    if (validated === result[key]) continue;
    if (result === value) result = { ...value };
    if (validated === FILTERED) delete result[key];
    else result[key] = validated;
  }
  // Only a filter deletes a key: a copy left with none was emptied by filters.
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
  if (!children.some(isSiblingChoice)) return children;
  return children.flatMap((child) => {
    if (!isSiblingChoice(child) || child.name === undefined) {
      return [child];
    }
    return [...(selectedCase(child, value[child.name])?.children ?? []), child];
  });
}

const selectedCase = (choice: ChoiceField, caseName: unknown) =>
  choice.cases.find((c) => c.name === caseName);
