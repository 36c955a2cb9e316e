import { RailguardError } from "../../errors.js";

/**
 * Why a text validator could not judge a value: no source text, an unreadable file, a broken
 * embed function, no model. Validators turn it into a failure verdict, never a crash.
 */
export class TextValidationError extends RailguardError {}
