// Internal barrel of the guard; the public API re-exports from src/index.ts.
export {
  GuardConfigError,
  type MissingMetadata,
  MissingMetadataError,
  OutputParseError,
  OutputShapeError,
  UnexpectedError,
  ValidationError,
} from "./errors.js";
export type { GuardEvent, GuardEventListener, GuardEventType } from "./events.js";
export {
  type CallOptions,
  Guard,
  type GuardOptions,
  type ParseOptions,
  type RetryOptions,
  type SchemaGuardOptions,
  type ZodGuardOptions,
} from "./guard.js";
export { Call, type CallInputs, type CallStatus } from "./history/call.js";
export { History } from "./history/history.js";
export type { Iteration, IterationKind } from "./history/iteration.js";
export type {
  ActionTaken,
  FailureReason,
  UnansweredFix,
  ValidationFailure,
  ValidatorLog,
} from "./history/validator-log.js";
export type { InputValidators } from "./input/bind.js";
export { InputValidationError } from "./input/error.js";
export type {
  FailedOutcome,
  GuardOutcome,
  PassedOutcome,
  ValidationOutcome,
} from "./outcome.js";
export type { ReaskContextMode } from "./reask/conversation.js";
export type { ReaskRequest } from "./reask/request.js";
export type { CustomOnFail, HandlerContext } from "./validate/state.js";
export type { CodeValidator, CodeValidators } from "./zod/attach-validators.js";
export type { StandardSchemaV1 } from "./zod/standard-schema.js";
