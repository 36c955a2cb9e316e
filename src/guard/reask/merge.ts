import { isPlainObject } from "../../show.js";
import { formatPath, type Segment } from "../paths.js";
import { type ReaskSlot, type SlotNode, slotTree } from "./slot.js";

/** A re-asked value the answer gave nothing for, or nothing that could be told apart. */
export interface UnmatchedSlot {
  /** Concrete path of the slot in the previous output. */
  path: string;
  /** Why no answer was taken for it. */
  reason: string;
}

export interface Merged {
  value: unknown;
  /** Slots left with their incorrect value: they fail again, and say why. */
  unmatched: UnmatchedSlot[];
}

const NOT_GIVEN = "the reask's answer left it out";

/**
 * Puts a targeted reask's answer back into the tree it was asked from, by slot: only the lists and
 * objects on a slot's path are copied, the tree itself is left as it was. Objects match by
 * key. A list answer holding one item per re-asked slot fills those slots in order; one as long
 * as the whole list fills each slot from its own index; any other length cannot be told apart
 * and answers none of them. A slot without an answer keeps its incorrect value (it fails again)
 * and is listed in `unmatched`: an answer is never guessed into a slot.
 */
export function mergeReaskAnswer(
  tree: unknown,
  slots: readonly ReaskSlot[],
  answer: unknown,
): Merged {
  const unmatched: UnmatchedSlot[] = [];
  const value = mergeNode(tree, slotTree(slots), answer, [], unmatched, NOT_GIVEN);
  return { value, unmatched };
}

function mergeNode(
  tree: unknown,
  node: SlotNode,
  answer: unknown,
  path: Segment[],
  unmatched: UnmatchedSlot[],
  missing: string,
): unknown {
  if (node.slot) {
    if (answer !== undefined) return answer;
    // The tree holds the incorrect value in the slot.
    unmatched.push({ path: formatPath(path), reason: missing });
    return tree;
  }
  if (Array.isArray(tree)) return mergeList(tree, node, answer, path, unmatched, missing);
  if (!isPlainObject(tree)) return tree;
  const given = isPlainObject(answer) ? answer : {};
  // Own keys only: a field named `constructor` the answer left out must not read Object's.
  const merged = Object.entries(tree).map(([key, value]) => {
    const inner = node.children.get(key);
    if (inner === undefined) return [key, value];
    const answered = Object.hasOwn(given, key) ? given[key] : undefined;
    return [key, mergeNode(value, inner, answered, [...path, key], unmatched, missing)];
  });
  return Object.fromEntries([...merged, ...newKeys(tree, given)]);
}

/**
 * Keys the answer brings that the tree lacks. The answer was conformed to the pruned spec, so
 * these are the case children of a re-asked 0.1-style choice, which sit beside the choice key.
 */
const newKeys = (tree: Record<string, unknown>, answer: Record<string, unknown>) =>
  Object.entries(answer).filter(([key]) => !Object.hasOwn(tree, key));

function mergeList(
  tree: unknown[],
  node: SlotNode,
  answer: unknown,
  path: Segment[],
  unmatched: UnmatchedSlot[],
  missing: string,
): unknown[] {
  // The items holding a slot, in order (the slots come in document order).
  const asked = [...node.children.keys()] as number[];
  const items = Array.isArray(answer) ? answer : undefined;
  const answerFor = slotAnswers(items, asked, tree.length);
  // Why a slot got nothing: the list was left out, could not be matched, or (matched) its item
  // left the slot out.
  const why =
    items === undefined || answerFor !== undefined
      ? missing
      : ambiguity(items.length, asked.length, tree.length);
  return tree.map((item, index) => {
    const inner = node.children.get(index);
    if (inner === undefined) return item;
    return mergeNode(item, inner, answerFor?.(index), [...path, index], unmatched, why);
  });
}

/** How each slot's answer is found, or undefined when the list answers no slot for certain. */
function slotAnswers(
  items: unknown[] | undefined,
  asked: readonly number[],
  length: number,
): ((index: number) => unknown) | undefined {
  if (items === undefined) return undefined;
  if (items.length === asked.length) {
    const slot = new Map(asked.map((index, position) => [index, position]));
    return (index) => {
      const position = slot.get(index);
      return position === undefined ? undefined : items[position];
    };
  }
  if (items.length === length) return (index) => items[index];
  return undefined;
}

const ambiguity = (given: number, asked: number, length: number): string =>
  `the reask's answer could not be matched: its list had ${given} ${given === 1 ? "item" : "items"} ` +
  `for ${asked} re-asked (of ${length} in the list), neither one per re-asked value nor the whole list`;
