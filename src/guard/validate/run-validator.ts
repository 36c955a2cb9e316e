import { errorMessage } from "../../errors.js";
import { CallDeadline } from "../../llm/deadline.js";
import type { Field } from "../../rail/types.js";
import type { ValidatorBinding } from "../../schema/types.js";
import { describeValue } from "../../show.js";
import type { ValidatorContext, Verdict } from "../../validators/types.js";
import { fail } from "../../validators/types.js";
import { formatPath, type Path } from "../paths.js";
import type { VerdictCache, WalkOptions } from "./state.js";

/** What a validator sees besides the value, for one value of a walk. */
export function validatorContext(
  binding: ValidatorBinding,
  field: Field,
  path: Path,
  options: WalkOptions,
): ValidatorContext {
  const { metadata, signal, llm, specDir } = options;
  return { args: binding.args, metadata, path: formatPath(path), field, signal, llm, specDir };
}

/** The verdict cache and timeout a walk's validators run with. */
export const validatorLimits = (options: WalkOptions) => ({
  cache: options.verdictCache,
  timeoutMs: options.validatorTimeoutMs,
});

/**
 * Runs one bound validator. A validator that throws, rejects or returns something that is not a
 * verdict fails with that reason: bad validators never crash a call.
 */
export async function runValidator(
  binding: ValidatorBinding,
  value: unknown,
  context: ValidatorContext,
  limits: { cache?: VerdictCache; timeoutMs?: number } = {},
): Promise<Verdict> {
  const { cache, timeoutMs } = limits;
  const key = cacheKey(value, context.path);
  const known = key === undefined ? undefined : cache?.get(binding)?.get(key);
  if (known) return known;
  const verdict = await freshVerdict(binding, value, context, timeoutMs);
  if (cache && key !== undefined) {
    const byValue = cache.get(binding) ?? new Map<string, Verdict>();
    cache.set(binding, byValue.set(key, verdict));
  }
  return verdict;
}

function cacheKey(value: unknown, path: string): string | undefined {
  try {
    return `${path}\u0000${JSON.stringify(value)}`;
  } catch {
    return undefined; // not JSON (a cycle, a bigint from a custom fix): just run again
  }
}

/**
 * A validator that never settles would hold the call forever: it is given up on (a failed verdict)
 * when `timeoutMs` runs out or the caller's signal aborts, and gets a signal that aborts then.
 * A synchronous validator that loops cannot be stopped this way.
 */
async function freshVerdict(
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
    const verdict: unknown = await deadline.race(validating);
    if (isVerdict(verdict)) return verdict;
    return fail(`validator "${name}" returned ${describeValue(verdict)}, not a verdict`);
  } catch (error) {
    const stopped = deadline.failure;
    if (stopped) return fail(`validator "${name}" gave no verdict: ${stopped.reason}`);
    return fail(`validator "${name}" threw: ${errorMessage(error)}`);
  } finally {
    deadline.dispose();
  }
}

function isVerdict(value: unknown): value is Verdict {
  if (typeof value !== "object" || value === null) return false;
  const { outcome, message } = value as { outcome?: unknown; message?: unknown };
  return outcome === "pass" || (outcome === "fail" && typeof message === "string");
}
