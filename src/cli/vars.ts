import { RailguardError } from "../errors.js";
import { readCliFile } from "./files.js";
import { readJsonObject } from "./json-file.js";

/**
 * The prompt variables of `--var-file` (a JSON object; values that are not text are written as
 * JSON) overridden by `--var name=value` options; `name=@path` takes the value from a file, as
 * curl does, so a whole transcript can be passed without shell quoting.
 */
export function readVariables(
  options: readonly string[],
  varFile: string | undefined,
): Record<string, string> {
  // A Map, so a name like `__proto__` is a key like any other; the last value given wins.
  const variables = new Map<string, string>();
  if (varFile !== undefined) {
    for (const [name, value] of Object.entries(readJsonObject(varFile, "--var-file"))) {
      variables.set(name, typeof value === "string" ? value : JSON.stringify(value));
    }
  }
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
