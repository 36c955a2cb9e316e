import { describe, expect, it } from "vitest";
import { Guard } from "../../src/guard/index.js";
import { openAIChat } from "../../src/llm/openai.js";
import { LLMCallError } from "../../src/llm-call-error.js";
import { rail, testRegistry } from "../guard/support.js";
import { servedClient } from "../support/openai-client.js";

/** The `openai` adapter behind a guard, against a local server that misbehaves over real HTTP. */

const served = servedClient();
const guard = Guard.fromRailString(rail(`<string name="pet"/>`), { registry: testRegistry() });
const document = { promptParams: { document: "d" } };

describe("a hostile OpenAI-compatible server", () => {
  it("keeps the answer when the server reports nonsensical token usage", async () => {
    const client = await served.clientFor({
      replies: [
        { text: '{"pet": "a"}', usage: { promptTokens: -5, completionTokens: 1 } },
        { text: '{"pet": "b"}', usage: { promptTokens: 1e308, completionTokens: 1e308 } },
      ],
    });
    const model = openAIChat(client, { model: "m" });
    const negative = await guard.call(model, document);
    expect(negative.validatedOutput).toEqual({ pet: "a" });
    expect(negative.call.iterations[0]?.usage).toBeUndefined();
    // The server writes the total, 1e308 + 1e308 = Infinity, as null; the sum overflows again.
    const huge = await guard.call(model, document);
    expect(huge.validatedOutput).toEqual({ pet: "b" });
    expect(huge.call.iterations[0]?.usage).toBeUndefined();
  });

  it("says a JSON body sent as text/plain is text, not JSON", async () => {
    const body = JSON.stringify({ choices: [{ message: { content: '{"pet": "a"}' } }] });
    const client = await served.clientFor({
      replies: [{ raw: body, headers: { "content-type": "text/plain" } }],
    });
    const outcome = await guard.call(openAIChat(client, { model: "m" }), document);
    expect(outcome.error).toBeInstanceOf(LLMCallError);
    expect((outcome.error as LLMCallError).kind).toBe("invalid-response");
    expect(outcome.error?.message).toMatch(
      /^LLM call failed: the chat completion response is text, not JSON: is the base URL an OpenAI-compatible API\? \(got string "\{\\"choices/,
    );
  });

  it("ends a slow-loris reply (headers, then a byte at a time) at the call's timeoutMs", async () => {
    const client = await served.clientFor({ replies: [{ trickleMs: 5 }] });
    const outcome = await guard.call(openAIChat(client, { model: "m" }), {
      ...document,
      timeoutMs: 100,
    });
    expect(outcome.error).toBeInstanceOf(LLMCallError);
    expect((outcome.error as LLMCallError).kind).toBe("timeout");
    expect(outcome.call.status).toBe("error");
  });

  it("takes a 2 MB answer", async () => {
    const pet = "x".repeat(2_000_000);
    const client = await served.clientFor({ replies: [{ text: JSON.stringify({ pet }) }] });
    const outcome = await guard.call(openAIChat(client, { model: "m" }), document);
    expect(outcome.validationPassed).toBe(true);
    expect((outcome.validatedOutput as { pet: string }).pet).toHaveLength(2_000_000);
  });
});
