import { errorMessage } from "../../errors.js";
import type { ValidatorBinding } from "../../schema/types.js";
import { describeValue } from "../../show.js";
import type { ValidatorContext, Verdict } from "../../validators/types.js";
import { fail } from "../../validators/types.js";
import type { VerdictCache } from "./state.js";

/**
 * Runs one bound validator. A validator that throws, rejects or returns something that is not a
 * verdict fails with that reason: bad validators never crash a call.
 */
export async function runValidator(
  binding: ValidatorBinding,
  value: unknown,
  context: ValidatorContext,
  cache?: VerdictCache,
): Promise<Verdict> {
  const key = cacheKey(value, context.path);
  const known = key === undefined ? undefined : cache?.get(binding)?.get(key);
  if (known) return known;
  const verdict = await freshVerdict(binding, value, context);
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

async function freshVerdict(
  binding: ValidatorBinding,
  value: unknown,
  context: ValidatorContext,
): Promise<Verdict> {
  try {
    const verdict: unknown = await binding.definition.validate(value, context);
    if (isVerdict(verdict)) return verdict;
    return fail(
      `validator "${binding.ref.name}" returned ${describeValue(verdict)}, not a verdict`,
    );
  } catch (error) {
    const reason = errorMessage(error);
    return fail(`validator "${binding.ref.name}" threw: ${reason}`);
  }
}

function isVerdict(value: unknown): value is Verdict {
  if (typeof value !== "object" || value === null) return false;
  const { outcome, message } = value as { outcome?: unknown; message?: unknown };
  return outcome === "pass" || (outcome === "fail" && typeof message === "string");
}
