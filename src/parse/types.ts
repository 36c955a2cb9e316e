/** What kind of change a repair made; the message says what was found and what it became. */
export type RepairKind =
  /** `<think>…</think>` reasoning removed. */
  | "strip-think"
  /** The JSON taken out of a fenced code block. */
  | "extract-fence"
  /** Text before or after the JSON ignored. */
  | "strip-prose"
  /** Several JSON values in the text: which one was taken, and why. */
  | "collect-candidates"
  | "pick-candidate"
  /** Trailing or missing commas, quotes, comments, Python literals… */
  | "fix-syntax"
  /** A truncated answer closed. */
  | "close-truncated"
  /** A value turned into the spec's type (`"3"` → 3). */
  | "coerce"
  /** A date or time read in the spec's format. */
  | "date"
  /** A key the spec does not declare removed. */
  | "prune-key"
  /** A key written in another case or style renamed to the spec's. */
  | "rename-key"
  | "wrap-in-list"
  | "unwrap-list"
  | "unwrap-object"
  /** An integer beyond 2^53 kept as its digits (a number would change it). */
  | "keep-digits";

/** A change the lenient parser made to get from the model's text to a value. Never silent. */
export interface Repair {
  kind: RepairKind;
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
