import OpenAI from "openai";
import { afterEach, describe, expect, it } from "vitest";
import { Guard, GuardConfigError } from "../../src/guard/index.js";
import { openAIChat } from "../../src/llm/openai.js";
import type { ChatMessage, LLMRequest } from "../../src/llm/types.js";
import { type OpenAIServer, startOpenAIServer } from "../support/openai-server.js";
import { scriptedLLM, testRegistry } from "./support.js";

const registry = testRegistry();
const transcript = "Alessio: welcome Shreya Rajpal, CEO of Guardrails AI.";
const params = { promptParams: { transcript } };

/** A guest extraction whose first answer gives only a first name: `two-words` asks again. */
function guestSpec(
  instructions = "<instructions>You extract facts from podcast transcripts.</instructions>",
) {
  return `<rail version="0.1">
<output>
  <string name="guest" format="two-words" on-fail-two-words="reask"/>
</output>
${instructions}
<prompt>Who is the guest in this transcript?
\${transcript}

\${gr.complete_json_suffix_v2}</prompt>
</rail>`;
}

const sentences = (text: string): string[] =>
  text
    .split(/(?<=[.!?])\s+|\n+/)
    .map((sentence) => sentence.trim())
    .filter((sentence) => sentence.length > 20);

/** The surname the transcript gives, if the model was shown the transcript. */
function answerFromConversation(_prompt: string, request: LLMRequest): string {
  const seen = request.messages.map((message) => message.content).join("\n");
  return seen.includes("Shreya Rajpal") ? '{"guest": "Shreya Rajpal"}' : '{"guest": "Shreya"}';
}

describe('reasks keep the spec\'s instructions ("fields", the default)', () => {
  it("sends the spec's rendered <instructions> as the reask's system message", async () => {
    const guard = Guard.fromRailString(guestSpec(), { registry });
    const model = scriptedLLM(['{"guest": "Shreya"}', '{"guest": "Shreya Rajpal"}']);
    const outcome = await guard.call(model.llm, params);

    expect(outcome.validationPassed).toBe(true);
    const reask = model.requests[1];
    expect(reask?.instructions).toBe("You extract facts from podcast transcripts.");
    expect(reask?.messages).toEqual([
      { role: "system", content: "You extract facts from podcast transcripts." },
      { role: "user", content: model.prompts[1] },
    ]);
    expect(outcome.call.iterations[1]?.instructions).toBe(reask?.instructions);
  });

  it("sends no generic system message when the spec has no instructions", async () => {
    const guard = Guard.fromRailString(guestSpec(""), { registry });
    const model = scriptedLLM(['{"guest": "Shreya"}', '{"guest": "Shreya Rajpal"}']);
    await guard.call(model.llm, params);
    expect(model.requests[1]?.instructions).toBeUndefined();
    expect(model.requests[1]?.messages.map((message) => message.role)).toEqual(["user"]);
    // The reask prompt still says how to answer.
    expect(model.prompts[1]).toContain("Return ONLY a valid JSON object");
  });

  it("never says the same thing twice across the system and user messages", async () => {
    const instructions =
      "<instructions>You extract facts.\n${gr.json_suffix_prompt_examples}</instructions>";
    const guard = Guard.fromRailString(guestSpec(instructions), { registry });
    const model = scriptedLLM(['{"guest": "Shreya"}', '{"guest": "Shreya Rajpal"}']);
    await guard.call(model.llm, params);
    const system = model.requests[1]?.instructions ?? "";
    expect(system).toContain("Return ONLY a valid JSON object");
    const repeated = sentences(model.prompts[1] ?? "").filter((line) => system.includes(line));
    expect(repeated).toEqual([]);
  });

  it("still prefers <reask_instructions> when the spec gives them", async () => {
    const guard = Guard.fromRailString(
      guestSpec(
        "<instructions>First.</instructions><reask_instructions>Fix the JSON.</reask_instructions>",
      ),
      { registry },
    );
    const model = scriptedLLM(['{"guest": "Shreya"}', '{"guest": "Shreya Rajpal"}']);
    await guard.call(model.llm, params);
    expect(model.requests[1]?.instructions).toBe("Fix the JSON.");
  });

  it("cannot fix what needs the source text: the fields reask never shows it", async () => {
    const guard = Guard.fromRailString(guestSpec(), { registry });
    const model = scriptedLLM(['{"guest": "Shreya"}', answerFromConversation]);
    const outcome = await guard.call(model.llm, params);
    expect(model.requests[1]?.messages.some((m) => m.content.includes(transcript))).toBe(false);
    expect(outcome.validationPassed).toBe(false);
  });
});

describe('reaskContext: "conversation"', () => {
  const firstAnswer = '{"guest": "Shreya"}';

  it("sends the instructions, the prompt, the model's answer, then the reask as a new turn", async () => {
    const guard = Guard.fromRailString(guestSpec(), { registry });
    const model = scriptedLLM([firstAnswer, answerFromConversation]);
    const outcome = await guard.call(model.llm, { ...params, reaskContext: "conversation" });

    const [first, second] = model.requests;
    const expected: ChatMessage[] = [
      ...(first?.messages ?? []),
      { role: "assistant", content: firstAnswer },
      { role: "user", content: model.prompts[1] ?? "" },
    ];
    expect(second?.messages).toEqual(expected);
    expect(second?.messages.map((message) => message.role)).toEqual([
      "system",
      "user",
      "assistant",
      "user",
    ]);
    expect(second?.instructions).toBe("You extract facts from podcast transcripts.");
    // The fix needed the transcript: with it in the conversation, the surname comes back.
    expect(outcome.validatedOutput).toEqual({ guest: "Shreya Rajpal" });
    expect(outcome.validationPassed).toBe(true);
    expect(outcome.call.inputs.reaskContext).toBe("conversation");
    expect(outcome.call.iterations[1]?.messages).toEqual(expected);
    expect(outcome.call.tree()).toContain(
      "4 messages (system, user, assistant, user); the last is the prompt",
    );
  });

  it("grows the conversation turn by turn over several reasks", async () => {
    const guard = Guard.fromRailString(guestSpec(), { registry, reaskContext: "conversation" });
    const model = scriptedLLM([firstAnswer, '{"guest": "Shreya"}', '{"guest": "Shreya Rajpal"}']);
    const outcome = await guard.call(model.llm, { ...params, numReasks: 2 });
    expect(outcome.validationPassed).toBe(true);
    expect(model.requests[2]?.messages.map((message) => message.role)).toEqual([
      "system",
      "user",
      "assistant",
      "user",
      "assistant",
      "user",
    ]);
  });

  it("after guard.parse, starts from the given output: nothing was sent before it", async () => {
    const guard = Guard.fromRailString(guestSpec(), { registry, reaskContext: "conversation" });
    const model = scriptedLLM(['{"guest": "Shreya Rajpal"}']);
    const outcome = await guard.parse(firstAnswer, { llm: model.llm });
    expect(outcome.validationPassed).toBe(true);
    // No first round sent the instructions, so none open the conversation either.
    expect(model.requests[0]?.messages).toEqual([
      { role: "assistant", content: firstAnswer },
      { role: "user", content: model.prompts[0] },
    ]);
  });

  it("a call's reaskContext overrides the guard's", async () => {
    const guard = Guard.fromRailString(guestSpec(), { registry, reaskContext: "conversation" });
    const model = scriptedLLM([firstAnswer, '{"guest": "Shreya Rajpal"}']);
    await guard.call(model.llm, { ...params, reaskContext: "fields" });
    expect(model.requests[1]?.messages.map((message) => message.role)).toEqual(["system", "user"]);
  });

  it("rejects any other value", async () => {
    const guard = Guard.fromRailString(guestSpec(), { registry });
    const model = scriptedLLM([firstAnswer]);
    // @ts-expect-error: not a reask context
    await expect(guard.call(model.llm, { ...params, reaskContext: "chat" })).rejects.toThrow(
      GuardConfigError,
    );
    expect(() =>
      // @ts-expect-error: not a reask context
      Guard.fromRailString(guestSpec(), { registry, reaskContext: "all" }),
    ).toThrow(/reaskContext must be "fields" or "conversation"/);
  });
});

describe("a conversation reask over the real openai client", () => {
  let server: OpenAIServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it("reaches the model as real chat messages, the model's answer as an assistant turn", async () => {
    server = await startOpenAIServer({
      replies: [{ text: firstAnswer() }, { text: '{"guest": "Shreya Rajpal"}' }],
    });
    const client = new OpenAI({ apiKey: "test-key", baseURL: server.baseURL, maxRetries: 0 });
    const llm = openAIChat(client, { model: "gpt-test" });
    const guard = Guard.fromRailString(guestSpec(), { registry });
    const outcome = await guard.call(llm, { ...params, reaskContext: "conversation" });

    expect(outcome.validationPassed).toBe(true);
    const bodies = server.requests.map(
      (request) => request.body as { messages: { role: string; content: string }[] },
    );
    expect(bodies).toHaveLength(2);
    const messages = bodies[1]?.messages ?? [];
    expect(messages.map((message) => message.role)).toEqual([
      "system",
      "user",
      "assistant",
      "user",
    ]);
    expect(messages[1]?.content).toContain(transcript);
    expect(messages[2]?.content).toBe(firstAnswer());
    expect(messages[3]?.content).toContain("must be exactly two words");
  });

  function firstAnswer(): string {
    return '{"guest": "Shreya"}';
  }
});
