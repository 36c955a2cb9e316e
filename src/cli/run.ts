import { parseArgs } from "node:util";
import { RailguardError } from "../errors.js";
import { compileCommand } from "./compile-command.js";
import { parseVarOptions } from "./vars.js";

const USAGE = `Usage: railguard <command> [options]

Commands:
  compile <spec.rail>   Print the prompt the spec renders (unfilled variables are marked).
      --var name=value    Fill a prompt variable; name=@file reads the value from a file.
      --json-schema       Print the output's JSON Schema instead.

Options:
  -h, --help            Show this help.`;

/** Runs the CLI and returns the exit code; never throws. */
export interface CliIO {
  out: { write(text: string): unknown };
  err: { write(text: string): unknown };
}

export async function runCli(
  argv: readonly string[],
  io: CliIO = { out: process.stdout, err: process.stderr },
): Promise<number> {
  try {
    const [command, ...rest] = argv;
    if (!command || command === "-h" || command === "--help") {
      io.out.write(`${USAGE}\n`);
      return command ? 0 : 2;
    }
    if (command === "compile") {
      io.out.write(await runCompile(rest));
      return 0;
    }
    io.err.write(`railguard: unknown command "${command}".\n\n${USAGE}\n`);
    return 2;
  } catch (error) {
    io.err.write(`${describeError(error)}\n`);
    return isUsageError(error) ? 2 : 1;
  }
}

function runCompile(args: string[]): Promise<string> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      var: { type: "string", multiple: true, default: [] },
      "json-schema": { type: "boolean", default: false },
    },
  });
  const [file, ...extra] = positionals;
  if (!file || extra.length > 0) {
    throw new RailguardError("cli-usage", "compile takes exactly one spec file.");
  }
  return compileCommand({
    file,
    variables: parseVarOptions(values.var ?? []),
    jsonSchema: values["json-schema"] ?? false,
  });
}

function describeError(error: unknown): string {
  if (error instanceof RailguardError) return `railguard: ${error.name}: ${error.message}`;
  if (isUsageError(error)) return `railguard: ${(error as Error).message}\n\n${USAGE}`;
  return `railguard: unexpected error: ${error instanceof Error ? error.stack : String(error)}`;
}

/** Wrong words on the command line (exit 2), as opposed to a bad spec or file (exit 1). */
function isUsageError(error: unknown): boolean {
  if (error instanceof RailguardError) return error.code === "cli-usage";
  return (
    error instanceof Error && "code" in error && String(error.code).startsWith("ERR_PARSE_ARGS")
  );
}
