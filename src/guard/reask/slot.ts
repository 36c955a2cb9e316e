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
 * the walk meets an object's keys in the spec's order, which the answer's need not follow.
 */
export function inTreeOrder(tree: unknown, slots: readonly ReaskSlot[]): readonly ReaskSlot[] {
  if (slots.length < 2) return slots;
  const ordered: ReaskSlot[] = [];
  const visit = (value: unknown, node: SlotNode) => {
    if (node.slot) ordered.push(node.slot);
    else if (Array.isArray(value)) {
      const indices = [...node.children.keys()] as number[];
      for (const index of indices.sort((a, b) => a - b)) {
        visit(value[index], node.children.get(index) as SlotNode);
      }
    } else if (typeof value === "object" && value !== null) {
      for (const [key, item] of Object.entries(value)) {
        const child = node.children.get(key);
        if (child) visit(item, child);
      }
    }
  };
  visit(tree, slotTree(slots));
  return ordered;
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
      // Defined, not assigned: a spec may name a key `__proto__`.
      Object.defineProperty(copy, key, {
        value: within(copy[key as string], child),
        writable: true,
        enumerable: true,
        configurable: true,
      });
    }
    return copy;
  };
  return within(tree, slotTree(slots));
}
