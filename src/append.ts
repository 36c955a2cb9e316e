/**
 * `target.push(...items)` passes every item as an argument, and past about 120,000 arguments V8
 * throws "Maximum call stack size exceeded": a 150,000-item output logs that many verdicts or
 * repairs. This appends in a loop, at any length.
 */
export function appendAll<T>(target: T[], items: readonly T[]): void {
  for (const item of items) target.push(item);
}
