// Internal barrel of the model layer; the public API re-exports from src/index.ts.

export { LLMCallError, type LLMCallErrorOptions, type LLMCallFailure } from "../llm-call-error.js";
export { type CallLLMOptions, callLLM } from "./call.js";
export { recordLLM, replayLLM } from "./cassette.js";
export {
  type Cassette,
  type CassetteEntry,
  CassetteFileError,
  type CassetteRequest,
} from "./cassette-file.js";
export { CassetteMissError, type ClosestRecording, type FirstDifference } from "./cassette-miss.js";
export { DEFAULT_OPENAI_MODEL, type ModelFromEnvOptions, modelFromEnv } from "./env.js";
export {
  type OpenAIChatParams,
  type OpenAICompletionParams,
  openAIChat,
  openAICompletion,
  type ResponseFormatMode,
} from "./openai.js";
export { type OpenAIEmbedParams, openAIEmbed } from "./openai-embed.js";
export { type LLMResult, normaliseResponse } from "./response.js";
export { backoffDelayMs, isRetryable } from "./retry.js";
export type { ChatMessage, LLM, LLMRequest, LLMResponse, TokenUsage } from "./types.js";
