// Internal barrel of the lenient parser.
export { conformToSchema } from "./conform.js";
export { fitImpliesSchema, fitsExactly } from "./exact-fit.js";
export { parseOutput } from "./parse-output.js";
export type { ConformResult, ParseResult, Repair, ShapeMismatch } from "./types.js";
