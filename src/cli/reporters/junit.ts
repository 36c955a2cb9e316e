import type { SuiteResult } from "../../testing/run-suite.js";

/**
 * JUnit XML, as CI systems read it: one `<testsuite>` per suite file, one `<testcase>` per case,
 * a `<failure>` with the reasons. A suite that could not run is one failing case named "(suite)".
 */
export function junitReport(results: readonly SuiteResult[], ms: number): string {
  const cases = results.flatMap((suite) => suite.cases);
  const failures = cases.filter((c) => !c.passed).length + results.filter((s) => s.error).length;
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="railguard" tests="${cases.length + results.filter((s) => s.error).length}" failures="${failures}" time="${seconds(ms)}">`,
  ];
  for (const suite of results) {
    const entries = suite.error
      ? [{ name: "(suite)", passed: false, problems: [suite.error], ms: suite.ms }]
      : suite.cases;
    const failed = entries.filter((c) => !c.passed).length;
    lines.push(
      `  <testsuite name="${xml(suite.file)}" tests="${entries.length}" failures="${failed}" time="${seconds(suite.ms)}">`,
    );
    for (const entry of entries) {
      const open = `    <testcase classname="${xml(suite.file)}" name="${xml(entry.name)}" time="${seconds(entry.ms)}"`;
      if (entry.passed) {
        lines.push(`${open}/>`);
        continue;
      }
      const message = entry.problems[0]?.split("\n")[0] ?? "failed";
      lines.push(
        `${open}>`,
        `      <failure message="${xml(message)}">${xml(entry.problems.join("\n\n"))}</failure>`,
        "    </testcase>",
      );
    }
    lines.push("  </testsuite>");
  }
  lines.push("</testsuites>", "");
  return lines.join("\n");
}

const seconds = (ms: number): string => (ms / 1000).toFixed(3);

/** Text as XML attribute or element content; characters XML 1.0 forbids are dropped. */
function xml(text: string): string {
  return (
    text
      // biome-ignore lint/suspicious/noControlCharactersInRegex: removing the characters XML forbids
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, "")
      .replace(/&/g, "&amp;")
      .replace(/</g, "&lt;")
      .replace(/>/g, "&gt;")
      .replace(/"/g, "&quot;")
  );
}
