/**
 * How deep a parsed value may nest. `JSON.parse` reads any depth, but everything after it (the
 * conformer, the validators, history export, previews) walks values recursively, and 100 000
 * levels overflow the stack there. No answer a spec can describe comes near this.
 */
export const MAX_DEPTH = 1000;

/**
 * Whether lists and objects nest deeper than `MAX_DEPTH` in `value`. Recursive, but never deeper
 * than `MAX_DEPTH` calls; it stops there. Nothing is allocated per value: it runs on every
 * answer, and costs a few percent of the `JSON.parse` before it.
 */
export function nestsTooDeep(value: unknown): boolean {
  return typeof value === "object" && value !== null && deeperThanAllowed(value, 0);
}

function deeperThanAllowed(node: object, depth: number): boolean {
  if (depth >= MAX_DEPTH) return true;
  if (Array.isArray(node)) {
    for (let index = 0; index < node.length; index++) {
      if (isNested(node[index], depth)) return true;
    }
    return false;
  }
  for (const key in node) {
    if (isNested((node as Record<string, unknown>)[key], depth)) return true;
  }
  return false;
}

const isNested = (child: unknown, depth: number): boolean =>
  typeof child === "object" && child !== null && deeperThanAllowed(child, depth + 1);

export const TOO_DEEP = `it nests more than ${MAX_DEPTH} lists or objects deep`;
