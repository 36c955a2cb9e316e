import { readFile } from "node:fs/promises";
import { RailFileError, RailSpecError, RailSyntaxError } from "./errors.js";
import { type ParseRailOptions, parseRail } from "./parse.js";
import type { RailSpec } from "./types.js";

/** Reads and parses a RAIL file; errors name the file before the element path and position. */
export async function readRailFile(path: string, options?: ParseRailOptions): Promise<RailSpec> {
  let source: string;
  try {
    source = await readFile(path, "utf8");
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
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
