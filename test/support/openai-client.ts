import OpenAI from "openai";
import { afterEach } from "vitest";
import { type OpenAIServer, type OpenAIServerOptions, startOpenAIServer } from "./openai-server.js";

export interface ServedClient {
  /** Starts a local server with `options` and returns an `openai` client for it (no retries). */
  clientFor(
    options?: OpenAIServerOptions,
    client?: { maxRetries?: number; timeout?: number },
  ): Promise<OpenAI>;
  /** The server the last `clientFor` started, while the test runs. */
  readonly server: OpenAIServer | undefined;
}

/** For a test file: one local OpenAI-compatible server per test, closed after each. */
export function servedClient(): ServedClient {
  let server: OpenAIServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });
  return {
    async clientFor(options = {}, client = {}) {
      server = await startOpenAIServer(options);
      return new OpenAI({ apiKey: "test-key", baseURL: server.baseURL, maxRetries: 0, ...client });
    },
    get server() {
      return server;
    },
  };
}
