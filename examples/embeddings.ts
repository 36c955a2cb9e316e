/**
 * Embeddings for the summary validators: `openAIEmbed` turns an `openai` client into the `embed`
 * function they take in `metadata`. Here `provenance-v0` keeps only the sentences of a summary
 * that the transcript supports. Without OPENAI_API_KEY or OPENAI_BASE_URL it stays offline, and
 * the same validator compares sentences by TF-IDF instead.
 *
 *   npx tsx examples/embeddings.ts
 *   OPENAI_API_KEY=sk-… npx tsx examples/embeddings.ts
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import OpenAI from "openai";
import { type EmbedFunction, Guard, openAIEmbed } from "../src/index.js";

const transcript = readFileSync(join(import.meta.dirname, "data/latent-space-excerpt.txt"), "utf8");

const apiKey = process.env.OPENAI_API_KEY || undefined;
const baseURL = process.env.OPENAI_BASE_URL || undefined;
const embed: EmbedFunction | undefined =
  apiKey || baseURL
    ? openAIEmbed(new OpenAI({ apiKey: apiKey ?? "no-key", baseURL }), {
        model: process.env.OPENAI_EMBEDDING_MODEL || "text-embedding-3-small",
      })
    : undefined;

const guard = Guard.fromRailString<string>(`<rail version="0.1">
  <output type="string"
          description="A summary of the episode"
          validators="provenance-v0: threshold=0.7"
          on-fail-provenance-v0="fix"/>
</rail>`);

// A summary to check, with one claim the transcript never makes.
const summary =
  "Shreya Rajpal created Guardrails AI. RAIL is written in XML to attach validators to each " +
  "field. Guardrails raised a large funding round last year. Guardrails re-asks only for the fields that failed.";

// `sources` are the texts claims must come from; `embed`, when given, replaces TF-IDF.
const outcome = await guard.parse(summary, { metadata: { sources: [transcript], embed } });

console.log(`similarity: ${embed ? "embeddings" : "TF-IDF (offline)"}`);
console.log("kept:", outcome.validatedOutput);
for (const log of outcome.call.iterations[0]?.validatorLogs ?? []) {
  console.log(`${log.validator}: ${log.outcome} → ${log.actionTaken}\n${log.message ?? ""}`);
}
