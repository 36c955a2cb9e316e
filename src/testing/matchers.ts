import type { ValidationOutcome } from "../guard/index.js";
import type { RepairKind } from "../parse/types.js";
import { describeValue } from "../show.js";
import { failedOf } from "./expectations.js";

/** What a matcher returns to vitest's (or jest's) `expect.extend`. */
export interface MatcherResult {
  pass: boolean;
  message: () => string;
}

/**
 * The matchers' types, to merge into vitest's:
 *
 *   import { railguardMatchers, type RailguardMatchers } from "railguard/testing";
 *   expect.extend(railguardMatchers);
 *   declare module "vitest" { interface Matchers<T = any> extends RailguardMatchers<T> {} }
 */
export interface RailguardMatchers<R = unknown> {
  /** `validationPassed` is true (every check ran and held). */
  toPassValidation(): R;
  /** The validator failed on the path (`$.guests[0]`) in some round. */
  toHaveFailed(path: string, validator: string): R;
  /** Exactly `count` reasks were sent to the model. */
  toHaveReasked(count: number): R;
  /** The parser made a repair of this kind (`fix-syntax`, `extract-fence`…) in some round. */
  toHaveRepaired(kind: RepairKind): R;
}

type Matcher = (received: unknown, ...args: never[]) => MatcherResult;

/** Matchers over a `ValidationOutcome`, for `expect.extend(railguardMatchers)`. */
export const railguardMatchers = {
  toPassValidation(received: unknown): MatcherResult {
    const outcome = asOutcome(received);
    const why = outcome.error
      ? `error: ${outcome.error.message}`
      : outcome.failures.map((f) => `${f.validator} ${f.path}: ${f.message}`).join("; ");
    return {
      pass: outcome.validationPassed,
      message: () =>
        outcome.validationPassed
          ? "expected validation to fail, but it passed"
          : `expected validation to pass, but it failed (${why || "no failure recorded"})`,
    };
  },
  toHaveFailed(received: unknown, path: string, validator: string): MatcherResult {
    const failed = failedOf(asOutcome(received));
    const wanted = `${validator} ${path}`;
    const pass = failed.includes(wanted);
    return {
      pass,
      message: () =>
        pass
          ? `expected ${validator} not to fail on ${path}, but it did`
          : `expected ${validator} to fail on ${path}; failed: ${failed.join(", ") || "none"}`,
    };
  },
  toHaveReasked(received: unknown, count: number): MatcherResult {
    const sent = asOutcome(received).call.reaskPrompts.length;
    return {
      pass: sent === count,
      message: () => `expected ${count} reask(s) to be sent, got ${sent}`,
    };
  },
  toHaveRepaired(received: unknown, kind: RepairKind): MatcherResult {
    const repairs = asOutcome(received).call.iterations.flatMap((it) =>
      it.repairs.map((r) => r.kind),
    );
    const pass = repairs.includes(kind);
    return {
      pass,
      message: () =>
        pass
          ? `expected no "${kind}" repair, but the parser made one`
          : `expected a "${kind}" repair; repairs made: ${[...new Set(repairs)].join(", ") || "none"}`,
    };
  },
} satisfies Record<keyof RailguardMatchers, Matcher>;

function asOutcome(received: unknown): ValidationOutcome<unknown> {
  const outcome = received as ValidationOutcome<unknown> | undefined;
  if (typeof outcome?.validationPassed !== "boolean" || !outcome.call?.iterations) {
    throw new TypeError(
      `railguard matchers take a guard outcome (guard.call / guard.parse / a case result's outcome), got ${describeValue(received)}`,
    );
  }
  return outcome;
}
