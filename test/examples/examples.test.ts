import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { startOpenAIServer } from "../support/openai-server.js";

const run = promisify(execFile);

/**
 * Runs an example as a user would (`npx tsx examples/x.ts`, from the repo root) in a child
 * process, asynchronously so a server in this process can answer it. The OPENAI_* variables of
 * the machine are removed: examples must run offline unless a test points them somewhere.
 */
async function runExample(file: string, env: Record<string, string> = {}) {
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !key.startsWith("OPENAI_") && key !== "RECORD"),
  );
  const { stdout, stderr } = await run(process.execPath, ["--import", "tsx", file], {
    env: { ...clean, ...env },
    maxBuffer: 10_000_000,
  });
  return { stdout, stderr };
}

describe("examples/demo.ts (npm run demo)", () => {
  it("compiles every spec in rails/ and prints its prompt", async () => {
    const { stdout } = await runExample("examples/demo.ts");
    expect(stdout).toContain("##### rails/episode-summary.rail");
    expect(stdout).toContain("##### rails/show-notes.rail");
    expect(stdout).toContain("⟨missing: transcript⟩");
    expect(stdout).toContain("Compiled 2 of 2 specs.");
  });
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
  });
});

describe("examples/zod-first.ts", () => {
  it("coerces, fixes, reports failures and stops on exception", async () => {
    const { stdout } = await runExample("examples/zod-first.ts");
    expect(stdout).toContain(
      'validated output: {"title":"Guardrails for LLM output","guest":"Shreya Rajpal","minutes":52,"topics":["rail","re-asks","validators"]}',
    );
    expect(stdout).toContain("minutes + 1 = 53");
    expect(stdout).toContain("repairs: [ 'coerce $.minutes' ]");
    expect(stdout).toContain("parse passed: false");
    expect(stdout).toContain(
      "- $.guest not-a-host: Alessio Fanelli is a host, not a guest (reask-unanswered)",
    );
    expect(stdout).toContain("next reask, unsent: [ '$.guest' ]");
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
      'bad argument: ValidatorArgumentError (validator-argument): Validator "max-words" on $.tagline (line 3, column 3): argument "limit" must be an integer, got "many".',
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

describe("examples/openai.ts", () => {
  it("offline, explains how to run it and exits 0", async () => {
    const { stdout } = await runExample("examples/openai.ts");
    expect(stdout).toContain("no model is configured");
    expect(stdout).toContain("OPENAI_API_KEY=sk-...");
    expect(stdout).toContain("OPENAI_BASE_URL=http://localhost:8000/v1");
  });

  it("calls an OpenAI-compatible server over HTTP, with the spec's JSON Schema", async () => {
    const notes = {
      title: "Guardrails AI with Shreya Rajpal",
      tagline: "Shreya Rajpal explains how Guardrails makes model output trustworthy.",
      guests: ["Shreya Rajpal"],
      topics: [
        { timestamp: "00:00:00", title: "Introductions" },
        { timestamp: "00:07:30", title: "Why RAIL is XML" },
        { timestamp: "00:18:20", title: "Targeted re-asks" },
      ],
    };
    const server = await startOpenAIServer({
      replies: [
        { text: JSON.stringify(notes), usage: { promptTokens: 900, completionTokens: 80 } },
      ],
    });
    try {
      const { stdout } = await runExample("examples/openai.ts", {
        OPENAI_BASE_URL: server.baseURL,
        OPENAI_MODEL: "local-model",
      });
      expect(stdout).toContain('"title": "Guardrails AI with Shreya Rajpal"');
      expect(stdout).toContain("validation passed: true");
      expect(stdout).toContain("round-trips: 1, tokens: 980");
      expect(server.requests).toHaveLength(1);
      expect(server.requests[0]?.path).toBe("/v1/chat/completions");
      expect(server.requests[0]?.body).toMatchObject({
        model: "local-model",
        temperature: 0,
        response_format: { type: "json_schema", json_schema: { name: "output" } },
        messages: [{ role: "system" }, { role: "user" }],
      });
    } finally {
      await server.close();
    }
  });
});
