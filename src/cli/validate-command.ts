import { errorMessage, RailguardError } from "../errors.js";
import { Guard } from "../guard/index.js";
import { compileRailFile } from "../schema/index.js";
import { isPlainObject } from "../show.js";
import {
  type CommandOutput,
  type SpecOptions,
  specOptionsOf,
  warningNotes,
} from "./compile-command.js";
import { readCliFile } from "./files.js";

export interface ValidateCommandOptions extends SpecOptions {
  spec: string;
  output: string;
  metadata?: string;
  color: boolean;
  /** Count fix values that stood in for an unanswered reask as a pass. */
  acceptFixes: boolean;
}

/**
 * `railguard validate`: a model output checked offline against a spec, as `guard.parse` does
 * without a model (no reask). The validated output goes to stdout; the call's tree (repairs,
 * every validator's verdict and action, the outcome) is the note on stderr. A reask the spec asks
 * for cannot be sent here, so a fix value standing in for one fails the check unless accepted:
 * the saved output itself did not pass. The spec's warnings come first: a validator that was not
 * run (an allowed unknown name) or an on-fail key that changed nothing is never silent.
 */
export async function validateCommand(
  options: ValidateCommandOptions,
): Promise<CommandOutput & { passed: boolean }> {
  const compiled = compileRailFile(options.spec, specOptionsOf(options));
  const text = readCliFile(options.output, options.output);
  const metadata = options.metadata === undefined ? {} : readMetadata(options.metadata);
  const outcome = await new Guard(compiled).parse(text, { metadata });
  const { validatedOutput } = outcome;
  const out =
    validatedOutput === null
      ? ""
      : typeof validatedOutput === "string"
        ? `${validatedOutput}\n`
        : `${JSON.stringify(validatedOutput, null, 2)}\n`;
  const unanswered = outcome.unansweredFixes.length;
  // The call fails on every unanswered reask; --accept-fixes forgives those a fix value filled.
  const fixed = new Set(outcome.unansweredFixes.map((fix) => fix.path));
  const onlyFixes =
    outcome.error === undefined &&
    !outcome.refrained &&
    outcome.failures.every((f) => f.reason === "reask-unanswered" && fixed.has(f.path));
  // Printed before the tree too, so a validator that never ran is said up front, not only inside it.
  const notes = [
    ...warningNotes(options.spec, compiled),
    outcome.call.tree({ color: options.color }),
  ];
  if (unanswered > 0 && !options.acceptFixes) {
    notes.push(
      `${unanswered} value(s) would have been re-asked; their fix values are shown above. ` +
        "Pass --accept-fixes to count them as passing.",
    );
  }
  return { out, notes, passed: outcome.validationPassed || (options.acceptFixes && onlyFixes) };
}

function readMetadata(path: string): Record<string, unknown> {
  const text = readCliFile(path, `--metadata ${path}`);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const reason = errorMessage(error);
    throw new RailguardError("cli-usage", `--metadata ${path} is not JSON (${reason}).`);
  }
  if (!isPlainObject(value)) {
    throw new RailguardError("cli-usage", `--metadata ${path} must hold a JSON object.`);
  }
  return value;
}
