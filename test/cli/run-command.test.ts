// biome-ignore-all lint/suspicious/noTemplateCurlyInString: RAIL writes template variables as ${var}
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import {
  type OpenAIServer,
  type RecordedRequest,
  startOpenAIServer,
} from "../support/openai-server.js";
import { cliWith } from "./run-cli.js";

const tmp = mkdtempSync(join(tmpdir(), "railguard-run-"));
const spec = join(tmp, "guest.rail");
writeFileSync(
  spec,
  `<rail version="0.1">
<output><string name="guest" validators="two-words" on-fail-two-words="reask"/></output>
<prompt>Name the guest of \${episode}. \${gr.complete_json_suffix_v2}</prompt>
</rail>`,
);

let server: OpenAIServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const lastMessage = (request: RecordedRequest): string => {
  const { messages } = request.body as { messages: { content: string }[] };
  return messages.at(-1)?.content ?? "";
};

/** Episode 3's guest comes back with one name, and is fixed when re-asked; the others pass. */
function answer(request: RecordedRequest): { text: string } {
  const prompt = lastMessage(request);
  if (prompt.includes("incorrect_value")) return { text: '{"guest": "Shreya Rajpal"}' };
  const episode = /episode (\d+)/.exec(prompt)?.[1];
  return { text: episode === "3" ? '{"guest": "Shreya"}' : `{"guest": "Guest Number${episode}"}` };
}

function batchFile(count: number): string {
  const path = join(tmp, `inputs-${count}-${Math.random()}.jsonl`);
  const lines = Array.from({ length: count }, (_, i) =>
    JSON.stringify({ id: `ep${i + 1}`, vars: { episode: `episode ${i + 1}` } }),
  );
  writeFileSync(path, `${lines.join("\n")}\n`);
  return path;
}

const results = (path: string) =>
  readFileSync(path, "utf8")
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line));

const env = () => ({ OPENAI_BASE_URL: server?.baseURL });

describe("railguard run", () => {
  it("calls the model through the guard and prints the validated output", async () => {
    server = await startOpenAIServer({ handler: answer });
    const result = await cliWith(
      { env: env() },
      "run",
      spec,
      "--var",
      "episode=episode 3",
      "--model",
      "local-model",
    );
    expect(result.code).toBe(0);
    expect(JSON.parse(result.out)).toEqual({ guest: "Shreya Rajpal" });
    expect(result.err).toContain("✗ two-words $.guest");
    expect(server.requests).toHaveLength(2);
    expect(server.requests[0]?.body).toMatchObject({ model: "local-model" });
  });

  it("runs a batch over the real openai client: one result per line, progress, exit 0 only if all pass", async () => {
    server = await startOpenAIServer({ handler: answer });
    const out = join(tmp, "batch-results.jsonl");
    const result = await cliWith(
      { env: env() },
      "run",
      spec,
      "--batch",
      batchFile(5),
      "--out",
      out,
      "--concurrency",
      "2",
    );
    expect(result.code).toBe(0);
    const lines = results(out);
    expect(lines.map((line) => line.id).sort()).toEqual(["ep1", "ep2", "ep3", "ep4", "ep5"]);
    const ep3 = lines.find((line) => line.id === "ep3");
    expect(ep3).toMatchObject({
      status: "pass",
      reasks: 1,
      validatedOutput: { guest: "Shreya Rajpal" },
    });
    expect(server.requests).toHaveLength(6);
    expect(result.err).toContain("railguard: 1/5 done");
    expect(result.err).toMatch(
      /railguard: 5\/5 done · 5 passed · 0 failed · 1 reasked in \d+\.\d s; results in /,
    );
    expect(result.err).not.toContain("\r");
  });

  it("resumes from the results file without repeating finished inputs, closing a cut-off line", async () => {
    server = await startOpenAIServer({ handler: answer });
    const out = join(tmp, "resume-results.jsonl");
    const finished = (id: string) =>
      JSON.stringify({ id, status: "pass", validatedOutput: { guest: "Done Before" } });
    writeFileSync(
      out,
      `${finished("ep1")}\n${finished("ep2")}\n${JSON.stringify({ id: "ep4", status: "error" })}\n{"id": "ep5", "sta`,
    );
    const result = await cliWith(
      { env: env() },
      "run",
      spec,
      "--batch",
      batchFile(5),
      "--out",
      out,
    );
    expect(result.code).toBe(0);
    expect(result.err).toContain("resuming: 2 of 5 inputs already in");
    const asked = server.requests.map(lastMessage).filter((p) => !p.includes("incorrect_value"));
    expect(asked.map((p) => /episode (\d)/.exec(p)?.[1]).sort()).toEqual(["3", "4", "5"]);
    const lines = readFileSync(out, "utf8").trimEnd().split("\n");
    // The cut-off line stays as it was, closed off, and the new results follow it.
    expect(lines[3]).toBe('{"id": "ep5", "sta');
    const passed = lines.slice(4).map((line) => JSON.parse(line));
    expect(passed.map((line) => line.id).sort()).toEqual(["ep3", "ep4", "ep5"]);
  });

  it("on Ctrl-C finishes the calls in flight, writes them, exits 130, and the rerun does the rest", async () => {
    const stop = new AbortController();
    server = await startOpenAIServer({
      handler: async (request) => {
        stop.abort();
        await new Promise((resolve) => setTimeout(resolve, 50));
        return answer(request);
      },
    });
    const out = join(tmp, "interrupted.jsonl");
    const inputs = batchFile(6);
    const first = await cliWith(
      { env: env(), stop: stop.signal },
      "run",
      spec,
      "--batch",
      inputs,
      "--out",
      out,
      "--concurrency",
      "2",
    );
    expect(first.code).toBe(130);
    expect(first.err).toContain(
      "interrupted with 4 input(s) left: run the same command again to resume",
    );
    expect(results(out).map((line) => line.id)).toEqual(expect.arrayContaining(["ep1", "ep2"]));
    expect(results(out)).toHaveLength(2);
    const before = server.requests.length;
    const second = await cliWith({ env: env() }, "run", spec, "--batch", inputs, "--out", out);
    expect(second.code).toBe(0);
    expect(results(out)).toHaveLength(6);
    const rerunPrompts = server.requests.slice(before).map(lastMessage);
    expect(rerunPrompts.some((p) => p.includes("episode 1.") || p.includes("episode 2."))).toBe(
      false,
    );
  });

  it("prints each spec warning once, not again in the tree", async () => {
    const warned = join(tmp, "warned.rail");
    writeFileSync(
      warned,
      `<rail version="0.1">
<output><string name="guest" validators="two-words" on-fail-two-word="fix"/></output>
<prompt>Name the guest of \${episode}.</prompt>
</rail>`,
    );
    server = await startOpenAIServer({ handler: answer });
    const result = await cliWith({ env: env() }, "run", warned, "--var", "episode=episode 1");
    expect(result.code).toBe(0);
    expect(result.err.match(/on-fail-two-word names no validator/g)).toHaveLength(1);
    expect(result.err).toMatch(/^railguard: warning: .*on-fail-two-word names no validator/);
    expect(result.err).not.toContain("Spec warnings");
  });

  it("fails an input whose reask went unanswered and a fix value stood in, unless --accept-fixes", async () => {
    const padded = `<rail version="0.1">
<output><list name="tags" validators="length: 2 5" on-fail-length="reask"><string/></list></output>
<prompt>Tag \${episode}.</prompt>
</rail>`;
    const specFile = join(tmp, "tags.rail");
    writeFileSync(specFile, padded);
    const answerOneTag = () => ({ text: '{"tags": ["ai"]}' });
    server = await startOpenAIServer({ handler: answerOneTag });
    const args = ["run", specFile, "--batch", batchFile(1), "--num-reasks", "0"];
    const strict = await cliWith({ env: env() }, ...args, "--out", join(tmp, "strict.jsonl"));
    expect(strict.code).toBe(1);
    // The guard's own verdict: a fix value standing in for an unanswered reask fails the call.
    expect(results(join(tmp, "strict.jsonl"))[0]).toMatchObject({
      status: "fail",
      validationPassed: false,
      failures: [{ path: "$.tags", validator: "length", reason: "reask-unanswered" }],
      unansweredFixes: [{ path: "$.tags", validator: "length" }],
    });
    const accepted = await cliWith(
      { env: env() },
      ...args,
      "--out",
      join(tmp, "accepted.jsonl"),
      "--accept-fixes",
    );
    expect(accepted.code).toBe(0);
    // --accept-fixes forgives it on the command line; the record still says what the guard found.
    expect(results(join(tmp, "accepted.jsonl"))[0]).toMatchObject({
      status: "pass",
      validationPassed: false,
      unansweredFixes: [{ path: "$.tags", validator: "length" }],
    });
  });

  it("in the executable, Ctrl-C (SIGINT) during a batch finishes the call in flight and exits 130", async () => {
    let child: ReturnType<typeof spawn> | undefined;
    server = await startOpenAIServer({
      handler: async (request) => {
        child?.kill("SIGINT");
        await new Promise((resolve) => setTimeout(resolve, 100));
        return answer(request);
      },
    });
    const out = join(tmp, "sigint.jsonl");
    const args = ["--import", "tsx", "src/cli/main.ts", "run", spec, "--batch", batchFile(4)];
    child = spawn(process.execPath, [...args, "--out", out, "--concurrency", "1"], {
      env: { ...process.env, OPENAI_BASE_URL: server.baseURL },
    });
    let stderr = "";
    child.stderr?.on("data", (chunk) => (stderr += chunk));
    const code = await new Promise((resolve) => child?.on("exit", resolve));
    expect(stderr).toContain("interrupted with 3 input(s) left");
    expect(code).toBe(130);
    expect(results(out).map((line) => line.id)).toEqual(["ep1"]);
  });

  it("redraws one progress line with a bar and an ETA on a terminal", async () => {
    server = await startOpenAIServer({ handler: answer });
    const out = join(tmp, "tty.jsonl");
    const result = await cliWith(
      { env: env(), tty: true },
      "run",
      spec,
      "--batch",
      batchFile(3),
      "--out",
      out,
      "--concurrency",
      "1",
    );
    expect(result.code).toBe(0);
    expect(result.err).toContain("\r\x1b[K[███████░░░░░░░░░░░░░] 1/3 done");
    expect(result.err).toMatch(/ETA \d+s/);
  });

  it("records answers in a cassette and replays them offline", async () => {
    server = await startOpenAIServer({ handler: answer });
    const cassette = join(tmp, "cassette.json");
    const args = ["run", spec, "--var", "episode=episode 7"];
    const recorded = await cliWith({ env: env() }, ...args, "--record", cassette);
    expect(recorded.code).toBe(0);
    expect(existsSync(cassette)).toBe(true);
    await server.close();
    server = undefined;
    const replayed = await cliWith({ env: {} }, ...args, "--replay", cassette);
    expect(replayed.code).toBe(0);
    expect(JSON.parse(replayed.out)).toEqual({ guest: "Guest Number7" });
  });

  it("refuses bad batch lines before any call, and says how to give a model", async () => {
    const inputs = join(tmp, "bad.jsonl");
    writeFileSync(inputs, '{"id": "a", "vars": {"episode": "x"}}\n[1, 2]\n');
    const bad = await cliWith(
      { env: { OPENAI_BASE_URL: "http://127.0.0.1:9/v1" } },
      "run",
      spec,
      "--batch",
      inputs,
      "--out",
      join(tmp, "never.jsonl"),
    );
    expect(bad.code).toBe(2);
    expect(bad.err).toBe(
      `railguard: --batch ${inputs}: line 2: expected an object like {"id": "…", "vars": {…}}.\n`,
    );
    const noModel = await cliWith({ env: {} }, "run", spec, "--var", "episode=x");
    expect(noModel.code).toBe(2);
    expect(noModel.err).toContain("no model: set OPENAI_API_KEY, give --base-url");
    const noOut = await cliWith({ env: {} }, "run", spec, "--batch", inputs);
    expect(noOut.err).toContain("--batch needs --out results.jsonl");
  });
});
