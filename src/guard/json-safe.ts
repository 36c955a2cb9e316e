import { errorMessage } from "../errors.js";

/**
 * Values in a guard's trees are parsed JSON, but custom on-fail handlers and validators may put
 * anything there: bigints, cycles. These helpers let every walk over a tree and every export of
 * one survive them.
 */

/**
 * `visit()` for a container, unless it is already being visited higher up (a cycle): then
 * `onCycle`.
 */
export function unlessCyclic<T>(
  node: object,
  ancestors: Set<object>,
  onCycle: T,
  visit: () => T,
): T {
  if (ancestors.has(node)) return onCycle;
  ancestors.add(node);
  try {
    return visit();
  } finally {
    ancestors.delete(node);
  }
}

/**
 * Containers deeper than this are written as `"[Too deep]"`: the parser never lets a model's answer
 * nest this deep, but a handler's value might, and the copy (like `JSON.stringify`) recurses.
 */
const MAX_COPY_DEPTH = 1000;

/**
 * A copy of a value that `JSON.stringify` always writes: a bigint becomes `"12n"`, a cycle
 * `"[Circular]"`, a number JSON cannot hold its text (`"Infinity"`) instead of a misleading null.
 * A history must serialise and render, and a reask prompt must be written, whatever the values.
 */
export function jsonSafe(value: unknown, ancestors: Set<object> = new Set()): unknown {
  if (typeof value === "bigint") return `${value}n`;
  if (typeof value === "number" && !Number.isFinite(value)) return String(value);
  if (typeof value !== "object" || value === null) return value;
  if (ancestors.size >= MAX_COPY_DEPTH) return "[Too deep]";
  return unlessCyclic(value, ancestors, "[Circular]", () => copyOf(value, ancestors));
}

function copyOf(value: object, ancestors: Set<object>): unknown {
  try {
    // As JSON.stringify does: a Date (or a Call) writes what its toJSON returns.
    if ("toJSON" in value && typeof value.toJSON === "function") {
      return jsonSafe(value.toJSON(), ancestors);
    }
    if (Array.isArray(value)) return value.map((item) => jsonSafe(item, ancestors));
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, jsonSafe(item, ancestors)]),
    );
  } catch (error) {
    // A getter, a toJSON or a proxy that throws: the record says so instead of failing to write.
    return `[Unreadable: ${errorMessage(error)}]`;
  }
}
