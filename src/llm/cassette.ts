import {
  type Cassette,
  type CassetteRequest,
  cassetteRequest,
  readCassette,
  requestKey,
  writeCassette,
} from "./cassette-file.js";
import { CassetteMissError } from "./cassette-miss.js";
import { type LLMResult, normaliseResponse } from "./response.js";
import type { LLM } from "./types.js";

/**
 * Wraps a model and stores each answer in `file`, keyed by the exact request (prompt,
 * instructions, messages, structured-output schema). Other recordings in the file are kept; a request's old answers are
 * replaced the first time this recorder sees it, and later identical requests append, so a replay
 * gives back the same sequence. The file is rewritten atomically after every answer.
 */
export function recordLLM(llm: LLM, file: string): LLM {
  const cassette = once(() => readCassette(file, true));
  const seen = new Set<string>();
  let writes: Promise<void> = Promise.resolve();

  return async (prompt, request) => {
    // Read first: a broken cassette should fail before a paid model call.
    const loaded = await cassette();
    const result = normaliseResponse(await llm(prompt, request));
    const recorded = cassetteRequest(prompt, request);
    const key = requestKey(recorded);
    const earlier = seen.has(key) ? (loaded.entries[key]?.responses ?? []) : [];
    loaded.entries[key] = { request: recorded, responses: [...earlier, result] };
    seen.add(key);
    // Writes are chained so concurrent calls never rename over a newer file.
    writes = writes.catch(() => {}).then(() => writeCassette(file, loaded));
    await writes;
    return copy(result);
  };
}

/**
 * A model that answers from `file` only: offline and deterministic. The n-th identical request
 * gets the n-th recorded answer (the last one repeats); an unrecorded request throws
 * `CassetteMissError` showing the closest recorded prompt and where they differ.
 */
export function replayLLM(file: string): LLM {
  const cassette = once(() => readCassette(file, false));
  const replayed = new Map<string, number>();

  return async (prompt, request) => {
    const { entries } = await cassette();
    const wanted = cassetteRequest(prompt, request);
    const key = requestKey(wanted);
    const responses = entries[key]?.responses;
    if (!responses) throw new CassetteMissError(file, wanted, recordedRequests(entries));
    const count = replayed.get(key) ?? 0;
    replayed.set(key, count + 1);
    return copy(responses[Math.min(count, responses.length - 1)] as LLMResult);
  };
}

/** Loads lazily, once: errors surface on the first call, as typed errors. */
function once<T>(load: () => Promise<T>): () => Promise<T> {
  let loaded: Promise<T> | undefined;
  return () => {
    loaded ??= load();
    return loaded;
  };
}

function recordedRequests(entries: Cassette["entries"]): CassetteRequest[] {
  return Object.values(entries).map((entry) => entry.request);
}

/** Callers may mutate what they get; the cassette must not change under them. */
function copy(result: LLMResult): LLMResult {
  return result.usage ? { text: result.text, usage: { ...result.usage } } : { text: result.text };
}
