import { LazyModule } from "../lazy-module.js";
import { type OpenAIChatParams, openAIChat } from "./openai.js";
import type { LLM } from "./types.js";

// The SDK is loaded by the first model call, not when railguard (or `modelFromEnv`) is imported.
const openaiSdk = new LazyModule(() => import("openai"));

export const DEFAULT_OPENAI_MODEL = "gpt-4o-mini";
const DEFAULT_OPENAI_BASE_URL = "https://api.openai.com/v1";

export interface ModelFromEnvOptions {
  /** Where to read `OPENAI_*` from; default `process.env`. */
  env?: Record<string, string | undefined>;
  /** Chat parameters besides the model (temperature, responseFormat…). */
  params?: Omit<OpenAIChatParams, "model">;
  /** Client settings for the SDK's own retries and per-request timeout. */
  maxRetries?: number;
  timeoutMs?: number;
}

/**
 * A chat model over the `openai` SDK when `OPENAI_API_KEY` or `OPENAI_BASE_URL` is set (the model
 * from `OPENAI_MODEL`, default gpt-4o-mini), else `undefined`, so demos stay offline by default.
 * A base URL alone suits local OpenAI-compatible servers (vLLM, llama.cpp, Ollama) that need no key.
 */
export function modelFromEnv(options: ModelFromEnvOptions = {}): LLM | undefined {
  const env = options.env ?? process.env;
  const apiKey = env.OPENAI_API_KEY || undefined;
  const baseURL = env.OPENAI_BASE_URL || undefined;
  if (!apiKey && !baseURL) return undefined;
  const connect = async (): Promise<LLM> => {
    const { default: OpenAI } = await openaiSdk.load();
    const client = new OpenAI({
      // The SDK insists on a key; local servers ignore it.
      apiKey: apiKey ?? "no-key",
      // Explicit, so the SDK never falls back to process.env when `env` was given.
      baseURL: baseURL ?? DEFAULT_OPENAI_BASE_URL,
      maxRetries: options.maxRetries,
      timeout: options.timeoutMs,
    });
    return openAIChat(client, {
      ...options.params,
      model: env.OPENAI_MODEL || DEFAULT_OPENAI_MODEL,
    });
  };
  // One client for every call, made by the first; a failed first attempt is retried by the next.
  let model: Promise<LLM> | undefined;
  return async (prompt, request) => {
    model ??= connect().catch((error: unknown) => {
      model = undefined;
      throw error;
    });
    return (await model)(prompt, request);
  };
}
