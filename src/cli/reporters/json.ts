import type { SuiteResult } from "../../testing/run-suite.js";

/** The results as one JSON document, for scripts: totals, then each suite and case. */
export function jsonReport(results: readonly SuiteResult[], ms: number): string {
  const cases = results.flatMap((suite) => suite.cases);
  const report = {
    passed: cases.filter((c) => c.passed).length,
    failed: cases.filter((c) => !c.passed).length,
    suitesFailed: results.filter((s) => s.error || s.cases.some((c) => !c.passed)).length,
    ms: Math.round(ms),
    suites: results.map((suite) => ({
      file: suite.file,
      spec: suite.spec,
      ...(suite.error ? { error: suite.error } : {}),
      ms: Math.round(suite.ms),
      updated: suite.updated,
      cases: suite.cases.map(({ name, passed, problems, ms: caseMs }) => ({
        name,
        passed,
        problems,
        ms: Math.round(caseMs),
      })),
    })),
  };
  return `${JSON.stringify(report, null, 2)}\n`;
}
