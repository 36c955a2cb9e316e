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

/**
 * What a caught value says about itself: an Error's message, anything else as text. Never throws:
 * code can throw anything, and `String()` of an object without a prototype throws a TypeError.
 */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  try {
    return String(error);
  } catch {
    return "a value that cannot be shown as text";
  }
}
