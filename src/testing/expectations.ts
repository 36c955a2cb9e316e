import { isDeepStrictEqual } from "node:util";
import type { ValidationOutcome } from "../guard/index.js";
import { jsonSafe } from "../guard/json-safe.js";
import { isPlainObject } from "../show.js";
import { indent, lineDiff } from "./diff.js";
import type { CaseExpectations } from "./suite-file.js";

/** What a case observed: the outcome, and how the model was used. */
export interface Observed {
  outcome: ValidationOutcome<unknown>;
  calls: number;
}

/** Each expectation the outcome does not meet, as a readable paragraph (a diff where it helps). */
export function unmetExpectations(expected: CaseExpectations, observed: Observed): string[] {
  const { outcome, calls } = observed;
  const problems: string[] = [];
  const output = jsonSafe(outcome.validatedOutput);
  if (
    expected.validationPassed !== undefined &&
    expected.validationPassed !== outcome.validationPassed
  ) {
    const standing = outcome.failures.map((f) => `${f.validator} ${f.path}: ${f.message}`);
    const why = outcome.error ? [`error: ${outcome.error.message}`] : standing;
    problems.push(
      `expected validationPassed ${expected.validationPassed}, got ${outcome.validationPassed}` +
        (why.length > 0 ? `\n${indent(why.join("\n"))}` : ""),
    );
  }
  if ("output" in expected && !isDeepStrictEqual(expected.output, output)) {
    problems.push(`validated output differs:\n${indent(jsonDiff(expected.output, output))}`);
  }
  if ("outputSubset" in expected && !isSubset(expected.outputSubset, output)) {
    problems.push(
      `validated output does not contain the expected subset:\n${indent(jsonDiff(expected.outputSubset, output))}`,
    );
  }
  if (expected.failed)
    problems.push(...setDifference("failed validators", expected.failed, failedOf(outcome)));
  if (expected.actions)
    problems.push(...setDifference("actions", expected.actions, actionsOf(outcome)));
  if (expected.calls !== undefined && expected.calls !== calls) {
    problems.push(`expected ${expected.calls} model call(s), got ${calls}`);
  }
  return problems;
}

/** `"<validator> <path>"` of every failed verdict, in any round, once each. */
export function failedOf(outcome: ValidationOutcome<unknown>): string[] {
  const logs = outcome.call.iterations.flatMap((iteration) => iteration.validatorLogs);
  return unique(
    logs.filter((log) => log.outcome === "fail").map((log) => `${log.validator} ${log.path}`),
  );
}

/** `"<action> <validator> <path>"` of every action taken on a failure, once each. */
export function actionsOf(outcome: ValidationOutcome<unknown>): string[] {
  const logs = outcome.call.iterations.flatMap((iteration) => iteration.validatorLogs);
  return unique(
    logs
      .filter((log) => log.actionTaken !== "none")
      .map((log) => `${log.actionTaken} ${log.validator} ${log.path}`),
  );
}

const unique = (items: string[]): string[] => [...new Set(items)].sort();

function setDifference(
  what: string,
  expected: readonly string[],
  actual: readonly string[],
): string[] {
  const missing = expected.filter((item) => !actual.includes(item));
  const extra = actual.filter((item) => !expected.includes(item));
  if (missing.length === 0 && extra.length === 0) return [];
  const lines = [...missing.map((item) => `- ${item}`), ...extra.map((item) => `+ ${item}`)];
  return [`${what} differ (- expected, + received):\n${indent(lines.join("\n"))}`];
}

const json = (value: unknown): string => JSON.stringify(value, null, 2) ?? String(value);

const jsonDiff = (expected: unknown, received: unknown): string =>
  lineDiff(json(expected), json(received));

/** Objects: every expected key matches; arrays: same length, items match; else equal. */
export function isSubset(expected: unknown, received: unknown): boolean {
  if (Array.isArray(expected)) {
    return (
      Array.isArray(received) &&
      expected.length === received.length &&
      expected.every((item, i) => isSubset(item, received[i]))
    );
  }
  if (isPlainObject(expected)) {
    return (
      isPlainObject(received) &&
      Object.keys(expected).every(
        (key) => Object.hasOwn(received, key) && isSubset(expected[key], received[key]),
      )
    );
  }
  return isDeepStrictEqual(expected, received);
}
