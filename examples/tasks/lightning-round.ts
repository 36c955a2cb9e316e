/**
 * Task 5, the lightning round: rails/lightning-round.rail on the end of the Notion AI episode.
 * Each of the show's usual questions is a `choice`: `answered` (who answered and the gist) or
 * `not-asked`. The model gets it right the first time: `pass first time`.
 *
 *   npx tsx examples/tasks/lightning-round.ts [--verbose]
 */
import { Guard } from "../../src/index.js";
import { episode, transcriptText, turnsBetween } from "../corpus/excerpt.js";
import { runAsScript } from "./run.js";
import { railFile, type Task } from "./task.js";

interface Output {
  questions: {
    question: string;
    outcome: { status: "answered"; speaker: string; answer: string } | { status: "not-asked" };
  }[];
}

const source = episode("notion-ai");
const QUESTIONS = [
  "Acceleration: what has already happened in AI that you thought would take much longer?",
  "Exploration: what is the most interesting unsolved question in AI?",
  "Request for startups: what AI company do you wish someone would build?",
  "Takeaway: what is one message you want everyone to remember today?",
];

const ANSWER = {
  questions: [
    {
      question: QUESTIONS[0],
      outcome: {
        status: "answered",
        speaker: "Linus",
        answer: "Price is coming down and or being able to get a lot more bang for your buck.",
      },
    },
    {
      question: QUESTIONS[1],
      outcome: {
        status: "answered",
        speaker: "Linus",
        answer:
          "Predictability, reliability: with language models specifically, how to build dependable systems is really important.",
      },
    },
    { question: QUESTIONS[2], outcome: { status: "not-asked" } },
    {
      question: QUESTIONS[3],
      outcome: {
        status: "answered",
        speaker: "Linus",
        answer:
          "We should care a lot more about building flexible, powerful tools than about backwards compatibility.",
      },
    },
  ],
};

export const lightningRound: Task<Output> = {
  id: "lightning-round",
  title: "Lightning round",
  spec: "rails/lightning-round.rail",
  source: `${source.slug}, from 01:01:59`,
  guard: () => Guard.fromRail<Output>(railFile("lightning-round.rail")),
  options: () => ({
    promptParams: {
      title: source.title,
      questions: QUESTIONS.map((question, index) => `${index + 1}. ${question}`).join("\n"),
      transcript: transcriptText(turnsBetween(source, "01:01:59")),
    },
  }),
  script: [JSON.stringify(ANSWER, null, 2)],
  show: (output) =>
    output.questions.map(({ question, outcome }) =>
      outcome.status === "answered"
        ? `${question.split(":")[0]}: answered by ${outcome.speaker}: ${outcome.answer}`
        : `${question.split(":")[0]}: not asked`,
    ),
};

await runAsScript(import.meta.url, lightningRound);
