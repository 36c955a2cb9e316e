import { readFileSync } from "node:fs";
import { errorMessage } from "../errors.js";
import { RailFileError, RailSpecError, RailSyntaxError } from "./errors.js";
import { type ParseRailOptions, parseRail } from "./parse.js";
import type { RailSpec } from "./types.js";

/**
 * Reads and parses a RAIL file; errors name the file before the element path and position.
 * Synchronous: specs are small and read once, when a guard or the CLI starts.
 */
export function readRailFile(path: string, options?: ParseRailOptions): RailSpec {
  let source: string;
  try {
    source = readFileSync(path, "utf8");
  } catch (error) {
    const reason = errorMessage(error);
    throw new RailFileError(path, `cannot read the RAIL file (${reason})`, { cause: error });
  }
  try {
    return parseRail(source, options);
  } catch (error) {
    if (error instanceof RailSyntaxError || error instanceof RailSpecError)
      throw error.inFile(path);
    throw error;
  }
}
