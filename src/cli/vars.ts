import { RailguardError } from "../errors.js";
import { readCliFile } from "./files.js";

/**
 * Reads `--var name=value` options; `name=@path` takes the value from a file, as curl does, so a
 * whole transcript can be passed without shell quoting.
 */
export function parseVarOptions(options: readonly string[]): Record<string, string> {
  // A Map, so a name like `__proto__` is a key like any other; the last value given wins.
  const variables = new Map<string, string>();
  for (const option of options) {
    const separator = option.indexOf("=");
    if (separator <= 0) {
      throw new RailguardError(
        "cli-usage",
        `--var "${option}" must look like name=value or name=@file.`,
      );
    }
    const name = option.slice(0, separator);
    const value = option.slice(separator + 1);
    variables.set(
      name,
      value.startsWith("@") ? readCliFile(value.slice(1), `--var ${option}`) : value,
    );
  }
  return Object.fromEntries(variables);
}
