/**
 * The longest delay a Node timer honours: `setTimeout` clamps anything longer to 1 ms, so a
 * larger budget would end a call at once instead of never. Every duration option is checked
 * against it.
 */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Why a duration option is unusable, or undefined when it is fine: a finite number of
 * milliseconds from 0 to {@link MAX_TIMER_MS}. The caller wraps the reason in its own error.
 */
export function durationProblem(name: string, value: unknown): string | undefined {
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
    return `${name} must be a finite number ≥ 0, got ${String(value)}.`;
  }
  if (value > MAX_TIMER_MS) {
    return `${name} must be at most ${MAX_TIMER_MS} ms (Node's timer limit, about 24.8 days), got ${value}.`;
  }
  return undefined;
}

/**
 * Why a validator's time limit argument is unusable: one that is not positive ends every check at
 * once, as one past {@link MAX_TIMER_MS} does (Node clamps the timer to 1 ms). A reason that
 * follows the argument's name ("must be …"), checked when the spec compiles.
 */
export function timeLimitProblem(value: unknown): string | undefined {
  if (typeof value === "number" && value >= 1 && value <= MAX_TIMER_MS) return undefined;
  return `must be 1 to ${MAX_TIMER_MS} ms (Node's timer range), got ${String(value)}`;
}
