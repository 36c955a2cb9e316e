import { hasPlainPrototype, isPlainObject } from "../../show.js";
import { unlessCyclic } from "../json-safe.js";

/**
 * A value as one validator (or handler, or log) is given it: lists and plain objects copied, so
 * one that mutates what it is given changes neither another's value, nor the log, nor the output.
 * An object of another class is kept as it is, and so is a cycle.
 */
export function ownCopy(value: unknown): unknown {
  // Most values a walk hands a validator are text or numbers: nothing to copy, no set to make.
  if (typeof value !== "object" || value === null) return value;
  return copyWithin(value, new Set<object>());
}

function copyWithin(node: unknown, ancestors: Set<object>): unknown {
  if (Array.isArray(node)) {
    return unlessCyclic(node, ancestors, node, () =>
      node.map((item) => copyWithin(item, ancestors)),
    );
  }
  // Only a plain object is copied key by key: a date, a map or another class's object (a fix may
  // put one in) would become `{}`, a value no log records.
  if (isPlainObject(node) && hasPlainPrototype(node)) {
    return unlessCyclic(node, ancestors, node, () =>
      Object.fromEntries(
        Object.entries(node).map(([key, value]) => [key, copyWithin(value, ancestors)]),
      ),
    );
  }
  return node;
}
