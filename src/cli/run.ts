// Specs named on the command line use the built-in catalogue.
import "../validators/builtins.js";
import { errorMessage, RailguardError } from "../errors.js";
import { packageVersion } from "../version.js";
import { parseCommandArgs, usageError } from "./args.js";
import { compileCommand } from "./compile-command.js";
import { COMMAND_HELP, type CommandName, USAGE } from "./help.js";
import { type CliIO, writeNotes } from "./io.js";
import { runMain } from "./run-command.js";
import { prepareSpecs, SPEC_OPTIONS } from "./spec-options.js";
import { testMain } from "./test-command.js";
import { validateMain } from "./validate-command.js";
import { readVariables } from "./vars.js";

export type { CliIO } from "./io.js";

const COMMANDS: Record<CommandName, (args: readonly string[], io: CliIO) => Promise<number>> = {
  compile: compileMain,
  validate: validateMain,
  run: runMain,
  test: testMain,
};

const isCommand = (name: string): name is CommandName => Object.hasOwn(COMMANDS, name);

/** Runs the CLI and returns the exit code; never throws, and never prints a stack for a mistake. */
export async function runCli(
  argv: readonly string[],
  io: CliIO = { out: process.stdout, err: process.stderr },
): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (!command || ["-h", "--help", "help"].includes(command)) {
      io.out.write(`${USAGE}\n`);
      return command ? 0 : 2;
    }
    if (command === "-v" || command === "--version") {
      io.out.write(`${packageVersion()}\n`);
      return 0;
    }
    if (!isCommand(command)) {
      const known = Object.keys(COMMANDS).join(", ");
      throw new RailguardError(
        "cli-usage",
        `unknown command "${command}" (commands: ${known}; see "railguard --help")`,
      );
    }
    if (rest.includes("--help") || rest.includes("-h")) {
      io.out.write(`${COMMAND_HELP[command]}\n`);
      return 0;
    }
    return await COMMANDS[command](rest, io);
  } catch (error) {
    io.err.write(`${describeError(error, io)}\n`);
    return isUsageError(error) ? 2 : 1;
  }
}

const COMPILE_OPTIONS = {
  var: { type: "string", multiple: true, default: [] as string[] },
  "var-file": { type: "string" },
  "json-schema": { type: "boolean", default: false },
  ...SPEC_OPTIONS,
} as const;

async function compileMain(args: readonly string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandArgs("compile", args, COMPILE_OPTIONS);
  if (positionals.length !== 1) throw usageError("compile", "give one spec file");
  const [file = ""] = positionals;
  const { out, notes } = compileCommand({
    file,
    variables: readVariables(values.var, values["var-file"]),
    jsonSchema: values["json-schema"],
    compileOptions: await prepareSpecs("compile", values, [file]),
  });
  io.out.write(out);
  writeNotes(io, notes);
  return 0;
}

/** One line: the problem and, for a usage error, where the help is. Stacks only for our bugs. */
function describeError(error: unknown, io: CliIO): string {
  if (error instanceof RailguardError) {
    return isUsageError(error)
      ? `railguard: ${error.message}`
      : `railguard: ${error.name}: ${error.message}`;
  }
  const debug = (io.env ?? process.env).RAILGUARD_DEBUG;
  const detail =
    debug && error instanceof Error ? `\n${error.stack}` : " (RAILGUARD_DEBUG=1 shows the stack)";
  return `railguard: unexpected error: ${errorMessage(error)}${detail}`;
}

/** Wrong words on the command line or unreadable input (exit 2), not a bad spec (exit 1). */
function isUsageError(error: unknown): boolean {
  return error instanceof RailguardError && error.code === "cli-usage";
}
