// Fuzzy ratios with thefuzz's semantics (rapidfuzz underneath): the normalised Indel similarity
// 2·LCS / (|a| + |b|) on code points, scaled to 0–100 and rounded; either string empty → 0.

/** thefuzz `fuzz.ratio`: how alike two whole strings are, 0–100. */
export function ratio(a: string, b: string): number {
  return Math.round(indelSimilarity([...a], [...b]) * 100);
}

/**
 * thefuzz `fuzz.partial_ratio`: the best ratio of the shorter string against any equally long
 * window of the longer one (windows hanging over either end included), 0–100.
 */
export function partialRatio(a: string, b: string): number {
  const [short, long] = a.length <= b.length ? [[...a], [...b]] : [[...b], [...a]];
  if (short.length === 0) return 0;
  let best = 0;
  for (const window of windows(long, short.length)) {
    best = Math.max(best, indelSimilarity(short, window));
    if (best === 1) break;
  }
  return Math.round(best * 100);
}

function* windows(chars: string[], size: number): Generator<string[]> {
  for (let end = 1; end < size; end++) yield chars.slice(0, end);
  for (let start = 0; start + size <= chars.length; start++) yield chars.slice(start, start + size);
  for (let start = chars.length - size + 1; start < chars.length; start++) {
    if (start > 0) yield chars.slice(start);
  }
}

function indelSimilarity(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  return (2 * longestCommonSubsequence(a, b)) / (a.length + b.length);
}

function longestCommonSubsequence(a: readonly string[], b: readonly string[]): number {
  let previous = new Uint32Array(b.length + 1);
  let current = new Uint32Array(b.length + 1);
  for (const charA of a) {
    for (let j = 1; j <= b.length; j++) {
      current[j] =
        charA === b[j - 1]
          ? (previous[j - 1] as number) + 1
          : Math.max(previous[j] as number, current[j - 1] as number);
    }
    [previous, current] = [current, previous];
  }
  return previous[b.length] as number;
}
