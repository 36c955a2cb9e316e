import { appendFileSync, existsSync } from "node:fs";
import { errorMessage, RailguardError } from "../../errors.js";
import type { ValidationOutcome } from "../../guard/index.js";
import { isPlainObject } from "../../show.js";
import { readCliFile } from "../files.js";
import { passes } from "../verdict.js";
import type { BatchInput } from "./inputs.js";

/** A call that could not reach an answer (the model failed) is tried again on resume. */
export type ResultStatus = "pass" | "fail" | "error";

/** One line of a results file. */
export interface BatchResult {
  id: string;
  line: number;
  status: ResultStatus;
  validationPassed: boolean;
  validatedOutput: unknown;
  /** Reasks sent to the model. */
  reasks: number;
  failures: ValidationOutcome<unknown>["failures"];
  unansweredFixes: ValidationOutcome<unknown>["unansweredFixes"];
  error?: { code: string; message: string };
  tokens: number;
  ms: number;
}

/** `pass` as `railguard validate` means it: a fix standing in for a reask fails unless accepted. */
export function resultOf(
  input: BatchInput,
  outcome: ValidationOutcome<unknown>,
  acceptFixes: boolean,
): BatchResult {
  const { call, error } = outcome;
  const status: ResultStatus =
    error?.code === "llm-call" ? "error" : passes(outcome, acceptFixes) ? "pass" : "fail";
  return {
    id: input.id,
    line: input.line,
    status,
    validationPassed: outcome.validationPassed,
    validatedOutput: outcome.validatedOutput,
    reasks: call.reaskPrompts.length,
    failures: outcome.failures,
    unansweredFixes: outcome.unansweredFixes,
    ...(error ? { error: { code: error.code, message: error.message } } : {}),
    tokens: call.tokens.totalTokens,
    ms: Math.round(call.ms),
  };
}

/** A call the guard refused (a variable missing from the line): a failure of that input. */
export function refusedResult(input: BatchInput, error: unknown): BatchResult {
  const code = error instanceof RailguardError ? error.code : "unexpected";
  return {
    id: input.id,
    line: input.line,
    status: "fail",
    validationPassed: false,
    validatedOutput: null,
    reasks: 0,
    failures: [],
    unansweredFixes: [],
    error: { code, message: errorMessage(error) },
    tokens: 0,
    ms: 0,
  };
}

/**
 * The ids a results file already holds a verdict for (pass or fail), to skip them on resume. A
 * line cut short by an interruption, or one that is not a result, is ignored.
 */
export function finishedIds(file: string): Set<string> {
  const finished = new Set<string>();
  if (!existsSync(file)) return finished;
  for (const line of readCliFile(file, `--out ${file}`).split("\n")) {
    try {
      const result: unknown = JSON.parse(line);
      if (isPlainObject(result) && typeof result.id === "string" && result.status !== "error") {
        finished.add(result.id);
      } else if (isPlainObject(result) && typeof result.id === "string") {
        finished.delete(result.id);
      }
    } catch {
      // A partial last line from an interrupted run.
    }
  }
  return finished;
}

/**
 * Appends results, one JSON line each, written whole and at once so an interruption loses at
 * most the line being written; a partial last line is closed off first.
 */
export function resultWriter(file: string): (result: BatchResult) => void {
  if (existsSync(file)) {
    const text = readCliFile(file, `--out ${file}`);
    if (text.length > 0 && !text.endsWith("\n")) appendFileSync(file, "\n");
  }
  return (result) => appendFileSync(file, `${JSON.stringify(result)}\n`);
}
