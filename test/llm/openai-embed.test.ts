import { APIError } from "openai";
import { describe, expect, expectTypeOf, it } from "vitest";
import { RailguardError } from "../../src/errors.js";
import { openAIEmbed } from "../../src/llm/openai-embed.js";
import type { EmbedFunction } from "../../src/llm/types.js";
import { LLMCallError } from "../../src/llm-call-error.js";
import { servedClient } from "../support/openai-client.js";

const served = servedClient();
const { clientFor } = served;

// Whole numbers, so what the server sends and what comes back compare exactly.
const lengthVector = (text: string) => [text.length, 1];
const inputsSent = () =>
  served.server?.requests.map((request) => (request.body as { input: unknown }).input);

describe("openAIEmbed", () => {
  it("is the EmbedFunction the summary validators take as metadata.embed", () => {
    expectTypeOf(openAIEmbed).returns.toMatchTypeOf<EmbedFunction>();
  });

  it("embeds texts in batches, in order, sending the model and dimensions", async () => {
    const client = await clientFor({ embed: lengthVector });
    const embed = openAIEmbed(client, { model: "emb-small", dimensions: 2, batchSize: 2 });
    const texts = ["a", "bb", "ccc", "dddd", "eeeee"];

    expect(await embed(texts)).toEqual(texts.map(lengthVector));
    expect(inputsSent()).toEqual([["a", "bb"], ["ccc", "dddd"], ["eeeee"]]);
    expect(served.server?.requests.map((request) => request.path)).toEqual([
      "/v1/embeddings",
      "/v1/embeddings",
      "/v1/embeddings",
    ]);
    expect(served.server?.requests[0]?.body).toEqual({
      model: "emb-small",
      input: ["a", "bb"],
      encoding_format: "float",
      dimensions: 2,
    });
  });

  it("sends no dimensions unless asked, and no request for no texts", async () => {
    const client = await clientFor({ embed: lengthVector });
    const embed = openAIEmbed(client, { model: "m" });
    expect(await embed([])).toEqual([]);
    expect(served.server?.requests).toEqual([]);
    await embed(["x"]);
    expect(served.server?.requests[0]?.body).not.toHaveProperty("dimensions");
  });

  it("puts vectors back in input order by their index", async () => {
    const data = [
      { object: "embedding", index: 1, embedding: [2, 2] },
      { object: "embedding", index: 0, embedding: [1, 1] },
    ];
    const client = await clientFor({ embeddingReplies: [{ body: { object: "list", data } }] });
    expect(await openAIEmbed(client, { model: "m" })(["first", "second"])).toEqual([
      [1, 1],
      [2, 2],
    ]);
  });

  it.each([
    ["a vector missing", [{ index: 0, embedding: [1] }], "input 1"],
    [
      "base64 text instead of numbers",
      [{ index: 0, embedding: "AACAPw==" }, { index: 1 }],
      "input 0",
    ],
    [
      "an index out of range",
      [
        { index: 0, embedding: [1] },
        { index: 5, embedding: [1] },
      ],
      "input 1",
    ],
  ])("reports %s as an invalid response", async (_, data, detail) => {
    const client = await clientFor({ embeddingReplies: [{ body: { data } }] });
    const failure = openAIEmbed(client, { model: "m" })(["a", "b"]);
    await expect(failure).rejects.toBeInstanceOf(LLMCallError);
    await expect(failure).rejects.toMatchObject({
      kind: "invalid-response",
      message: expect.stringContaining(
        `(2 sent, got an object with keys data, ${detail} has none)`,
      ),
    });
  });

  it("rethrows the SDK's error for an HTTP failure", async () => {
    const client = await clientFor({
      embeddingReplies: [{ status: 400, errorMessage: "input too long" }],
    });
    const failure = openAIEmbed(client, { model: "m" })(["a"]);
    await expect(failure).rejects.toBeInstanceOf(APIError);
    await expect(failure).rejects.toMatchObject({ status: 400 });
  });

  it("refuses a batch size that is not a whole number ≥ 1", async () => {
    const client = await clientFor();
    for (const batchSize of [0, 1.5, Number.NaN]) {
      expect(() => openAIEmbed(client, { model: "m", batchSize })).toThrow(RailguardError);
    }
  });
});
