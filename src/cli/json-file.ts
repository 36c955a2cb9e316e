import { errorMessage, RailguardError } from "../errors.js";
import { isPlainObject } from "../show.js";
import { readCliFile } from "./files.js";

/** A JSON object from a file named by an option (`--metadata`, `--var-file`); else exit 2. */
export function readJsonObject(path: string, option: string): Record<string, unknown> {
  const text = readCliFile(path, `${option} ${path}`);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const reason = errorMessage(error);
    throw new RailguardError("cli-usage", `${option} ${path} is not JSON (${reason}).`);
  }
  if (!isPlainObject(value)) {
    throw new RailguardError("cli-usage", `${option} ${path} must hold a JSON object.`);
  }
  return value;
}
