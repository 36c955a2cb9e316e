import { createHash, randomUUID } from "node:crypto";
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { RailguardError } from "../errors.js";
import { isPlainObject, lineColumn } from "../show.js";
import type { LLMResult } from "./response.js";
import type { ChatMessage, LLMRequest } from "./types.js";

/**
 * The part of a call a recording is keyed by. A request without a schema has the key it had
 * before `jsonSchema` joined the key, so older cassettes still replay it; requests that send a
 * schema must be recorded again.
 */
export interface CassetteRequest {
  prompt: string;
  instructions?: string;
  messages: ChatMessage[];
  /** The structured-output schema sent with the request, if any. */
  jsonSchema?: Record<string, unknown>;
}

/** One distinct request and its answers, replayed in order (the last one repeats). */
export interface CassetteEntry {
  request: CassetteRequest;
  responses: LLMResult[];
}

export interface Cassette {
  version: 1;
  /** Keyed by `requestKey(entry.request)`. */
  entries: Record<string, CassetteEntry>;
}

/** A cassette file that cannot be read, parsed or written. */
export class CassetteFileError extends RailguardError {
  readonly file: string;

  constructor(file: string, reason: string, options?: { cause?: unknown }) {
    super("cassette-file", `Cassette ${file}: ${reason}`, options);
    this.file = file;
  }
}

export function cassetteRequest(prompt: string, request: LLMRequest): CassetteRequest {
  const { instructions, jsonSchema } = request;
  const messages = request.messages.map(({ role, content }) => ({ role, content }));
  return {
    prompt,
    ...(instructions === undefined ? {} : { instructions }),
    messages,
    // A copy: the cassette is written later, and the caller's schema must not change it.
    ...(jsonSchema === undefined ? {} : { jsonSchema: structuredClone(jsonSchema) }),
  };
}

/** A hash of the exact request: any change to prompt, instructions, messages or schema is a new key. */
export function requestKey(request: CassetteRequest): string {
  return createHash("sha256").update(stableStringify(request)).digest("hex").slice(0, 24);
}

/** Pretty JSON with object keys sorted at every depth, so files diff cleanly. */
export function stableStringify(value: unknown): string {
  return JSON.stringify(sortKeys(value), null, 2);
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (!isPlainObject(value)) return value;
  const sorted = Object.keys(value)
    .sort()
    .map((key) => [key, sortKeys(value[key])]);
  return Object.fromEntries(sorted);
}

/** Reads a cassette; a missing file is an empty cassette when `missingIsEmpty`. */
export async function readCassette(file: string, missingIsEmpty: boolean): Promise<Cassette> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    if (missingIsEmpty && (error as NodeJS.ErrnoException).code === "ENOENT") {
      return { version: 1, entries: {} };
    }
    throw new CassetteFileError(file, `cannot read it (${(error as Error).message})`, {
      cause: error,
    });
  }
  return checkCassette(file, parseCassetteJSON(file, text));
}

/** Writes to a temporary file then renames it, so readers never see half a cassette. */
export async function writeCassette(file: string, cassette: Cassette): Promise<void> {
  const temporary = `${file}.${process.pid}.${randomUUID()}.tmp`;
  try {
    await mkdir(dirname(file), { recursive: true });
    await writeFile(temporary, `${stableStringify(cassette)}\n`, "utf8");
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw new CassetteFileError(file, `cannot write it (${(error as Error).message})`, {
      cause: error,
    });
  }
}

function parseCassetteJSON(file: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const position = /at position (\d+)/.exec((error as Error).message)?.[1];
    const where = position === undefined ? "" : ` at ${lineColumn(text, Number(position))}`;
    throw new CassetteFileError(file, `invalid JSON${where}: ${(error as Error).message}`, {
      cause: error,
    });
  }
}

/** Validates the shape and re-keys entries from their requests, so hand edits stay consistent. */
function checkCassette(file: string, value: unknown): Cassette {
  if (!isPlainObject(value) || value.version !== 1 || !isPlainObject(value.entries)) {
    throw new CassetteFileError(file, 'expected { "version": 1, "entries": { … } }');
  }
  const entries: Record<string, CassetteEntry> = {};
  for (const [key, entry] of Object.entries(value.entries)) {
    const problem = entryProblem(entry);
    if (problem) throw new CassetteFileError(file, `entry ${key}: ${problem}`);
    const checked = entry as CassetteEntry;
    entries[requestKey(checked.request)] = checked;
  }
  return { version: 1, entries };
}

function entryProblem(entry: unknown): string | undefined {
  if (!isPlainObject(entry) || !isPlainObject(entry.request))
    return "expected { request, responses }";
  const { prompt, messages, jsonSchema } = entry.request;
  if (typeof prompt !== "string") return "request.prompt must be a string";
  if (!Array.isArray(messages)) return "request.messages must be an array";
  if (jsonSchema !== undefined && !isPlainObject(jsonSchema)) {
    return "request.jsonSchema must be an object when present";
  }
  const { responses } = entry;
  if (!Array.isArray(responses) || responses.length === 0) {
    return "responses must be a non-empty array";
  }
  const bad = responses.findIndex(
    (response) => !isPlainObject(response) || typeof response.text !== "string",
  );
  return bad === -1 ? undefined : `responses[${bad}] must be { text: string, usage? }`;
}
