import { readFileSync } from "node:fs";
import { it } from "vitest";
import type { ValidatorDefinition, Verdict } from "../../src/contract/types.js";
import type { LLM, LLMRequest } from "../../src/llm/types.js";
import type { Field } from "../../src/rail/types.js";
import { expectVerdict, run } from "./run.js";

/** A Latent Space excerpt from test/fixtures/text. */
export const fixture = (name: string): string =>
  readFileSync(new URL(`../fixtures/text/${name}`, import.meta.url), "utf8");

export const stringField: Field = { kind: "string", required: true, validators: [] };

/** A deterministic stand-in for an embedding model: letter counts a–z. */
export const letterEmbed = (texts: string[]): number[][] =>
  texts.map((text) => {
    const vector = Array<number>(26).fill(0);
    for (const char of text.toLowerCase()) {
      const index = char.charCodeAt(0) - 97;
      if (index >= 0 && index < 26) vector[index] = (vector[index] ?? 0) + 1;
    }
    return vector;
  });

/** A plain-function model that answers from a script and records every prompt it was sent. */
export function scriptedModel(answer: (prompt: string) => string): LLM & { prompts: string[] } {
  const prompts: string[] = [];
  const llm = (prompt: string, _request: LLMRequest) => {
    prompts.push(prompt);
    return answer(prompt);
  };
  return Object.assign(llm, { prompts });
}

export interface TextRunOptions {
  metadata?: Record<string, unknown>;
  llm?: LLM;
}

/** Runs a validator on a summary field, defaults filled in, metadata and model passed. */
export const runText = (
  // biome-ignore lint/suspicious/noExplicitAny: definitions type their own arguments
  definition: ValidatorDefinition<any>,
  value: unknown,
  args: Record<string, unknown> = {},
  options: TextRunOptions = {},
): Promise<Verdict> =>
  run(definition, value, args, {
    path: "$.summary",
    field: stringField,
    ...(options.metadata ? { metadata: options.metadata } : {}),
    ...(options.llm ? { llm: options.llm } : {}),
  });

/** A table row: the value and its context, then either `passes` or the expected failure. */
export interface VerdictRow extends TextRunOptions {
  name: string;
  value: unknown;
  args?: Record<string, unknown>;
  /** Expected failure message (exact text or pattern); absent means the value passes. */
  message?: string | RegExp;
  /** Expected fix value; absent asserts the failure has none. */
  fix?: unknown;
}

/** One test per row: passes pass; failures give the message and the fix (or none). */
export function verdictTable(
  // biome-ignore lint/suspicious/noExplicitAny: definitions type their own arguments
  definition: ValidatorDefinition<any>,
  rows: VerdictRow[],
): void {
  for (const row of rows) {
    it(row.name, async () => {
      expectVerdict(await runText(definition, row.value, row.args, row), row);
    });
  }
}
