import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { episodeSummary } from "../../examples/tasks/episode-summary.js";
import { lightningRound } from "../../examples/tasks/lightning-round.js";
import { cassetteFile, scriptedModel, tolerantReplay } from "../../examples/tasks/models.js";
import { quotes } from "../../examples/tasks/quotes.js";
import { pathsOf, type TaskRun } from "../../examples/tasks/report.js";
import { runTask, staleReplays } from "../../examples/tasks/run.js";
import { showNotes } from "../../examples/tasks/show-notes.js";
import type { AnyTask, Task } from "../../examples/tasks/task.js";
import { textToSql } from "../../examples/tasks/text-to-sql.js";
import { textToSqlZod } from "../../examples/tasks/text-to-sql-zod.js";
import { disposeSqlSandboxes, Guard, recordLLM } from "../../src/index.js";

afterAll(async () => {
  // Recorded against other prompts? The answers still replayed; say so, as the demo does.
  if (staleReplays.length > 0) {
    console.warn(
      `Cassettes older than the prompts (${staleReplays.join(", ")}): run npm run cassettes`,
    );
  }
  await disposeSqlSandboxes();
});

/** Runs a task from its bundled cassette, as `npm run demo` does offline. */
const replay = <T>(task: Task<T>): Promise<TaskRun<T>> => runTask(task, { kind: "replay" });

/** What the guard did, verdict by verdict: `validator path → action`, per round-trip. */
const actions = <T>({ outcome }: TaskRun<T>): string[][] =>
  outcome.call.iterations.map((iteration) =>
    iteration.validatorLogs
      .filter((log) => log.outcome === "fail")
      .map((log) => `${log.validator} ${log.path} → ${log.actionTaken}`),
  );

describe("the six example tasks, replayed from their cassettes", () => {
  it("episode summary: a too-long summary, one reask, then every check passes", async () => {
    const run = await replay(episodeSummary);
    expect(actions(run)).toEqual([["length $ → reask"], []]);
    expect(run.outcome.call.iterations.map((iteration) => iteration.kind)).toEqual([
      "initial",
      "string",
    ]);
    expect(run.outcome.validationPassed).toBe(true);
    expect(pathsOf(run.outcome)).toEqual(["reask answered"]);
    expect(run.outcome.validatedOutput).toMatch(
      /^Like, I think I started out from this code first/,
    );
    expect(run.outcome.unwrap().split(/\s+/)).toHaveLength(217);
  });

  it("show notes: prose repaired, a bad link filtered, an invented time asked twice: fails", async () => {
    const run = await replay(showNotes);
    expect(run.outcome.call.iterations[0]?.repairs.map((repair) => repair.kind)).toEqual([
      "strip-prose",
      "strip-prose",
    ]);
    expect(actions(run)).toEqual([
      [
        "two-words $.guests[0] → reask",
        "valid-choices $.topics[1].timestamp → reask",
        "valid-url $.links[1] → filtered",
      ],
      ["valid-choices $.topics[1].timestamp → reask"],
    ]);
    const { outcome } = run;
    expect(outcome.call.iterations).toHaveLength(2);
    expect(outcome.validationPassed).toBe(false);
    expect(outcome.failures).toMatchObject([
      { path: "$.topics[1].timestamp", validator: "valid-choices", reason: "reask-unanswered" },
    ]);
    expect(outcome.validatedOutput).toMatchObject({
      guests: ["Linus Lee"],
      links: ["https://www.notion.so/product/ai"],
    });
    const left = outcome.validatedOutput as { topics: { timestamp: string }[] };
    expect(left.topics.map((topic) => topic.timestamp)).toEqual([
      "00:00:20",
      "00:05:30",
      "00:10:01",
      "00:16:21",
      "00:19:06",
    ]);
    expect(pathsOf(outcome)).toEqual(["filter", "reask unanswered"]);
  });

  it("quotes: the invented quote is asked again and replaced by one from the transcript", async () => {
    const run = await replay(quotes);
    expect(actions(run)).toEqual([["provenance $[2].quote → reask"], []]);
    expect(run.outcome.validationPassed).toBe(true);
    expect(run.outcome.unwrap().map((quote) => quote.speaker)).toEqual([
      "Abhinav",
      "Jonathan",
      "Jonathan",
    ]);
    expect(run.outcome.unwrap()[2]?.quote).toMatch(/^Many models are training at the moment/);
    expect(pathsOf(run.outcome)).toEqual(["reask answered"]);
  });

  it("text-to-SQL: the wrong table name is fixed without a model call, the query runs", async () => {
    const run = await replay(textToSql);
    expect(actions(run)).toEqual([["bug-free-sql $.query → fixed"]]);
    expect(run.outcome.call.iterations).toHaveLength(1);
    expect(run.outcome.validationPassed).toBe(true);
    expect(run.outcome.unwrap().query).toContain("FROM guests g JOIN episodes e");
    expect(run.extra).toEqual([
      "name · company",
      "Abhinav Venigalla · MosaicML",
      "Itamar Friedman · Codium AI and AutoGPT",
      "Jonathan Frankle · MosaicML",
      "Linus Lee · Notion AI",
      "Shreya Rajpal · Guardrails AI",
    ]);
    expect(pathsOf(run.outcome)).toEqual(["fix"]);
  });

  it("lightning round: right the first time, one choice per question", async () => {
    const run = await replay(lightningRound);
    expect(actions(run)).toEqual([[]]);
    expect(run.outcome.validationPassed).toBe(true);
    expect(run.outcome.unwrap().questions.map((entry) => entry.outcome.status)).toEqual([
      "answered",
      "answered",
      "not-asked",
      "answered",
    ]);
    const choices = run.outcome.call.iterations[0]?.validatorLogs.filter(
      (log) => log.validator === "choice",
    );
    expect(choices?.map((log) => `${log.path} ${log.outcome}`)).toEqual([
      "$.questions[0].outcome pass",
      "$.questions[1].outcome pass",
      "$.questions[2].outcome pass",
      "$.questions[3].outcome pass",
    ]);
    expect(pathsOf(run.outcome)).toEqual(["pass first time"]);
  });

  it("text-to-SQL, code first: a DELETE is refused and the call refrains", async () => {
    const run = await replay(textToSqlZod);
    expect(actions(run)).toEqual([["exclude-sql-predicates $.query → refrained"]]);
    expect(run.outcome.call.iterations).toHaveLength(1);
    expect(run.outcome.refrained).toBe(true);
    expect(run.outcome.validationPassed).toBe(false);
    expect(run.outcome.validatedOutput).toEqual({});
    expect(pathsOf(run.outcome)).toEqual(["refrain"]);
  });

  it("each task's script is what its cassette replays", async () => {
    const tasks: AnyTask[] = [
      episodeSummary,
      showNotes,
      quotes,
      textToSql,
      lightningRound,
      textToSqlZod,
    ];
    for (const task of tasks) {
      const replayed = await replay(task);
      const scripted = await task.guard().call(scriptedModel(task.script), task.options());
      expect(replayed.outcome.call.rawOutputs, task.id).toEqual(scripted.call.rawOutputs);
      expect(replayed.outcome.validatedOutput, task.id).toEqual(scripted.validatedOutput);
    }
  });
});

describe("tolerantReplay", () => {
  const guard = Guard.fromRailString<{ name: string }>(
    `<rail version="0.1"><output><string name="name"/></output><prompt>Name ${"${thing}"}. ${"${gr.complete_json_suffix_v2}"}</prompt></rail>`,
  );

  it("replays a reworded prompt from the closest recording, and says so", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "railguard-replay-")), "c.json");
    await guard.call(recordLLM(scriptedModel(['{"name": "Ada"}']), file), {
      promptParams: { thing: "a pioneer" },
    });
    const stale: number[] = [];
    const exact = await guard.call(
      tolerantReplay(file, (s) => stale.push(s.distance)),
      {
        promptParams: { thing: "a pioneer" },
      },
    );
    expect(exact.validatedOutput).toEqual({ name: "Ada" });
    expect(stale).toEqual([]);
    const reworded = await guard.call(
      tolerantReplay(file, (s) => stale.push(s.distance)),
      {
        promptParams: { thing: "one pioneer" },
      },
    );
    expect(reworded.validatedOutput).toEqual({ name: "Ada" });
    expect(stale).toEqual([3]);
  });

  it("replays a task whose prompt changed since recording, with the same path", async () => {
    const stale: string[] = [];
    const options = quotes.options();
    // Another prompt than the recorded one: four quotes asked for instead of three.
    const outcome = await quotes.guard().call(
      tolerantReplay(cassetteFile(quotes.id), (s) => stale.push(s.file)),
      { ...options, promptParams: { ...options.promptParams, count: 4 } },
    );
    expect(stale).toEqual([cassetteFile(quotes.id)]);
    expect(outcome.call.iterations).toHaveLength(2);
    expect(outcome.validationPassed).toBe(true);
  });

  it("never answers without a recording: a missing cassette is the call's error", async () => {
    const missing = join(mkdtempSync(join(tmpdir(), "railguard-replay-")), "none.json");
    const outcome = await guard.call(
      tolerantReplay(missing, () => {}),
      {
        promptParams: { thing: "x" },
      },
    );
    expect(outcome.error?.code).toBe("llm-call");
    expect(outcome.error?.message).toContain("cannot read it");
    expect(outcome.validatedOutput).toBeNull();
  });
});
