import { appendAll } from "../append.js";
import { pass } from "../contract/types.js";
import {
  conformToSchema,
  type FitCheck,
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
import type { ValidatorLog } from "./history/validator-log.js";
import type { Continuation } from "./reask/build.js";
import { mergeReaskAnswer, type UnmatchedSlot } from "./reask/merge.js";
import type { ReaskSlot } from "./reask/slot.js";
import type { EmitRound } from "./run.js";
import { rememberVerdict } from "./validate/run-validator.js";
import {
  type FitWatch,
  MISFIT,
  type VerdictCache,
  type WalkOptions,
  type WalkState,
} from "./validate/state.js";
import { type WalkResult, walkOutput, walkParsed } from "./validate/walk.js";

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

/**
 * Parses, conforms and validates one answer, announcing each step. The answer to a targeted
 * reask is parsed against the pruned spec and merged into the previous tree first; the merged
 * whole is then checked and validated like a first answer.
 *
 * An object or list answer that is valid JSON is walked as parsed first (`walkParsed`): when it
 * fits the spec, as most do, that one walk is its whole evaluation. One that does not is parsed,
 * conformed and walked as any other.
 *
 * `watch` is told of the walk's log list while the walk runs (and of undefined just before its
 * verdicts are announced): a call that gives up on the walk can still announce the verdicts it
 * gave.
 */
export function evaluateAnswer(
  text: string,
  root: Field,
  continuation: Continuation,
  walkOptions: WalkOptions,
  emit: EmitRound,
  watch: Watch,
): Evaluation | Promise<Evaluation> {
  const answerSpec = continuation.mode === "targeted" ? continuation.answerSpec : root;
  if (answerSpec.kind !== "object" && answerSpec.kind !== "list") {
    return evaluateParsed(
      parseOutput(text, answerSpec),
      root,
      continuation,
      walkOptions,
      emit,
      watch,
    );
  }
  const json = parseJson(text);
  const check =
    continuation.mode === "full" && json !== NOT_JSON ? parsedFitCheck(root) : undefined;
  if (check !== undefined)
    return evaluateAsParsed(text, json, root, check, walkOptions, emit, watch);
  const parsed = parseOutputFrom(text, answerSpec, json);
  return evaluateParsed(parsed, root, continuation, walkOptions, emit, watch);
}

/**
 * The answer `JSON.parse` made, walked as it is while it fits. The verdicts are announced after
 * the answer as parsed, as ever: it is announced once the walk ends, or before the walk acts on
 * a failure or waits for a verdict, which it does only once the answer is known to fit. An answer
 * that does not fit goes the usual way, and the verdicts the walk gave on it are not given again.
 */
function evaluateAsParsed(
  text: string,
  json: unknown,
  root: Field,
  check: FitCheck,
  walkOptions: WalkOptions,
  emit: EmitRound,
  watch: Watch,
): Evaluation | Promise<Evaluation> {
  const logs = new ValidatorLogList();
  let fits: boolean | undefined;
  const announce = () => {
    emit({ type: "parsed", repairs: [], value: json, mismatches: [], unmatchedSlots: [] });
  };
  const confirm = () => {
    if (fits === undefined) {
      fits = fitsParsed(json, check);
      if (fits) {
        announce();
        watch(logs);
      }
    }
    return fits;
  };
  const fit: FitWatch = { confirm, passed: [] };
  let walked: WalkResult | Promise<WalkResult>;
  try {
    walked = walkParsed(root, json, walkOptions, logs, check, fit);
  } catch (error) {
    // On an answer that fits (now announced, its verdicts watched), an error of the walk's own
    // is what the usual walk would have met; on one that does not, the usual way decides.
    if (fits || (error !== MISFIT && confirm())) throw error;
    const given = { fit, logs };
    return evaluateMisfit(text, json, root, given, walkOptions, emit, watch);
  }
  // Only an answer known to fit is waited on (see `FitWatch.confirm`).
  if (walked instanceof Promise) {
    return walked.then((result) => validated(result, [], true, emit, watch));
  }
  if (fits === undefined) announce();
  return validated(walked, [], true, emit, watch);
}

/** What a walk given up on learnt: its verdicts, and its logs, which say where it gave them. */
interface Given {
  fit: FitWatch;
  logs: ValidatorLogList;
}

/**
 * An answer that did not fit as parsed, evaluated as any other, with the verdicts its walk gave
 * (or the promise of the last) in the verdict cache. A validator left running is waited for even
 * if the new walk does not take its verdict: nothing the call started outlives it.
 */
function evaluateMisfit(
  text: string,
  json: unknown,
  root: Field,
  { fit, logs }: Given,
  walkOptions: WalkOptions,
  emit: EmitRound,
  watch: Watch,
): Evaluation | Promise<Evaluation> {
  const { passed, last } = fit;
  let options = walkOptions;
  if (last !== undefined || passed.length > 0) {
    const verdictCache: VerdictCache = walkOptions.verdictCache ?? new Map();
    const passes = logs.toArray();
    passed.forEach((binding, index) => {
      const { path, valueBefore, valueAfter } = passes[index] as ValidatorLog;
      // The pass as its log has it: a plain one, or one that gave another value.
      const verdict = Object.is(valueAfter, valueBefore) ? pass() : pass(valueAfter);
      rememberVerdict(verdictCache, binding, path, valueBefore, verdict);
    });
    if (last) rememberVerdict(verdictCache, last.binding, last.path, last.value, last.verdict);
    options = { ...walkOptions, verdictCache };
  }
  const parsed = parseOutputFrom(text, root, json);
  const evaluation = evaluateParsed(parsed, root, { mode: "full" }, options, emit, watch);
  const running = last?.verdict;
  if (!(running instanceof Promise)) return evaluation;
  return Promise.all([evaluation, running]).then(([settled]) => settled);
}

function evaluateParsed(
  parsed: ParseResult,
  root: Field,
  continuation: Continuation,
  walkOptions: WalkOptions,
  emit: EmitRound,
  watch: Watch,
): Evaluation | Promise<Evaluation> {
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
  const logs = new ValidatorLogList();
  watch(logs);
  const walked = walkOutput(root, value, walkOptions, logs);
  if (walked instanceof Promise)
    return walked.then((result) => validated(result, unmatchedSlots, fitted, emit, watch));
  return validated(walked, unmatchedSlots, fitted, emit, watch);
}

function validated(
  { tree, slots, state }: WalkResult,
  unmatchedSlots: UnmatchedSlot[],
  fitted: boolean,
  emit: EmitRound,
  watch: (logs: undefined) => void,
): Evaluation {
  watch(undefined);
  if (state.logs.length > 0) emit(verdictsEvent(state.logs));
  emit({ type: "validated", value: tree });
  return { kind: "validated", tree, slots, state, unmatchedSlots, fitted };
}

/** An answer that fits the spec already is kept as it is: no copy, no path per field. */
const kept = (value: unknown): ConformResult => ({ value, repairs: [], mismatches: [] });
