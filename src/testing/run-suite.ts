import { errorMessage } from "../errors.js";
import type { GuardOptions, ValidationOutcome } from "../guard/index.js";
import { Guard } from "../guard/index.js";
import { indent, lineDiff } from "./diff.js";
import { unmetExpectations } from "./expectations.js";
import { scriptedModel } from "./scripted-model.js";
import { type SnapshotUpdate, writeSnapshots } from "./snapshots.js";
import { readSuite, type Suite, type SuiteCase } from "./suite-file.js";

export interface RunSuiteOptions {
  /** Record the observed prompts in `reaskPrompt` and `answers[].prompt` instead of failing. */
  update?: boolean;
  /** Options for the guard (a registry with custom validators, `unknownTags`…). */
  guardOptions?: GuardOptions;
}

export interface CaseResult {
  name: string;
  passed: boolean;
  /** Why it failed, one readable paragraph each (with a diff where it helps). */
  problems: string[];
  /** The call's outcome, for matchers (`expect(result.outcome).toPassValidation()`). */
  outcome?: ValidationOutcome<unknown>;
  ms: number;
}

export interface SuiteResult {
  file: string;
  spec?: string;
  /** The suite could not be read or its spec not compiled: no case ran. */
  error?: string;
  cases: CaseResult[];
  /** Snapshots written with `update`. */
  updated: number;
  ms: number;
}

/**
 * Runs every case of a suite file in this process: the spec is compiled once, and each case gets
 * a fresh guard with a scripted model. Never throws for a bad suite: it is `error`.
 */
export async function runSuite(file: string, options: RunSuiteOptions = {}): Promise<SuiteResult> {
  const started = performance.now();
  let suite: Suite;
  let guard: Guard;
  try {
    suite = readSuite(file);
    guard = Guard.fromRail(suite.spec, { ...options.guardOptions, maxRetries: 0 });
  } catch (error) {
    return {
      file,
      error: errorMessage(error),
      cases: [],
      updated: 0,
      ms: performance.now() - started,
    };
  }
  const cases: CaseResult[] = [];
  const updates: SnapshotUpdate[] = [];
  for (const entry of suite.cases) {
    cases.push(await runCase(guard, entry, options.update === true, updates));
  }
  if (updates.length > 0) writeSnapshots(suite, updates);
  return {
    file,
    spec: suite.spec,
    cases,
    updated: updates.length,
    ms: performance.now() - started,
  };
}

async function runCase(
  guard: Guard,
  entry: SuiteCase,
  update: boolean,
  updates: SnapshotUpdate[],
): Promise<CaseResult> {
  const started = performance.now();
  const model = scriptedModel(entry.answers ?? [], update);
  const callOptions = {
    promptParams: entry.vars,
    metadata: entry.metadata,
    numReasks: entry.numReasks,
  };
  let outcome: ValidationOutcome<unknown>;
  try {
    outcome =
      entry.output === undefined
        ? await guard.call(model.llm, callOptions)
        : await guard.parse(entry.output, callOptions);
  } catch (error) {
    const problems = [`the guard rejected the case: ${errorMessage(error)}`];
    return { name: entry.name, passed: false, problems, ms: performance.now() - started };
  }
  // An unexpected call makes the rest of the outcome noise: report only what the model saw.
  const problems =
    model.problems.length > 0
      ? [...model.problems]
      : unmetExpectations(entry.expect, { outcome, calls: model.calls });
  if (model.problems.length === 0) {
    problems.push(...promptProblems(entry, model.prompts, outcome, update, updates));
    const unused = (entry.answers?.length ?? 0) - model.calls;
    if (unused > 0)
      problems.push(
        `${unused} answer(s) of the case were never asked for (${model.calls} call(s) made)`,
      );
  }
  return {
    name: entry.name,
    passed: problems.length === 0,
    problems,
    outcome,
    ms: performance.now() - started,
  };
}

/** The prompt snapshots: compared, or with `update` recorded where they differ. */
function promptProblems(
  entry: SuiteCase,
  prompts: readonly string[],
  outcome: ValidationOutcome<unknown>,
  update: boolean,
  updates: SnapshotUpdate[],
): string[] {
  const problems: string[] = [];
  entry.answers?.forEach((answer, i) => {
    const received = prompts[i];
    if (
      update &&
      answer.prompt !== undefined &&
      received !== undefined &&
      received !== answer.prompt
    ) {
      updates.push({ index: entry.index, path: ["answers", i, "prompt"], value: received });
    }
  });
  if (!("reaskPrompt" in entry.expect)) return problems;
  const expected = entry.expect.reaskPrompt;
  const [received] = outcome.call.reaskPrompts;
  if (received === undefined) {
    problems.push("expected a reask prompt (reaskPrompt), but no reask was sent");
  } else if (received !== expected) {
    if (update)
      updates.push({ index: entry.index, path: ["expect", "reaskPrompt"], value: received });
    else if (typeof expected !== "string")
      problems.push("reaskPrompt is null: run with --update to record it");
    else
      problems.push(
        `the reask prompt differs from its snapshot (--update rewrites it):\n${indent(lineDiff(expected, received))}`,
      );
  }
  return problems;
}
