/**
 * Runs tasks through `Guard.call` against the model the command line asks for: the bundled
 * cassettes by default (offline), a real model when OPENAI_API_KEY or OPENAI_BASE_URL is set,
 * recording it with `--record`; `--scripted` records the cassettes from the tasks' scripts.
 */
import { fileURLToPath } from "node:url";
import { disposeSqlSandboxes, type LLM, modelFromEnv } from "../../src/index.js";
import { cassetteFile, recorder, scriptedModel, tolerantReplay } from "./models.js";
import { type TaskRun, taskBlock } from "./report.js";
import type { AnyTask, Task } from "./task.js";

export type ModelSource =
  | { kind: "replay" }
  | { kind: "live"; llm: LLM; record: boolean }
  | { kind: "scripted" };

/** Where the answers come from, from the arguments and the OPENAI_* variables. */
export function modelSource(args: readonly string[]): ModelSource {
  if (args.includes("--scripted")) return { kind: "scripted" };
  const llm = modelFromEnv({ params: { temperature: 0 }, maxRetries: 3, timeoutMs: 60_000 });
  if (llm) return { kind: "live", llm, record: args.includes("--record") };
  if (args.includes("--record")) {
    throw new Error(
      "--record needs a model: set OPENAI_API_KEY or OPENAI_BASE_URL (or run npm run cassettes)",
    );
  }
  return { kind: "replay" };
}

/** The header line saying where the answers come from. */
export function describeSource(source: ModelSource): string {
  switch (source.kind) {
    case "replay":
      return [
        "Answers are RECORDED, not live: scripted answers with typical model mistakes, replayed",
        "from examples/cassettes/tasks/ (tokens estimated). For a real model: OPENAI_API_KEY=sk-… npm run demo",
      ].join("\n");
    case "scripted":
      return "Recording the cassettes from the tasks' scripted answers (npm run cassettes).";
    case "live":
      return `Answers are LIVE from ${process.env.OPENAI_BASE_URL || "OpenAI"} (model ${process.env.OPENAI_MODEL || "gpt-4o-mini"})${source.record ? ", recorded into examples/cassettes/tasks/" : ""}.`;
  }
}

/** Requests whose prompt changed since the cassettes were written, across the run. */
export const staleReplays: string[] = [];

function modelFor<T>(task: Task<T>, source: ModelSource): LLM {
  switch (source.kind) {
    case "replay":
      return tolerantReplay(cassetteFile(task.id), () => staleReplays.push(task.id));
    case "scripted":
      return recorder(task.id, scriptedModel(task.script));
    case "live":
      return source.record ? recorder(task.id, source.llm) : source.llm;
  }
}

export async function runTask<T>(task: Task<T>, source: ModelSource): Promise<TaskRun<T>> {
  const outcome = await task.guard().call(modelFor(task, source), task.options());
  const extra = task.after ? await task.after(outcome) : [];
  return { task, outcome, extra };
}

/** A line to print when some answers were replayed for prompts worded otherwise. */
export function staleNotice(): string | undefined {
  if (staleReplays.length === 0) return undefined;
  const tasks = [...new Set(staleReplays)].join(", ");
  return `Note: ${staleReplays.length} prompt(s) changed since the cassettes were recorded (${tasks}); the closest recording was replayed. Re-record with: npm run cassettes`;
}

/** When `moduleUrl` is the script node was started with: run that one task and print it. */
export async function runAsScript(moduleUrl: string, task: AnyTask): Promise<void> {
  if (process.argv[1] !== fileURLToPath(moduleUrl)) return;
  const args = process.argv.slice(2);
  const source = modelSource(args);
  console.log(describeSource(source));
  const run = await runTask(task, source);
  console.log(taskBlock(run, 1));
  if (args.includes("--verbose")) console.log(run.outcome.call.tree());
  const notice = staleNotice();
  if (notice) console.log(notice);
  await disposeSqlSandboxes();
}
