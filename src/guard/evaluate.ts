import { appendAll } from "../append.js";
import { conformToSchema, parseOutput } from "../parse/index.js";
import type { ShapeMismatch } from "../parse/types.js";
import type { Field } from "../rail/types.js";
import type { Iteration } from "./history/iteration.js";
import type { Continuation } from "./reask/build.js";
import { replaceMarkers } from "./reask/marker.js";
import { mergeReaskAnswer } from "./reask/merge.js";
import type { WalkOptions, WalkState } from "./validate/state.js";
import { walkOutput } from "./validate/walk.js";

/** What one model answer turned into. */
export type Evaluation =
  | { kind: "unparseable"; error: string }
  | { kind: "mismatch"; value: unknown; mismatches: ShapeMismatch[] }
  | { kind: "validated"; tree: unknown; state: WalkState };

/**
 * Parses, conforms and validates one answer, recording every step in the iteration. The answer
 * to a targeted reask is parsed against the pruned spec and merged into the previous tree first;
 * the merged whole is then checked and validated like a first answer.
 */
export async function evaluateAnswer(
  text: string,
  root: Field,
  continuation: Continuation,
  walkOptions: WalkOptions,
  iteration: Iteration,
): Promise<Evaluation> {
  const answerSpec = continuation.mode === "targeted" ? continuation.answerSpec : root;
  const parsed = parseOutput(text, answerSpec);
  appendAll(iteration.repairs, parsed.repairs);
  if (!parsed.ok) {
    iteration.parseError = parsed.error;
    return { kind: "unparseable", error: parsed.error };
  }
  const candidate =
    continuation.mode === "targeted"
      ? mergeInto(continuation.tree, conformPart(parsed.value, answerSpec, iteration), iteration)
      : parsed.value;
  const conformed = conformToSchema(candidate, root);
  appendAll(iteration.repairs, conformed.repairs);
  iteration.parsedValue = conformed.value;
  if (conformed.mismatches.length > 0) {
    appendAll(iteration.mismatches, conformed.mismatches);
    return { kind: "mismatch", value: conformed.value, mismatches: conformed.mismatches };
  }
  const { tree, state } = await walkOutput(root, conformed.value, walkOptions);
  appendAll(iteration.validatorLogs, state.logs);
  iteration.validatedValue = replaceMarkers(tree);
  return { kind: "validated", tree, state };
}

/**
 * Coerces a reask answer against the pruned spec (keys renamed, strings turned to numbers…)
 * before the merge. Its mismatches are not final: the merged whole is checked again.
 */
function conformPart(value: unknown, answerSpec: Field, iteration: Iteration): unknown {
  const conformed = conformToSchema(value, answerSpec);
  appendAll(iteration.repairs, conformed.repairs);
  return conformed.value;
}

/** The previous tree with the answer merged in by slot; slots left unanswered are recorded. */
function mergeInto(tree: unknown, answer: unknown, iteration: Iteration): unknown {
  const { value, unmatched } = mergeReaskAnswer(tree, answer);
  iteration.unmatchedSlots.push(...unmatched);
  return value;
}
