import { isPlainObject } from "../../show.js";
import { containsMarker, ReaskMarker } from "./marker.js";

/**
 * Puts a targeted reask's answer back into the tree it was asked from. The answer has the shape of
 * `reaskPayload(tree)`: objects keyed as before, lists holding only the re-asked items, in order.
 * A marker the answer does not cover keeps its incorrect value (it will fail again).
 */
export function mergeReaskAnswer(tree: unknown, answer: unknown): unknown {
  if (tree instanceof ReaskMarker) return answer === undefined ? tree.incorrectValue : answer;
  if (Array.isArray(tree)) return mergeList(tree, Array.isArray(answer) ? answer : []);
  if (isPlainObject(tree)) {
    const given = isPlainObject(answer) ? answer : {};
    // Own keys only: a field named `constructor` the answer left out must not read Object's.
    const merged = Object.entries(tree).map(([key, value]) => [
      key,
      mergeNode(value, Object.hasOwn(given, key) ? given[key] : undefined),
    ]);
    return Object.fromEntries([...merged, ...newKeys(tree, given)]);
  }
  return tree;
}

/**
 * Keys the answer brings that the tree lacks. The answer was conformed to the pruned spec, so
 * these are the case children of a re-asked 0.1-style choice, which sit beside the choice key.
 */
const newKeys = (tree: Record<string, unknown>, answer: Record<string, unknown>) =>
  Object.entries(answer).filter(([key]) => !Object.hasOwn(tree, key));

function mergeList(tree: unknown[], answer: unknown[]): unknown[] {
  let next = 0;
  return tree.map((item) => (containsMarker(item) ? mergeNode(item, answer[next++]) : item));
}

const mergeNode = (value: unknown, answer: unknown): unknown =>
  containsMarker(value) ? mergeReaskAnswer(value, answer) : value;
