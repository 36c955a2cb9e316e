// The public API of `railguard/testing`: validator test suites and vitest matchers.
// Suites name built-in validators: this entry point registers the catalogue, as src/index.ts does.
import "../validators/builtins.js";

export { findSuites } from "./discover.js";
export { type MatcherResult, type RailguardMatchers, railguardMatchers } from "./matchers.js";
export { type CaseResult, type RunSuiteOptions, runSuite, type SuiteResult } from "./run-suite.js";
export {
  type CaseExpectations,
  type ScriptedAnswer,
  type Suite,
  type SuiteCase,
  SuiteFileError,
} from "./suite-file.js";
