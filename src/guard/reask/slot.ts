import { defineKey } from "../../own-key.js";
import type { Field } from "../../rail/types.js";
import type { Path, Segment } from "../paths.js";

/** What a `reask` action asks again for one value; where the value is, the walk says. */
export interface Reask {
  readonly field: Field;
  /** Alias of the validator that asked for it. */
  readonly validator: string;
  /** The value the tree holds in the slot: what the validators after it and above it saw. */
  readonly incorrectValue: unknown;
  readonly errorMessages: readonly string[];
  /** A value the validator accepts, offered if the reask is never answered. */
  readonly fix?: { value: unknown };
}

/**
 * A value asked again, at its concrete path in the validated tree (after filters moved indices).
 * The walk collects them as it goes, in document order: nothing later looks for them in the tree.
 */
export interface ReaskSlot extends Reask {
  readonly path: Path;
  /**
   * The path the walk logged the reask at (`$.names[2]`): the value's index as walked, which a
   * filter before it moves in `path`. The round's log entry for it is found by this one.
   */
  readonly loggedAt: string;
}

/** The slots by path segment: the readers of a tree follow it down to the slots and no further. */
export interface SlotNode {
  slot?: ReaskSlot;
  readonly children: Map<Segment, SlotNode>;
}

export function slotTree(slots: readonly ReaskSlot[]): SlotNode {
  const root: SlotNode = { children: new Map() };
  for (const slot of slots) {
    let node = root;
    for (const segment of slot.path) {
      let child = node.children.get(segment);
      if (child === undefined) {
        child = { children: new Map() };
        node.children.set(segment, child);
      }
      node = child;
    }
    node.slot = slot;
  }
  return root;
}

/**
 * The slots in document order (an object's keys as the tree holds them, a list's items by index):
 * the walk meets an object's keys in the spec's order, which the tree's need not follow.
 */
export function inTreeOrder(tree: unknown, slots: readonly ReaskSlot[]): readonly ReaskSlot[] {
  // Mostly in order already (the spec's key order is the tree's once conformed): one pass says
  // so, and only slots out of order pay for a sort.
  let sorted = true;
  for (let index = 1; index < slots.length && sorted; index++) {
    const [before, after] = [slots[index - 1] as ReaskSlot, slots[index] as ReaskSlot];
    sorted = compareIn(tree, before.path, after.path) <= 0;
  }
  if (sorted) return slots;
  return [...slots].sort((a, b) => compareIn(tree, a.path, b.path));
}

/** Where two paths part, which comes first in the tree; an ancestor before what it holds. */
function compareIn(tree: unknown, a: Path, b: Path): number {
  let node = tree;
  for (let index = 0; index < a.length && index < b.length; index++) {
    const [x, y] = [a[index] as Segment, b[index] as Segment];
    if (x !== y) {
      if (typeof x === "number" && typeof y === "number") return x - y;
      const keys = typeof node === "object" && node !== null ? Object.keys(node) : [];
      return keys.indexOf(String(x)) - keys.indexOf(String(y));
    }
    node = (node as Record<Segment, unknown>)[x];
  }
  return a.length - b.length;
}

/**
 * The tree with the value in each slot replaced: lists and objects copied along the slots' paths
 * only, the tree itself never changed (the history keeps it).
 */
export function replaceAtSlots(
  tree: unknown,
  slots: readonly ReaskSlot[],
  replace: (slot: ReaskSlot) => unknown,
): unknown {
  const within = (value: unknown, node: SlotNode): unknown => {
    if (node.slot) return replace(node.slot);
    if (Array.isArray(value)) {
      const copy = value.slice();
      for (const [index, child] of node.children) {
        copy[index as number] = within(value[index as number], child);
      }
      return copy;
    }
    if (typeof value !== "object" || value === null) return value;
    const copy: Record<string, unknown> = { ...value };
    for (const [key, child] of node.children) {
      defineKey(copy, key as string, within(copy[key as string], child));
    }
    return copy;
  };
  return within(tree, slotTree(slots));
}
