import { type ErrorCode, RailguardError } from "../errors.js";
import { formatPosition } from "../show.js";
import { endSentence } from "./warnings.js";

/** Where and why a RAIL document was rejected. */
export interface RailErrorDetails {
  /** What is wrong, without a trailing period. */
  reason: string;
  /** 1-based line and column in the RAIL source. */
  line: number;
  column: number;
  /**
   * Element path, e.g. `output > list "fees" > object > string "name"`. For malformed XML, the
   * elements open where reading stopped; absent when none is.
   */
  path?: string;
  /** What would have been accepted instead. */
  allowed?: string;
  /** The file the source came from, when read from disk. */
  file?: string;
}

/** Base of the two RAIL document errors: one message format, one set of fields. */
abstract class RailDocumentError extends RailguardError {
  readonly details: RailErrorDetails;
  readonly reason: string;
  readonly line: number;
  readonly column: number;
  readonly path: string | undefined;
  readonly allowed: string | undefined;
  readonly file: string | undefined;

  constructor(code: ErrorCode, details: RailErrorDetails, options?: { cause?: unknown }) {
    super(code, formatRailError(details), options);
    this.details = details;
    this.reason = details.reason;
    this.line = details.line;
    this.column = details.column;
    this.path = details.path;
    this.allowed = details.allowed;
    this.file = details.file;
  }

  /** The same error, with the file name leading its message. */
  inFile(file: string): this {
    // Made through the error's own class, not by naming it: a class that names itself in its body
    // is renamed by the bundler (`_RailSpecError`), and its errors would report that name.
    const OwnClass = this.constructor as new (
      details: RailErrorDetails,
      options: { cause: unknown },
    ) => this;
    return new OwnClass({ ...this.details, file }, { cause: this });
  }
}

/** The RAIL source is not well-formed XML. */
export class RailSyntaxError extends RailDocumentError {
  constructor(details: RailErrorDetails, options?: { cause?: unknown }) {
    super("rail-syntax", details, options);
  }
}

/** The RAIL source is well-formed XML but not a valid spec. */
export class RailSpecError extends RailDocumentError {
  constructor(details: RailErrorDetails, options?: { cause?: unknown }) {
    super("rail-spec", details, options);
  }
}

/** A RAIL file could not be read. */
export class RailFileError extends RailguardError {
  readonly file: string;

  constructor(file: string, reason: string, options?: { cause?: unknown }) {
    super("rail-file", `${file}: ${reason}`, options);
    this.file = file;
  }
}

/** `<file>: <path> (line L, column C): <reason>. Allowed: <allowed>`, omitting absent parts. */
function formatRailError(details: RailErrorDetails): string {
  const at = formatPosition(details);
  const where = details.path ? `${details.path} (${at})` : at;
  const file = details.file ? `${details.file}: ` : "";
  const allowed = details.allowed ? ` Allowed: ${details.allowed}` : "";
  return `${file}${where}: ${endSentence(details.reason)}${allowed}`;
}
