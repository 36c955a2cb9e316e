/**
 * A real model over the official `openai` SDK: OpenAI itself, or any OpenAI-compatible server
 * (vLLM, llama.cpp server, Ollama) through its base URL.
 *
 *   OPENAI_API_KEY=sk-… npx tsx examples/openai.ts
 *   OPENAI_BASE_URL=http://localhost:11434/v1 OPENAI_MODEL=llama3.1 npx tsx examples/openai.ts
 *
 * Without either variable it explains how to run it and exits 0: nothing is sent anywhere.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import OpenAI from "openai";
import { Guard, openAIChat } from "../src/index.js";

const apiKey = process.env.OPENAI_API_KEY || undefined;
const baseURL = process.env.OPENAI_BASE_URL || undefined;

if (!apiKey && !baseURL) {
  console.log(
    [
      "examples/openai.ts calls a real model, and no model is configured. Set either",
      "  OPENAI_API_KEY=sk-...                      (OpenAI; OPENAI_MODEL defaults to gpt-4o-mini)",
      "  OPENAI_BASE_URL=http://localhost:8000/v1   (vLLM, llama.cpp server, Ollama…; no key needed)",
      "and run: npx tsx examples/openai.ts",
    ].join("\n"),
  );
} else {
  const client = new OpenAI({
    apiKey: apiKey ?? "no-key", // the SDK insists on a key; local servers ignore it
    baseURL,
    maxRetries: 3, // the SDK's own retries of network errors, 429 and 5xx, with backoff
    timeout: 60_000, // per HTTP request
  });
  const llm = openAIChat(client, {
    model: process.env.OPENAI_MODEL || "gpt-4o-mini",
    temperature: 0,
    // Sends the output's JSON Schema as `response_format` whenever the whole output is asked for
    // (not in targeted reasks), with `strict: true` when the spec fits OpenAI's strict subset
    // (here it does: `links`, optional, becomes a required key that may be null).
    responseFormat: "json_schema",
    strictSchema: true,
  });

  const root = join(import.meta.dirname, "..");
  const transcript = readFileSync(join(root, "examples/data/latent-space-excerpt.txt"), "utf8");
  const guard = Guard.fromRail(join(root, "rails/show-notes.rail"));
  // timeoutMs bounds the whole call, reasks included; an AbortSignal can be passed as `signal`.
  const outcome = await guard.call(llm, { promptParams: { transcript }, timeoutMs: 120_000 });

  if (outcome.error) {
    console.log(`error (${outcome.error.code}): ${outcome.error.message}`);
    process.exitCode = 1;
  } else {
    console.log("validated output:", JSON.stringify(outcome.validatedOutput, null, 2));
    console.log("validation passed:", outcome.validationPassed);
  }
  const call = outcome.call;
  console.log(`round-trips: ${call.iterations.length}, tokens: ${call.tokens.totalTokens}`);
}
