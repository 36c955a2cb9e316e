// Specs named on the command line use the built-in catalogue.
import "../validators/builtins.js";
import { parseArgs } from "node:util";
import { RailguardError } from "../errors.js";
import type { UnknownTagPolicy } from "../rail/index.js";
import { type CommandOutput, compileCommand, type SpecOptions } from "./compile-command.js";
import { validateCommand } from "./validate-command.js";
import { parseVarOptions } from "./vars.js";

const USAGE = `Usage: railguard <command> [options]

Commands:
  compile <spec.rail>   Print the prompt the spec renders (unfilled variables are marked).
      --var name=value    Fill a prompt variable; name=@file reads the value from a file.
      --json-schema       Print the output's JSON Schema instead.
  validate <spec.rail> <output.txt>
                        Parse and validate a model output offline (no reask): the validated
                        output on stdout, repairs and verdicts on stderr; exit 1 if it fails.
      --metadata file.json  Metadata for the validators that need it.
      --accept-fixes        Pass when fix values stood in for reasks that could not be sent.

  Both take --unknown-tags string: read unknown field tags as strings with the tag as a hint
  (default: error); and --allow-unknown-validators: keep a validator name the catalogue lacks
  (a Hub validator) as a prompt hint, not run, with a warning (default: error).

Options:
  -h, --help            Show this help.

Exit codes: 0 success, 1 invalid spec or failed validation, 2 wrong command line.`;

export interface CliIO {
  out: { write(text: string): unknown };
  err: { write(text: string): unknown };
  /** Colour the validation tree (stderr is a terminal). */
  color?: boolean;
}

/** Runs the CLI and returns the exit code; never throws. */
export async function runCli(
  argv: readonly string[],
  io: CliIO = { out: process.stdout, err: process.stderr, color: process.stderr.isTTY },
): Promise<number> {
  try {
    const [command, ...rest] = argv;
    if (!command || command === "-h" || command === "--help") {
      io.out.write(`${USAGE}\n`);
      return command ? 0 : 2;
    }
    if (command === "compile") {
      write(io, runCompile(rest));
      return 0;
    }
    if (command === "validate") {
      const result = await runValidate(rest, io.color ?? false);
      write(io, result);
      return result.passed === false ? 1 : 0;
    }
    io.err.write(`railguard: unknown command "${command}".\n\n${USAGE}\n`);
    return 2;
  } catch (error) {
    io.err.write(`${describeError(error)}\n`);
    return isUsageError(error) ? 2 : 1;
  }
}

function write(io: CliIO, { out, notes }: CommandOutput): void {
  io.out.write(out);
  for (const note of notes) io.err.write(`railguard: ${note}\n`);
}

// Options every command takes; `--help` after a command shows the usage too.
const COMMON_OPTIONS = {
  "unknown-tags": { type: "string", default: "error" },
  "allow-unknown-validators": { type: "boolean", default: false },
  help: { type: "boolean", short: "h", default: false },
} as const;

const HELP: CommandOutput = { out: `${USAGE}\n`, notes: [] };
const UNKNOWN_TAG_POLICIES: readonly UnknownTagPolicy[] = ["error", "string"];

function runCompile(args: string[]): CommandOutput {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      var: { type: "string", multiple: true, default: [] },
      "json-schema": { type: "boolean", default: false },
      ...COMMON_OPTIONS,
    },
  });
  if (values.help) return HELP;
  const [file] = expectFiles("compile", positionals, ["spec file"]);
  return compileCommand({
    file,
    variables: parseVarOptions(values.var ?? []),
    jsonSchema: values["json-schema"] ?? false,
    ...specOptions(values),
  });
}

async function runValidate(
  args: string[],
  color: boolean,
): Promise<CommandOutput & { passed?: boolean }> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      metadata: { type: "string" },
      "accept-fixes": { type: "boolean", default: false },
      ...COMMON_OPTIONS,
    },
  });
  if (values.help) return HELP;
  const [spec, output] = expectFiles("validate", positionals, ["spec file", "output file"]);
  return validateCommand({
    spec,
    output,
    metadata: values.metadata,
    ...specOptions(values),
    color,
    acceptFixes: values["accept-fixes"] ?? false,
  });
}

/** The positional file arguments, exactly as many as named. */
function expectFiles<const Names extends readonly string[]>(
  command: string,
  positionals: string[],
  names: Names,
): { [K in keyof Names]: string } {
  if (positionals.length !== names.length) {
    throw new RailguardError("cli-usage", `${command} takes a ${names.join(" and an ")}.`);
  }
  return positionals as unknown as { [K in keyof Names]: string };
}

/** How the spec is compiled, from the options every command takes. */
function specOptions(values: {
  "unknown-tags"?: string;
  "allow-unknown-validators"?: boolean;
}): SpecOptions {
  return {
    unknownTags: unknownTagPolicy(values["unknown-tags"]),
    unknownValidators: values["allow-unknown-validators"] ? "warn" : "error",
  };
}

function unknownTagPolicy(value: string | undefined): UnknownTagPolicy {
  const policy = UNKNOWN_TAG_POLICIES.find((known) => known === value);
  if (policy) return policy;
  throw new RailguardError(
    "cli-usage",
    `--unknown-tags must be ${UNKNOWN_TAG_POLICIES.join(" or ")}, not "${value}".`,
  );
}

function describeError(error: unknown): string {
  if (isUsageError(error)) return `railguard: ${(error as Error).message}\n\n${USAGE}`;
  if (RailguardError.isInstance(error)) return `railguard: ${error.name}: ${error.message}`;
  return `railguard: unexpected error: ${error instanceof Error ? error.stack : String(error)}`;
}

/** Wrong words on the command line (exit 2), as opposed to a bad spec or file (exit 1). */
function isUsageError(error: unknown): boolean {
  if (RailguardError.isInstance(error)) return error.code === "cli-usage";
  return (
    error instanceof Error && "code" in error && String(error.code).startsWith("ERR_PARSE_ARGS")
  );
}
