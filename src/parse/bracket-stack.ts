/**
 * The open brackets of a walk, innermost last, that finds the innermost open bracket of a kind
 * in constant time. `frames.map(…).lastIndexOf("[")` scans the whole stack at each closing
 * bracket: 40 KB of `{]` after the JSON took 25 seconds. Here each kind keeps the depths where it
 * is open, and closing to a depth drops the ones above it, each once.
 */
export type Bracket = "{" | "[";

export class BracketStack<T extends { bracket: Bracket }> {
  readonly frames: T[] = [];
  readonly #depths: Record<Bracket, number[]> = { "{": [], "[": [] };

  get length(): number {
    return this.frames.length;
  }

  top(): T | undefined {
    return this.frames[this.frames.length - 1];
  }

  push(frame: T): void {
    this.#depths[frame.bracket].push(this.frames.length);
    this.frames.push(frame);
  }

  /** The depth of the innermost open `bracket`, or -1 when none is open. */
  innermost(bracket: Bracket): number {
    const depths = this.#depths[bracket];
    return depths[depths.length - 1] ?? -1;
  }

  /** Closes every frame at `depth` and deeper. */
  closeTo(depth: number): void {
    this.frames.length = depth;
    for (const depths of Object.values(this.#depths)) {
      while ((depths[depths.length - 1] ?? -1) >= depth) depths.pop();
    }
  }
}
