import type { SuiteResult } from "../../testing/run-suite.js";
import { painter } from "../color.js";

/**
 * Like vitest's default reporter: each suite with its cases (✓ or ✗, time), the reasons of every
 * failure with their diffs, then totals and the time taken.
 */
export function textReport(results: readonly SuiteResult[], ms: number, color: boolean): string {
  const paint = painter(color);
  const lines: string[] = [];
  for (const suite of results) {
    const failed = suite.error !== undefined || suite.cases.some((c) => !c.passed);
    const mark = failed ? paint("fail", "✗") : paint("pass", "✓");
    const count = suite.error
      ? "could not run"
      : `${suite.cases.length} case${suite.cases.length === 1 ? "" : "s"}`;
    lines.push(` ${mark} ${suite.file} (${count}) ${paint("dim", time(suite.ms))}`);
    if (suite.error) lines.push(...indented(paint("fail", suite.error), 5));
    for (const result of suite.cases) {
      const caseMark = result.passed ? paint("pass", "✓") : paint("fail", "✗");
      lines.push(`   ${caseMark} ${result.name} ${paint("dim", time(result.ms))}`);
      for (const problem of result.problems) lines.push(...indented(problem, 7));
    }
    if (suite.updated > 0) lines.push(`   ${paint("dim", `${suite.updated} snapshot(s) updated`)}`);
  }
  const cases = results.flatMap((suite) => suite.cases);
  const failedCases = cases.filter((c) => !c.passed).length;
  const failedSuites = results.filter((s) => s.error || s.cases.some((c) => !c.passed)).length;
  lines.push(
    "",
    ` Suites  ${tally(results.length - failedSuites, failedSuites, results.length, paint)}`,
    ` Cases   ${tally(cases.length - failedCases, failedCases, cases.length, paint)}`,
    ` Time    ${time(ms)}`,
    "",
  );
  return lines.join("\n");
}

function tally(
  passed: number,
  failed: number,
  total: number,
  paint: ReturnType<typeof painter>,
): string {
  const parts = [paint("pass", `${passed} passed`)];
  if (failed > 0) parts.push(paint("fail", `${failed} failed`));
  return `${parts.join(" | ")} (${total})`;
}

const indented = (text: string, spaces: number): string[] =>
  text.split("\n").map((line) => `${" ".repeat(spaces)}${line}`.trimEnd());

const time = (ms: number): string =>
  ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(2)} s`;
