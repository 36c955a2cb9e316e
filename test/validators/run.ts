import { expect, it } from "vitest";
import type { Field, FieldKind, ScalarKind } from "../../src/rail/types.js";
import type { FailVerdict, ValidatorDefinition, Verdict } from "../../src/validators/types.js";

export interface RunOptions {
  kind?: FieldKind;
  field?: Field;
  metadata?: Record<string, unknown>;
  signal?: AbortSignal;
}

/** Fills unwritten arguments with their defaults, as the compiler does when it binds a validator. */
function resolveArgs(
  definition: ValidatorDefinition,
  written: Record<string, unknown>,
): Record<string, unknown> {
  const args = { ...written };
  for (const spec of definition.args ?? []) {
    if (args[spec.name] === undefined && spec.default !== undefined) args[spec.name] = spec.default;
  }
  return args;
}

function defaultField(definition: ValidatorDefinition, kind?: FieldKind): Field {
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

/** Runs one validator on one value with named arguments. */
export async function run(
  definition: ValidatorDefinition,
  value: unknown,
  args: Record<string, unknown> = {},
  options: RunOptions = {},
): Promise<Verdict> {
  return definition.validate(value, {
    args: resolveArgs(definition, args),
    metadata: options.metadata ?? {},
    path: "$.value",
    field: options.field ?? defaultField(definition, options.kind),
    ...(options.signal ? { signal: options.signal } : {}),
  });
}

/** Runs and asserts a failure, returning the verdict for message and fix checks. */
export async function runFailing(
  definition: ValidatorDefinition,
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

/** One test per row: passing values pass; failing values give the message and the fix (or none). */
export function checkTable(definition: ValidatorDefinition, table: ValidatorTable): void {
  for (const row of table.passes) {
    it(`passes ${label(row.value)} ${row.args ? label(row.args) : ""}`, async () => {
      expect(await run(definition, row.value, row.args, table.options)).toEqual({
        outcome: "pass",
      });
    });
  }
  for (const row of table.fails) {
    it(`fails ${label(row.value)} ${row.args ? label(row.args) : ""}`, async () => {
      const verdict = await runFailing(definition, row.value, row.args, table.options);
      if (typeof row.message === "string") expect(verdict.message).toBe(row.message);
      else expect(verdict.message).toMatch(row.message);
      if (row.fix === undefined) expect(verdict).not.toHaveProperty("fixValue");
      else expect(verdict.fixValue).toEqual(row.fix);
    });
  }
}
