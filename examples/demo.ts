/**
 * The demo: runs the six example tasks over the Latent Space corpus through `Guard.call` and
 * prints, per task, the path the guard took, the output abridged and the validation result, then
 * a summary table.
 *
 *   npm run demo                              # offline: replays examples/cassettes/tasks/
 *   npm run demo -- --verbose                 # and each call's full history tree
 *   OPENAI_API_KEY=sk-… npm run demo          # a real model (OPENAI_BASE_URL, OPENAI_MODEL too)
 *   OPENAI_API_KEY=sk-… npm run demo -- --record   # …and record its answers as the cassettes
 *                                             # (tests expect the scripted ones: see below)
 *   npm run cassettes                         # re-record the cassettes from the scripted answers
 *                                             # (after a prompt change)
 */
import { disposeSqlSandboxes } from "../src/index.js";
import { TASKS } from "./tasks/all.js";
import { summaryTable, type TaskRun, taskBlock } from "./tasks/report.js";
import { describeSource, modelSource, runTask, staleNotice } from "./tasks/run.js";

const args = process.argv.slice(2);
const source = modelSource(args);
console.log(describeSource(source));

const runs: TaskRun[] = [];
for (const [index, task] of TASKS.entries()) {
  const run = await runTask(task, source);
  runs.push(run);
  console.log(`\n${taskBlock(run, index + 1)}`);
  if (args.includes("--verbose")) console.log(`\n${run.outcome.call.tree()}`);
}
console.log(`\n${summaryTable(runs)}`);
const notice = staleNotice();
if (notice) console.log(`\n${notice}`);
await disposeSqlSandboxes();
