import type { RailguardError } from "../errors.js";
import type { Call } from "./history/call.js";
import type { UnansweredFix, ValidationFailure } from "./history/validator-log.js";
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
  /**
   * The reask the guard would have sent next, had the budget (or a model) allowed: set whenever
   * the last round still asked for one, even if fix values then filled every value in.
   */
  reask?: ReaskRequest;
  /** Every failure left standing, with its path, validator and reason. */
  failures: ValidationFailure[];
  /**
   * Values that were to be asked again but never were, replaced by their validator's fix value
   * (Guardrails' final fallback): they pass, but the model did not confirm them.
   */
  unansweredFixes: UnansweredFix[];
  /** This call's history entry (also in `guard.history`). */
  call: Call;
}
