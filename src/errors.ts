/**
 * Marks railguard's errors, by a registry symbol that every copy of the package shares: an app
 * can load the ESM and the CJS build side by side, and `instanceof` fails across the two.
 */
const MARKER = Symbol.for("railguard.error");

/** Every `code` a railguard error can carry (the README's error table says when each is used). */
export type ErrorCode =
  | "cassette-file"
  | "cassette-miss"
  | "cli-usage"
  | "cli-validators"
  | "embed-failed"
  | "embedding-mismatch"
  | "guard-config"
  | "input-validation-failed"
  | "invalid-argument"
  | "invalid-embed"
  | "invalid-metadata"
  | "invalid-option"
  | "invalid-source"
  | "invalid-validator-name"
  | "literal-syntax"
  | "llm-call"
  | "missing-metadata"
  | "missing-prompt-variable"
  | "missing-source"
  | "model-answer-unusable"
  | "model-required"
  | "not-text"
  | "output-not-parseable"
  | "output-shape-mismatch"
  | "prompt-variable"
  | "rail-file"
  | "rail-spec"
  | "rail-syntax"
  | "regex-translation"
  | "spec-shape"
  | "sql-bad-timeout"
  | "sql-sandbox-start"
  | "sql-schema-invalid"
  | "sql-schema-not-found"
  | "sql-unknown-dialect"
  | "strptime"
  | "suite-file"
  | "too-large"
  | "unexpected-error"
  | "unknown-validator"
  | "unprintable-literal"
  | "unprintable-on-fail"
  | "unreadable-source"
  | "validation-failed"
  | "validator-argument"
  | "validator-not-applicable"
  | "validator-syntax";

/**
 * Base class of every error railguard throws or reports. `code` is stable and machine-readable;
 * the message always says where (a field path, a line and column, a variable name) and why.
 * Recognise one with `RailguardError.isInstance(e)` or `LLMCallError.isInstance(e)`, never
 * `instanceof`, which fails for an error from another copy of the package.
 */
export class RailguardError extends Error {
  readonly code: ErrorCode;
  /** The names of the error's class and of its railguard ancestors, for `isInstance`. */
  declare readonly [MARKER]: readonly string[];

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
    // Not enumerable: it stays out of logs, spreads and deep-equality checks.
    Object.defineProperty(this, MARKER, { value: lineage(new.target), enumerable: false });
  }

  /** Whether `value` is an error of this class (or a subclass), from any copy of railguard. */
  static isInstance<E>(this: { prototype: E }, value: unknown): value is E {
    // biome-ignore lint/complexity/noThisInStatic: `this` is the class it was called on, a subclass too.
    const name = (this as unknown as { name: string }).name;
    return markerOf(value)?.includes(name) === true;
  }
}

/** The class names from `type` up to and including RailguardError. */
function lineage(type: { name: string }): string[] {
  const names: string[] = [];
  for (let at: unknown = type; typeof at === "function"; at = Object.getPrototypeOf(at)) {
    names.push(at.name);
    if (at === RailguardError) break;
  }
  return names;
}

function markerOf(value: unknown): readonly string[] | undefined {
  try {
    if (typeof value !== "object" || value === null) return undefined;
    const names: unknown = (value as Record<symbol, unknown>)[MARKER];
    return Array.isArray(names) ? names : undefined;
  } catch {
    // A revoked proxy or a throwing getter: not one of ours.
    return undefined;
  }
}

/**
 * What a caught value says about itself: an Error's message, anything else as text. Never throws:
 * code can throw anything, and `String()` of an object without a prototype throws a TypeError,
 * as do `instanceof` on a revoked proxy and an error whose `message` getter throws.
 */
export function errorMessage(error: unknown): string {
  try {
    return error instanceof Error ? error.message : String(error);
  } catch {
    return "a value that cannot be shown as text";
  }
}
