// The public API of railguard. Everything else under src/ is internal and may change.

// The validator contract: what a validator is, and the registry RAIL specs bind names against.
export type { UnknownValidatorPolicy, ValidatorBinding } from "./contract/binding.js";
export { registerValidator, ValidatorRegistry } from "./contract/registry.js";
export type * from "./contract/types.js";
export { fail, hasFix, pass } from "./contract/types.js";
export { type ErrorCode, RailguardError } from "./errors.js";
export type {
  ActionTaken,
  CallInputs,
  CallOptions,
  CallStatus,
  CodeValidator,
  CodeValidators,
  CustomOnFail,
  FailedOutcome,
  FailureReason,
  GuardEvent,
  GuardEventListener,
  GuardEventType,
  GuardOptions,
  GuardOutcome,
  HandlerContext,
  InputValidators,
  Iteration,
  IterationKind,
  MissingMetadata,
  ParseOptions,
  PassedOutcome,
  ReaskContextMode,
  ReaskRequest,
  RetryOptions,
  SchemaGuardOptions,
  StandardSchemaV1,
  UnansweredFix,
  ValidationFailure,
  ValidationOutcome,
  ValidatorLog,
  ZodGuardOptions,
} from "./guard/index.js";
// The guard: call any model, parse, validate, act on failures, re-ask, keep history.
export {
  Call,
  Guard,
  GuardConfigError,
  History,
  InputValidationError,
  MissingMetadataError,
  OutputParseError,
  OutputShapeError,
  UnexpectedError,
  ValidationError,
} from "./guard/index.js";
export type {
  Cassette,
  CassetteEntry,
  CassetteRequest,
  ClosestRecording,
  FirstDifference,
  LLMCallFailure,
  ModelFromEnvOptions,
  OpenAIChatParams,
  OpenAICompletionParams,
  OpenAIEmbedParams,
  ResponseFormatMode,
} from "./llm/index.js";
// Models.
export {
  CassetteFileError,
  CassetteMissError,
  LLMCallError,
  modelFromEnv,
  openAIChat,
  openAICompletion,
  openAIEmbed,
  recordLLM,
  replayLLM,
} from "./llm/index.js";
export type * from "./llm/types.js";
// Log sinks for GuardOptions.onEvent.
export type {
  JsonLinesOptions,
  JsonLinesRecord,
  OtelApi,
  OtelListenerOptions,
  OtelSpan,
  OtelTracer,
  RedactedPart,
  TextSink,
} from "./log/index.js";
export { jsonLinesSink, otelListener, REDACTED } from "./log/index.js";
// Lenient parsing of model output.
export { conformToSchema, parseOutput } from "./parse/index.js";
export type * from "./parse/types.js";
export type { RenderOptions } from "./prompt/index.js";
export {
  MissingPromptVariableError,
  PROMPT_CONSTANTS,
  PromptVariableError,
  renderTemplate,
  templateVariables,
} from "./prompt/index.js";
export type { ParseRailOptions, RailErrorDetails, UnknownTagPolicy } from "./rail/index.js";
// RAIL: XML → spec, and back.
export {
  parseRail,
  printRail,
  RailFileError,
  RailSpecError,
  RailSyntaxError,
  readRailFile,
} from "./rail/index.js";
export type * from "./rail/types.js";
export type { CompileOptions, ValidatorSite } from "./schema/index.js";
// Compilation: spec → zod, JSON Schema, prompt.
export {
  compileRail,
  compileRailFile,
  openAIResponseFormat,
  openAIStrictSchema,
  SpecShapeError,
  ValidatorArgumentError,
  ValidatorBindingError,
} from "./schema/index.js";
export type { InputBindings, InputName } from "./schema/input-bindings.js";
export type * from "./schema/types.js";
// Validators. Importing the catalogue registers the built-ins; the guard itself does not.
export { defaultRegistry } from "./validators/builtins.js";
export type { ValidatorFunction } from "./validators/custom.js";
export {
  registerFieldFunction,
  registerModel,
  validatorFromFunction,
} from "./validators/custom.js";
export type {
  QueryFailureReason,
  QueryOutcome,
  SqlCatalog,
  SqlDialect,
  SqlRunOptions,
  SqlSandbox,
} from "./validators/sql.js";
export { disposeSqlSandboxes, SqlValidatorError, sqlSandbox } from "./validators/sql.js";
