/**
 * Whether `value` has a `then` method, as `await` decides: a promise, or anything that behaves
 * like one. A `then` getter that throws makes a value no thenable rather than an exception: the
 * values asked about come from code the guard does not trust (validators, listeners).
 */
export function isThenable(value: unknown): value is PromiseLike<unknown> {
  try {
    return typeof (value as { then?: unknown } | null)?.then === "function";
  } catch {
    return false;
  }
}
