import OpenAI from "openai";
import { afterEach, describe, expect, it } from "vitest";
import { Guard } from "../../src/guard/index.js";
import { LLMCallError } from "../../src/llm/index.js";
import { openAIChat } from "../../src/llm/openai.js";
import { openAIEmbed } from "../../src/llm/openai-embed.js";
import "../../src/validators/builtins.js";
import {
  type OpenAIServer,
  type ServerReply,
  startOpenAIServer,
} from "../support/openai-server.js";

// A guard driving the real `openai` client over HTTP against the local OpenAI-compatible server.
const spec = `<rail version="0.1">
<output>
  <string name="pet_name" format="two-words; lower-case"
          on-fail-two-words="reask" on-fail-lower-case="reask"/>
  <integer name="age"/>
</output>
<instructions>You answer in JSON.</instructions>
<prompt>Name the pet described in \${description}.</prompt>
</rail>`;
const params = { promptParams: { description: "a white cat" } };

let server: OpenAIServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function guardedModel(replies: ServerReply[], maxRetries: number) {
  server = await startOpenAIServer({ replies });
  const client = new OpenAI({ apiKey: "test-key", baseURL: server.baseURL, maxRetries });
  const llm = openAIChat(client, { model: "gpt-test", responseFormat: "json_schema" });
  return { guard: Guard.fromRailString(spec), llm, requests: server.requests };
}

type ChatBody = { messages: { role: string; content: string }[]; response_format?: unknown };
const bodyOf = (request: { body: unknown } | undefined) => request?.body as ChatBody;

describe("a guard over openAIChat and the real openai client", () => {
  it("reasks over HTTP, merges the answer, and sums the usage in the history", async () => {
    const { guard, llm, requests } = await guardedModel(
      [
        {
          text: 'Here you go: {"pet_name": "Mister Fluffy", "age": "3"}',
          usage: { promptTokens: 40, completionTokens: 12 },
        },
        { text: '{"pet_name": "mister fluffy"}', usage: { promptTokens: 30, completionTokens: 8 } },
      ],
      0,
    );
    const outcome = await guard.call(llm, params);

    expect(outcome.error).toBeUndefined();
    expect(outcome.validatedOutput).toEqual({ pet_name: "mister fluffy", age: 3 });
    expect(outcome.validationPassed).toBe(true);
    expect(requests).toHaveLength(2);
    const [first, second] = requests.map(bodyOf);
    expect(first?.messages).toEqual([
      { role: "system", content: "You answer in JSON." },
      { role: "user", content: "Name the pet described in a white cat." },
    ]);
    // The first round asks for the schema in OpenAI's strict form; the targeted reask must not.
    expect(first?.response_format).toEqual({
      type: "json_schema",
      json_schema: { name: "output", schema: guard.compiled.openAISchema, strict: false },
    });
    expect(second?.response_format).toBeUndefined();
    expect(second?.messages.at(-1)?.content).toContain('"incorrect_value": "Mister Fluffy"');

    const call = guard.history.last;
    expect(call?.iterations.map((it) => it.usage)).toEqual([
      { promptTokens: 40, completionTokens: 12, totalTokens: 52 },
      { promptTokens: 30, completionTokens: 8, totalTokens: 38 },
    ]);
    expect(call?.tokens).toEqual({ promptTokens: 70, completionTokens: 20, totalTokens: 90 });
    const verdicts = call?.iterations[0]?.validatorLogs.map((log) => [
      log.validator,
      log.outcome,
      log.actionTaken,
    ]);
    expect(verdicts).toEqual([
      ["two-words", "pass", "none"],
      ["lower-case", "fail", "reask"],
    ]);
    expect(call?.tree()).toContain("90 tokens (70 prompt + 20 completion)");
  });

  it("gets through a 429 with the client's own retries", async () => {
    const { guard, llm, requests } = await guardedModel(
      [
        { status: 429, errorMessage: "slow down", headers: { "retry-after": "0" } },
        { text: '{"pet_name": "snow ball", "age": 2}', usage: { promptTokens: 5 } },
      ],
      1,
    );
    const outcome = await guard.call(llm, params);
    expect(outcome.error).toBeUndefined();
    expect(outcome.validatedOutput).toEqual({ pet_name: "snow ball", age: 2 });
    expect(requests).toHaveLength(2);
    expect(guard.history.last?.iterations).toHaveLength(1);
  });

  it("ends a call on a 500 with an LLMCallError on the outcome, the history kept", async () => {
    const failure = {
      status: 500,
      errorMessage: "the model is down",
      headers: { "retry-after": "0" },
    };
    const { guard, llm, requests } = await guardedModel(
      [{ text: '{"pet_name": "Snow Ball", "age": 2}' }, failure, failure],
      1,
    );
    const outcome = await guard.call(llm, params);

    expect(outcome.error).toBeInstanceOf(LLMCallError);
    const error = outcome.error as LLMCallError;
    expect(error.status).toBe(500);
    expect(error.message).toContain("the model is down");
    expect(outcome.validatedOutput).toBeNull();
    expect(outcome.validationPassed).toBe(false);
    expect(outcome.rawOutput).toBe('{"pet_name": "Snow Ball", "age": 2}');
    // One answer, then the reask and the client's one retry of it.
    expect(requests).toHaveLength(3);

    const call = guard.history.last;
    expect(call?.status).toBe("error");
    expect(call?.error?.message).toBe(error.message);
    expect(call?.error?.code).toBe(error.code);
    expect(call?.iterations.map((it) => it.kind)).toEqual(["initial", "field"]);
    expect(call?.iterations[0]?.reask?.sent).toBe(true);
    expect(call?.iterations[1]?.prompt).toContain('"incorrect_value": "Snow Ball"');
    expect(call?.iterations[1]?.rawOutput).toBeUndefined();
    expect(call?.tree()).toContain("error (llm-call): LLM call failed:");
  });
});

describe("a guard whose validators embed through openAIEmbed and the real openai client", () => {
  const summaryRail = `<rail version="0.1">
<output type="string" name="summary"
        validators="similar-to-document: threshold=0.9" on-fail-similar-to-document="noop"/>
<prompt>Summarise: \${document}</prompt>
</rail>`;
  const document = "Cats purr. Cats sleep all day. A cat chases mice.";
  // Two topics: a text is about cats, dogs, or neither.
  const topicVector = (text: string) => [/cat/i.test(text) ? 1 : 0, /dog/i.test(text) ? 1 : 0];

  async function summarise(summary: string) {
    server = await startOpenAIServer({ replies: [{ text: summary }], embed: topicVector });
    const client = new OpenAI({ apiKey: "test-key", baseURL: server.baseURL, maxRetries: 0 });
    const guard = Guard.fromRailString<string>(summaryRail);
    const embed = openAIEmbed(client, { model: "emb-test" });
    const llm = openAIChat(client, { model: "gpt-test" });
    const outcome = await guard.call(llm, {
      promptParams: { document },
      metadata: { document, embed },
    });
    const embeddings = server.requests.filter((request) => request.path === "/v1/embeddings");
    return { outcome, embeddings };
  }

  it("passes a summary on the document's topic, embedding both over HTTP", async () => {
    const { outcome, embeddings } = await summarise("The cat sleeps and purrs.");
    expect(outcome.error).toBeUndefined();
    expect(outcome.validationPassed).toBe(true);
    const inputs = embeddings.flatMap((request) => (request.body as { input: string[] }).input);
    expect(inputs).toEqual(expect.arrayContaining(["The cat sleeps and purrs.", document]));
    const models = embeddings.map((request) => (request.body as { model: string }).model);
    expect(new Set(models)).toEqual(new Set(["emb-test"]));
  });

  it("fails a summary on another topic, saying it measured embeddings", async () => {
    const { outcome, embeddings } = await summarise("Dogs bark at the mailman.");
    expect(embeddings.length).toBeGreaterThan(0);
    expect(outcome.validationPassed).toBe(false);
    expect(outcome.failures).toEqual([
      expect.objectContaining({
        validator: "similar-to-document",
        message: "not similar enough to the document: embedding cosine 0.00 < 0.9",
      }),
    ]);
  });
});
