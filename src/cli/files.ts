import { errorMessage, RailguardError } from "../errors.js";
import { readTextFile } from "../rail/index.js";

/**
 * A file named on the command line, as text. Unreadable is a usage error (exit 2); `label` says
 * which argument named it (`--var transcript=@episode.txt`).
 */
export function readCliFile(path: string, label: string): string {
  try {
    return readTextFile(path);
  } catch (error) {
    const reason = errorMessage(error);
    throw new RailguardError("cli-usage", `${label}: cannot read the file (${reason}).`, {
      cause: error,
    });
  }
}
