import { expect, it } from "vitest";
import type { FailVerdict, ValidatorDefinition, Verdict } from "../../src/contract/types.js";
import type { WorkBudget } from "../../src/contract/work-budget.js";
import { askThrough } from "../../src/guard/ask-model.js";
import { Guard } from "../../src/guard/guard.js";
import type { LLM } from "../../src/llm/types.js";
import type { Field, FieldKind, ScalarKind } from "../../src/rail/types.js";

export interface RunOptions {
  kind?: FieldKind;
  field?: Field;
  metadata?: Record<string, unknown>;
  signal?: AbortSignal;
  /** A call's budget for blocking checks, shared by the runs it is given to. */
  budget?: WorkBudget;
  llm?: LLM;
  /** The value's path in messages; `$.value` when not given. */
  path?: string;
  /** The spec file's directory, as the guard gives it for a spec read from a file. */
  specDir?: string;
}

// biome-ignore lint/suspicious/noExplicitAny: definitions type their own arguments
type AnyDefinition = ValidatorDefinition<any>;

/** Fills unwritten arguments with their defaults, as the compiler does when it binds a validator. */
function resolveArgs(
  definition: AnyDefinition,
  written: Record<string, unknown>,
): Record<string, unknown> {
  const args = { ...written };
  for (const spec of definition.args ?? []) {
    if (args[spec.name] === undefined && spec.default !== undefined) args[spec.name] = spec.default;
  }
  return args;
}

function defaultField(definition: AnyDefinition, kind?: FieldKind): Field {
  const chosen = kind ?? (definition.types === "all" ? "string" : definition.types[0]) ?? "string";
  if (chosen === "object") return { kind: "object", required: true, validators: [], children: [] };
  if (chosen === "list") return { kind: "list", required: true, validators: [] };
  if (chosen === "choice") {
    return {
      kind: "choice",
      style: "discriminated",
      discriminator: "discriminator",
      cases: [],
      required: true,
      validators: [],
    };
  }
  return { kind: chosen as ScalarKind, required: true, validators: [] };
}

/** Runs one validator on one value with named arguments, as the guard does once it is bound. */
export async function run(
  definition: AnyDefinition,
  value: unknown,
  args: Record<string, unknown> = {},
  options: RunOptions = {},
): Promise<Verdict> {
  return definition.validate(value, {
    args: resolveArgs(definition, args),
    metadata: options.metadata ?? {},
    path: options.path ?? "$.value",
    field: options.field ?? defaultField(definition, options.kind),
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.budget ? { budget: options.budget } : {}),
    // A model comes with the way to ask it, as the guard gives both.
    ...(options.llm
      ? { llm: options.llm, ask: askThrough(options.llm, (rail) => Guard.fromRailString(rail)) }
      : {}),
    ...(options.specDir ? { specDir: options.specDir } : {}),
  });
}

/** Runs and asserts a failure, returning the verdict for message and fix checks. */
export async function runFailing(
  definition: AnyDefinition,
  value: unknown,
  args: Record<string, unknown> = {},
  options: RunOptions = {},
): Promise<FailVerdict> {
  const verdict = await run(definition, value, args, options);
  if (verdict.outcome !== "fail") {
    throw new Error(`${definition.name} passed ${JSON.stringify(value)}; expected a failure`);
  }
  return verdict;
}

/** A row of a validator table: the value, its args, and what must come out. */
export interface FailRow {
  value: unknown;
  args?: Record<string, unknown>;
  message: string | RegExp;
  /** The expected fix value; `undefined` asserts there is none. */
  fix?: unknown;
}

export interface PassRow {
  value: unknown;
  args?: Record<string, unknown>;
}

export interface ValidatorTable {
  passes: PassRow[];
  fails: FailRow[];
  options?: RunOptions;
}

const label = (value: unknown): string => {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
};

/**
 * Asserts a verdict: a plain pass when no `message` is expected; otherwise a failure with that
 * message (exact text or pattern) and that fix value, or none when `fix` is undefined.
 */
export function expectVerdict(
  verdict: Verdict,
  expected: { message?: string | RegExp; fix?: unknown },
): void {
  if (expected.message === undefined) {
    expect(verdict).toEqual({ outcome: "pass" });
    return;
  }
  if (verdict.outcome !== "fail") throw new Error("the value passed; expected a failure");
  if (typeof expected.message === "string") expect(verdict.message).toBe(expected.message);
  else expect(verdict.message).toMatch(expected.message);
  if (expected.fix === undefined) expect(verdict).not.toHaveProperty("fixValue");
  else expect(verdict.fixValue).toEqual(expected.fix);
}

/** One test per row: passing values pass; failing values give the message and the fix (or none). */
export function checkTable(definition: AnyDefinition, table: ValidatorTable): void {
  for (const row of table.passes) {
    it(`passes ${label(row.value)} ${row.args ? label(row.args) : ""}`, async () => {
      expectVerdict(await run(definition, row.value, row.args, table.options), {});
    });
  }
  for (const row of table.fails) {
    it(`fails ${label(row.value)} ${row.args ? label(row.args) : ""}`, async () => {
      expectVerdict(await run(definition, row.value, row.args, table.options), row);
    });
  }
}
