/**
 * Code first: the output's shape and checks from a zod schema (zod's `.min`/`.max` run as the
 * `schema` validator), more validators attached by JSON path — built-in ones by alias and one
 * defined inline — format instructions added to a one-line prompt, and a typed `validatedOutput`.
 *
 *   npx tsx examples/zod-first.ts
 */
import { z } from "zod";
import {
  fail,
  Guard,
  type LLM,
  modelFromEnv,
  pass,
  type ValidatorDefinition,
} from "../src/index.js";

const Episode = z.object({
  title: z.string().min(5).max(80).describe("The episode title"),
  guest: z.string().describe("The guest's first and last name"),
  minutes: z.number().int().describe("Length of the episode in minutes"),
  topics: z.array(z.string()).describe("The topics discussed, in lower case"),
});

// An inline validator: registered for this guard only, no global registry touched.
const HOSTS = ["Alessio Fanelli", "swyx"];
const notAHost: ValidatorDefinition = {
  name: "not-a-host",
  types: ["string"],
  validate: (value) =>
    HOSTS.includes(String(value)) ? fail(`${String(value)} is a host, not a guest`) : pass(),
};

const guard = Guard.fromZod(Episode, {
  instructions: "You answer only with JSON.",
  // No schema in the prompt: the guard appends it, with the format instructions.
  prompt: "Describe this podcast episode:\n${episode}",
  validators: {
    "$.guest": [
      { name: "two-words", onFail: "reask" },
      { validator: notAHost, onFail: "reask" },
    ],
    "$.minutes": [{ name: "valid-range", args: { min: 1, max: 300 }, onFail: "exception" }],
    "$.topics.*": [{ name: "lower-case", onFail: "fix" }],
  },
});

// A stand-in model: numbers as strings are coerced (and logged), capitals are fixed in place.
const offlineModel: LLM = () =>
  '{"title": "Guardrails for LLM output", "guest": "Shreya Rajpal", "minutes": "52", ' +
  '"topics": ["RAIL", "Re-asks", "validators"]}';

const outcome = await guard.call(modelFromEnv() ?? offlineModel, {
  promptParams: { episode: "Shreya Rajpal, creator of Guardrails AI, on RAIL and re-asks." },
});

// `validatedOutput` is typed from the schema, z.infer<typeof Episode>, once validation passed.
const episode = outcome.validationPassed ? outcome.validatedOutput : undefined;
console.log("validated output:", JSON.stringify(episode));
console.log("minutes + 1 =", episode ? episode.minutes + 1 : "n/a");
// What the guard passes, the schema accepts: every zod check ran on the value returned.
console.log("zod accepts it:", outcome.validationPassed && Episode.safeParse(episode).success);
console.log(
  "repairs:",
  outcome.call.iterations[0]?.repairs.map((repair) => `${repair.kind} ${repair.path ?? ""}`),
);

// guard.parse validates an output you already have; with no model, nothing is reasked, and
// failures that no action resolved are listed with their path and reason: zod's own messages too.
const parsed = await guard.parse(
  '{"title": "RAIL", "guest": "Alessio Fanelli", "minutes": 40, "topics": []}',
);
console.log("parse passed:", parsed.validationPassed);
for (const failure of parsed.failures) {
  console.log(`- ${failure.path} ${failure.validator}: ${failure.message} (${failure.reason})`);
}
console.log("next reask, unsent:", parsed.reask?.paths);

// `exception` stops the call: the error is on the outcome, with a stable code.
const stopped = await guard.parse(
  '{"title": "Guardrails, a year later", "guest": "Shreya Rajpal", "minutes": 0, "topics": []}',
);
console.log("error:", stopped.error?.code, "-", stopped.error?.message);
