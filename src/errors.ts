/**
 * Base class of every error railguard throws or reports. `code` is stable and machine-readable;
 * the message always says where (a field path, a line and column, a variable name) and why.
 */
export class RailguardError extends Error {
  readonly code: string;

  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}
