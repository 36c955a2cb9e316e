/**
 * Task 3, quotes with provenance (a list): rails/quotes.rail on the "Training Stability
 * Enhancement" chapter of the MosaicML episode. Each quote must be in the transcript
 * (`provenance` against every turn of the episode) and said by one of the episode's speakers
 * (`valid-choices`, from the corpus). The model invents its third quote; the reask asks for that
 * quote alone and gets a real one: `reask answered`.
 *
 *   npx tsx examples/tasks/quotes.ts [--verbose]
 */
import { Guard, readRailFile } from "../../src/index.js";
import { episode, transcriptText, turnsBetween } from "../corpus/excerpt.js";
import { withChoices } from "./episode-choices.js";
import { runAsScript } from "./run.js";
import { abridge, railFile, type Task } from "./task.js";

type Output = { speaker: string; quote: string }[];

const source = episode("mosaicml");

function guard(): Guard<Output> {
  const speakers = source.speakers.map((speaker) => speaker.name);
  const spec = withChoices(
    readRailFile(railFile("quotes.rail")),
    ["*", "speaker"],
    speakers,
    "reask",
  );
  return Guard.fromSpec<Output>(spec);
}

const FIRST = [
  {
    speaker: "Abhinav",
    quote:
      "As you train for longer and longer durations, we found that it's trickier and trickier to avoid these lost spikes.",
  },
  {
    speaker: "Jonathan",
    quote:
      "We were seeing catastrophic loss spikes really frequently, even at the 7B scale that we're just completely derailing runs.",
  },
  // Never said: a confident line a model writes "in the speaker's voice".
  {
    speaker: "Jonathan",
    quote:
      "Honestly, MPT-7B proves that anyone can now build a frontier lab for the price of a used car.",
  },
];

export const quotes: Task<Output> = {
  id: "quotes",
  title: "Quotes with provenance",
  spec: "rails/quotes.rail",
  source: `${source.slug}, 00:25:15–00:30:00`,
  guard,
  options: () => ({
    promptParams: {
      count: 3,
      title: source.title,
      transcript: transcriptText(turnsBetween(source, "00:25:15", "00:30:00")),
    },
    // provenance checks each quote against the whole episode, not only the excerpt shown.
    metadata: { sources: source.turns.map((turn) => turn.text) },
  }),
  script: [
    JSON.stringify(FIRST, null, 2),
    // A targeted reask asks for the failed value alone: `[{"quote": …}]`.
    JSON.stringify([
      {
        quote:
          "Many models are training at the moment and I'm sitting here in the studio and not worrying one bit about whether the runs are gonna continue.",
      },
    ]),
  ],
  show: (output) => output.map(({ speaker, quote }) => `${speaker}: “${abridge(quote, 80)}”`),
};

await runAsScript(import.meta.url, quotes);
