import { errorMessage, RailguardError } from "../errors.js";
import type { FailureReason, ValidationFailure } from "./history/validator-log.js";

/**
 * Validation did not hold. Raised by the `exception` on-fail action (the call stops; reported on
 * `outcome.error`), and thrown by `outcome.unwrap()` / `guard.callOrThrow()` for a call that did
 * not pass. `failures` lists each with its path, validator and reason; `path`, `validator` and
 * `reason` are the first one's.
 */
export class ValidationError extends RailguardError {
  readonly path: string;
  readonly validator: string;
  readonly reason: FailureReason;
  /** Every failure's message, in order. */
  readonly messages: readonly string[];

  constructor(readonly failures: readonly ValidationFailure[]) {
    super("validation-failed", describeFailures(failures));
    const [first] = failures;
    this.path = first?.path ?? "$";
    this.validator = first?.validator ?? "";
    this.reason = first?.reason ?? "refrained";
    this.messages = failures.map((failure) => failure.message);
  }
}

function describeFailures(failures: readonly ValidationFailure[]): string {
  const lines = failures.map(
    ({ path, validator, message }) => `${path} (validator "${validator}"): ${message}`,
  );
  if (lines.length === 0) return "Validation failed: the output was refused.";
  if (lines.length === 1) return `Validation failed for ${lines[0]}`;
  return `Validation failed (${lines.length} failures): ${lines.join("; ")}`;
}

/** A validator needs `metadata` keys the call did not provide. Nothing was sent to the model. */
export interface MissingMetadata {
  validator: string;
  path: string;
  /**
   * Each requirement left unmet, in words: a key (`source`), or a set of keys any one of which
   * would do (`one of document, documents, filepaths, docs_dir`).
   */
  keys: string[];
}

export class MissingMetadataError extends RailguardError {
  constructor(readonly missing: readonly MissingMetadata[]) {
    const lines = missing.map(
      (m) => `validator "${m.validator}" at ${m.path} needs metadata ${m.keys.join(", ")}`,
    );
    super("missing-metadata", `Missing required metadata: ${lines.join("; ")}.`);
  }
}

/** The model's final answer held no usable JSON, after every reask allowed. */
export class OutputParseError extends RailguardError {
  constructor(readonly reason: string) {
    super("output-not-parseable", `The model output is not parseable as JSON: ${reason}`);
  }
}

/**
 * A mismatch or repair as one line led by its path. The parser's messages usually start with
 * their path already, and repairs about the whole text have none.
 */
export const withPath = ({ path, message }: { path?: string; message: string }): string =>
  path === undefined || message.startsWith(path) ? message : `${path}: ${message}`;

/** The model's final answer had the wrong shape (missing keys, wrong types), after every reask. */
export class OutputShapeError extends RailguardError {
  constructor(readonly mismatches: readonly { path: string; message: string }[]) {
    const lines = mismatches.map(withPath);
    super(
      "output-shape-mismatch",
      `The model output does not match the schema: ${lines.join("; ")}`,
    );
  }
}

/**
 * The call stopped on an error no check anticipated: a bug, or a value from a validator or
 * handler that broke a step (`cause` holds it). The call's history keeps every round up to it.
 */
export class UnexpectedError extends RailguardError {
  constructor(
    readonly step: string,
    cause: unknown,
  ) {
    super("unexpected-error", `The call stopped ${step}: ${describeCause(cause)}`, { cause });
  }
}

/** An Error's name and message, anything else as text; never throws, as `errorMessage`. */
function describeCause(cause: unknown): string {
  try {
    if (cause instanceof Error) return `${cause.name}: ${errorMessage(cause)}`;
  } catch {
    // A name that cannot be read (a getter that throws, a symbol): the message alone.
  }
  return errorMessage(cause);
}

/** A guard was built or used in a way that cannot work (no prompt, bad validator path…). */
export class GuardConfigError extends RailguardError {
  constructor(message: string) {
    super("guard-config", message);
  }
}
