/**
 * How deep a parsed value may nest. `JSON.parse` reads any depth, but everything after it (the
 * conformer, the validators, history export, previews) walks values recursively, and 100 000
 * levels overflow the stack there. No answer a spec can describe comes near this.
 */
export const MAX_DEPTH = 1000;

/** Whether lists and objects nest deeper than `MAX_DEPTH` in `value`; iterative, so never overflows. */
export function nestsTooDeep(value: unknown): boolean {
  const pending: { node: unknown; depth: number }[] = [{ node: value, depth: 0 }];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const { node, depth } = next;
    if (typeof node !== "object" || node === null) continue;
    if (depth >= MAX_DEPTH) return true;
    for (const child of Object.values(node)) pending.push({ node: child, depth: depth + 1 });
  }
  return false;
}

export const TOO_DEEP = `it nests more than ${MAX_DEPTH} lists or objects deep`;
