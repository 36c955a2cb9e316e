import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { resolve } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { startOpenAIServer } from "../support/openai-server.js";

const run = promisify(execFile);
// Resolved here, so a child started in another folder still finds tsx.
const TSX = import.meta.resolve("tsx");

interface RunOptions {
  env?: Record<string, string>;
  /** The working directory; the repo root by default. */
  cwd?: string;
}

/**
 * Runs a TypeScript file as a user would (`npx tsx examples/x.ts`) in a child process,
 * asynchronously so a server in this process can answer it. The OPENAI_* variables of the
 * machine are removed: examples must run offline unless a test points them somewhere.
 */
async function runTs(file: string, args: string[], { env = {}, cwd }: RunOptions = {}) {
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !key.startsWith("OPENAI_") && key !== "RECORD"),
  );
  const { stdout, stderr } = await run(
    process.execPath,
    ["--import", TSX, resolve(file), ...args],
    {
      env: { ...clean, ...env },
      cwd,
      maxBuffer: 10_000_000,
    },
  );
  return { stdout, stderr };
}

const runExample = (file: string, options?: RunOptions) => runTs(file, [], options);

describe("examples/demo.ts (npm run demo)", () => {
  it("runs the six tasks offline from cassettes, says so, and shows every path", async () => {
    const started = Date.now();
    const { stdout } = await runExample("examples/demo.ts");
    expect(Date.now() - started).toBeLessThan(60_000);
    expect(stdout.split("\n")[0]).toMatch(/^Answers are RECORDED, not live/);
    for (const title of [
      "1. Episode summary",
      "2. Show notes",
      "3. Quotes with provenance",
      "4. Text-to-SQL",
      "5. Lightning round",
      "6. Text-to-SQL, code first",
    ]) {
      expect(stdout).toContain(`── ${title} · `);
    }
    // The summary table: task, path, model calls, tokens, result.
    const table = stdout.slice(stdout.lastIndexOf("\ntask "));
    expect(table).toMatch(/Episode summary +reask answered +2 +\d+ +✓ validation passed/);
    expect(table).toMatch(/Show notes +filter \+ reask unanswered +2 +\d+ +✗ FAILED/);
    expect(table).toMatch(/Quotes with provenance +reask answered +2 /);
    expect(table).toMatch(/Text-to-SQL +fix +1 /);
    expect(table).toMatch(/Lightning round +pass first time +1 /);
    expect(table).toMatch(/Text-to-SQL, code first +refrain +1 +\d+ +✗ refrained/);
    expect(stdout).toContain("✗ bug-free-sql $.query → fixed: no such table: guest");
    expect(stdout).toContain("Shreya Rajpal · Guardrails AI");
    expect(stdout).not.toContain("Call #1");

    // The README opens with this output, shortened: every line it shows is a line the demo
    // prints (numbers aside: token counts move when the cassettes are recorded again).
    const readme = readFileSync("README.md", "utf8");
    const shown = /```text\n([\s\S]*?)```/.exec(readme)?.[1] ?? "";
    const numbersAside = (line: string) => line.replace(/\d+/g, "N").trimEnd();
    const printed = new Set(stdout.split("\n").map(numbersAside));
    const lines = shown.split("\n").filter((line) => line.trim() !== "" && line !== "…");
    expect(lines.length).toBeGreaterThan(20);
    expect(lines.filter((line) => !printed.has(numbersAside(line)))).toEqual([]);
  }, 60_000);

  it("prints each call's history tree with --verbose", async () => {
    const { stdout } = await runTs("examples/demo.ts", ["--verbose"]);
    // One call per task, each with its own id (ids are unique in the process).
    const calls = stdout.match(/^Call #\d+ · /gm) ?? [];
    expect(calls).toHaveLength(6);
    expect(new Set(calls).size).toBe(6);
    expect(stdout).toContain("├─ Iteration 1 · field reask");
  }, 60_000);

  it("refuses --record without a model rather than overwrite the cassettes", async () => {
    await expect(runTs("examples/demo.ts", ["--record"])).rejects.toThrow(/--record needs a model/);
  }, 60_000);
});

describe("a task against a real model (OpenAI-compatible server on 127.0.0.1)", () => {
  it("calls it through the openai adapter, says the answers are live and counts real tokens", async () => {
    const query = "SELECT title FROM episodes WHERE duration_seconds > 3600 ORDER BY published";
    const server = await startOpenAIServer({
      replies: [
        { text: JSON.stringify({ query }), usage: { promptTokens: 700, completionTokens: 30 } },
      ],
    });
    try {
      const { stdout } = await runExample("examples/tasks/text-to-sql.ts", {
        env: { OPENAI_BASE_URL: server.baseURL, OPENAI_MODEL: "local-model" },
      });
      expect(stdout).toContain(`Answers are LIVE from ${server.baseURL} (model local-model)`);
      expect(stdout).toContain("1 model call · 0 reasks sent · 730 tokens");
      expect(stdout).toContain("✓ validation passed · path: pass first time");
      expect(stdout).toContain("│ Guaranteed quality and structure in LLM outputs");
      expect(server.requests).toHaveLength(1);
      expect(server.requests[0]?.body).toMatchObject({ model: "local-model", temperature: 0 });
    } finally {
      await server.close();
    }
  }, 60_000);
});

describe("examples/quick-start.ts", () => {
  it("corrects the wrong guest with one targeted reask and prints both steps", async () => {
    const { stdout } = await runExample("examples/quick-start.ts");
    const output = stdout.slice(0, stdout.indexOf("validation passed"));
    expect(JSON.parse(output.replace("validated output:", ""))).toMatchObject({
      title: "Guardrails AI",
      guests: ["Shreya Rajpal"],
      links: ["https://www.guardrailsai.com/docs"],
    });
    expect(stdout).toContain("validation passed: true");
    // The tree's layout may change; what it reports may not.
    expect(stdout).toContain("Call #1 · pass");
    expect(stdout).toContain("- strip-prose: ignored text before the JSON");
    expect(stdout).toContain("- fix-syntax: removed a trailing comma");
    expect(stdout).toContain("✗ one-line $.title: must be a single line, got 2 lines → fixed");
    expect(stdout).toContain("✗ two-words $.guests[0]: must be exactly two words, got 1 → reask");
    expect(stdout).toMatch(/✗ valid-url \$\.links\[1\]: .* → filtered/);
    expect(stdout).toContain('"incorrect_value": "Shreya"');
    expect(stdout).toContain("✓ two-words $.guests[0]");
    expect(stdout).toContain("history JSON: 1 call(s), 2 iterations");
    const events = stdout.split("\n").find((line) => line.startsWith("events: "));
    expect(events).toMatch(/^events: call-start, round-start, model-answer, parsed, verdicts, /);
    expect(events).toMatch(/reask-planned, round-end, round-start, .* call-end$/);
  });
});

describe("examples/zod-first.ts", () => {
  it("coerces, fixes, reports failures and stops on exception", async () => {
    const { stdout } = await runExample("examples/zod-first.ts");
    expect(stdout).toContain(
      'validated output: {"title":"Guardrails for LLM output","guest":"Shreya Rajpal","minutes":52,"topics":["rail","re-asks","validators"]}',
    );
    expect(stdout).toContain("minutes + 1 = 53");
    expect(stdout).toContain("zod accepts it: true");
    expect(stdout).toContain("repairs: [ 'coerce $.minutes' ]");
    expect(stdout).toContain("parse passed: false");
    expect(stdout).toContain(
      "- $.title schema: Too small: expected string to have >=5 characters (reask-unanswered)",
    );
    expect(stdout).toContain(
      "- $.guest not-a-host: Alessio Fanelli is a host, not a guest (reask-unanswered)",
    );
    expect(stdout).toContain("next reask, unsent: [ '$.title', '$.guest' ]");
    expect(stdout).toMatch(/error: validation-failed - Validation failed for \$\.minutes/);
  });
});

describe("examples/text-to-sql.ts", () => {
  it("fixes the wrong table name without a second model call and refrains on DROP", async () => {
    const { stdout } = await runExample("examples/text-to-sql.ts");
    expect(stdout).toContain(
      "query: SELECT title FROM episodes WHERE duration_minutes > 50 ORDER BY title",
    );
    expect(stdout).toContain("validation passed: true · model calls: 1");
    expect(stdout).toContain("- bug-free-sql: fail (no such table: episode)");
    expect(stdout).toContain("hostile: {} refrained: true");
    expect(stdout).toContain(
      "- exclude-sql-predicates: the SQL contains forbidden predicates: Drop",
    );
  });

  it("finds the schema next to the spec when run from another folder", async () => {
    const { stdout } = await runExample("examples/text-to-sql.ts", {
      cwd: tmpdir(),
    });
    expect(stdout).toContain("validation passed: true · model calls: 1");
  });
});

describe("railguard validate (the README's CLI example)", () => {
  it("repairs and validates a saved answer offline, output on stdout, the tree on stderr", async () => {
    const { stdout, stderr } = await runTs("src/cli/main.ts", [
      "validate",
      "rails/show-notes.rail",
      "examples/data/show-notes-answer.txt",
    ]);
    const output = JSON.parse(stdout);
    expect(output.topics[2].title).toBe("Re-asking only the failed fields");
    expect(output.links).toEqual(["https://www.guardrailsai.com/docs"]);
    expect(output.guests).toEqual(["Shreya Rajpal"]);
    expect(stderr).toContain("- strip-think: removed a <think> block");
    expect(stderr).toContain("- extract-fence: took the JSON from a fenced code block");
    expect(stderr).toContain("- fix-syntax: replaced single quotes with double quotes");
    expect(stderr).toMatch(/✗ one-line \$\.topics\[2\]\.title: .* → fixed/);
    expect(stderr).toMatch(/✗ valid-url \$\.links\[1\]: .* → filtered/);
    expect(stderr).toContain("validation passed");
  });
});

describe("examples/custom-validator.ts", () => {
  it("uses registered validators from RAIL, with typed arguments and required metadata", async () => {
    const { stdout } = await runExample("examples/custom-validator.ts");
    expect(stdout).toContain('prompt shows: format="at most 12 words; names-a-guest"');
    expect(stdout).toContain(
      "fixed: Shreya Rajpal on why RAIL is XML, how re-asks work, and where · passed: true",
    );
    expect(stdout).toContain("noop keeps the value: Why RAIL is XML");
    expect(stdout).toContain("names-a-guest: names none of the guests (Shreya Rajpal)");
    expect(stdout).toContain(
      'without metadata: missing-metadata: Missing required metadata: validator "names-a-guest" at $.tagline needs metadata guests.',
    );
    expect(stdout).toContain(
      'bad argument: ValidatorArgumentError (validator-argument): Validator "max-words" on $.tagline (line 4, column 11): argument "limit" must be an integer, got "many".',
    );
  });
});

describe("examples/cassette.ts", () => {
  it("replays a reask on a string output from the committed cassette, unchanged", async () => {
    const cassette = "examples/cassettes/episode-summary.json";
    const before = readFileSync(cassette, "utf8");
    const { stdout } = await runExample("examples/cassette.ts");
    expect(stdout).toContain("step 0 (initial): extractive-summary failed → reask");
    expect(stdout).toContain("step 1 (string): all validators pass");
    expect(stdout).toContain("validation passed: true");
    expect(stdout).toContain(
      "unrecorded request: llm-call: LLM call failed: the model threw CassetteMissError: No recording in cassette examples/cassettes/episode-summary.json matches this request (2 recorded).",
    );
    expect(readFileSync(cassette, "utf8")).toBe(before);
  });
});

describe("examples/embeddings.ts", () => {
  const KEPT =
    "kept: Shreya Rajpal created Guardrails AI. RAIL is written in XML to attach validators to " +
    "each field. Guardrails re-asks only for the fields that failed.";

  it("offline, drops the unsupported sentence by TF-IDF", async () => {
    const { stdout } = await runExample("examples/embeddings.ts");
    expect(stdout).toContain("similarity: TF-IDF (offline)");
    expect(stdout).toContain(KEPT);
    expect(stdout).toContain("provenance-v0: fail → fixed");
    expect(stdout).toContain("- Guardrails raised a large funding round last year.");
  });

  it("with a server, compares sentences by the embeddings openAIEmbed fetches", async () => {
    // Two directions: the invented claim points away from everything else.
    const server = await startOpenAIServer({
      embed: (text) => (text.includes("funding") ? [0, 1] : [1, 0]),
    });
    try {
      const { stdout } = await runExample("examples/embeddings.ts", {
        env: { OPENAI_BASE_URL: server.baseURL, OPENAI_EMBEDDING_MODEL: "local-embedder" },
      });
      expect(stdout).toContain("similarity: embeddings");
      expect(stdout).toContain(KEPT);
      expect(server.requests.length).toBeGreaterThan(0);
      for (const request of server.requests) {
        expect(request.path).toBe("/v1/embeddings");
        expect(request.body).toMatchObject({ model: "local-embedder", encoding_format: "float" });
      }
    } finally {
      await server.close();
    }
  });
});

describe("examples/openai.ts", () => {
  it("offline, explains how to run it and exits 0", async () => {
    const { stdout } = await runExample("examples/openai.ts");
    expect(stdout).toContain("no model is configured");
    expect(stdout).toContain("OPENAI_API_KEY=sk-...");
    expect(stdout).toContain("OPENAI_BASE_URL=http://localhost:8000/v1");
  });

  it("calls an OpenAI-compatible server over HTTP, with the spec's strict JSON Schema", async () => {
    const notes = {
      title: "Guardrails AI with Shreya Rajpal",
      tagline: "Shreya Rajpal explains how Guardrails makes model output trustworthy.",
      guests: ["Shreya Rajpal"],
      topics: [
        { timestamp: "00:00:00", title: "Introductions" },
        { timestamp: "00:07:30", title: "Why RAIL is XML" },
        { timestamp: "00:18:20", title: "Targeted re-asks" },
      ],
      // Strict mode makes every key required; an optional one comes back null, and passes.
      links: null,
    };
    const server = await startOpenAIServer({
      replies: [
        { text: JSON.stringify(notes), usage: { promptTokens: 900, completionTokens: 80 } },
      ],
    });
    try {
      const { stdout } = await runExample("examples/openai.ts", {
        env: { OPENAI_BASE_URL: server.baseURL, OPENAI_MODEL: "local-model" },
      });
      expect(stdout).toContain('"title": "Guardrails AI with Shreya Rajpal"');
      expect(stdout).toContain('"links": null');
      expect(stdout).toContain("validation passed: true");
      expect(stdout).toContain("round-trips: 1, tokens: 980");
      expect(server.requests).toHaveLength(1);
      expect(server.requests[0]?.path).toBe("/v1/chat/completions");
      expect(server.requests[0]?.body).toMatchObject({
        model: "local-model",
        temperature: 0,
        response_format: {
          type: "json_schema",
          json_schema: { name: "output", strict: true, schema: { additionalProperties: false } },
        },
        messages: [{ role: "system" }, { role: "user" }],
      });
    } finally {
      await server.close();
    }
  });
});

describe("examples/inputs-and-reasks.ts", () => {
  it("stops on an input validator, and finds the surname only in a conversation reask", async () => {
    const { stdout } = await runExample("examples/inputs-and-reasks.ts");
    expect(stdout).toContain(
      'input-validation-failed: The prompt failed validator "length" and the model was not called',
    );
    expect(stdout).toContain('failed validator "lower-case"');
    const [fields = "", conversation = ""] = stdout.split('reaskContext "conversation":');
    expect(fields).toContain('answer to the reask: {"guest":"Shreya"}');
    expect(conversation).toContain("model sees: system, user, assistant, user");
    expect(conversation).toContain('answer to the reask: {"guest":"Shreya Rajpal"}');
  });
});
