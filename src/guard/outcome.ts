import type { RailguardError } from "../errors.js";
import type { Call } from "./history/call.js";
import type { ValidationFailure } from "./history/validator-log.js";
import type { ReaskRequest } from "./reask/request.js";

/** The result of `guard.call` / `guard.parse`. Never a silent null: see `error` and `failures`. */
export interface ValidationOutcome<T> {
  /** The last text the model returned (or the text given to `parse`); null if none came back. */
  rawOutput: string | null;
  /**
   * The output after parsing, validation and every on-fail action; values whose failures were
   * not resolved are kept as they are (see `failures`). Null only when nothing usable was
   * produced, and then `error` says why. After a refrain: the empty value of the output type.
   */
  validatedOutput: T | null;
  /** False whenever a validator failed and was not fixed, the output refrained, or `error` is set. */
  validationPassed: boolean;
  /** A `refrain` action fired: `validatedOutput` is `{}`, `[]` or `""`. */
  refrained: boolean;
  /** What stopped the call, or why there is no output: LLMCallError, ValidationError… */
  error?: RailguardError;
  /** The reask the guard would send next, when failures remain and the reask budget is spent. */
  reask?: ReaskRequest;
  /** Every failure left standing, with its path, validator and reason. */
  failures: ValidationFailure[];
  /** This call's history entry (also in `guard.history`). */
  call: Call;
}
