import { isPlainObject } from "../../show.js";
import { jsonSafe, unlessCyclic } from "../json-safe.js";
import { ReaskMarker, replaceMarkers } from "./marker.js";

/**
 * `${previous_response}` of a field reask: only the failing leaves and their ancestors, each leaf
 * as `{ incorrect_value, error_messages }`. Lists keep only the items that hold a failure, in order
 * (the answer's items map back to them by position).
 */
export function reaskPayload(tree: unknown, ancestors = new Set<object>()): unknown {
  if (tree instanceof ReaskMarker) {
    return { incorrect_value: tree.incorrectValue, error_messages: tree.errorMessages };
  }
  if (Array.isArray(tree)) {
    return unlessCyclic(tree, ancestors, undefined, () => {
      const items = tree.map((item) => reaskPayload(item, ancestors));
      const failing = items.filter((item) => item !== undefined);
      return failing.length > 0 ? failing : undefined;
    });
  }
  if (isPlainObject(tree)) {
    return unlessCyclic(tree, ancestors, undefined, () => {
      const entries = Object.entries(tree)
        .map(([key, value]) => [key, reaskPayload(value, ancestors)] as const)
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
