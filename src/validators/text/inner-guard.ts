import type { ArgSpec, AskModel, ValidatorContext } from "../../contract/types.js";
import { TextValidationError } from "./errors.js";

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

/** The guard's way to ask its model, or a clear reason why a model-judged check cannot run. */
export function requireModel(validator: string, ask: AskModel | undefined): AskModel {
  if (ask) return ask;
  throw new TextValidationError(
    "model-required",
    `${validator} needs a model: run the guard with an llm (guard.call(llm, …) or guard.parse(output, { llm })).`,
  );
}

/**
 * Asks the guard's model a question through a small RAIL spec of its own (Guardrails' "inner
 * guard"), through the context's `ask`: the answer is parsed and validated like any output, and an
 * unusable one is an error.
 */
export async function askInnerGuard(
  validator: string,
  rail: string,
  promptParams: Record<string, string>,
  ctx: Pick<ValidatorContext<unknown>, "ask" | "signal">,
): Promise<Record<string, unknown>> {
  const ask = requireModel(validator, ctx.ask);
  const outcome = await ask(rail, promptParams, ctx.signal);
  if (!outcome.ok) {
    throw new TextValidationError(
      "model-answer-unusable",
      `the model's judgement is unusable: ${outcome.reason}`,
    );
  }
  return outcome.answer;
}
