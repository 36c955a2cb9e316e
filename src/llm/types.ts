/** The contract between a guard and any model: string in, string out. */

export interface ChatMessage {
  role: "system" | "user" | "assistant";
  content: string;
}

export interface TokenUsage {
  promptTokens: number;
  completionTokens: number;
  totalTokens: number;
}

/** What a guard passes to the model besides the rendered prompt. */
export interface LLMRequest {
  /** The rendered `<instructions>` (a system message for chat models), if any. */
  instructions?: string;
  /** The full conversation to send: system (instructions) then user (prompt). */
  messages: ChatMessage[];
  signal?: AbortSignal;
  /**
   * JSON Schema of the expected output, for adapters that can request structured output. Its root
   * is an object: a guard wraps a list output as `{ "items": [...] }` (the parser unwraps it).
   */
  jsonSchema?: Record<string, unknown>;
  /** True when `jsonSchema` is in the subset OpenAI's strict structured outputs accept. */
  jsonSchemaStrict?: boolean;
}

/** What a model returns: the text, optionally with token usage. */
export type LLMResponse = string | { text: string; usage?: TokenUsage };

/**
 * Turns texts into vectors, one per text, in order: `openAIEmbed` makes one, and the summary
 * validators take one as `metadata.embed`.
 */
export type EmbedFunction = (texts: string[]) => Promise<number[][]> | number[][];

/** Any model: a plain function, an adapter over the `openai` SDK, a cassette… */
export type LLM = (prompt: string, request: LLMRequest) => LLMResponse | Promise<LLMResponse>;
