import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import OpenAI from "openai";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { recordLLM, replayLLM } from "../../src/llm/cassette.js";
import { CassetteFileError } from "../../src/llm/cassette-file.js";
import { CassetteMissError } from "../../src/llm/cassette-miss.js";
import { openAIChat } from "../../src/llm/openai.js";
import type { LLM, LLMRequest } from "../../src/llm/types.js";
import { type OpenAIServer, startOpenAIServer } from "../support/openai-server.js";

let dir: string;
let file: string;
let server: OpenAIServer | undefined;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "railguard-cassette-"));
  file = join(dir, "cassettes", "calls.json");
});

afterEach(async () => {
  await server?.close();
  server = undefined;
  await rm(dir, { recursive: true, force: true });
});

function requestFor(prompt: string, instructions?: string): LLMRequest {
  const system = instructions ? [{ role: "system" as const, content: instructions }] : [];
  return { instructions, messages: [...system, { role: "user", content: prompt }] };
}

async function ask(llm: LLM, prompt: string, instructions?: string) {
  return llm(prompt, requestFor(prompt, instructions));
}

/** A model that answers "<prompt> #n", counting its calls. */
function countingModel(): { calls: number; llm: LLM } {
  const model: { calls: number; llm: LLM } = {
    calls: 0,
    llm: (prompt) => `${prompt} #${++model.calls}`,
  };
  return model;
}

async function missError(call: unknown): Promise<CassetteMissError> {
  const error = await Promise.resolve(call).catch((reason: unknown) => reason);
  expect(error).toBeInstanceOf(CassetteMissError);
  return error as CassetteMissError;
}

describe("recordLLM and replayLLM", () => {
  it("records real HTTP answers with usage and replays them offline", async () => {
    server = await startOpenAIServer({
      replies: [
        { text: '{"a":1}', usage: { promptTokens: 10, completionTokens: 4 } },
        { text: '{"b":2}' },
      ],
    });
    const client = new OpenAI({ apiKey: "k", baseURL: server.baseURL, maxRetries: 0 });
    const recorder = recordLLM(openAIChat(client, { model: "m" }), file);
    const first = await ask(recorder, "first prompt", "be JSON");
    const second = await ask(recorder, "second prompt");
    await server.close();
    server = undefined;

    const replay = replayLLM(file);
    expect(await ask(replay, "second prompt")).toEqual(second);
    expect(await ask(replay, "first prompt", "be JSON")).toEqual(first);
    expect(first).toEqual({
      text: '{"a":1}',
      usage: { promptTokens: 10, completionTokens: 4, totalTokens: 14 },
    });
  });

  it("writes pretty JSON with sorted keys and leaves no temporary file", async () => {
    await ask(
      recordLLM(
        () => ({ text: "t", usage: { promptTokens: 1, completionTokens: 2 } }) as never,
        file,
      ),
      "p",
      "i",
    );
    const text = await readFile(file, "utf8");
    expect(text).toMatch(/^\{\n {2}"entries": \{\n/);
    expect(text.endsWith("}\n")).toBe(true);
    const checkSorted = (value: unknown): void => {
      if (typeof value !== "object" || value === null) return;
      const keys = Object.keys(value);
      if (!Array.isArray(value)) expect(keys).toEqual([...keys].sort());
      for (const child of Object.values(value)) checkSorted(child);
    };
    const parsed = JSON.parse(text);
    checkSorted(parsed);
    expect(Object.values(parsed.entries)).toEqual([
      {
        request: {
          instructions: "i",
          messages: [
            { content: "i", role: "system" },
            { content: "p", role: "user" },
          ],
          prompt: "p",
        },
        responses: [{ text: "t", usage: { completionTokens: 2, promptTokens: 1, totalTokens: 3 } }],
      },
    ]);
    expect(await readdir(join(dir, "cassettes"))).toEqual(["calls.json"]);
  });

  it("replays identical requests in recorded order, repeating the last answer", async () => {
    const recorder = recordLLM(countingModel().llm, file);
    await ask(recorder, "same");
    await ask(recorder, "same");
    const replay = replayLLM(file);
    const answers = [
      await ask(replay, "same"),
      await ask(replay, "same"),
      await ask(replay, "same"),
    ];
    expect(answers).toEqual([{ text: "same #1" }, { text: "same #2" }, { text: "same #2" }]);
  });

  it("a new recorder replaces the answers of requests it sees and keeps the others", async () => {
    const firstRun = recordLLM(countingModel().llm, file);
    await ask(firstRun, "kept");
    await ask(firstRun, "redone");
    await ask(
      recordLLM(() => "fresh", file),
      "redone",
    );

    const replay = replayLLM(file);
    expect(await ask(replay, "kept")).toEqual({ text: "kept #1" });
    expect(await ask(replay, "redone")).toEqual({ text: "fresh" });
  });

  it("keeps every answer when calls are recorded concurrently", async () => {
    const recorder = recordLLM(async (prompt) => `answer to ${prompt}`, file);
    const prompts = ["a", "b", "c", "d", "e"];
    await Promise.all(prompts.map((prompt) => ask(recorder, prompt)));
    const replay = replayLLM(file);
    for (const prompt of prompts) {
      expect(await ask(replay, prompt)).toEqual({ text: `answer to ${prompt}` });
    }
  });

  it("records nothing when the model fails, and rethrows its error", async () => {
    const boom = new Error("boom");
    const recorder = recordLLM(() => {
      throw boom;
    }, file);
    await expect(ask(recorder, "p")).rejects.toBe(boom);
    await expect(readFile(file, "utf8")).rejects.toThrow(/ENOENT/);
  });

  it("keys by the exact request: other instructions are a miss", async () => {
    await ask(
      recordLLM(() => "x", file),
      "prompt",
      "instructions A",
    );
    const error = await missError(ask(replayLLM(file), "prompt", "instructions B"));
    expect(error.closest?.difference).toMatchObject({
      part: "instructions",
      offset: 13,
      location: "line 1, column 14",
    });
    expect(error.message).toContain('requested …"tructions B", recorded …"tructions A"');
  });

  it("keys by the schema too: the same prompt with another schema is a miss", async () => {
    const schemaA = { type: "object", properties: { a: { type: "string" } } };
    const schemaB = { type: "object", properties: { b: { type: "string" } } };
    const withSchema = (jsonSchema?: Record<string, unknown>) => ({
      ...requestFor("prompt"),
      ...(jsonSchema && { jsonSchema }),
    });
    await recordLLM(() => "answer A", file)("prompt", withSchema(schemaA));
    // The recording keeps a copy: the caller changing its schema later changes nothing.
    schemaA.properties.a.type = "integer";
    const replay = replayLLM(file);
    const recorded = { type: "object", properties: { a: { type: "string" } } };
    expect(await replay("prompt", withSchema(recorded))).toEqual({ text: "answer A" });

    const other = await missError(replay("prompt", withSchema(schemaB)));
    expect(other.closest?.difference).toMatchObject({
      part: "jsonSchema",
      recorded: expect.stringContaining('\\"a\\"'),
    });
    expect(other.message).toContain("They first differ in the jsonSchema at line 3, column 6");
    const none = await missError(replay("prompt", withSchema(undefined)));
    expect(none.closest?.difference).toMatchObject({
      part: "jsonSchema",
      requested: '"(no schema)"',
    });
  });
});

describe("a cassette miss", () => {
  const recorded = [
    "Extract the fees from this statement.\nReturn JSON.",
    "Extract the fees from this letter.\nReturn JSON.",
    "Summarise the document in one sentence.",
  ];

  async function recordAll() {
    const recorder = recordLLM(() => "{}", file);
    for (const prompt of recorded) await ask(recorder, prompt);
  }

  it("names the closest recorded prompt and where they first differ", async () => {
    await recordAll();
    const requested = "Extract the fees from this statement.\nReturn YAML.";
    const error = await missError(ask(replayLLM(file), requested));

    expect(error.code).toBe("cassette-miss");
    expect(error.file).toBe(file);
    expect(error.request.prompt).toBe(requested);
    expect(error.closest?.request.prompt).toBe(recorded[0]);
    expect(error.closest?.distance).toBe(4);
    expect(error.closest?.difference).toMatchObject({
      part: "prompt",
      offset: 45,
      location: "line 2, column 8",
    });
    expect(error.message).toContain(
      `No recording in cassette ${file} matches this request (3 recorded).`,
    );
    expect(error.message).toContain(
      `Requested prompt:\n  Extract the fees from this statement.\n  Return YAML.`,
    );
    expect(error.message).toContain(
      `Closest recorded prompt (edit distance 4):\n  Extract the fees from this statement.\n  Return JSON.`,
    );
    expect(error.message).toContain("They first differ in the prompt at line 2, column 8");
  });

  it("prefers the longer common prefix between equally distant recordings", async () => {
    const recorder = recordLLM(() => "{}", file);
    await ask(recorder, "xbc");
    await ask(recorder, "abx");
    const error = await missError(ask(replayLLM(file), "abc"));
    expect(error.closest?.request.prompt).toBe("abx");
  });

  it("shortens long prompts in the message", async () => {
    await ask(
      recordLLM(() => "{}", file),
      "recorded",
    );
    const error = await missError(ask(replayLLM(file), "y".repeat(700)));
    expect(error.message).toContain(`${"y".repeat(500)}… (200 more characters)`);
    expect(error.message).not.toContain("y".repeat(501));
  });

  it("says so when the cassette is empty", async () => {
    await writeFile(file.replace("cassettes/", ""), '{ "version": 1, "entries": {} }');
    const error = await missError(ask(replayLLM(file.replace("cassettes/", "")), "p"));
    expect(error.closest).toBeUndefined();
    expect(error.message).toContain("(0 recorded)");
  });
});

describe("cassette files", () => {
  const plainFile = () => join(dir, "plain.json");

  it("replaying a missing file is a typed error", async () => {
    const error = await Promise.resolve(ask(replayLLM(plainFile()), "p")).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CassetteFileError);
    expect((error as CassetteFileError).message).toContain("cannot read it");
  });

  it("reports invalid JSON with its line and column", async () => {
    await writeFile(plainFile(), '{\n  "version": 1,\n  "entries": {,\n}');
    await expect(ask(replayLLM(plainFile()), "p")).rejects.toThrow(
      /plain\.json: invalid JSON at line 3, column 15/,
    );
  });

  it.each([
    ['{"version": 2, "entries": {}}', 'expected { "version": 1, "entries": { … } }'],
    [
      '{"version": 1, "entries": {"k": {"request": {"prompt": 1}}}}',
      "entry k: request.prompt must be a string",
    ],
    [
      '{"version": 1, "entries": {"k": {"request": {"prompt": "p", "messages": []}, "responses": [{"text": 3}]}}}',
      "entry k: responses[0] must be { text: string, usage? }",
    ],
    [
      '{"version": 1, "entries": {"k": {"request": {"prompt": "p", "messages": [], "jsonSchema": []}, "responses": [{"text": "t"}]}}}',
      "entry k: request.jsonSchema must be an object when present",
    ],
  ])("rejects a malformed cassette %s", async (content, reason) => {
    await writeFile(plainFile(), content);
    await expect(ask(replayLLM(plainFile()), "p")).rejects.toThrow(reason);
  });

  it("replays a request without a schema from a cassette written before schemas were keyed", async () => {
    const entry = {
      request: { prompt: "p", messages: [{ role: "user", content: "p" }] },
      responses: [{ text: "old answer" }],
    };
    await writeFile(plainFile(), JSON.stringify({ version: 1, entries: { "old-key": entry } }));
    expect(await ask(replayLLM(plainFile()), "p")).toEqual({ text: "old answer" });
  });

  it("finds a hand-edited request under its new content", async () => {
    await ask(
      recordLLM(() => "answer", plainFile()),
      "old prompt",
    );
    const edited = (await readFile(plainFile(), "utf8")).replaceAll("old prompt", "new prompt");
    await writeFile(plainFile(), edited);
    expect(await ask(replayLLM(plainFile()), "new prompt")).toEqual({ text: "answer" });
  });

  it("does not call the model when the cassette to record into is broken", async () => {
    await writeFile(plainFile(), "not json");
    const model = countingModel();
    await expect(ask(recordLLM(model.llm, plainFile()), "p")).rejects.toBeInstanceOf(
      CassetteFileError,
    );
    expect(model.calls).toBe(0);
  });
});
