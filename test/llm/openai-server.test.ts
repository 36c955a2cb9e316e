import OpenAI from "openai";
import { afterEach, describe, expect, it } from "vitest";
import { letterVector, type OpenAIServer, startOpenAIServer } from "../support/openai-server.js";

let server: OpenAIServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

const chat = (client: OpenAI, content: string) =>
  client.chat.completions.create({ model: "m", messages: [{ role: "user", content }] });

describe("startOpenAIServer", () => {
  it("listens on 127.0.0.1 and records every request in order", async () => {
    server = await startOpenAIServer({ replies: [{ text: "one" }, { text: "two" }] });
    expect(server.baseURL).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
    const client = new OpenAI({ apiKey: "k", baseURL: server.baseURL, maxRetries: 0 });
    const answers = [await chat(client, "a"), await chat(client, "b")];
    expect(answers.map((answer) => answer.choices[0]?.message.content)).toEqual(["one", "two"]);
    expect(server.requests.map((request) => [request.method, request.path])).toEqual([
      ["POST", "/v1/chat/completions"],
      ["POST", "/v1/chat/completions"],
    ]);
    expect(server.requests[1]?.body).toMatchObject({ messages: [{ role: "user", content: "b" }] });
  });

  it("asks the handler once the scripted replies are used up", async () => {
    server = await startOpenAIServer({
      replies: [{ text: "scripted" }],
      handler: (request) => {
        const { messages } = request.body as { messages: { content: string }[] };
        return { text: `echo ${messages[0]?.content}` };
      },
    });
    const client = new OpenAI({ apiKey: "k", baseURL: server.baseURL, maxRetries: 0 });
    expect((await chat(client, "x")).choices[0]?.message.content).toBe("scripted");
    expect((await chat(client, "y")).choices[0]?.message.content).toBe("echo y");
  });

  it("answers a non-retryable 500 once nothing is left to answer with", async () => {
    server = await startOpenAIServer();
    const client = new OpenAI({ apiKey: "k", baseURL: server.baseURL, maxRetries: 2 });
    await expect(chat(client, "x")).rejects.toThrow(/no scripted reply left for request #1/);
    expect(server.requests).toHaveLength(1);
  });

  it("turns a throwing handler into a 500", async () => {
    server = await startOpenAIServer({
      handler: () => {
        throw new Error("handler bug");
      },
    });
    const client = new OpenAI({ apiKey: "k", baseURL: server.baseURL, maxRetries: 0 });
    await expect(chat(client, "x")).rejects.toThrow(/handler bug/);
  });

  it("answers 404 for unknown routes", async () => {
    server = await startOpenAIServer();
    const response = await fetch(`${server.baseURL}/models`);
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({
      error: expect.objectContaining({ message: "no route for GET /v1/models" }),
    });
  });

  it("serves deterministic embeddings, in both of the SDK's encodings", async () => {
    server = await startOpenAIServer({ embed: (text) => [text.length, 0.5] });
    const client = new OpenAI({ apiKey: "k", baseURL: server.baseURL, maxRetries: 0 });
    const base64 = await client.embeddings.create({ model: "e", input: ["abc", "zz"] });
    const floats = await client.embeddings.create({
      model: "e",
      input: "abcd",
      encoding_format: "float",
    });
    expect(base64.data.map((item) => item.embedding)).toEqual([
      [3, 0.5],
      [2, 0.5],
    ]);
    expect(floats.data[0]?.embedding).toEqual([4, 0.5]);
  });

  it("defaults to normalised letter-count embeddings", () => {
    const vector = letterVector("abba!");
    expect(vector).toHaveLength(26);
    expect(vector[0]).toBeCloseTo(Math.SQRT1_2);
    expect(vector[1]).toBeCloseTo(Math.SQRT1_2);
    expect(letterVector("")).toEqual(new Array(26).fill(0));
  });

  it("closes promptly while a delayed reply is pending, failing that request", async () => {
    server = await startOpenAIServer({ replies: [{ delayMs: 60_000, text: "late" }] });
    const client = new OpenAI({ apiKey: "k", baseURL: server.baseURL, maxRetries: 0 });
    const pending = chat(client, "x");
    while (server.requests.length === 0) await new Promise((resolve) => setImmediate(resolve));
    await server.close();
    server = undefined;
    await expect(pending).rejects.toBeInstanceOf(OpenAI.APIConnectionError);
  });
});
