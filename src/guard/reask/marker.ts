import type { Field } from "../../rail/types.js";
import { isPlainObject, type Path, type Segment } from "../paths.js";

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
    /** A value known to pass, used if the reask is never answered. */
    readonly fix?: { value: unknown },
  ) {}
}

export interface LocatedMarker {
  path: Path;
  marker: ReaskMarker;
}

/** Every marker in a tree, in document order, with its concrete path. */
export function collectMarkers(node: unknown, path: Segment[] = []): LocatedMarker[] {
  if (node instanceof ReaskMarker) return [{ path, marker: node }];
  if (Array.isArray(node)) return node.flatMap((item, i) => collectMarkers(item, [...path, i]));
  if (isPlainObject(node)) {
    return Object.entries(node).flatMap(([key, value]) => collectMarkers(value, [...path, key]));
  }
  return [];
}

export function containsMarker(node: unknown): boolean {
  return collectMarkers(node).length > 0;
}

/** The tree with each marker replaced: by default by the incorrect value it holds. */
export function replaceMarkers(
  node: unknown,
  replace: (marker: ReaskMarker) => unknown = (marker) => marker.incorrectValue,
): unknown {
  if (node instanceof ReaskMarker) return replace(node);
  if (Array.isArray(node)) return node.map((item) => replaceMarkers(item, replace));
  if (isPlainObject(node)) {
    return Object.fromEntries(
      Object.entries(node).map(([key, value]) => [key, replaceMarkers(value, replace)]),
    );
  }
  return node;
}
