import { RailguardError } from "../../errors.js";

/**
 * Why a SQL validator could not do its job: an unknown dialect, a schema that does not load, a
 * sandbox worker that would not start. The validators turn it into a failure verdict (with this
 * message), never a crash; code that uses the sandbox directly gets it thrown.
 */
export class SqlValidatorError extends RailguardError {}
