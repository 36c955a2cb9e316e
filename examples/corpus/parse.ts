/**
 * Parses the seed page (a podcast site's episode list, chrome in Spanish and German) into the
 * typed corpus of examples/corpus/episodes.json. Each episode is four lines: `  • title`, one very
 * long line (intro, "Show Notes*…", "Timestamps*…", "Transcript" then speaker turns), the date
 * (`d/m/yyyy`) and the duration. Everything here is linear in the page's size.
 *
 *   npx tsx examples/corpus/parse.ts     # rewrites examples/corpus/episodes.json from the seed
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { readSeed, SEED_NAME } from "./seed.js";
import type { Chapter, Corpus, Episode, Guest, ShowNote, Speaker, Turn } from "./types.js";

const HOSTS = ["Alessio", "Swyx"];
/** Labels the transcripts misspell or shorten, folded into the speaker they stand for. */
const LABEL_ALIASES: Record<string, string> = { Swtx: "Swyx", Abhi: "Abhinav" };
/** An unnamed host: kept as the transcript labels it. */
const ANONYMOUS_HOST = "Host";
const MARK = /\[((?:\d{1,2}:)?\d{1,2}:\d{2})\]/g;
const CHROME = " This is a public episode.";

/** `[02:00]`, `0:13:00`, `00:03:30` → seconds. */
export function markSeconds(mark: string): number {
  const parts = mark.split(":").map(Number);
  return parts.reduce((total, part) => total * 60 + part, 0);
}

/** Seconds → `HH:MM:SS`. */
export function clock(seconds: number): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${pad(Math.floor(seconds / 3600))}:${pad(Math.floor(seconds / 60) % 60)}:${pad(seconds % 60)}`;
}

const normalise = (mark: string): string => clock(markSeconds(mark));

export function parseCorpus(page: string): Corpus {
  const lines = page.split("\n");
  const episodes: Episode[] = [];
  lines.forEach((line, index) => {
    const title = /^\s*•\s+(.+)$/.exec(line)?.[1]?.trim();
    const body = lines[index + 1];
    const date = lines[index + 2]?.trim();
    const duration = lines[index + 3]?.trim();
    if (title === undefined || body === undefined || !date || !duration) return;
    episodes.push(parseEpisode(title, body, date, duration));
  });
  return { source: `../shared/seeds/${SEED_NAME}`, episodes };
}

function parseEpisode(title: string, body: string, date: string, duration: string): Episode {
  const { guests, slug } = parseTitle(title);
  const start = body.indexOf("TranscriptAlessio:");
  if (start === -1) throw new Error(`no transcript in "${title}"`);
  const head = body.slice(0, start);
  const chapters = parseChapters(section(head, "Timestamps*"));
  const guestLabels = guests.map((guest) => guest.name.split(" ")[0] as string);
  const transcript = body.slice(start + "Transcript".length);
  const end = transcript.indexOf(CHROME);
  const { turns, headings } = parseTurns(
    end === -1 ? transcript : transcript.slice(0, end),
    guestLabels,
  );
  const speakers: Speaker[] = [
    ...HOSTS.map((name) => ({ name, role: "host" as const })),
    ...(turns.some((turn) => turn.speaker === ANONYMOUS_HOST)
      ? [{ name: ANONYMOUS_HOST, role: "host" as const }]
      : []),
    ...guestLabels.map((name) => ({ name, role: "guest" as const })),
  ];
  return {
    slug,
    title,
    guests,
    date: isoDate(date),
    duration,
    durationSeconds: markSeconds(duration),
    showNotes: parseShowNotes(section(head, "Show Notes*")),
    chapters,
    speakers,
    headings,
    turns,
  };
}

/** "… — with Jonathan Frankle and Abhinav Venigalla of MosaicML" → the guests and a slug. */
function parseTitle(title: string): { guests: Guest[]; slug: string } {
  // The last "with": a title may use the word before (`Debugging the Internet with AI agents`).
  const match = /.*\swith\s+(.+?)\s+of\s+(.+)$/.exec(title);
  if (!match) throw new Error(`no guests in "${title}"`);
  const [, names = "", company = ""] = match;
  const guests = names.split(/\s+and\s+/).map((name) => ({ name, company }));
  const first = company.split(/\s+and\s+/)[0] ?? company;
  return { guests, slug: first.toLowerCase().replace(/[^a-z0-9]+/g, "-") };
}

/** `1/6/2023` (day first, as the Spanish page writes it) → `2023-06-01`. */
function isoDate(date: string): string {
  const [day = "", month = "", year = ""] = date.split("/");
  return `${year}-${month.padStart(2, "0")}-${day.padStart(2, "0")}`;
}

const SECTION_ENDS = ["Timestamps*", "Show Notes*"];

/** The `*`-separated items after the last `marker` in `head`, up to the next section or the end. */
function section(head: string, marker: string): string[] {
  const at = head.lastIndexOf(marker);
  if (at === -1) return [];
  const rest = head.slice(at + marker.length);
  const ends = SECTION_ENDS.map((end) => rest.indexOf(end)).filter((index) => index !== -1);
  const text = rest.slice(0, ends.length === 0 ? undefined : Math.min(...ends));
  return text
    .split("*")
    .map((item) => item.trim())
    .filter((item) => item !== "");
}

/** `[00:03:30] Title` or `Title [00:03:30]`. */
function parseChapters(items: string[]): Chapter[] {
  return items.flatMap((item) => {
    const mark = /\[((?:\d{1,2}:)?\d{1,2}:\d{2})\]/.exec(item);
    if (!mark) return [];
    const title = item.replace(mark[0], "").trim();
    const seconds = markSeconds(mark[1] as string);
    return [{ time: clock(seconds), seconds, title }];
  });
}

function parseShowNotes(items: string[]): ShowNote[] {
  return items.map((item) => {
    const url = /https?:\/\/\S+/.exec(item)?.[0];
    if (url === undefined) return { text: item };
    const text = item.replace(url, "").trim();
    return { text, url };
  });
}

/**
 * Splits at speaker labels (`Swyx:`), which the page often glues to the previous word
 * (`…one.Swyx:`). A turn ending in `[mm:ss] A Title` with no sentence punctuation carries a
 * section heading: it is moved to `headings`.
 */
function parseTurns(
  transcript: string,
  guestLabels: string[],
): { turns: Turn[]; headings: Chapter[] } {
  const labels = [...HOSTS, ANONYMOUS_HOST, ...guestLabels, ...Object.keys(LABEL_ALIASES)]
    // Longest first, so `Abhinav` wins over `Abhi`.
    .sort((a, b) => b.length - a.length);
  const label = new RegExp(`(${labels.join("|")}):`, "g");
  const found = [...transcript.matchAll(label)];
  const turns: Turn[] = [];
  const headings: Chapter[] = [];
  found.forEach((match, index) => {
    const from = (match.index ?? 0) + match[0].length;
    const to = found[index + 1]?.index ?? transcript.length;
    let raw = transcript.slice(from, to);
    const heading = /\s*\[((?:\d{1,2}:)?\d{1,2}:\d{2})\]\s*([^.?![\]]{1,80})$/.exec(raw);
    // Not a short turn that opens with its mark (`Swyx: [00:12:00] Yeah`).
    const before = heading ? raw.slice(0, heading.index).trim() : "";
    if (heading && before !== "" && /^[A-Z]/.test(heading[2] ?? "")) {
      const seconds = markSeconds(heading[1] as string);
      headings.push({ time: clock(seconds), seconds, title: (heading[2] as string).trim() });
      raw = raw.slice(0, heading.index);
    }
    const speaker = match[1] as string;
    const time = [...raw.matchAll(MARK)][0]?.[1];
    const text = raw.replace(MARK, " ").replace(/\s+/g, " ").trim();
    if (text === "") return;
    turns.push({
      speaker: LABEL_ALIASES[speaker] ?? speaker,
      ...(time === undefined ? {} : { time: normalise(time) }),
      text,
    });
  });
  return { turns, headings };
}

/** Pretty JSON with a final newline, as committed. */
export const corpusJSON = (corpus: Corpus): string => `${JSON.stringify(corpus, null, 2)}\n`;

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const out = join(import.meta.dirname, "episodes.json");
  writeFileSync(out, corpusJSON(parseCorpus(readSeed())));
  console.log(`wrote ${out}`);
}
