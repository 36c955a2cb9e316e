import OpenAI from "openai";
import { describe, expect, it } from "vitest";
import { callLLM } from "../../src/llm/call.js";
import { promptMessages } from "../../src/llm/messages.js";
import { openAIChat, openAICompletion } from "../../src/llm/openai.js";
import type { LLMRequest } from "../../src/llm/types.js";
import { servedClient } from "../support/openai-client.js";
import { callError } from "./call-error.js";

const served = servedClient();
const { clientFor } = served;

function requestFor(prompt: string, instructions?: string): LLMRequest {
  return { instructions, messages: promptMessages(prompt, instructions) };
}

function bodyOf(index: number): Record<string, unknown> {
  return served.server?.requests[index]?.body as Record<string, unknown>;
}

describe("openAIChat", () => {
  it("sends instructions as a system message, then the prompt, and captures usage", async () => {
    const client = await clientFor({
      replies: [{ text: '{"name":"Ada"}', usage: { promptTokens: 12, completionTokens: 5 } }],
    });
    const llm = openAIChat(client, { model: "gpt-test", temperature: 0 });
    const reply = await llm("Give a name.", requestFor("Give a name.", "Answer in JSON."));

    expect(reply).toEqual({
      text: '{"name":"Ada"}',
      usage: { promptTokens: 12, completionTokens: 5, totalTokens: 17 },
    });
    expect(served.server?.requests[0]?.path).toBe("/v1/chat/completions");
    expect(bodyOf(0)).toMatchObject({
      model: "gpt-test",
      temperature: 0,
      messages: [
        { role: "system", content: "Answer in JSON." },
        { role: "user", content: "Give a name." },
      ],
    });
    expect(bodyOf(0)).not.toHaveProperty("response_format");
  });

  it("returns the bare text when the server reports no usage", async () => {
    const client = await clientFor({ replies: [{ text: "plain" }] });
    const reply = await openAIChat(client, { model: "m" })("p", requestFor("p"));
    expect(reply).toEqual({ text: "plain" });
  });

  it("builds the messages from instructions and prompt when the request has none", async () => {
    const client = await clientFor({ replies: [{ text: "ok" }] });
    await openAIChat(client, { model: "m" })("the prompt", {
      instructions: "be brief",
      messages: [],
    });
    expect(bodyOf(0).messages).toEqual([
      { role: "system", content: "be brief" },
      { role: "user", content: "the prompt" },
    ]);
  });

  it("sends the request's JSON Schema as response_format with responseFormat json_schema", async () => {
    const client = await clientFor({ replies: [{ text: "{}" }] });
    const schema = { type: "object", properties: { a: { type: "string" } } };
    const llm = openAIChat(client, {
      model: "m",
      responseFormat: "json_schema",
      schemaName: "fees",
    });
    await llm("p", { ...requestFor("p"), jsonSchema: schema });
    expect(bodyOf(0).response_format).toEqual({
      type: "json_schema",
      json_schema: { name: "fees", schema, strict: false },
    });
  });

  it("asks for strict mode only when both the adapter and the schema allow it", async () => {
    const client = await clientFor({ replies: [{ text: "{}" }, { text: "{}" }, { text: "{}" }] });
    const schema = { type: "object", properties: {}, required: [], additionalProperties: false };
    const strictAdapter = openAIChat(client, {
      model: "m",
      responseFormat: "json_schema",
      strictSchema: true,
    });
    const lenientAdapter = openAIChat(client, { model: "m", responseFormat: "json_schema" });
    await strictAdapter("p", { ...requestFor("p"), jsonSchema: schema, jsonSchemaStrict: true });
    await strictAdapter("p", { ...requestFor("p"), jsonSchema: schema, jsonSchemaStrict: false });
    await lenientAdapter("p", { ...requestFor("p"), jsonSchema: schema, jsonSchemaStrict: true });
    const strictFlags = [0, 1, 2].map(
      (index) =>
        (bodyOf(index).response_format as { json_schema: { strict: boolean } }).json_schema.strict,
    );
    expect(strictFlags).toEqual([true, false, false]);
  });

  it("sends json_object mode, and no response_format when there is no schema to send", async () => {
    const client = await clientFor({ replies: [{ text: "{}" }, { text: "{}" }] });
    await openAIChat(client, { model: "m", responseFormat: "json_object" })("p", requestFor("p"));
    await openAIChat(client, { model: "m", responseFormat: "json_schema" })("p", requestFor("p"));
    expect(bodyOf(0).response_format).toEqual({ type: "json_object" });
    expect(bodyOf(1)).not.toHaveProperty("response_format");
  });

  it("succeeds after a 429 thanks to the SDK's retries", async () => {
    const client = await clientFor(
      { replies: [{ status: 429, headers: { "retry-after": "0" } }, { text: "after retry" }] },
      { maxRetries: 1 },
    );
    const reply = await openAIChat(client, { model: "m" })("p", requestFor("p"));
    expect(reply).toEqual({ text: "after retry" });
    expect(served.server?.requests).toHaveLength(2);
  });

  it("retries a 500 up to maxRetries, then callLLM reports it with the status", async () => {
    const failure = { status: 500, errorMessage: "boom", headers: { "retry-after": "0" } };
    const client = await clientFor({ replies: [failure, failure, failure] }, { maxRetries: 2 });
    const error = await callError(
      callLLM(openAIChat(client, { model: "m" }), "p", requestFor("p")),
    );
    expect(error.kind).toBe("threw");
    expect(error.status).toBe(500);
    expect(error.reason).toContain("boom");
    expect(error.cause).toBeInstanceOf(OpenAI.InternalServerError);
    // callLLM does not multiply the SDK's retries.
    expect(served.server?.requests).toHaveLength(3);
  });

  it("rethrows SDK errors unchanged", async () => {
    const client = await clientFor({ replies: [{ status: 400, errorMessage: "bad model" }] });
    await expect(openAIChat(client, { model: "m" })("p", requestFor("p"))).rejects.toBeInstanceOf(
      OpenAI.BadRequestError,
    );
  });

  it("surfaces the client's timeout when the server is too slow", async () => {
    const client = await clientFor(
      { replies: [{ delayMs: 5000, text: "late" }] },
      { timeout: 100 },
    );
    await expect(openAIChat(client, { model: "m" })("p", requestFor("p"))).rejects.toBeInstanceOf(
      OpenAI.APIConnectionTimeoutError,
    );
  });

  it("is cut short by callLLM's total timeout", async () => {
    const client = await clientFor({ replies: [{ delayMs: 5000, text: "late" }] });
    const llm = openAIChat(client, { model: "m" });
    const error = await callError(callLLM(llm, "p", requestFor("p"), { timeoutMs: 100 }));
    expect(error.kind).toBe("timeout");
    expect(error.reason).toBe("timed out after 100 ms");
  });

  it("stops when the caller's signal aborts mid-request", async () => {
    const controller = new AbortController();
    const client = await clientFor({
      handler: () => {
        controller.abort();
        return { delayMs: 5000, text: "late" };
      },
    });
    const request = { ...requestFor("p"), signal: controller.signal };
    const error = await callError(callLLM(openAIChat(client, { model: "m" }), "p", request));
    expect(error.kind).toBe("aborted");
    expect(served.server?.requests).toHaveLength(1);
  });

  it("passes the signal to the SDK, which refuses an already aborted request", async () => {
    const client = await clientFor({ replies: [{ text: "never" }] });
    const request = { ...requestFor("p"), signal: AbortSignal.abort() };
    await expect(openAIChat(client, { model: "m" })("p", request)).rejects.toBeInstanceOf(
      OpenAI.APIUserAbortError,
    );
    expect(served.server?.requests).toHaveLength(0);
  });

  it("reports a malformed JSON body as a failed call", async () => {
    const client = await clientFor({ replies: [{ raw: '{"choices": [' }] });
    const error = await callError(
      callLLM(openAIChat(client, { model: "m" }), "p", requestFor("p")),
    );
    expect(error.kind).toBe("threw");
    expect(error.cause).toBeInstanceOf(SyntaxError);
  });

  it("reports a body that is not JSON at all as an invalid response", async () => {
    const client = await clientFor({
      replies: [{ raw: "<html>gateway</html>", headers: { "content-type": "text/html" } }],
    });
    const error = await callError(openAIChat(client, { model: "m" })("p", requestFor("p")));
    expect(error.kind).toBe("invalid-response");
    expect(error.reason).toBe(
      "the chat completion response is text, not JSON: is the base URL an OpenAI-compatible API? " +
        '(got string "<html>gateway</html>")',
    );
  });

  it("retries a dropped connection through the SDK, and reports it when retries run out", async () => {
    const client = await clientFor(
      { replies: [{ drop: true }, { text: "second" }] },
      { maxRetries: 1 },
    );
    expect(await openAIChat(client, { model: "m" })("p", requestFor("p"))).toEqual({
      text: "second",
    });
    await served.server?.close();

    const noRetry = await clientFor({ replies: [{ drop: true }] });
    await expect(openAIChat(noRetry, { model: "m" })("p", requestFor("p"))).rejects.toBeInstanceOf(
      OpenAI.APIConnectionError,
    );
  });

  it.each([
    [{ body: { choices: [] } }, "the chat completion response has no choices"],
    [{ text: null }, "the chat completion's message has no content (null; finish_reason: stop)"],
    [
      { body: { choices: [{ message: { content: null, refusal: "I can't." } }] } },
      "the model refused: I can't.",
    ],
  ])("throws a no-text LLMCallError for %j", async (reply, reason) => {
    const client = await clientFor({ replies: [reply] });
    const error = await callError(openAIChat(client, { model: "m" })("p", requestFor("p")));
    expect(error.kind).toBe("no-text");
    expect(error.reason).toBe(reason);
    expect(error.code).toBe("llm-call");
  });
});

describe("openAICompletion", () => {
  it("prepends instructions to the prompt with a blank line and captures usage", async () => {
    const client = await clientFor({
      replies: [{ text: "done", usage: { promptTokens: 3, completionTokens: 1, totalTokens: 4 } }],
    });
    const llm = openAICompletion(client, { model: "davinci-test", max_tokens: 20 });
    const reply = await llm("Write it.", requestFor("Write it.", "You are terse."));

    expect(reply).toEqual({
      text: "done",
      usage: { promptTokens: 3, completionTokens: 1, totalTokens: 4 },
    });
    expect(served.server?.requests[0]?.path).toBe("/v1/completions");
    expect(bodyOf(0)).toMatchObject({
      model: "davinci-test",
      max_tokens: 20,
      prompt: "You are terse.\n\nWrite it.",
    });
  });

  it("writes a multi-turn conversation as its turns, in order, separated by blank lines", async () => {
    const client = await clientFor({ replies: [{ text: "Shreya Rajpal" }] });
    const messages = [
      { role: "system" as const, content: "You are terse." },
      { role: "user" as const, content: "Who is the guest? Shreya Rajpal speaks." },
      { role: "assistant" as const, content: "Shreya" },
      { role: "user" as const, content: "Give the full name." },
    ];
    await openAICompletion(client, { model: "m" })("Give the full name.", {
      instructions: "You are terse.",
      messages,
    });
    expect(bodyOf(0).prompt).toBe(messages.map((message) => message.content).join("\n\n"));
  });

  it("sends the prompt alone when there are no instructions", async () => {
    const client = await clientFor({ replies: [{ text: "x" }] });
    await openAICompletion(client, { model: "m" })(
      "only the prompt",
      requestFor("only the prompt"),
    );
    expect(bodyOf(0).prompt).toBe("only the prompt");
  });

  it("throws a no-text LLMCallError on empty choices", async () => {
    const client = await clientFor({ replies: [{ body: { choices: [] } }] });
    const error = await callError(openAICompletion(client, { model: "m" })("p", requestFor("p")));
    expect(error.reason).toBe("the completion response has no choices");
  });

  it("succeeds after a 429 thanks to the SDK's retries", async () => {
    const client = await clientFor(
      { replies: [{ status: 429, headers: { "retry-after-ms": "1" } }, { text: "ok" }] },
      { maxRetries: 2 },
    );
    expect(await openAICompletion(client, { model: "m" })("p", requestFor("p"))).toEqual({
      text: "ok",
    });
    expect(served.server?.requests).toHaveLength(2);
  });
});
