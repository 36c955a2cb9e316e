// Internal barrel of the compiler; the public API re-exports what users need from src/index.ts.

export { resolveArguments } from "./arguments.js";
export { type BoundValidators, bindValidators } from "./bindings.js";
export { type CompileOptions, compileRail, compileRailFile } from "./compile.js";
export {
  SpecShapeError,
  ValidatorArgumentError,
  ValidatorBindingError,
  type ValidatorSite,
} from "./errors.js";
export { jsonSchemaFor } from "./json-schema.js";
export { openAIResponseFormat, openAIStrictSchema } from "./openai-schema.js";
export type { CompiledRail, JsonSchema } from "./types.js";
export { type FieldLocation, walkFields } from "./walk.js";
export { zodSchemaFor } from "./zod.js";
