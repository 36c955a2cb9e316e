import OpenAI from "openai";
import { Guard } from "../guard/index.js";
import { DEFAULT_OPENAI_MODEL, openAIChat, recordLLM, replayLLM } from "../llm/index.js";
import type { LLM } from "../llm/types.js";
import { parseCommandArgs, usageError } from "./args.js";
import { runBatch } from "./batch/batch.js";
import type { CliIO } from "./io.js";
import { readJsonObject } from "./json-file.js";
import { compileSpec, SPEC_OPTIONS } from "./spec-options.js";
import { readVariables } from "./vars.js";
import { ACCEPT_FIXES_OPTION, passes } from "./verdict.js";

const OPTIONS = {
  var: { type: "string", multiple: true, default: [] as string[] },
  "var-file": { type: "string" },
  metadata: { type: "string" },
  model: { type: "string" },
  "base-url": { type: "string" },
  "num-reasks": { type: "string" },
  record: { type: "string" },
  replay: { type: "string" },
  batch: { type: "string" },
  out: { type: "string" },
  concurrency: { type: "string", default: "4" },
  ...ACCEPT_FIXES_OPTION,
  ...SPEC_OPTIONS,
} as const;

type Values = ReturnType<typeof parseCommandArgs<typeof OPTIONS>>["values"];

/**
 * `railguard run`: the spec's prompt sent to a model through the guard, once (the validated
 * output on stdout, the tree on stderr; exit 0 pass, 1 fail) or over a JSON Lines batch.
 */
export async function runMain(args: readonly string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandArgs("run", args, OPTIONS);
  if (positionals.length !== 1) throw usageError("run", "give one spec file");
  const [spec = ""] = positionals;
  const numReasks = count(values["num-reasks"], "--num-reasks", 0);
  const concurrency = count(values.concurrency, "--concurrency", 1) ?? 4;
  if (values.batch !== undefined && values.out === undefined) {
    throw usageError(
      "run",
      "--batch needs --out results.jsonl (where results go, and resume from)",
    );
  }
  const compiled = await compileSpec("run", values, spec, io);
  const guard = new Guard(compiled);
  const llm = modelFor(values, io.env ?? process.env);
  const vars = readVariables(values.var, values["var-file"]);
  const metadata =
    values.metadata === undefined ? {} : readJsonObject(values.metadata, "--metadata");
  if (values.batch !== undefined && values.out !== undefined) {
    const batch = {
      guard,
      llm,
      inputs: values.batch,
      out: values.out,
      concurrency,
      vars,
      metadata,
    };
    return runBatch({ ...batch, numReasks, acceptFixes: values["accept-fixes"] }, io);
  }
  const outcome = await guard.call(llm, { promptParams: vars, metadata, numReasks });
  const output = outcome.validatedOutput;
  if (output !== null) {
    io.out.write(
      typeof output === "string" ? `${output}\n` : `${JSON.stringify(output, null, 2)}\n`,
    );
  }
  io.err.write(`${outcome.call.tree({ color: io.color, warnings: false })}\n`);
  return passes(outcome, values["accept-fixes"]) ? 0 : 1;
}

/**
 * The model: a cassette with --replay (offline), else the OpenAI SDK against --base-url or
 * OPENAI_BASE_URL (any compatible server) or OpenAI with OPENAI_API_KEY; --record keeps answers.
 */
function modelFor(values: Values, env: Record<string, string | undefined>): LLM {
  if (values.replay !== undefined) {
    if (values.record !== undefined) throw usageError("run", "give --record or --replay, not both");
    return replayLLM(values.replay);
  }
  const baseURL = values["base-url"] ?? (env.OPENAI_BASE_URL || undefined);
  const apiKey = env.OPENAI_API_KEY || undefined;
  if (!baseURL && !apiKey) {
    throw usageError(
      "run",
      "no model: set OPENAI_API_KEY, give --base-url for an OpenAI-compatible server, or --replay a cassette",
    );
  }
  // The SDK insists on a key; local servers ignore it.
  const client = new OpenAI({
    apiKey: apiKey ?? "no-key",
    // Explicit, so the SDK never reads process.env behind the environment given.
    baseURL: baseURL ?? "https://api.openai.com/v1",
    maxRetries: 2,
  });
  const model = values.model ?? (env.OPENAI_MODEL || DEFAULT_OPENAI_MODEL);
  const llm = openAIChat(client, { model });
  return values.record === undefined ? llm : recordLLM(llm, values.record);
}

function count(value: string | undefined, option: string, min: number): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!Number.isInteger(number) || number < min) {
    throw usageError("run", `${option} must be a whole number ≥ ${min}, not "${value}"`);
  }
  return number;
}
