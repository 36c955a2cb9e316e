import { errorMessage } from "../errors.js";
import { Guard, type ValidationOutcome } from "../guard/index.js";
import { parseCommandArgs, usageError } from "./args.js";
import { readCliFile } from "./files.js";
import { type CliIO, writeNotes } from "./io.js";
import { readJsonObject } from "./json-file.js";
import { compileSpec, SPEC_OPTIONS } from "./spec-options.js";
import { ACCEPT_FIXES_OPTION, passes } from "./verdict.js";

const OPTIONS = {
  metadata: { type: "string" },
  json: { type: "boolean", default: false },
  quiet: { type: "boolean", default: false },
  ...ACCEPT_FIXES_OPTION,
  ...SPEC_OPTIONS,
} as const;

/**
 * `railguard validate`: saved model outputs checked offline against a spec, as `guard.parse` does
 * without a model (no reask), all in one process. A reask the spec asks for cannot be sent here,
 * so a fix value standing in for one fails the check unless accepted: the saved output itself did
 * not pass. Exit 0 when all pass, 1 when one fails, 2 when an output cannot be read.
 */
export async function validateMain(args: readonly string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandArgs("validate", args, OPTIONS);
  const [spec, ...outputs] = positionals;
  if (spec === undefined || outputs.length === 0) {
    throw usageError(
      "validate",
      "give a spec and at least one output file (- reads standard input)",
    );
  }
  const compiled = await compileSpec("validate", values, spec, io);
  const metadata =
    values.metadata === undefined ? {} : readJsonObject(values.metadata, "--metadata");
  const guard = new Guard(compiled);
  const many = outputs.length > 1;
  let exitCode = 0;
  for (const output of outputs) {
    let text: string;
    try {
      text = output === "-" ? await readStdin(io) : readCliFile(output, output);
    } catch (error) {
      writeNotes(io, [errorMessage(error)]);
      exitCode = 2;
      continue;
    }
    const outcome = await guard.parse(text, { metadata });
    const unanswered = outcome.unansweredFixes.length;
    const passed = passes(outcome, values["accept-fixes"]);
    if (!passed) exitCode = Math.max(exitCode, 1);
    const name = output === "-" ? "(stdin)" : output;
    if (values.json) io.out.write(`${JSON.stringify(jsonRecord(name, outcome, passed))}\n`);
    else io.out.write(`${many ? `==> ${name} <==\n` : ""}${shownOutput(outcome.validatedOutput)}`);
    if (values.quiet) {
      io.err.write(`${name}: ${verdictLine(outcome, passed)}\n`);
    } else {
      io.err.write(
        `${many ? `==> ${name} <==\n` : ""}${outcome.call.tree({ color: io.color, warnings: false })}\n`,
      );
    }
    if (unanswered > 0 && !values["accept-fixes"]) {
      writeNotes(io, [
        `${many ? `${name}: ` : ""}${unanswered} value(s) would have been re-asked; their fix values are shown above. ` +
          "Pass --accept-fixes to count them as passing.",
      ]);
    }
  }
  return exitCode;
}

function shownOutput(value: unknown): string {
  if (value === null) return "";
  return typeof value === "string" ? `${value}\n` : `${JSON.stringify(value, null, 2)}\n`;
}

function verdictLine(outcome: ValidationOutcome<unknown>, passed: boolean): string {
  if (passed) return "passed";
  const reasons = outcome.error
    ? [outcome.error.message]
    : [
        ...outcome.failures.map((f) => `${f.validator} ${f.path}: ${f.message}`),
        ...outcome.unansweredFixes.map((f) => `${f.validator} ${f.path}: fixed without a reask`),
      ];
  return `failed (${reasons.join("; ")})`;
}

function jsonRecord(file: string, outcome: ValidationOutcome<unknown>, passed: boolean) {
  return {
    file,
    validationPassed: passed,
    validatedOutput: outcome.validatedOutput,
    failures: outcome.failures,
    unansweredFixes: outcome.unansweredFixes,
    ...(outcome.error
      ? { error: { code: outcome.error.code, message: outcome.error.message } }
      : {}),
  };
}

async function readStdin(io: CliIO): Promise<string> {
  if (!io.stdin) throw new Error("-: standard input is not available");
  return io.stdin();
}
