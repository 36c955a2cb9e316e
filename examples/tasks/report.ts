/**
 * What the demo prints: per task one compact block (the path the guard took, the output abridged,
 * the validation result), and a summary table of all tasks.
 */
import type { GuardOutcome, ValidationOutcome } from "../../src/index.js";
import { abridge, type Task } from "./task.js";

/** The paths a call can take; the demo's cassettes make the guard take each at least once. */
export type GuardPath =
  | "pass first time"
  | "fix"
  | "filter"
  | "reask answered"
  | "reask unanswered"
  | "refrain";

export interface TaskRun<T = unknown> {
  task: Task<T>;
  outcome: ValidationOutcome<T>;
  /** Lines the task adds after its outcome (the SQL task's rows). */
  extra: string[];
}

/** Every path the call took, in the order above. */
export function pathsOf<T>(outcome: ValidationOutcome<T>): GuardPath[] {
  const { iterations } = outcome.call;
  const logs = iterations.flatMap((iteration) => iteration.validatorLogs);
  const taken = new Set(logs.map((log) => log.actionTaken));
  const reasksSent = iterations.filter((iteration) => iteration.reask?.sent).length;
  const unanswered =
    outcome.unansweredFixes.length > 0 ||
    outcome.failures.some((failure) => failure.reason === "reask-unanswered");
  const paths: GuardPath[] = [];
  if (iterations.length === 1 && logs.every((log) => log.outcome === "pass") && !outcome.error) {
    paths.push("pass first time");
  }
  if (taken.has("fixed")) paths.push("fix");
  if (taken.has("filtered")) paths.push("filter");
  if (reasksSent > 0 && !unanswered) paths.push("reask answered");
  if (unanswered) paths.push("reask unanswered");
  if (outcome.refrained) paths.push("refrain");
  return paths;
}

/** The validation result in words: what a reader must not miss. */
export function resultOf<T>(outcome: ValidationOutcome<T>): string {
  if (outcome.error) return `✗ error (${outcome.error.code})`;
  if (outcome.refrained) return "✗ refrained: empty output";
  if (!outcome.validationPassed) return `✗ FAILED: ${outcome.failures.length} failure(s) left`;
  return "✓ validation passed";
}

const count = (n: number, noun: string): string => `${n} ${noun}${n === 1 ? "" : "s"}`;

export function taskBlock<T>({ task, outcome, extra }: TaskRun<T>, index: number): string {
  const { call } = outcome;
  const lines = [`── ${index}. ${task.title} · ${task.spec} · ${task.source}`];
  for (const iteration of call.iterations) {
    const repairs = iteration.repairs.map((repair) => repair.kind);
    const failed = iteration.validatorLogs.filter((log) => log.outcome === "fail");
    const verdict = failed.length === 0 ? "every validator passed" : `${failed.length} failed`;
    const repaired = repairs.length > 0 ? ` · repairs: ${repairs.join(", ")}` : "";
    lines.push(`   #${iteration.index} ${iteration.kind}${repaired} · ${verdict}`);
    for (const log of failed) {
      const reason = abridge(log.message ?? "", 70);
      lines.push(`      ✗ ${log.validator} ${log.path} → ${log.actionTaken}: ${reason}`);
    }
  }
  const reasks = call.iterations.filter((iteration) => iteration.reask);
  const unsent = reasks.filter((iteration) => !iteration.reask?.sent).length;
  lines.push(
    `   ${count(call.iterations.length, "model call")} · ${count(reasks.length - unsent, "reask")} sent${
      unsent > 0 ? `, ${unsent} wanted but over budget` : ""
    } · ${call.tokens.totalTokens} tokens`,
  );
  if (outcome.validatedOutput !== null && !outcome.refrained) {
    for (const line of shownOutput(task, outcome)) lines.push(`   │ ${line}`);
  }
  for (const line of extra) lines.push(`   │ ${line}`);
  for (const failure of outcome.failures) {
    const message = abridge(failure.message, 70);
    lines.push(`   ! ${failure.validator} ${failure.path} (${failure.reason}): ${message}`);
  }
  for (const fix of outcome.unansweredFixes) {
    lines.push(`   ! ${fix.validator} ${fix.path}: never confirmed by the model (fix value used)`);
  }
  if (outcome.error) lines.push(`   ! ${outcome.error.message.split("\n")[0]}`);
  lines.push(`   ${resultOf(outcome)} · path: ${pathsOf(outcome).join(" + ")}`);
  return lines.join("\n");
}

// biome-ignore lint/suspicious/noExplicitAny: runs of tasks with different outputs
export function summaryTable(runs: readonly TaskRun<any>[]): string {
  const rows = runs.map(({ task, outcome }) => [
    task.title,
    pathsOf(outcome).join(" + "),
    String(outcome.call.iterations.length),
    String(outcome.call.tokens.totalTokens),
    resultOf(outcome),
  ]);
  const header = ["task", "path", "calls", "tokens", "result"];
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] as string).length)),
  );
  const line = (cells: string[]) =>
    cells
      .map((cell, column) => cell.padEnd(widths[column] as number))
      .join("  ")
      .trimEnd();
  return [line(header), line(widths.map((width) => "─".repeat(width))), ...rows.map(line)].join(
    "\n",
  );
}

/**
 * A passed outcome's value is the task's type; a failed one's need not be (a value the guard
 * could not make valid), so the task shows it when it can, and JSON stands in when it cannot.
 */
function shownOutput<T>(task: Task<T>, outcome: GuardOutcome<T>): string[] {
  if (outcome.validationPassed) return task.show(outcome.validatedOutput);
  try {
    return task.show(outcome.validatedOutput as T);
  } catch {
    return [
      abridge(JSON.stringify(outcome.validatedOutput) ?? String(outcome.validatedOutput), 200),
    ];
  }
}
