/**
 * How long one guard call may spend in checks that block the event loop while they run (regex
 * matching: a catastrophic pattern is interrupted only at its time limit). A per-check limit
 * alone lets a list multiply it: 40 items × 250 ms held the process for 10 s. The guard makes one
 * budget per call and every such check draws on it; a check the budget cannot cover is reported
 * as not run, never as passed.
 */
export class WorkBudget {
  readonly totalMs: number;
  #spentMs = 0;

  constructor(totalMs: number) {
    this.totalMs = totalMs;
  }

  /**
   * What is left, in whole milliseconds: a time limit is set in whole ones (`vm` takes no less),
   * so under one left is none. A match cut at the budget's end can measure a hair under its
   * limit; that hair is not a budget left.
   */
  get remainingMs(): number {
    return Math.max(0, Math.floor(this.totalMs - this.#spentMs));
  }

  /** Runs `task`, charging its duration to the budget even when it throws. */
  charge<T>(task: () => T): T {
    const started = performance.now();
    try {
      return task();
    } finally {
      this.#spentMs += performance.now() - started;
    }
  }
}

/** A call's budget for blocking checks when the guard runs them: one second in all. */
export const CALL_WORK_BUDGET_MS = 1000;
