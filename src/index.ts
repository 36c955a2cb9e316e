// The public API. Everything else under src/ is internal.
export { RailguardError } from "./errors.js";
export type * from "./llm/types.js";
export type * from "./parse/types.js";
export type * from "./rail/types.js";
export type * from "./schema/types.js";
export { registerValidator, ValidatorRegistry } from "./validators/registry.js";
export type * from "./validators/types.js";
export { fail, pass } from "./validators/types.js";
