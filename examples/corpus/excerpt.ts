/**
 * Picking parts of an episode for a prompt: an episode by slug, the turns of a stretch of the
 * recording, and the transcript as the prompts show it (`[00:12:00] Swyx: …`).
 */
import { readCorpus } from "./build-db.js";
import { markSeconds } from "./parse.js";
import type { Episode, Turn } from "./types.js";

let corpus: ReturnType<typeof readCorpus> | undefined;

export function episode(slug: string): Episode {
  corpus ??= readCorpus();
  const found = corpus.episodes.find((candidate) => candidate.slug === slug);
  if (!found) throw new Error(`no episode "${slug}" in the corpus`);
  return found;
}

/**
 * The turns from `from` up to (not including) `to`, as `HH:MM:SS`. A turn without a mark of its
 * own counts as said at the last mark before it.
 */
export function turnsBetween(source: Episode, from: string, to = "99:59:59"): Turn[] {
  const [start, end] = [markSeconds(from), markSeconds(to)];
  let at = 0;
  return source.turns.filter((turn) => {
    if (turn.time !== undefined) at = markSeconds(turn.time);
    return at >= start && at < end;
  });
}

/** One line per turn: `[time] Speaker: text`, the time where the turn has one. */
export const transcriptText = (turns: readonly Turn[]): string =>
  turns
    .map((turn) => `${turn.time ? `[${turn.time}] ` : ""}${turn.speaker}: ${turn.text}`)
    .join("\n");
