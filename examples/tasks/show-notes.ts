/**
 * Task 2, show notes (an object): rails/show-notes.rail on the first 23 minutes of the Notion AI
 * episode, each chapter's time checked against the transcript's marks (`valid-choices`, from the
 * corpus). The model wraps its JSON in prose (repaired), adds a link without a scheme (filtered),
 * invents a chapter time and names the guest by first name only (both asked again). The reask
 * gives the guest's full name but another invented time, and the budget of one reask is spent:
 * `valid-choices` has no fix for a time, so the call fails, and says so: `reask unanswered`.
 *
 *   npx tsx examples/tasks/show-notes.ts [--verbose]
 */
import { Guard, readRailFile } from "../../src/index.js";
import { episode, transcriptText, turnsBetween } from "../corpus/excerpt.js";
import { withChoices } from "./episode-choices.js";
import { runAsScript } from "./run.js";
import { railFile, type Task } from "./task.js";

interface Output {
  title: string;
  tagline: string;
  guests: string[];
  topics: { timestamp: string; title: string }[];
  links?: string[];
}

const source = episode("notion-ai");
const turns = turnsBetween(source, "00:00:00", "00:23:29");
const marks = turns.flatMap((turn) => (turn.time ? [turn.time] : []));

function guard(): Guard<Output> {
  const spec = readRailFile(railFile("show-notes.rail"));
  return Guard.fromSpec<Output>(withChoices(spec, ["topics", "*", "timestamp"], marks, "reask"));
}

const FIRST = `Sure! Here are the show notes for this episode:

{
  "title": "Building the AI × UX Scenius",
  "tagline": "Linus of Notion AI on the AI UX community and why most knowledge work is not text generation.",
  "guests": ["Linus"],
  "topics": [
    {"timestamp": "00:00:20", "title": "Introductions at the Notion New York office"},
    {"timestamp": "00:05:00", "title": "Starting the AI / UX community"},
    {"timestamp": "00:10:01", "title": "Most knowledge work is not text generation"},
    {"timestamp": "00:16:21", "title": "Finding the right constraints and interface for AI"},
    {"timestamp": "00:19:06", "title": "Linus' journey to working at Notion"}
  ],
  "links": ["https://www.notion.so/product/ai", "notion.so/projects"]
}

Let me know if you want a longer tagline!`;

export const showNotes: Task<Output> = {
  id: "show-notes",
  title: "Show notes",
  spec: "rails/show-notes.rail",
  source: `${source.slug}, 00:00:00–00:23:29`,
  guard,
  options: () => ({ promptParams: { transcript: transcriptText(turns) } }),
  // The reask gets the guest's full name right, but guesses another time that no mark carries.
  script: [FIRST, '{"guests": ["Linus Lee"], "topics": [{"timestamp": "00:05:30"}]}'],
  show: (output) => [
    `${output.title} · guests: ${output.guests.join(", ")}`,
    ...output.topics.map((topic) => `${topic.timestamp} ${topic.title}`),
    `links: ${(output.links ?? []).join(", ") || "none"}`,
  ],
};

await runAsScript(import.meta.url, showNotes);
