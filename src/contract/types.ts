import type { LLM } from "../llm/types.js";
import type { Field, FieldKind, LiteralValue } from "../rail/types.js";
import type { WorkBudget } from "./work-budget.js";

/** A validator accepted the value. `value`, when set, replaces it (override on pass). */
export interface PassVerdict {
  readonly outcome: "pass";
  readonly value?: unknown;
}

/** A validator rejected the value. `fixValue` is absent when the validator cannot fix it. */
export interface FailVerdict {
  readonly outcome: "fail";
  readonly message: string;
  readonly fixValue?: unknown;
}

export type Verdict = PassVerdict | FailVerdict;

export type ArgType = "string" | "number" | "integer" | "boolean" | "list" | "object" | "any";

/** One argument a validator takes: positional by index, or `name=value` by keyword. */
export interface ArgSpec {
  name: string;
  type: ArgType;
  /** Optional arguments take `default` (or stay undefined) when not written. */
  optional?: boolean;
  default?: LiteralValue;
  description?: string;
  /**
   * Why a value of the right type still cannot be used ("must be …"), or undefined: checked when
   * the spec compiles, so a bad argument is an error there, not a failure of every value.
   */
  check?: (value: never) => string | undefined;
}

export interface ValidatorDocs {
  /** What passes and what fails. */
  check: string;
  /** The fix value, or "none". */
  fix: string;
  /** Which on-fail action suits it and why. */
  advice: string;
}

/** What a validator sees besides the value. */
export interface ValidatorContext<A = Record<string, unknown>> {
  /** Arguments resolved against the definition's `args` (typed and defaulted). */
  args: A;
  /** The call's `metadata` (source documents, questions, embed functions…). */
  metadata: Record<string, unknown>;
  /** Concrete JSON path of the value, e.g. `$.fees[2].name`. */
  path: string;
  /** The spec field being validated. */
  field: Field;
  signal?: AbortSignal;
  /**
   * Time the whole call may still spend in checks that block the event loop (regex matching),
   * shared by every validator of the call. Absent when a validator is run on its own: each check
   * then gets a budget of its own.
   */
  budget?: WorkBudget;
  /** The guard's model. Validators that consult it (llm-judged) ask through `ask`, given with it. */
  llm?: LLM;
  /**
   * Asks the guard's model a question through a small RAIL spec of its own (an inner guard).
   * Given by the guard when it has a model, so that validators never import the guard.
   */
  ask?: AskModel;
  /**
   * Directory of the spec file, when the spec was read from one. Relative file paths written in
   * the spec's arguments (`schema`, `docs_dir`) are looked up there first, then in the working
   * directory.
   */
  specDir?: string;
}

/** The model's answer to an inner-guard question: validated against its spec, or why it is unusable. */
export type AskOutcome =
  | { readonly ok: true; readonly answer: Record<string, unknown> }
  | { readonly ok: false; readonly reason: string };

/**
 * Asks the model the question of a RAIL spec (`rail`, its prompt filled from `promptParams`); the
 * answer is parsed and validated like any output.
 */
export type AskModel = (
  rail: string,
  promptParams: Record<string, string>,
  signal?: AbortSignal,
) => Promise<AskOutcome>;

/**
 * A `metadata` key a validator needs, or keys of which any one will do (`oneOf`), waived when one
 * of the `unlessArgs` arguments is written in the spec instead (`similar-to-document: document=…`).
 */
export type MetadataRequirement =
  | string
  | { readonly oneOf: readonly string[]; readonly unlessArgs?: readonly string[] };

export interface ValidatorDefinition<A = Record<string, unknown>> {
  /** RAIL alias: `length`, `valid-choices`, `bug-free-sql`… */
  name: string;
  /** Field kinds it applies to; "all" for every kind. */
  types: readonly FieldKind[] | "all";
  /** Argument signature; checked when a spec compiles. */
  args?: readonly ArgSpec[];
  /** `metadata` the call must give; checked before the model is called. */
  requiredMetadata?: readonly MetadataRequirement[];
  /** One line for docs and the CLI. */
  description?: string;
  /** For the README's validator table; every built-in fills it. */
  docs?: ValidatorDocs;
  /** Never throws for a bad value: returns a verdict. Sync or async. */
  validate(value: unknown, ctx: ValidatorContext<A>): Verdict | Promise<Verdict>;
  /** How the validator is shown to the model; default `name: k=v …`. */
  toPrompt?(args: A): string;
  /** Hidden validators are not shown to the model at all. */
  hidden?: boolean;
}

/** A pass that changes nothing: one frozen object, since most values of most outputs pass. */
const PASSED: PassVerdict = Object.freeze({ outcome: "pass" });

export const pass = (value?: unknown): PassVerdict =>
  value === undefined ? PASSED : { outcome: "pass", value };

/** `fixValue` undefined means "no fix is possible"; any other value (even null or "") is a fix. */
export const fail = (message: string, fixValue?: unknown): FailVerdict =>
  fixValue === undefined ? { outcome: "fail", message } : { outcome: "fail", message, fixValue };

/** Whether the verdict offers a fix: a `fixValue` that is set (`undefined` is no fix, as in `fail`). */
export const hasFix = (verdict: FailVerdict): boolean => verdict.fixValue !== undefined;
