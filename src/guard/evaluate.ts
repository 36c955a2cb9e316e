import { appendAll } from "../append.js";
import {
  conformToSchema,
  fitsExactly,
  fitsParsed,
  NOT_JSON,
  parsedFitCheck,
  parseJson,
  parseOutput,
  parseOutputFrom,
} from "../parse/index.js";
import type { ConformResult, ParseResult, Repair, ShapeMismatch } from "../parse/types.js";
import type { Field } from "../rail/types.js";
import { verdictsEvent } from "./events.js";
import { ValidatorLogList } from "./history/log-list.js";
import type { Continuation } from "./reask/build.js";
import { mergeReaskAnswer, type UnmatchedSlot } from "./reask/merge.js";
import type { ReaskSlot } from "./reask/slot.js";
import type { EmitRound } from "./run.js";
import type { WalkOptions, WalkState } from "./validate/state.js";
import { type WalkResult, walkOutput } from "./validate/walk.js";

/** What one model answer turned into. */
export type Evaluation =
  | { kind: "unparseable"; error: string }
  | { kind: "mismatch"; value: unknown; mismatches: ShapeMismatch[] }
  | {
      kind: "validated";
      tree: unknown;
      /** The values the walk asks again, at their paths in `tree`. */
      slots: readonly ReaskSlot[];
      state: WalkState;
      unmatchedSlots: UnmatchedSlot[];
      /** The value walked is the answer as parsed, which fitted the spec exactly. */
      fitted: boolean;
    };

/** Told of the walk's log list while the walk runs, and of undefined once it ends. */
type Watch = (logs: ValidatorLogList | undefined) => void;

/** What a round's evaluation works with besides the answer: the spec, how to walk, whom to tell. */
export interface AnswerSteps {
  root: Field;
  walkOptions: WalkOptions;
  emit: EmitRound;
  watch: Watch;
}

/**
 * Parses, conforms and validates one answer, announcing each step. The answer to a targeted
 * reask is parsed against the pruned spec and merged into the previous tree first; the merged
 * whole is then checked and validated like a first answer.
 *
 * An object or list answer that is valid JSON and fits the spec as parsed (`parsedFitCheck`), as
 * most do, is walked as `JSON.parse` made it: one check stands for `inspectParsed` and
 * `fitsExactly`. The check comes before the walk, not during it: no validator is ever asked about
 * an answer that does not fit (one may consult the model, or take its time), as the conformer may
 * yet find it a mismatch or the answer unusable, and then no validator runs.
 *
 * `watch` is told of the walk's log list while the walk runs (and of undefined just before its
 * verdicts are announced): a call that gives up on the walk can still announce the verdicts it
 * gave.
 */
export function evaluateAnswer(
  text: string,
  continuation: Continuation,
  steps: AnswerSteps,
): Evaluation | Promise<Evaluation> {
  const { root } = steps;
  const answerSpec = continuation.mode === "targeted" ? continuation.answerSpec : root;
  if (answerSpec.kind !== "object" && answerSpec.kind !== "list") {
    return evaluateParsed(parseOutput(text, answerSpec), continuation, steps);
  }
  const json = parseJson(text);
  if (continuation.mode === "full" && fitsAsParsed(json, root)) {
    steps.emit({ type: "parsed", repairs: [], value: json, mismatches: [], unmatchedSlots: [] });
    return walkAnswer(json, [], true, steps);
  }
  return evaluateParsed(parseOutputFrom(text, answerSpec, json), continuation, steps);
}

/** Whether the answer `JSON.parse` made is the one `parseOutput` gives, and fits `root` exactly. */
function fitsAsParsed(json: unknown, root: Field): boolean {
  if (json === NOT_JSON) return false;
  const check = parsedFitCheck(root);
  return check !== undefined && fitsParsed(json, check);
}

function evaluateParsed(
  parsed: ParseResult,
  continuation: Continuation,
  steps: AnswerSteps,
): Evaluation | Promise<Evaluation> {
  const { root, emit } = steps;
  const repairs: Repair[] = [...parsed.repairs];
  const unmatchedSlots: UnmatchedSlot[] = [];
  if (!parsed.ok) {
    emit({ type: "parsed", repairs, error: parsed.error, mismatches: [], unmatchedSlots });
    return { kind: "unparseable", error: parsed.error };
  }
  let candidate = parsed.value;
  if (continuation.mode === "targeted") {
    // Coerced against the pruned spec (keys renamed, strings to numbers…) before the merge; its
    // mismatches are not final: the merged whole is checked again.
    const part = conformToSchema(parsed.value, continuation.answerSpec);
    appendAll(repairs, part.repairs);
    const merged = mergeReaskAnswer(continuation.tree, continuation.slots, part.value);
    appendAll(unmatchedSlots, merged.unmatched);
    candidate = merged.value;
  }
  const fitted = fitsExactly(candidate, root);
  const conformed = fitted ? kept(candidate) : conformToSchema(candidate, root);
  appendAll(repairs, conformed.repairs);
  const { mismatches, value } = conformed;
  emit({ type: "parsed", repairs, value, mismatches, unmatchedSlots });
  if (mismatches.length > 0) return { kind: "mismatch", value, mismatches };
  return walkAnswer(value, unmatchedSlots, fitted, steps);
}

/** The validation of an answer announced as parsed, its log list watched while it runs. */
function walkAnswer(
  value: unknown,
  unmatchedSlots: UnmatchedSlot[],
  fitted: boolean,
  steps: AnswerSteps,
): Evaluation | Promise<Evaluation> {
  const logs = new ValidatorLogList();
  steps.watch(logs);
  const walked = walkOutput(steps.root, value, steps.walkOptions, logs);
  if (walked instanceof Promise)
    return walked.then((result) => validated(result, unmatchedSlots, fitted, steps));
  return validated(walked, unmatchedSlots, fitted, steps);
}

function validated(
  { tree, slots, state }: WalkResult,
  unmatchedSlots: UnmatchedSlot[],
  fitted: boolean,
  { emit, watch }: AnswerSteps,
): Evaluation {
  watch(undefined);
  if (state.logs.length > 0) emit(verdictsEvent(state.logs));
  emit({ type: "validated", value: tree });
  return { kind: "validated", tree, slots, state, unmatchedSlots, fitted };
}

/** An answer that fits the spec already is kept as it is: no copy, no path per field. */
const kept = (value: unknown): ConformResult => ({ value, repairs: [], mismatches: [] });
