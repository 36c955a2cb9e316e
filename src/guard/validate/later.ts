/**
 * A step of a walk that could not finish synchronously: a validator or an on-fail handler
 * returned a promise. Most validators are synchronous and cheap, and a promise per field costs
 * more than the check (a microtask each, and their garbage), so the walk stays synchronous until
 * a step hands it one of these, and goes on asynchronously from there.
 *
 * A class of its own, not "anything with a `then`": a value a validator returns, or a value in
 * the output, may be a promise or a thenable, and must be kept as the value it is.
 */
export class Later<T> {
  constructor(readonly promise: Promise<T>) {}
}

/** A value now, or `Later`. */
export type Maybe<T> = T | Later<T>;

/** The value, or the promise of it, for `await`. */
export function settle<T>(value: Maybe<T>): T | Promise<T> {
  return value instanceof Later ? value.promise : value;
}
