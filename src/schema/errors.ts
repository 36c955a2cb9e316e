import { type ErrorCode, RailguardError } from "../errors.js";
import type { SourcePosition } from "../rail/types.js";
import { endSentence } from "../rail/warnings.js";
import { formatPosition } from "../show.js";

/** Where in the spec a validator sits: its JSONPath, and its source position when known. */
export interface ValidatorSite {
  path: string;
  validator: string;
  position?: SourcePosition;
  /** The RAIL file, when the spec was read from one. */
  file?: string;
}

const describeSite = (site: ValidatorSite): string => {
  const file = site.file ? `${site.file}: ` : "";
  const at = site.position ? ` (${formatPosition(site.position)})` : "";
  return `${file}Validator "${site.validator}" on ${site.path}${at}`;
};

/** A validator's argument is missing, unknown, doubled or of the wrong type. */
export class ValidatorArgumentError extends RailguardError {
  readonly site: ValidatorSite;
  readonly path: string;
  readonly validator: string;
  readonly argument: string;
  readonly reason: string;

  constructor(
    site: ValidatorSite,
    argument: string,
    reason: string,
    options?: { cause?: unknown },
  ) {
    super(
      "validator-argument",
      `${describeSite(site)}: argument "${argument}" ${reason}.`,
      options,
    );
    this.site = site;
    this.path = site.path;
    this.validator = site.validator;
    this.argument = argument;
    this.reason = reason;
  }

  /** The same error, with the file name leading its message. */
  inFile(file: string): ValidatorArgumentError {
    // Not `new ValidatorArgumentError`: a class that names itself in its body is renamed by the
    // bundler, and its errors would report that name.
    const OwnClass = this.constructor as typeof ValidatorArgumentError;
    return new OwnClass({ ...this.site, file }, this.argument, this.reason, { cause: this });
  }
}

/**
 * A validator name no registry knows, in a spec built in code (one parsed from RAIL text gets a
 * `RailSpecError` with line and column); or, in a `strict="true"` output, a validator that does
 * not apply to its field.
 */
export class ValidatorBindingError extends RailguardError {
  readonly site: ValidatorSite;
  readonly path: string;
  readonly validator: string;
  readonly reason: string;

  constructor(code: ErrorCode, site: ValidatorSite, reason: string, options?: { cause?: unknown }) {
    super(code, `${describeSite(site)}: ${endSentence(reason)}`, options);
    this.site = site;
    this.path = site.path;
    this.validator = site.validator;
    this.reason = reason;
  }

  /** The same error, with the file name leading its message. */
  inFile(file: string): ValidatorBindingError {
    // Not `new ValidatorBindingError`: see ValidatorArgumentError.inFile.
    const OwnClass = this.constructor as typeof ValidatorBindingError;
    return new OwnClass(this.code, { ...this.site, file }, this.reason, { cause: this });
  }
}

/**
 * A spec built in code (`Guard.fromSpec`, `compileRail` given an object) that no JSON answer could
 * fit: two fields on one key, a case key that is also the discriminator, an unknown kind… The
 * RAIL reader refuses the same with a `RailSpecError` at a line and column; here `path` says where.
 */
export class SpecShapeError extends RailguardError {
  /** JSONPath of the field at fault (`$` for the output itself, `$.a.*` for a list's items). */
  readonly path: string;
  readonly reason: string;

  constructor(path: string, reason: string, options?: { cause?: unknown }) {
    super("spec-shape", `${path}: ${endSentence(reason)}`, options);
    this.path = path;
    this.reason = reason;
  }
}
