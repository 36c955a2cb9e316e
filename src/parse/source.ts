import { formatPosition } from "../show.js";

/**
 * The model's text with its line starts indexed once. A long output can hold hundreds of
 * candidates, each named by its position in some message; `lineColumn` rescans the text up to the
 * offset each time, which on a 5 MB answer takes minutes. Here each position is a binary search.
 */
export class SourceText {
  readonly #lineStarts: number[] = [0];

  constructor(readonly text: string) {
    for (let at = text.indexOf("\n"); at >= 0; at = text.indexOf("\n", at + 1)) {
      this.#lineStarts.push(at + 1);
    }
  }

  /** `line L, column C` of an offset, exactly as `lineColumn` writes it. */
  at(offset: number): string {
    const starts = this.#lineStarts;
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((starts[middle] ?? 0) <= offset) low = middle;
      else high = middle - 1;
    }
    return formatPosition({ line: low + 1, column: offset - (starts[low] ?? 0) + 1 });
  }
}
