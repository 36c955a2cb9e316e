import { type ParseArgsConfig, parseArgs } from "node:util";
import { RailguardError } from "../errors.js";

type Options = NonNullable<ParseArgsConfig["options"]>;
type Config<O extends Options> = {
  args: string[];
  options: O;
  allowPositionals: true;
  strict: true;
};
export type ParsedArgs<O extends Options> = ReturnType<typeof parseArgs<Config<O>>>;

/**
 * A command's arguments. Node's own parse errors (several lines, or advice about `--`) become one
 * line naming the option and the fix.
 */
export function parseCommandArgs<const O extends Options>(
  command: string,
  args: readonly string[],
  options: O,
): ParsedArgs<O> {
  try {
    return parseArgs({ args: [...args], options, allowPositionals: true, strict: true });
  } catch (error) {
    throw usageError(command, describeParseError(error));
  }
}

/** A wrong command line (exit 2), with where to look for the right one. */
export function usageError(command: string, problem: string): RailguardError {
  return new RailguardError(
    "cli-usage",
    `${command}: ${problem} (see "railguard ${command} --help")`,
  );
}

function describeParseError(error: unknown): string {
  const code = (error as { code?: string }).code;
  const message = error instanceof Error ? error.message : String(error);
  const option = /'(-[^' ]*(?:, --[^' ]+)?)/.exec(message)?.[1]?.split(", ").at(-1) ?? "";
  if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") return `unknown option ${option}`;
  if (code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE") {
    return message.includes("does not take an argument")
      ? `${option} takes no value`
      : `${option} needs a value`;
  }
  return message.split("\n")[0] ?? message;
}
