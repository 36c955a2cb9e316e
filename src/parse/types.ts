/** A change the lenient parser made to get from the model's text to a value. Never silent. */
export interface Repair {
  /**
   * What was done: `strip-think`, `extract-fence`, `strip-prose`, `pick-candidate`, `fix-syntax`
   * (trailing commas, quotes, comments, Python literals…), `close-truncated`, `coerce`,
   * `prune-key`, `rename-key`, `wrap-in-list`, `unwrap-list`, `keep-digits` (an integer beyond
   * 2^53 kept as text)…
   */
  kind: string;
  /** Human-readable: what was found and what it became. */
  message: string;
  /** Concrete JSON path the repair applies to (`$.fees[0].rate`), when it is about one value. */
  path?: string;
}

/** A place where the value's shape does not match the spec and could not be coerced. */
export interface ShapeMismatch {
  path: string;
  message: string;
}

export type ParseResult =
  | { ok: true; value: unknown; repairs: Repair[] }
  /** No usable JSON in the text: a non-parseable failure (its own reask). */
  | { ok: false; error: string; repairs: Repair[] };

export interface ConformResult {
  /** The value coerced to the spec and pruned of undeclared keys. */
  value: unknown;
  repairs: Repair[];
  /** Non-empty = a skeleton failure (its own reask). */
  mismatches: ShapeMismatch[];
}
