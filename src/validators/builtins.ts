import { defaultRegistry } from "../contract/registry.js";
import type { ValidatorDefinition } from "../contract/types.js";
import { choiceValidators } from "./choice.js";
import { codeValidators } from "./code.js";
import { customValidators } from "./custom.js";
import { dateValidators } from "./dates.js";
import { llmJudgedValidators } from "./llm-judged.js";
import { numericValidators } from "./numeric.js";
import { regexValidators } from "./regex.js";
import { sqlValidators } from "./sql.js";
import { stringValidators } from "./string.js";
import { summaryValidators } from "./summary.js";
import { textSafetyValidators } from "./text-safety.js";
import { urlEmailValidators } from "./url-email.js";

// Each family file exports its definitions; this is the one place that registers them all.
// biome-ignore lint/suspicious/noExplicitAny: definitions carry their own argument types
const families: ValidatorDefinition<any>[][] = [
  stringValidators,
  numericValidators,
  choiceValidators,
  urlEmailValidators,
  regexValidators,
  dateValidators,
  codeValidators,
  textSafetyValidators,
  summaryValidators,
  llmJudgedValidators,
  sqlValidators,
  customValidators,
];

for (const family of families)
  for (const definition of family) defaultRegistry.register(definition);

export { defaultRegistry };
