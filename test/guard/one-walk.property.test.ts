/**
 * An object or list answer that is valid JSON and fits the spec as parsed is walked as parsed: one
 * check (`fitsParsed`) stands for `inspectParsed` and `fitsExactly`.
 * Whatever the spec, the answer and the validators (synchronous or not), the evaluation must be
 * the one the three walks gave: parse and inspect, conform unless it fits exactly, then validate.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ValidatorBinding } from "../../src/contract/binding.js";
import { fail, pass, type Verdict } from "../../src/contract/types.js";
import { type Evaluation, evaluateAnswer } from "../../src/guard/evaluate.js";
import { verdictsEvent } from "../../src/guard/events.js";
import { ValidatorLogList } from "../../src/guard/history/log-list.js";
import type { EmitRound } from "../../src/guard/run.js";
import type { CustomOnFail, WalkOptions } from "../../src/guard/validate/state.js";
import { walkOutput } from "../../src/guard/validate/walk.js";
import { conformToSchema, fitsExactly, parseOutput } from "../../src/parse/index.js";
import type { Field, OnFailAction, ScalarKind } from "../../src/rail/types.js";
import { applyNearMiss, nearMiss, replaceAt, specs, valuesOf } from "../parse/exact-fit-helpers.js";

/** The three walks, as `evaluateAnswer` made them for a first answer before `fitsParsed`. */
function threeWalks(
  text: string,
  root: Field,
  options: WalkOptions,
  emit: EmitRound,
): Evaluation | Promise<Evaluation> {
  const parsed = parseOutput(text, root);
  const repairs = [...parsed.repairs];
  if (!parsed.ok) {
    emit({ type: "parsed", repairs, error: parsed.error, mismatches: [], unmatchedSlots: [] });
    return { kind: "unparseable", error: parsed.error };
  }
  const fitted = fitsExactly(parsed.value, root);
  const conformed = fitted
    ? { value: parsed.value, repairs: [], mismatches: [] }
    : conformToSchema(parsed.value, root);
  repairs.push(...conformed.repairs);
  const { value, mismatches } = conformed;
  emit({ type: "parsed", repairs, value, mismatches, unmatchedSlots: [] });
  if (mismatches.length > 0) return { kind: "mismatch", value, mismatches };
  const logs = new ValidatorLogList();
  const done = (result: Awaited<ReturnType<typeof walkOutput>>): Evaluation => {
    if (result.state.logs.length > 0) emit(verdictsEvent(result.state.logs));
    emit({ type: "validated", value: result.tree });
    return { kind: "validated", ...result, unmatchedSlots: [], fitted };
  };
  const walked = walkOutput(root, value, options, logs);
  return walked instanceof Promise ? walked.then(done) : done(walked);
}

type Check = (value: unknown) => Verdict;

/** Checks that pass most values of an answer, and fail some (with a fix or without). */
const CHECKS: Record<string, Check> = {
  short: (value) =>
    typeof value === "string" && value.length > 3 ? fail("long", value.slice(0, 3)) : pass(),
  even: (value) =>
    typeof value === "number" && Math.abs(value) % 2 === 1 ? fail("odd", value + 1) : pass(),
  small: (value) => (JSON.stringify(value ?? null).length > 60 ? fail("big") : pass()),
  fine: () => pass(),
};
const ACTIONS: OnFailAction[] = ["noop", "fix", "filter", "reask", "refrain", "exception"];

interface Setup {
  /** Per field met in the spec (in the order of `fieldsOf`): its validators. */
  plan: { check: string; onFail: OnFailAction; async: boolean }[][];
  handler: "none" | "sync" | "async";
  cache: boolean;
}

const setups = fc.record({
  plan: fc.array(
    fc.array(
      fc.record({
        check: fc.constantFrom(...Object.keys(CHECKS)),
        onFail: fc.constantFrom(...ACTIONS),
        async: fc.boolean(),
      }),
      { maxLength: 2 },
    ),
    { maxLength: 12 },
  ),
  handler: fc.constantFrom("none", "sync", "async"),
  cache: fc.boolean(),
});

function fieldsOf(root: Field): Field[] {
  const fields: Field[] = [];
  const visit = (field: Field) => {
    fields.push(field);
    if (field.kind === "object") field.children.forEach(visit);
    if (field.kind === "list" && field.item) visit(field.item);
    if (field.kind === "choice") for (const c of field.cases) c.children.forEach(visit);
  };
  visit(root);
  return fields;
}

/** Every validator call, as `name path value`. */
type Calls = string[];

function optionsFor(root: Field, setup: Setup, calls: Calls): WalkOptions {
  const byField = new Map<Field, ValidatorBinding[]>();
  fieldsOf(root).forEach((field, index) => {
    const planned = setup.plan[index % Math.max(setup.plan.length, 1)] ?? [];
    byField.set(
      field,
      planned.map(({ check, onFail, async }, at) => {
        const name = `${check}-${at}`;
        const validate = (value: unknown, context: { path: string }) => {
          calls.push(`${name} ${context.path} ${JSON.stringify(value)}`);
          const verdict = (CHECKS[check] as Check)(value);
          return async ? Promise.resolve(verdict) : verdict;
        };
        return {
          path: "$",
          field,
          ref: { name, args: [], kwargs: {}, onFail, source: name },
          definition: { name, types: "all", validate },
          args: {},
          onFail,
        } as ValidatorBinding;
      }),
    );
  });
  const handler: CustomOnFail = (value) =>
    setup.handler === "async" ? Promise.resolve(`h${String(value)}`) : `h${String(value)}`;
  return {
    validatorsFor: (field) => byField.get(field) ?? [],
    metadata: {},
    ...(setup.handler !== "none" && { customHandlers: { "short-0": handler } }),
    ...(setup.cache && { verdictCache: new Map() }),
  };
}

/** What an evaluation shows: its result, its events, and the validators it called. */
async function observe(
  evaluate: (options: WalkOptions, emit: EmitRound) => Evaluation | Promise<Evaluation>,
  root: Field,
  setup: Setup,
) {
  const calls: Calls = [];
  const events: unknown[] = [];
  const emit: EmitRound = (event) => {
    events.push(
      event.type === "verdicts" ? { type: event.type, logs: [...event.logs] } : { ...event },
    );
  };
  const evaluation = await evaluate(optionsFor(root, setup, calls), emit);
  const result =
    evaluation.kind === "validated"
      ? {
          kind: evaluation.kind,
          tree: evaluation.tree,
          slots: evaluation.slots,
          failures: evaluation.state.failures,
          halt: evaluation.state.halt,
          logs: evaluation.state.logs.toArray(),
          fitted: evaluation.fitted,
        }
      : evaluation;
  return { result, events, calls };
}

const BIG = "12345678901234567891";
const DEEP = `${"[".repeat(1001)}${"]".repeat(1001)}`;

/** Answers: ones that fit, near misses, and huge numbers or deep nesting anywhere. */
const answers = (root: Field) =>
  fc
    .record({
      value: valuesOf(root),
      miss: fc.option(nearMiss, { freq: 2 }),
      odd: fc.option(
        fc.record({
          steps: fc.array(fc.nat(), { maxLength: 4 }),
          put: fc.constantFrom("__BIG__", "__DEEP__", 2 ** 53, -(2 ** 60), 1e300, 2 ** 53 - 1),
        }),
        { freq: 3 },
      ),
    })
    .map(({ value, miss, odd }) => {
      let answer = miss ? applyNearMiss(value, miss) : value;
      if (odd) answer = replaceAt(answer, odd.steps, odd.put);
      return JSON.stringify(answer).replaceAll('"__BIG__"', BIG).replaceAll('"__DEEP__"', DEEP);
    });

const KINDS: ScalarKind[] = ["string", "integer", "float", "bool", "enum", "email", "date"];

const containerRoots = specs({
  names: ["a", "b", "id", "name", "Name", "type"],
  kinds: KINDS,
  siblings: true,
  repeats: false,
  onFail: false,
}).filter((root) => root.kind === "object" || root.kind === "list");

describe("one walk over an answer as parsed", () => {
  it("evaluates every answer as the three walks did: same result, events and verdicts", async () => {
    let fitting = 0;
    await fc.assert(
      fc.asyncProperty(
        containerRoots.chain((root) => fc.tuple(fc.constant(root), answers(root), setups)),
        async ([root, text, setup]) => {
          const full = { mode: "full" } as const;
          const now = await observe(
            (walkOptions, emit) =>
              evaluateAnswer(text, full, { root, walkOptions, emit, watch: () => {} }),
            root,
            setup,
          );
          const before = await observe(
            (options, emit) => threeWalks(text, root, options, emit),
            root,
            setup,
          );
          expect(now.result).toEqual(before.result);
          expect(now.events).toEqual(before.events);
          // Each validator is called as often, on the same values, in the same order: none is
          // asked about an answer that is never validated (it does not fit, or parse).
          expect(now.calls).toEqual(before.calls);
          if (now.result.kind === "validated" && now.result.fitted) fitting++;
        },
      ),
      { numRuns: 600 },
    );
    expect(fitting).toBeGreaterThan(100);
  });
});
