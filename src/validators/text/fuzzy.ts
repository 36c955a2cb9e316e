// Fuzzy ratios with thefuzz's semantics (rapidfuzz underneath): the normalised Indel similarity
// 2·LCS / (|a| + |b|) on code points, scaled to 0–100 and rounded; either string empty → 0.

/** thefuzz `fuzz.ratio`: how alike two whole strings are, 0–100. */
export function ratio(a: string, b: string): number {
  return Math.round(indelSimilarity([...a], [...b]) * 100);
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
