import type OpenAI from "openai";
import { LLMCallError } from "../llm-call-error.js";
import { describeValue, isPlainObject } from "../show.js";
import { promptMessages } from "./messages.js";
import { isCount } from "./response.js";
import type { ChatMessage, LLM, LLMRequest, TokenUsage } from "./types.js";

type ChatBody = OpenAI.Chat.ChatCompletionCreateParamsNonStreaming;
type CompletionBody = OpenAI.CompletionCreateParamsNonStreaming;

/** How to ask for structured output: the request's JSON Schema, JSON mode, or nothing. */
export type ResponseFormatMode = "json_schema" | "json_object" | "none";

export type OpenAIChatParams = Omit<ChatBody, "messages" | "response_format" | "stream"> & {
  /** Default "none". `json_schema` sends `request.jsonSchema` when the guard provides one. */
  responseFormat?: ResponseFormatMode;
  /** `json_schema.name`; default "output". */
  schemaName?: string;
  /**
   * Ask for `json_schema.strict: true` when the guard's schema allows it
   * (`request.jsonSchemaStrict`); a schema outside OpenAI's strict subset is always sent with
   * `strict: false`, since OpenAI would reject it. Default false.
   */
  strictSchema?: boolean;
};

export type OpenAICompletionParams = Omit<CompletionBody, "prompt" | "stream">;

/**
 * A chat model over the official SDK (any OpenAI-compatible base URL). Retries of 429/5xx/network
 * errors and the per-request timeout are the client's (`maxRetries`, `timeout`); SDK errors are
 * rethrown as they are.
 */
export function openAIChat(client: OpenAI, params: OpenAIChatParams): LLM {
  const { responseFormat = "none", schemaName = "output", strictSchema = false, ...body } = params;
  return async (prompt, request) => {
    const formatOptions = { mode: responseFormat, name: schemaName, strict: strictSchema };
    const completion: unknown = await client.chat.completions.create(
      {
        ...body,
        messages: chatMessages(prompt, request),
        ...responseFormatBody(formatOptions, request),
        stream: false,
      },
      { signal: request.signal },
    );
    return withUsage(chatText(completion), completion);
  };
}

/**
 * A completion (non-chat) model: instructions precede the prompt, separated by a blank line; a
 * longer conversation (a `conversation` reask) is written turn after turn the same way.
 */
export function openAICompletion(client: OpenAI, params: OpenAICompletionParams): LLM {
  return async (prompt, request) => {
    const completion: unknown = await client.completions.create(
      { ...params, prompt: completionPrompt(prompt, request), stream: false },
      { signal: request.signal },
    );
    return withUsage(completionText(completion), completion);
  };
}

function completionPrompt(prompt: string, { instructions, messages }: LLMRequest): string {
  const conversation = messages.some((message) => message.role === "assistant");
  if (conversation) return messages.map((message) => message.content).join("\n\n");
  return instructions ? `${instructions}\n\n${prompt}` : prompt;
}

/** The guard's messages; rebuilt from instructions and prompt only when it sent none. */
function chatMessages(prompt: string, request: LLMRequest): ChatMessage[] {
  return request.messages.length > 0
    ? request.messages
    : promptMessages(prompt, request.instructions);
}

interface FormatOptions {
  mode: ResponseFormatMode;
  name: string;
  strict: boolean;
}

function responseFormatBody(
  { mode, name, strict }: FormatOptions,
  { jsonSchema: schema, jsonSchemaStrict }: LLMRequest,
): Pick<ChatBody, "response_format"> {
  if (mode === "json_object") return { response_format: { type: "json_object" } };
  if (mode === "json_schema" && schema) {
    const json_schema = { name, schema, strict: strict && jsonSchemaStrict === true };
    return { response_format: { type: "json_schema", json_schema } };
  }
  return {};
}

function chatText(completion: unknown): string {
  const choice = firstChoice(completion, "chat completion");
  const message = isPlainObject(choice.message) ? choice.message : {};
  if (typeof message.content === "string") return message.content;
  if (typeof message.refusal === "string") {
    throw new LLMCallError("no-text", `the model refused: ${message.refusal}`);
  }
  throw new LLMCallError(
    "no-text",
    `the chat completion's message has no content (${describeValue(message.content)}; ` +
      `finish_reason: ${String(choice.finish_reason)})`,
  );
}

function completionText(completion: unknown): string {
  const choice = firstChoice(completion, "completion");
  if (typeof choice.text === "string") return choice.text;
  throw new LLMCallError(
    "no-text",
    `the completion's first choice has no text (${describeValue(choice.text)})`,
  );
}

function firstChoice(response: unknown, what: string): Record<string, unknown> {
  // The SDK hands back the body as text when the server does not say it is JSON.
  if (typeof response === "string") {
    throw new LLMCallError(
      "invalid-response",
      `the ${what} response is text, not JSON: is the base URL an OpenAI-compatible API? ` +
        `(got ${describeValue(response)})`,
    );
  }
  if (!isPlainObject(response)) {
    throw new LLMCallError(
      "invalid-response",
      `the ${what} response is not a JSON object (got ${describeValue(response)})`,
    );
  }
  const [choice] = Array.isArray(response.choices) ? response.choices : [];
  if (!isPlainObject(choice))
    throw new LLMCallError("no-text", `the ${what} response has no choices`);
  return choice;
}

function withUsage(text: string, response: unknown): { text: string; usage?: TokenUsage } {
  const usage = isPlainObject(response) ? tokenUsage(response.usage) : undefined;
  return usage ? { text, usage } : { text };
}

/**
 * Maps OpenAI's snake_case usage. Absent, partial or nonsensical usage (some local servers send
 * negative counts) is skipped: the answer is still good, only its bookkeeping is not.
 */
function tokenUsage(usage: unknown): TokenUsage | undefined {
  if (!isPlainObject(usage)) return undefined;
  const { prompt_tokens, completion_tokens, total_tokens } = usage;
  if (!isCount(prompt_tokens) || !isCount(completion_tokens)) return undefined;
  const totalTokens = isCount(total_tokens) ? total_tokens : prompt_tokens + completion_tokens;
  if (!isCount(totalTokens)) return undefined;
  return { promptTokens: prompt_tokens, completionTokens: completion_tokens, totalTokens };
}
