/**
 * Task 1, episode summary (a string): rails/episode-summary.rail on the "Why XML" and "SQL as a
 * validation language?" chapters of the Guardrails AI episode. The first answer is far too long
 * (`length` fails, so the field's later checks wait for the new answer), and one reask gets a
 * summary that passes every check: `reask answered`.
 *
 *   npx tsx examples/tasks/episode-summary.ts [--verbose]
 */
import { Guard } from "../../src/index.js";
import { episode, transcriptText, turnsBetween } from "../corpus/excerpt.js";
import { runAsScript } from "./run.js";
import { abridge, railFile, type Task } from "./task.js";

const source = episode("guardrails-ai");
const transcript = transcriptText(turnsBetween(source, "00:05:50", "00:14:00"));

// Sentences copied from the transcript, as `extractive-summary` demands.
const SHORT = [
  "Like, I think I started out from this code first framework service initially like Python classes, et cetera.",
  "And having to like create classes on top of that just seemed like a higher upfront cost.",
  "And then within markup languages, I experimented with the bunch, but the idea, like a few aesthetic things about xml, like really appeal to me, as unusual as that may sound.",
  "But that's not really sufficient because like in, in XML or, or what gars allows you to do is like maybe add like descriptions for each field that you're getting, which like is, is really very helpful because that almost acts as a proxy prompt.",
  "And having like all of this metadata contained within this one, like tag was like kind of elegant.",
  "So it is a design goal to like have like essentially low floor, high ceiling is, was like absolutely a design goal.",
  "I'd looked into it very briefly, but I mean, I think for my, for my own workflows, I wanted to make it like as easy as possible to like wrap whatever LLM API calls you make.",
  "And I think other inspiration was like I mentioned this before, but the event handlers was like something that was very appealing, how validators are configured in guardrails right now.",
];
// What a model asked to "stay close to the speakers" often does: copy half the transcript.
const LONG = [
  ...SHORT.slice(0, 4),
  "You can add in like what the correctness criteria or what the validity criteria is for this field, et cetera.",
  "And so the separation of like what's a property of a field versus what's like child of a field, et cetera, was like nice to me.",
  SHORT[4],
  "It's very inspired from H T M L in that way, in that you have these like event handlers for like, oh, if this validity criteria for this field fails maybe I wanna re-ask the large language model and here's my re-asking parameters, et cetera.",
  "My, like, the thing that I was optimizing for was essentially that it seemed clean to me compared to like other things I tried out and seemed as close to English as possible.",
  "I tested it out with, with a bunch of friends you know, who did not have tag backgrounds or worked in tag but weren't like engineers and it like and they resonated and they were able to pick it up.",
  "We're seeing this big influx of, of of people who are building tools with these applications who are kind of like, not machine learning people.",
  SHORT[5],
  "I think like in the very first week that Guardrails was out, like somebody reached out to me and they were pm and they essentially were like, I don't, you know there's a lot of people on my team who would love to use this, but just do not write code.",
  "But I feel like that's, that's another reason for why XML was appealing, because it's essentially like a document structuring, like it's a way to think about like documents as trees, right?",
  "And so I didn't want to like add a lot of overhead or add a lot of like, kind of like high friction essentially like learning a whole new dialect of sequel or a sequel like language is seems like a much bigger overhead to me compared to like doing things in XML or doing things in a markup language, which is much more intuitive in some ways.",
  SHORT[6],
  "So I have I've received like, I think the why XML question, like I mentioned is like one of the things I get most, but I also hear like this feedback from other people, which is like all of like essentially enterprises are also like very comfortable with xml, right?",
  SHORT[7],
  "So I basically looked at like, If you're familiar with Guardrails and you know that you can insert like dynamic scripting into a rail specification, so you can register custom validators within rail.",
  "How you tack on specific validators that's kind of inspired from like c s s and adding like style tags, et cetera, to specific Oh, inline styling.",
];

export const episodeSummary: Task<string> = {
  id: "episode-summary",
  title: "Episode summary",
  spec: "rails/episode-summary.rail",
  source: `${source.slug}, 00:05:50–00:14:00`,
  guard: () => Guard.fromRail<string>(railFile("episode-summary.rail")),
  options: () => ({
    promptParams: { title: source.title, transcript },
    // extractive-summary and similar-to-document compare the summary with this document.
    metadata: { document: transcript },
  }),
  script: [LONG.join(" "), SHORT.join(" ")],
  show: (summary) => [`${abridge(summary)} (${summary.split(/\s+/).length} words)`],
};

await runAsScript(import.meta.url, episodeSummary);
