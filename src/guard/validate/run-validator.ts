import type { ValidatorBinding } from "../../contract/binding.js";
import type { ValidatorContext, Verdict } from "../../contract/types.js";
import { fail } from "../../contract/types.js";
import { CallDeadline } from "../../deadline.js";
import { errorMessage } from "../../errors.js";
import type { Field } from "../../rail/types.js";
import { describeValue, hasPlainPrototype } from "../../show.js";
import { isThenable } from "../../thenable.js";
import { ownCopy } from "./own-copy.js";
import type { CachedVerdict, WalkOptions } from "./state.js";

/** What a validator sees besides the value, for one value of a walk. */
export function validatorContext(
  binding: ValidatorBinding,
  field: Field,
  path: string,
  options: WalkOptions,
): ValidatorContext {
  const { metadata, signal, llm, ask, specDir, budget } = options;
  return {
    args: binding.args,
    metadata,
    path,
    field,
    signal,
    llm,
    ask,
    specDir,
    budget,
  };
}

/** The verdict cache and time limit of a walk's validators (its `WalkOptions`). */
export type ValidatorLimits = Pick<WalkOptions, "verdictCache" | "validatorTimeoutMs">;

/**
 * Runs one bound validator. A validator that throws, rejects or returns something that is not a
 * verdict fails with that reason: bad validators never crash a call. A synchronous validator's
 * verdict comes back synchronously when nothing can stop it early (no signal, no time limit: see
 * `freshVerdict`): most checks are cheap, and a promise per field would cost more than the check.
 */
export function runValidator(
  binding: ValidatorBinding,
  value: unknown,
  context: ValidatorContext,
  { verdictCache: cache, validatorTimeoutMs: timeoutMs }: ValidatorLimits = {},
): Verdict | Promise<Verdict> {
  if (!cache) return freshVerdict(binding, value, context, timeoutMs);
  // An object is remembered as its JSON, taken before the validator runs: one that changes what
  // it is given must not change which value its verdict is remembered for.
  const seen: Seen = isObject(value) ? { json: jsonOf(value) } : { value };
  let byPath = cache.get(binding);
  const cached = byPath?.get(context.path);
  if (cached && sameValue(cached, seen)) return cached.verdict;
  if (byPath === undefined) {
    byPath = new Map<string, CachedVerdict>();
    cache.set(binding, byPath);
  }
  const verdict = freshVerdict(binding, value, context, timeoutMs);
  if (!(verdict instanceof Promise)) return remember(byPath, context.path, seen, verdict);
  const entries = byPath;
  return verdict.then((settled) => remember(entries, context.path, seen, settled));
}

function remember(
  byPath: Map<string, CachedVerdict>,
  path: string,
  seen: Seen,
  verdict: Verdict,
): Verdict {
  byPath.set(path, "json" in seen ? { json: seen.json, verdict } : { value: seen.value, verdict });
  return verdict;
}

/** A value as the cache compares it: a primitive itself, an object its JSON. */
type Seen = Omit<CachedVerdict, "verdict">;

const isObject = (value: unknown): value is object => typeof value === "object" && value !== null;

/**
 * Whether a value is the one a cached verdict was given on: the same primitive, or an object
 * with the same JSON (never one JSON cannot write, or writes like another: a cycle, a bigint from
 * a custom fix, NaN, -0, a date; see `jsonOf`).
 */
function sameValue(cached: CachedVerdict, seen: Seen): boolean {
  if ("json" in seen) return seen.json !== undefined && cached.json === seen.json;
  return !("json" in cached) && Object.is(cached.value, seen.value);
}

function jsonOf(value: unknown): string | undefined {
  let json: string;
  try {
    json = JSON.stringify(value);
  } catch {
    return undefined; // not JSON: never matched, the validator just runs again
  }
  // JSON writes NaN and null, -0 and 0, a date and its text, a key set to undefined and none
  // alike: a verdict on one is no verdict on the other (a fix may put either in).
  return writesFaithfully(value) ? json : undefined;
}

/** Whether `JSON.parse` would give back a value equal to this one. Only for a value JSON wrote. */
function writesFaithfully(value: unknown): boolean {
  if (value === null || typeof value === "string" || typeof value === "boolean") return true;
  if (typeof value === "number") return Number.isFinite(value) && !Object.is(value, -0);
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++) {
      if (!writesFaithfully(value[index])) return false;
    }
    return true;
  }
  if (typeof value !== "object") return false;
  if (!hasPlainPrototype(value)) return false;
  for (const key of Object.keys(value)) {
    if (!writesFaithfully((value as Record<string, unknown>)[key])) return false;
  }
  return true;
}

/**
 * Without a signal or a time limit nothing can stop a validator early, so it runs bare: no
 * AbortController, no timer, no race (they cost more than a cheap check). Otherwise see
 * `withDeadline`.
 */
function freshVerdict(
  binding: ValidatorBinding,
  value: unknown,
  context: ValidatorContext,
  timeoutMs: number | undefined,
): Verdict | Promise<Verdict> {
  if (context.signal !== undefined || timeoutMs !== undefined) {
    return withDeadline(binding, value, context, timeoutMs);
  }
  const name = binding.ref.name;
  try {
    const result: unknown = binding.definition.validate(value, context);
    if (!isThenable(result)) return checkedVerdict(name, result);
    // Through a real promise: a thenable's own `then` may return anything, or call back late.
    return Promise.resolve(result).then(
      (settled) => checkedVerdict(name, settled),
      (error) => threw(name, error),
    );
  } catch (error) {
    return threw(name, error);
  }
}

/**
 * A validator that never settles would hold the call forever: it is given up on (a failed verdict)
 * when `timeoutMs` runs out or the caller's signal aborts, and gets a signal that aborts then.
 * A synchronous validator that loops cannot be stopped this way.
 */
async function withDeadline(
  binding: ValidatorBinding,
  value: unknown,
  context: ValidatorContext,
  timeoutMs: number | undefined,
): Promise<Verdict> {
  const name = binding.ref.name;
  const deadline = new CallDeadline(context.signal, timeoutMs);
  try {
    if (deadline.failure)
      return fail(`validator "${name}" did not run: ${deadline.failure.reason}`);
    const validating = new Promise((resolve) =>
      resolve(binding.definition.validate(value, { ...context, signal: deadline.signal })),
    );
    return checkedVerdict(name, await deadline.race(validating));
  } catch (error) {
    const stopped = deadline.failure;
    if (stopped) return fail(`validator "${name}" gave no verdict: ${stopped.reason}`);
    return threw(name, error);
  } finally {
    deadline.dispose();
  }
}

function checkedVerdict(name: string, verdict: unknown): Verdict {
  if (isVerdict(verdict)) return ownVerdict(name, verdict);
  return fail(`validator "${name}" returned ${describeValue(verdict)}, not a verdict`);
}

/**
 * The verdict with the guard's own copy of the value it passes as or offers as a fix: the
 * validator may keep the one it gave (a constant) and change it after the call, which must change
 * neither the value taken, nor the log, nor the record. A value the copy cannot read (a getter
 * that throws) is no verdict.
 */
function ownVerdict(name: string, verdict: Verdict): Verdict {
  // Everything read inside the try, once: a getter that throws is the same failure whether the
  // validator answered at once or through a promise.
  try {
    if (verdict.outcome === "pass") {
      const { value } = verdict;
      return typeof value === "object" && value !== null
        ? { ...verdict, value: ownCopy(value) }
        : verdict;
    }
    const { fixValue } = verdict;
    if (typeof fixValue !== "object" || fixValue === null) return verdict;
    return { ...verdict, fixValue: ownCopy(fixValue) };
  } catch (error) {
    return fail(`validator "${name}" gave a value that cannot be read: ${errorMessage(error)}`);
  }
}

const threw = (name: string, error: unknown): Verdict =>
  fail(`validator "${name}" threw: ${errorMessage(error)}`);

function isVerdict(value: unknown): value is Verdict {
  if (typeof value !== "object" || value === null) return false;
  const { outcome, message } = value as { outcome?: unknown; message?: unknown };
  return outcome === "pass" || (outcome === "fail" && typeof message === "string");
}
