// Fuzzy ratios with thefuzz's semantics (rapidfuzz underneath): the normalised Indel similarity
// 2·LCS / (|a| + |b|) on code points, scaled to 0–100 and rounded; either string empty → 0.

/**
 * One side of `ratio` comparisons, prepared once for many: the positions of each of its code
 * points as bit masks, one bit per code point, 32 to a word.
 */
export class RatioPattern {
  readonly #length: number;
  readonly #blocks: number;
  readonly #masks = new Map<number, Uint32Array>();
  /** The working row of a comparison, reused by the next. */
  readonly #row: Uint32Array;

  constructor(text: string) {
    const characters = codePoints(text);
    this.#length = characters.length;
    this.#blocks = Math.ceil(characters.length / 32);
    this.#row = new Uint32Array(this.#blocks);
    characters.forEach((char, index) => {
      const mask = this.#masks.get(char) ?? new Uint32Array(this.#blocks);
      this.#masks.set(char, mask);
      mask[index >>> 5] = ((mask[index >>> 5] as number) | (1 << (index & 31))) >>> 0;
    });
  }

  /** The steps a comparison with `length` code points takes: a look-up and a word per block. */
  cost(length: number): number {
    return length * (this.#blocks + 1);
  }

  /** thefuzz `fuzz.ratio` of the pattern's text and `other` (as `codePoints`), 0–100. */
  ratio(other: readonly number[]): number {
    if (this.#length === 0 || other.length === 0) return 0;
    const lcs = this.#longestCommonSubsequence(other);
    return Math.round(((2 * lcs) / (this.#length + other.length)) * 100);
  }

  /**
   * LCS length by the bit-parallel algorithm of Allison–Dix and Hyyrö (as rapidfuzz computes
   * it): |other| · ⌈|pattern| / 32⌉ word steps instead of |other| · |pattern| cells. `row` has a
   * 0 bit for each pattern position the LCS of the prefixes read so far uses; the LCS length is
   * the count of 0 bits.
   */
  #longestCommonSubsequence(other: readonly number[]): number {
    // Bits past the pattern's end stay 1: their mask bits are 0, so every step keeps them.
    const row = this.#row.fill(0xffffffff);
    for (const char of other) {
      const mask = this.#masks.get(char);
      if (!mask) continue; // matches no position: the row is unchanged
      let carry = 0;
      for (let k = 0; k < this.#blocks; k++) {
        const v = row[k] as number;
        const matches = (v & (mask[k] as number)) >>> 0;
        const sum = v + matches + carry;
        carry = sum > 0xffffffff ? 1 : 0;
        // (v + matches) | (v − matches), and v − matches = v & ~matches since matches ⊆ v.
        row[k] = ((sum >>> 0) | (v & ~matches)) >>> 0;
      }
    }
    let zeros = 0;
    for (const word of row) zeros += 32 - popCount(word);
    return zeros;
  }
}

function popCount(word: number): number {
  let v = word - ((word >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
}

/** The code points of a text: what thefuzz compares (an emoji is one character). */
export const codePoints = (text: string): number[] =>
  Array.from(text, (char) => char.codePointAt(0) as number);

/** thefuzz `fuzz.ratio`: how alike two whole strings are, 0–100. */
export const ratio = (a: string, b: string): number => new RatioPattern(a).ratio(codePoints(b));
