/** A concrete location in an output value: object keys and list indices. */
export type Segment = string | number;
export type Path = readonly Segment[];

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** `$`, `$.fees[2].name`, `$["two words"]`: the JSONPath style used in messages and logs. */
export function formatPath(path: Path): string {
  let text = "$";
  for (const segment of path) {
    if (typeof segment === "number") text += `[${segment}]`;
    else text += IDENTIFIER.test(segment) ? `.${segment}` : `[${JSON.stringify(segment)}]`;
  }
  return text;
}

/** True when `prefix` is `path` itself or one of its ancestors. */
export function isPrefixOf(prefix: Path, path: Path): boolean {
  return prefix.length <= path.length && prefix.every((segment, i) => segment === path[i]);
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
