import { RailguardError } from "../errors.js";
import type { SourcePosition } from "../rail/types.js";

/** Where in the spec a validator sits: its JSONPath, and its source position when known. */
export interface ValidatorSite {
  path: string;
  validator: string;
  position?: SourcePosition;
}

const describeSite = (site: ValidatorSite): string =>
  `Validator "${site.validator}" on ${site.path}${site.position ? ` (line ${site.position.line}, column ${site.position.column})` : ""}`;

/** A validator's argument is missing, unknown, doubled or of the wrong type. */
export class ValidatorArgumentError extends RailguardError {
  readonly path: string;
  readonly validator: string;
  readonly argument: string;

  constructor(site: ValidatorSite, argument: string, reason: string) {
    super("validator-argument", `${describeSite(site)}: argument "${argument}" ${reason}.`);
    this.path = site.path;
    this.validator = site.validator;
    this.argument = argument;
  }
}

/** In a `strict="true"` output, a validator that is unknown or does not apply to its field. */
export class ValidatorBindingError extends RailguardError {
  readonly path: string;
  readonly validator: string;

  constructor(code: string, site: ValidatorSite, reason: string) {
    super(code, `${describeSite(site)}: ${reason}.`);
    this.path = site.path;
    this.validator = site.validator;
  }
}
