import { defaultRegistry } from "./registry.js";
import type { ValidatorDefinition } from "./types.js";

// Each family file exports its definitions; this is the one place that registers them all.
// biome-ignore lint/suspicious/noExplicitAny: definitions carry their own argument types
const families: ValidatorDefinition<any>[][] = [];

for (const family of families) for (const definition of family) defaultRegistry.register(definition);

export { defaultRegistry };
