import type { Field } from "../../rail/types.js";
import { hasPlainPrototype, isPlainObject } from "../../show.js";
import { unlessCyclic } from "../json-safe.js";
import type { Path, Segment } from "../paths.js";

/**
 * Stands in the validated tree where a field must be asked again. Keeping markers in the tree (as
 * Guardrails does) means their paths are read from the final tree, after filters moved indices.
 */
export class ReaskMarker {
  constructor(
    readonly field: Field,
    /** Alias of the validator that asked for it. */
    readonly validator: string,
    readonly incorrectValue: unknown,
    readonly errorMessages: readonly string[],
    /** A value the validator accepts, offered if the reask is never answered. */
    readonly fix?: { value: unknown },
  ) {}
}

export interface LocatedMarker {
  path: Path;
  marker: ReaskMarker;
}

/** Every marker in a tree, in document order, with its concrete path. */
export function collectMarkers(
  node: unknown,
  path: Segment[] = [],
  ancestors = new Set<object>(),
): LocatedMarker[] {
  if (node instanceof ReaskMarker) return [{ path, marker: node }];
  if (!Array.isArray(node) && !isPlainObject(node)) return [];
  return unlessCyclic(node, ancestors, [], () =>
    Object.entries(node).flatMap(([key, value]) => {
      const segment = Array.isArray(node) ? Number(key) : key;
      return collectMarkers(value, [...path, segment], ancestors);
    }),
  );
}

export function containsMarker(node: unknown): boolean {
  return collectMarkers(node).length > 0;
}

/**
 * The tree with each marker replaced (by default by the incorrect value it holds), lists and
 * plain objects copied (an object of another class is kept as it is); a cycle is kept as it is.
 */
export function replaceMarkers(
  node: unknown,
  replace: (marker: ReaskMarker) => unknown = incorrectValueOf,
): unknown {
  // Most values a walk hands a validator are text or numbers: nothing to copy, no set to make.
  if (typeof node !== "object" || node === null) return node;
  return replaceWithin(node, replace, new Set<object>());
}

const incorrectValueOf = (marker: ReaskMarker): unknown => marker.incorrectValue;

function replaceWithin(
  node: unknown,
  replace: (marker: ReaskMarker) => unknown,
  ancestors: Set<object>,
): unknown {
  if (node instanceof ReaskMarker) return replace(node);
  if (Array.isArray(node)) {
    return unlessCyclic(node, ancestors, node, () =>
      node.map((item) => replaceWithin(item, replace, ancestors)),
    );
  }
  // Only a plain object is copied key by key: a date, a map or another class's object (a fix may
  // put one in) would become `{}`, a value no log records.
  if (isPlainObject(node) && hasPlainPrototype(node)) {
    return unlessCyclic(node, ancestors, node, () =>
      Object.fromEntries(
        Object.entries(node).map(([key, value]) => [key, replaceWithin(value, replace, ancestors)]),
      ),
    );
  }
  return node;
}
