import { createContext, Script } from "node:vm";

/** Thrown by `runWithin` when the task outlived its limit and was stopped. */
export class TimeLimitExceeded extends Error {
  constructor(readonly limitMs: number) {
    super(`did not finish within ${limitMs} ms`);
    this.name = "TimeLimitExceeded";
  }
}

// Some work on model output can take far longer than its size suggests: a pattern such as
// `(a+)+$` backtracking on "aaaa…!", a PEG parser exploring alternatives on unclosed parentheses.
// Run synchronously, it would block the event loop meanwhile; V8 interrupts code running inside
// `vm` when the script's `timeout` passes, including the functions it calls.
const context = createContext({ task: (): unknown => undefined });
const RUN_TASK = new Script("task()");

/** `task()`, stopped after `timeoutMs`: throws `TimeLimitExceeded` then. Not re-entrant. */
export function runWithin<T>(task: () => T, timeoutMs: number): T {
  context.task = task;
  try {
    return RUN_TASK.runInContext(context, { timeout: timeoutMs }) as T;
  } catch (error) {
    if ((error as { code?: unknown }).code === "ERR_SCRIPT_EXECUTION_TIMEOUT") {
      throw new TimeLimitExceeded(timeoutMs);
    }
    throw error;
  } finally {
    // The context outlives the call; it should not keep the task (and the model's text) alive.
    context.task = () => undefined;
  }
}
