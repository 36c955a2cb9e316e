import type { Guard } from "../../guard/index.js";
import type { LLM } from "../../llm/types.js";
import { painter } from "../color.js";
import type { CliIO } from "../io.js";
import { type BatchInput, readBatchInputs } from "./inputs.js";
import { Progress } from "./progress.js";
import { finishedIds, refusedResult, resultOf, resultWriter } from "./results.js";

export interface BatchOptions {
  guard: Guard;
  llm: LLM;
  inputs: string;
  out: string;
  concurrency: number;
  /** Variables and metadata from the command line, under each line's own. */
  vars: Record<string, unknown>;
  metadata: Record<string, unknown>;
  numReasks?: number;
  /** Count fix values standing in for unanswered reasks as passing. */
  acceptFixes: boolean;
  /** Plain progress lines at most this often when stderr is not a terminal. Default 2 s. */
  progressIntervalMs?: number;
}

/** Exit code of a batch the person stopped: its results file lets the next run resume. */
export const INTERRUPTED = 130;

/**
 * Runs the spec over every input not already finished in the results file, `concurrency` calls
 * at a time, appending one result per line as each call ends. When `io.stop` aborts (Ctrl-C),
 * no new call starts; the calls in flight finish and are written. Exit 0 when every input
 * passed, 1 when one failed or errored, 130 when interrupted.
 */
export async function runBatch(options: BatchOptions, io: CliIO): Promise<number> {
  const all = readBatchInputs(options.inputs);
  const finished = finishedIds(options.out);
  const pending = all.filter((input) => !finished.has(input.id));
  const write = resultWriter(options.out);
  const progress = new Progress(pending.length, (text) => io.err.write(text), {
    tty: io.tty ?? false,
    paint: painter(io.color ?? false),
    intervalMs: options.progressIntervalMs ?? 2000,
  });
  if (finished.size > 0) {
    io.err.write(
      `railguard: resuming: ${all.length - pending.length} of ${all.length} inputs already in ${options.out}\n`,
    );
  }
  let next = 0;
  let failed = false;
  const release = io.holdInterrupts?.() ?? (() => {});
  const worker = async () => {
    while (next < pending.length && !io.stop?.aborted) {
      const input = pending[next++] as BatchInput;
      const result = await options.guard
        .call(options.llm, {
          promptParams: { ...options.vars, ...input.vars },
          metadata: { ...options.metadata, ...input.metadata },
          numReasks: options.numReasks,
        })
        .then(
          (outcome) => resultOf(input, outcome, options.acceptFixes),
          (error) => refusedResult(input, error),
        );
      write(result);
      if (result.status !== "pass") failed = true;
      progress.add(result.status, result.reasks);
    }
  };
  try {
    await Promise.all(
      Array.from({ length: Math.min(options.concurrency, pending.length) }, worker),
    );
  } finally {
    release();
  }
  const left = pending.length - next;
  if (io.stop?.aborted && left > 0) {
    progress.finish(`interrupted with ${left} input(s) left: run the same command again to resume`);
    return INTERRUPTED;
  }
  progress.finish(`results in ${options.out}`);
  return failed ? 1 : 0;
}
