/**
 * The models the tasks run against: scripted answers (to write cassettes from), a cassette replay
 * that survives prompt changes, and a recorder around either a real or a scripted model.
 */
import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { isDeepStrictEqual } from "node:util";
import {
  type CassetteEntry,
  CassetteMissError,
  type LLM,
  type LLMResponse,
  recordLLM,
  replayLLM,
} from "../../src/index.js";

export const CASSETTE_DIR = join(import.meta.dirname, "..", "cassettes", "tasks");
export const cassetteFile = (taskId: string): string => join(CASSETTE_DIR, `${taskId}.json`);

/** Roughly four characters a token: scripted answers have no real count. */
const estimateTokens = (text: string): number => Math.ceil(text.length / 4);

/**
 * Answers `answers` in order, one per request, with token counts estimated from the lengths. A
 * request beyond the script throws: the guard asked more often than the script was written for.
 */
export function scriptedModel(answers: readonly string[]): LLM {
  let next = 0;
  return (prompt, request): LLMResponse => {
    const text = answers[next];
    if (text === undefined) {
      throw new Error(`the script has ${answers.length} answer(s); request ${next + 1} was made`);
    }
    next += 1;
    const sent = request.messages.map((message) => message.content).join("\n") || prompt;
    const usage = { promptTokens: estimateTokens(sent), completionTokens: estimateTokens(text) };
    return { text, usage: { ...usage, totalTokens: usage.promptTokens + usage.completionTokens } };
  };
}

/** What a tolerant replay had to do because the request was not recorded as sent. */
export interface StaleReplay {
  file: string;
  /** Edit distance between the request and the recording replayed in its place. */
  distance: number;
}

/**
 * Replays `file`. A request recorded exactly gets its recorded answers; one that differs (a
 * prompt reworded since the recording) gets the answers of the closest recorded request, and
 * `onStale` is told, so the demo can say so and point at `npm run cassettes`. The exact
 * matching of `replayLLM` stays the first choice: a tolerant hit is never silent.
 */
export function tolerantReplay(file: string, onStale: (stale: StaleReplay) => void): LLM {
  const exact = replayLLM(file);
  let entries: CassetteEntry[] | undefined;
  const replayed = new Map<CassetteEntry, number>();
  return async (prompt, request) => {
    try {
      return await exact(prompt, request);
    } catch (error) {
      if (!(error instanceof CassetteMissError) || error.closest === undefined) throw error;
      const { closest } = error;
      entries ??= Object.values(
        (JSON.parse(readFileSync(file, "utf8")) as { entries: Record<string, CassetteEntry> })
          .entries,
      );
      const entry = entries.find((candidate) =>
        isDeepStrictEqual(candidate.request, closest.request),
      );
      if (!entry) throw error;
      onStale({ file, distance: closest.distance });
      const count = replayed.get(entry) ?? 0;
      replayed.set(entry, count + 1);
      return entry.responses[Math.min(count, entry.responses.length - 1)] as LLMResponse;
    }
  };
}

/** Records every answer of `llm` into the task's cassette, which starts empty. */
export function recorder(taskId: string, llm: LLM): LLM {
  const file = cassetteFile(taskId);
  rmSync(file, { force: true });
  return recordLLM(llm, file);
}
