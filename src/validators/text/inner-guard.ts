import type { LLM } from "../../llm/types.js";
import type { ArgSpec, ValidatorContext } from "../types.js";
import { TextValidationError } from "./errors.js";

type GuardModule = typeof import("../../guard/index.js");
type Guard = InstanceType<GuardModule["Guard"]>;

/**
 * A fresh guard per judgement, since a guard's history grows with each call it makes; the spec
 * text is compiled once (`compileRail` caches by text). Imported lazily: the guard depends on
 * the validator registry, which registers this module.
 */
async function guardFor(rail: string): Promise<Guard> {
  const { Guard } = await import("../../guard/index.js");
  return Guard.fromRailString(rail);
}

/**
 * The small RAIL spec of one inner-guard question: the answer's schema (`output`) and the question,
 * followed by Guardrails' JSON instructions.
 */
export const innerRail = (output: string, question: string): string => `<rail version="0.1">
<output>
  ${output}
</output>
<prompt>
${question}

\${gr.complete_json_suffix_v2}
</prompt>
</rail>`;

/** Guardrails' `llm_callable` argument, accepted for compatibility: the guard's own model judges. */
export const ignoredLlmCallable: ArgSpec = {
  name: "llm_callable",
  type: "any",
  optional: true,
  description: "Ignored: the guard's model judges.",
};

/** The guard's model, or a clear reason why a model-judged check cannot run. */
export function requireModel(validator: string, llm: LLM | undefined): LLM {
  if (llm) return llm;
  throw new TextValidationError(
    "model-required",
    `${validator} needs a model: run the guard with an llm (guard.call(llm, …) or guard.parse(output, { llm })).`,
  );
}

/**
 * Asks the guard's model a question through a small RAIL spec of its own (Guardrails' "inner
 * guard"): the answer is parsed and validated like any output, and an unusable one is an error.
 */
export async function askInnerGuard(
  validator: string,
  rail: string,
  promptParams: Record<string, string>,
  ctx: Pick<ValidatorContext<unknown>, "llm" | "signal">,
): Promise<Record<string, unknown>> {
  const llm = requireModel(validator, ctx.llm);
  const guard = await guardFor(rail);
  const outcome = await guard.call(llm, {
    promptParams,
    ...(ctx.signal ? { signal: ctx.signal } : {}),
  });
  const output = outcome.validatedOutput;
  if (!outcome.validationPassed || typeof output !== "object" || output === null) {
    const reason = outcome.error?.message ?? "its answer did not validate";
    throw new TextValidationError(
      "model-answer-unusable",
      `the model's judgement is unusable: ${reason}`,
    );
  }
  return output as Record<string, unknown>;
}
