import { findSuites } from "../testing/discover.js";
import { runSuite, type SuiteResult } from "../testing/run-suite.js";
import { readSuite } from "../testing/suite-file.js";
import { parseCommandArgs, usageError } from "./args.js";
import type { CliIO } from "./io.js";
import { jsonReport } from "./reporters/json.js";
import { junitReport } from "./reporters/junit.js";
import { textReport } from "./reporters/text.js";
import { prepareSpecs, SPEC_OPTIONS } from "./spec-options.js";

const OPTIONS = {
  reporter: { type: "string", default: "text" },
  update: { type: "boolean", default: false },
  ...SPEC_OPTIONS,
} as const;

/** Turns a run's results into the report's text. */
export type Reporter = (results: readonly SuiteResult[], ms: number, color: boolean) => string;

const REPORTERS: Record<string, Reporter> = {
  text: textReport,
  json: jsonReport,
  junit: junitReport,
};

/**
 * `railguard test`: every suite under the paths, run in this process one after another, then one
 * report. Exit 1 when a case fails or a suite cannot run, 2 when a path does not exist.
 */
export async function testMain(args: readonly string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandArgs("test", args, OPTIONS);
  const reporter = REPORTERS[values.reporter];
  if (!reporter) {
    throw usageError(
      "test",
      `--reporter must be ${Object.keys(REPORTERS).join(", ")}, not "${values.reporter}"`,
    );
  }
  const files = findSuites(positionals.length > 0 ? positionals : ["."]);
  if (files.length === 0) {
    throw usageError(
      "test",
      `no suite files (*.cases.yaml, *.cases.json) under ${positionals.join(", ") || "."}`,
    );
  }
  // Custom validators first, from --require and each spec's folder: every suite then compiles.
  const specs = files.flatMap((file) => {
    try {
      return [readSuite(file).spec];
    } catch {
      return [];
    }
  });
  const compileOptions = await prepareSpecs("test", values, specs);
  const started = performance.now();
  const results: SuiteResult[] = [];
  for (const file of files) {
    results.push(await runSuite(file, { update: values.update, guardOptions: compileOptions }));
  }
  io.out.write(reporter(results, performance.now() - started, io.colorOut ?? false));
  const failed = results.some((suite) => suite.error || suite.cases.some((c) => !c.passed));
  return failed ? 1 : 0;
}
