/**
 * Quick start: a guard from a RAIL file, a model that first answers in prose with a mistake and
 * then corrects it after one targeted reask, and the history of both round-trips.
 *
 *   npx tsx examples/quick-start.ts
 *
 * Offline by default (a scripted model); with OPENAI_API_KEY or OPENAI_BASE_URL set, the same code
 * calls that model instead.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Guard, type LLM, modelFromEnv } from "../src/index.js";

const root = join(import.meta.dirname, "..");
const transcript = readFileSync(join(import.meta.dirname, "data/latent-space-excerpt.txt"), "utf8");

// A stand-in model. Its first answer has prose around the JSON, a guest written as one word
// (`two-words` fails → reask), a title spread over two lines (`one-line` → fix) and a link that
// is not a URL (`valid-url` → filter). Its second answer is the reask's corrected guest list.
const FIRST_ANSWER = `Sure! Here are the show notes:
{
  "title": "Guardrails AI\\nwith Shreya Rajpal",
  "tagline": "Shreya Rajpal explains how Guardrails makes model output trustworthy.",
  "guests": ["Shreya"],
  "topics": [
    {"timestamp": "00:00:00", "title": "Introductions"},
    {"timestamp": "00:07:30", "title": "Why RAIL is XML"},
    {"timestamp": "00:18:20", "title": "Re-asking only the failed fields"},
    {"timestamp": "00:31:10", "title": "What comes next"}
  ],
  "links": ["https://www.guardrailsai.com/docs", "the Guardrails docs"],
}
Hope this helps!`;
const SECOND_ANSWER = '{"guests": ["Shreya Rajpal"]}';

function scriptedModel(): LLM {
  const answers = [FIRST_ANSWER, SECOND_ANSWER];
  return () => answers.shift() ?? "";
}

const guard = Guard.fromRail(join(root, "rails/show-notes.rail"));
const llm = modelFromEnv() ?? scriptedModel();

const outcome = await guard.call(llm, { promptParams: { transcript } });

console.log("validated output:", JSON.stringify(outcome.validatedOutput, null, 2));
console.log("validation passed:", outcome.validationPassed);
if (outcome.error) console.log("error:", outcome.error.code, outcome.error.message);
// Every round-trip: prompt, raw output, parse repairs, validator verdicts, reask, tokens, time.
console.log(guard.history.last?.tree());

// The same record as data, for logs or a UI: History and Call serialise with JSON.stringify.
const history = JSON.parse(JSON.stringify(guard.history));
console.log(`history JSON: ${history.length} call(s), ${history[0].iterations.length} iterations`);

// Every step as it happens, for logs or telemetry: `onEvent` hears each typed event of a call.
const steps: string[] = [];
const watched = Guard.fromRail(join(root, "rails/show-notes.rail"), {
  onEvent: (event) => steps.push(event.type),
});
await watched.call(modelFromEnv() ?? scriptedModel(), { promptParams: { transcript } });
console.log(`events: ${steps.join(", ")}`);
