import { readFileSync } from "node:fs";
import { errorMessage, RailguardError } from "../errors.js";

/**
 * A file named on the command line, as text. Unreadable is a usage error (exit 2); `label` says
 * which argument named it (`--var transcript=@episode.txt`).
 */
export function readCliFile(path: string, label: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch (error) {
    const reason = errorMessage(error);
    throw new RailguardError("cli-usage", `${label}: cannot read the file (${reason}).`);
  }
}
