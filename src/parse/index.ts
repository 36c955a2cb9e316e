// Internal barrel of the lenient parser.
export { conformToSchema } from "./conform.js";
export {
  type FitCheck,
  fitImpliesSchema,
  fitsExactly,
  fitsParsed,
  parsedFitCheck,
} from "./exact-fit.js";
export { NOT_JSON, parseJson, parseOutput, parseOutputFrom } from "./parse-output.js";
export type { ConformResult, ParseResult, Repair, ShapeMismatch } from "./types.js";
