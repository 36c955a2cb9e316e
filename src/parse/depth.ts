/**
 * How deep a parsed value may nest. `JSON.parse` reads any depth, but everything after it (the
 * conformer, the validators, history export, previews) walks values recursively, and 100 000
 * levels overflow the stack there. No answer a spec can describe comes near this.
 */
export const MAX_DEPTH = 1000;

/** Whether lists and objects nest deeper than `MAX_DEPTH` in `value`. */
export function nestsTooDeep(value: unknown): boolean {
  return (inspectParsed(value) & NESTS_TOO_DEEP) !== 0;
}

/** Set by `inspectParsed` when lists and objects nest deeper than `MAX_DEPTH`. */
export const NESTS_TOO_DEEP = 1;
/**
 * Set by `inspectParsed` for a number at or beyond ±2^53: only there can `JSON.parse` have
 * changed an integer the model wrote (see big-integers.ts), so only then is the text searched.
 */
export const HOLDS_HUGE_NUMBER = 2;

/**
 * What every answer is checked for after `JSON.parse`, in one walk (flags above). Recursive, but
 * never deeper than `MAX_DEPTH` calls: it stops there. Nothing is allocated per value: it runs on
 * every answer, for a few percent of the `JSON.parse` before it. `depth` is where `value` sits
 * in the answer, for a part of it inspected on its own.
 */
export function inspectParsed(value: unknown, depth = 0): number {
  return flagsOf(value, depth);
}

function flagsOf(node: unknown, depth: number): number {
  if (typeof node === "number") return Math.abs(node) < 2 ** 53 ? 0 : HOLDS_HUGE_NUMBER;
  if (typeof node !== "object" || node === null) return 0;
  if (depth >= MAX_DEPTH) return NESTS_TOO_DEEP;
  let flags = 0;
  if (Array.isArray(node)) {
    for (let index = 0; index < node.length && !(flags & NESTS_TOO_DEEP); index++) {
      flags |= flagsOf(node[index], depth + 1);
    }
    return flags;
  }
  for (const key in node) {
    flags |= flagsOf((node as Record<string, unknown>)[key], depth + 1);
    if (flags & NESTS_TOO_DEEP) break;
  }
  return flags;
}

export const TOO_DEEP = `it nests more than ${MAX_DEPTH} lists or objects deep`;
