import { closeSync, fstatSync, openSync, readSync, type Stats } from "node:fs";
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
    source = readTextFile(path);
  } catch (error) {
    const reason = errorMessage(error);
    throw new RailFileError(path, `cannot read the RAIL file (${reason})`, { cause: error });
  }
  try {
    return parseRail(source, options);
  } catch (error) {
    if (RailSyntaxError.isInstance(error) || RailSpecError.isInstance(error))
      throw error.inFile(path);
    throw error;
  }
}

/** The most bytes read from one text file: specs, prompt variables and saved outputs are far smaller. */
export const MAX_TEXT_FILE_BYTES = 32 * 1024 * 1024;

const CHUNK_BYTES = 64 * 1024;
const UTF8 = new TextDecoder("utf-8", { fatal: true });

/**
 * A file's UTF-8 text, a leading byte-order mark dropped. Throws, with the reason, for what is
 * neither a file nor a pipe (a directory; a terminal or `/dev/zero`, which would wait for a person
 * or never end), for more than `MAX_TEXT_FILE_BYTES`, and for bytes that are not UTF-8.
 */
export function readTextFile(path: string): string {
  const fd = openSync(path, "r");
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile() && !stats.isFIFO()) throw new Error(`not a file: ${kindOf(stats)}`);
    if (stats.size > MAX_TEXT_FILE_BYTES) throw new Error(tooLarge());
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.alloc(CHUNK_BYTES);
      const read = readSync(fd, chunk, 0, CHUNK_BYTES, null);
      if (read === 0) break;
      total += read;
      // A pipe has no size to check up front, and a file may grow while it is read.
      if (total > MAX_TEXT_FILE_BYTES) throw new Error(tooLarge());
      chunks.push(chunk.subarray(0, read));
    }
    return decodeUtf8(Buffer.concat(chunks));
  } finally {
    closeSync(fd);
  }
}

const tooLarge = (): string => `larger than ${MAX_TEXT_FILE_BYTES / 1024 / 1024} MiB`;

function kindOf(stats: Stats): string {
  if (stats.isDirectory()) return "a directory";
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return "a terminal or device";
  return "a socket";
}

function decodeUtf8(bytes: Uint8Array): string {
  try {
    return UTF8.decode(bytes);
  } catch {
    throw new Error("not UTF-8 text");
  }
}
