import { jsonSafe } from "../json-safe.js";
import { formatPath, type Segment } from "../paths.js";
import { type ReaskSlot, replaceAtSlots, type SlotNode, slotTree } from "./slot.js";

/**
 * `${previous_response}` of a field reask: only the failing leaves and their ancestors, each leaf
 * as `{ incorrect_value, error_messages }`. Lists keep only the items that hold a failure, in order;
 * a leaf inside a list also names its slot (`path`), so the answer is merged back by slot.
 */
export function reaskPayload(tree: unknown, slots: readonly ReaskSlot[]): unknown {
  return leavesOf(tree, slotTree(slots), [], false);
}

function leavesOf(tree: unknown, node: SlotNode, path: Segment[], inList: boolean): unknown {
  if (node.slot) {
    const leaf = failureShown(node.slot);
    return inList ? { path: formatPath(path), ...leaf } : leaf;
  }
  if (node.children.size === 0) return undefined;
  const within = Array.isArray(tree);
  const entries = [...node.children].map(([segment, inner]) => {
    const value = (tree as Record<Segment, unknown>)[segment];
    return [segment, leavesOf(value, inner, [...path, segment], inList || within)] as const;
  });
  if (within) return entries.map(([, leaves]) => leaves);
  return Object.fromEntries(entries);
}

const failureShown = ({ incorrectValue, errorMessages }: ReaskSlot) => ({
  incorrect_value: incorrectValue,
  error_messages: errorMessages,
});

/**
 * `${previous_response}` of a full-schema reask: the whole output, failures shown inline. The
 * value is only written into a prompt, so it is made JSON-safe on the way.
 */
export function fullReaskPayload(tree: unknown, slots: readonly ReaskSlot[]): unknown {
  return jsonSafe(replaceAtSlots(tree, slots, failureShown));
}

/** JSON as Guardrails shows it to the model: 2-space indent, non-ASCII kept; never throws. */
export const toPromptJson = (value: unknown): string => JSON.stringify(jsonSafe(value), null, 2);
