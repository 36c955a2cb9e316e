// Internal barrel of the RAIL reader and printer; the public API is chosen in src/index.ts.
export { DEFAULT_DISCRIMINATOR } from "./choice.js";
export { type RailErrorDetails, RailFileError, RailSpecError, RailSyntaxError } from "./errors.js";
export { FIELD_TAGS } from "./fields.js";
export { formatLiteral, LiteralSyntaxError, parseLiteral } from "./literal.js";
export { type ParseRailOptions, parseRail, RAIL_VERSION } from "./parse.js";
export { printRail } from "./print.js";
export { MAX_TEXT_FILE_BYTES, readRailFile, readTextFile } from "./read-file.js";
export { onFailAttribute, type UnknownTagPolicy } from "./reader.js";
export { dedent } from "./template.js";
export * from "./types.js";
export {
  formatValidator,
  formatValidators,
  type ParsedValidator,
  parseValidatorSpec,
  ValidatorSyntaxError,
} from "./validator-spec.js";
