import { afterEach, describe, expect, it } from "vitest";
import { DEFAULT_OPENAI_MODEL, modelFromEnv } from "../../src/llm/env.js";
import { type OpenAIServer, startOpenAIServer } from "../support/openai-server.js";

let server: OpenAIServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

const request = { messages: [{ role: "user" as const, content: "hi" }] };

describe("modelFromEnv", () => {
  it("returns undefined when neither OPENAI_API_KEY nor OPENAI_BASE_URL is set", () => {
    expect(modelFromEnv({ env: {} })).toBeUndefined();
    expect(modelFromEnv({ env: { OPENAI_MODEL: "gpt-x", OPENAI_API_KEY: "" } })).toBeUndefined();
  });

  it("talks to OPENAI_BASE_URL with OPENAI_MODEL and a placeholder key", async () => {
    server = await startOpenAIServer({ replies: [{ text: "local" }] });
    const llm = modelFromEnv({
      env: { OPENAI_BASE_URL: server.baseURL, OPENAI_MODEL: "llama-local" },
      params: { temperature: 0.2 },
    });
    expect(await llm?.("hi", request)).toEqual({ text: "local" });
    expect(server.requests[0]?.body).toMatchObject({ model: "llama-local", temperature: 0.2 });
    expect(server.requests[0]?.headers.authorization).toBe("Bearer no-key");
  });

  it("sends OPENAI_API_KEY and defaults the model", async () => {
    server = await startOpenAIServer({ replies: [{ text: "ok" }] });
    const llm = modelFromEnv({
      env: { OPENAI_API_KEY: "sk-test", OPENAI_BASE_URL: server.baseURL },
    });
    await llm?.("hi", request);
    expect(server.requests[0]?.body).toMatchObject({ model: DEFAULT_OPENAI_MODEL });
    expect(server.requests[0]?.headers.authorization).toBe("Bearer sk-test");
  });

  it("configures the client's retries", async () => {
    const unavailable = { status: 503, headers: { "retry-after": "0" } };
    server = await startOpenAIServer({ replies: [unavailable, unavailable, { text: "second" }] });
    const env = { OPENAI_BASE_URL: server.baseURL };
    await expect(modelFromEnv({ env, maxRetries: 0 })?.("hi", request)).rejects.toThrow(/503/);
    expect(await modelFromEnv({ env, maxRetries: 1 })?.("hi", request)).toEqual({ text: "second" });
    expect(server.requests).toHaveLength(3);
  });
});
