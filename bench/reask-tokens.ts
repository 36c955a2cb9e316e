/**
 * What a reask costs in prompt tokens next to the first prompt, for each `reaskContext`: the
 * show-notes spec on the episode excerpt, a first answer with one wrong guest, counted with the
 * GPT-4o tokenizer (o200k) over every message sent.
 */
import { readFileSync } from "node:fs";
import { countTokens } from "gpt-tokenizer";
import type { LLMRequest } from "../src/index.js";
import { railguard } from "./package.js";

const FIRST = JSON.stringify({
  title: "Guardrails AI with Shreya Rajpal",
  tagline: "Shreya Rajpal explains how Guardrails makes model output trustworthy.",
  guests: ["Shreya"],
  topics: [
    { timestamp: "00:00:00", title: "Introductions" },
    { timestamp: "00:07:30", title: "Why RAIL is XML" },
  ],
  links: ["https://www.guardrailsai.com/docs"],
});
const SECOND = '{"guests": ["Shreya Rajpal"]}';

const tokensOf = (request: LLMRequest): number =>
  request.messages.reduce((sum, message) => sum + countTokens(message.content), 0);

/** The tokens of each request a call sends, first prompt then reask. */
async function requestTokens(reaskContext: "fields" | "conversation"): Promise<number[]> {
  const guard = railguard.Guard.fromRail("rails/show-notes.rail");
  const answers = [FIRST, SECOND];
  const sent: number[] = [];
  const transcript = readFileSync("examples/data/latent-space-excerpt.txt", "utf8");
  await guard.call(
    (_prompt, request) => {
      sent.push(tokensOf(request));
      return answers.shift() ?? "";
    },
    { promptParams: { transcript }, reaskContext },
  );
  return sent;
}

export async function reaskTokens(report: (line?: string) => void): Promise<void> {
  report();
  report("## Reask prompt tokens (show notes, one wrong guest; GPT-4o tokenizer)");
  report();
  report("| reaskContext | first prompt | reask | reask ÷ first |");
  report("|---|---|---|---|");
  for (const mode of ["fields", "conversation"] as const) {
    const [first = 0, reask = 0] = await requestTokens(mode);
    report(`| ${mode} | ${first} | ${reask} | ${(reask / Math.max(first, 1)).toFixed(2)}× |`);
  }
}
