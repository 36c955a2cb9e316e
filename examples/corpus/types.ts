/** The episode corpus: five Latent Space episodes parsed from the seed page (see parse.ts). */

export interface Corpus {
  /** Where the page came from, relative to the repository root. */
  source: string;
  episodes: Episode[];
}

export interface Episode {
  /** Stable identifier derived from the guests' company: `notion-ai`, `guardrails-ai`… */
  slug: string;
  title: string;
  guests: Guest[];
  /** Publication date, ISO `YYYY-MM-DD` (the page writes `d/m/yyyy`). */
  date: string;
  /** As printed on the page (`1:09:50`, `50:37`). */
  duration: string;
  durationSeconds: number;
  /** The "Show Notes" list: each item's text, and its URL when the page gives one. */
  showNotes: ShowNote[];
  /** The "Timestamps" list, in page order. */
  chapters: Chapter[];
  /** Hosts then guests, as the transcript labels them. */
  speakers: Speaker[];
  /** Section headings the transcript itself carries (`[02:00] VectorDash`), taken out of the turns. */
  headings: Chapter[];
  turns: Turn[];
}

export interface Guest {
  name: string;
  /** The guest's company, from the title's "of …". */
  company: string;
}

export interface ShowNote {
  text: string;
  url?: string;
}

export interface Chapter {
  /** Normalised to `HH:MM:SS` (the page mixes `[02:00]`, `[0:13:00]` and `[00:03:30]`). */
  time: string;
  seconds: number;
  title: string;
}

export interface Speaker {
  /** The label as the transcript writes it (`Swyx`, `Host`), known typos folded (`Swtx`). */
  name: string;
  role: "host" | "guest";
}

export interface Turn {
  speaker: string;
  /**
   * The first `[hh:mm:ss]` mark inside the turn, normalised to `HH:MM:SS`, where there is one.
   * Episodes differ: some marks open a turn, some close it; this is the mark as given.
   */
  time?: string;
  /** The spoken text, marks removed. */
  text: string;
}
