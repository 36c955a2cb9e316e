import { isPlainObject } from "../../show.js";
import { jsonSafe, unlessCyclic } from "../json-safe.js";
import { formatPath, type Segment } from "../paths.js";
import { ReaskMarker, replaceMarkers } from "./marker.js";

/**
 * `${previous_response}` of a field reask: only the failing leaves and their ancestors, each leaf
 * as `{ incorrect_value, error_messages }`. Lists keep only the items that hold a failure, in order;
 * a leaf inside a list also names its slot (`path`), so the answer is merged back by slot.
 */
export function reaskPayload(tree: unknown): unknown {
  return leavesOf(tree, [], false, new Set());
}

function leavesOf(
  tree: unknown,
  path: Segment[],
  inList: boolean,
  ancestors: Set<object>,
): unknown {
  if (tree instanceof ReaskMarker) {
    const leaf = { incorrect_value: tree.incorrectValue, error_messages: tree.errorMessages };
    return inList ? { path: formatPath(path), ...leaf } : leaf;
  }
  if (Array.isArray(tree)) {
    return unlessCyclic(tree, ancestors, undefined, () => {
      const items = tree.map((item, index) => leavesOf(item, [...path, index], true, ancestors));
      const failing = items.filter((item) => item !== undefined);
      return failing.length > 0 ? failing : undefined;
    });
  }
  if (isPlainObject(tree)) {
    return unlessCyclic(tree, ancestors, undefined, () => {
      const entries = Object.entries(tree)
        .map(([key, value]) => [key, leavesOf(value, [...path, key], inList, ancestors)] as const)
        .filter(([, value]) => value !== undefined);
      return entries.length > 0 ? Object.fromEntries(entries) : undefined;
    });
  }
  return undefined;
}

/**
 * `${previous_response}` of a full-schema reask: the whole output, failures shown inline. The
 * value is only written into a prompt, so it is made JSON-safe on the way.
 */
export function fullReaskPayload(tree: unknown): unknown {
  return jsonSafe(replaceMarkers(tree, reaskPayload));
}

/** JSON as Guardrails shows it to the model: 2-space indent, non-ASCII kept; never throws. */
export const toPromptJson = (value: unknown): string => JSON.stringify(jsonSafe(value), null, 2);
