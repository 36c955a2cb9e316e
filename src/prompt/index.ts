// Internal barrel of prompt compilation.
export { isPromptConstant, PROMPT_CONSTANTS } from "./constants.js";
export { MissingPromptVariableError, PromptVariableError } from "./errors.js";
export { renderOutputXml, type ValidatorPrompts } from "./output-xml.js";
export { renderStringSchema } from "./string-schema.js";
export { type RenderOptions, renderTemplate, templateVariables } from "./template.js";
export {
  fieldValidatorPrompts,
  keywordPrompt,
  validatorPrompt,
} from "./validator-prompt.js";
