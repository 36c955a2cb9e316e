/**
 * Cassettes: record a model's answers once, replay them offline and deterministically (tests, CI,
 * demos). Answers are keyed by the exact request, so a changed prompt is a readable miss, never a
 * wrong answer. Here: a string output (rails/episode-summary.rail) whose first summary invents a
 * sentence, fails `extractive-summary`, and is corrected by one reask — all replayed from
 * examples/cassettes/episode-summary.json.
 *
 *   npx tsx examples/cassette.ts              # replay
 *   RECORD=1 npx tsx examples/cassette.ts     # record again: from OPENAI_* if set, else from
 *                                             # the stand-in answers below (after a prompt change)
 */
import { readFileSync } from "node:fs";
import { Guard, type LLM, modelFromEnv, recordLLM, replayLLM } from "../src/index.js";

const CASSETTE = "examples/cassettes/episode-summary.json";
const transcript = readFileSync("examples/data/latent-space-excerpt.txt", "utf8");

const SUMMARY =
  "Alessio: Hey everyone, welcome to the Latent Space podcast. I'm Alessio, partner and CTO at " +
  "Decibel Partners, and I'm joined by my co-host swyx. Today we're in the studio with Shreya " +
  "Rajpal, the creator of Guardrails AI. Guardrails started as a side project: I wanted language " +
  "model output I could actually trust in production. So why is RAIL written in XML and not JSON " +
  "Schema? Keys alone could not carry enough information per field. XML let us attach validators " +
  "and the action to take when each one fails. We re-ask, but only for the fields that failed, " +
  "with the incorrect value and the error message inline. Streaming validation, and a hub where " +
  "anyone can share validators.";
// The first answer adds a sentence the transcript never says.
const INVENTED = SUMMARY.replace(
  "Streaming",
  "Guardrails raised a large funding round last year. Streaming",
);

function standIn(): LLM {
  const answers = [INVENTED, SUMMARY];
  return () => answers.shift() ?? SUMMARY;
}

const llm = process.env.RECORD
  ? recordLLM(modelFromEnv() ?? standIn(), CASSETTE)
  : replayLLM(CASSETTE);

const guard = Guard.fromRail<string>("rails/episode-summary.rail");
const outcome = await guard.call(llm, {
  promptParams: { title: "Guardrails for LLM output", transcript },
  // extractive-summary checks each sentence against the source document.
  metadata: { document: transcript },
});

for (const step of outcome.call.iterations) {
  const failed = step.validatorLogs.filter((log) => log.outcome === "fail");
  const verdicts = failed.map((log) => `${log.validator} failed → ${log.actionTaken}`);
  console.log(`step ${step.index} (${step.kind}): ${verdicts.join("; ") || "all validators pass"}`);
}
console.log("validation passed:", outcome.validationPassed);
// `validatedOutput` is a `string` only once validation passed.
const summary = outcome.validationPassed ? outcome.validatedOutput : "(no valid summary)";
console.log("summary:", summary.slice(0, 60), "…");

// A request that was never recorded fails loudly, naming the closest recording.
const miss = await guard.call(replayLLM(CASSETTE), {
  promptParams: { title: "Another episode", transcript },
  metadata: { document: transcript },
});
console.log(`unrecorded request: ${miss.error?.code}: ${miss.error?.message.split("\n")[0]}`);
