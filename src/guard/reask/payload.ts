import { isPlainObject } from "../paths.js";
import { ReaskMarker } from "./marker.js";

/**
 * `${previous_response}` of a field reask: only the failing leaves and their ancestors, each leaf
 * as `{ incorrect_value, error_messages }`. Lists keep only the items that hold a failure, in order
 * (the answer's items map back to them by position).
 */
export function reaskPayload(tree: unknown): unknown {
  if (tree instanceof ReaskMarker) {
    return { incorrect_value: tree.incorrectValue, error_messages: tree.errorMessages };
  }
  if (Array.isArray(tree)) {
    const items = tree.map(reaskPayload).filter((item) => item !== undefined);
    return items.length > 0 ? items : undefined;
  }
  if (isPlainObject(tree)) {
    const entries = Object.entries(tree)
      .map(([key, value]) => [key, reaskPayload(value)] as const)
      .filter(([, value]) => value !== undefined);
    return entries.length > 0 ? Object.fromEntries(entries) : undefined;
  }
  return undefined;
}

/** `${previous_response}` of a full-schema reask: the whole output, failures shown inline. */
export function fullReaskPayload(tree: unknown): unknown {
  if (tree instanceof ReaskMarker) return reaskPayload(tree);
  if (Array.isArray(tree)) return tree.map(fullReaskPayload);
  if (isPlainObject(tree)) {
    return Object.fromEntries(Object.entries(tree).map(([k, v]) => [k, fullReaskPayload(v)]));
  }
  return tree;
}

/** JSON as Guardrails shows it to the model: 2-space indent, non-ASCII kept. */
export const toPromptJson = (value: unknown): string => JSON.stringify(value, null, 2);
