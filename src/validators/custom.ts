import type { ZodType } from "zod/v4";
import type { ValidatorDefinition, Verdict } from "../contract/types.js";
import { fail, pass } from "../contract/types.js";
import type { FieldKind } from "../rail/types.js";
import { describeValue } from "../show.js";

/**
 * A plain check: return true (pass), false or an error message (fail), or a full verdict.
 * Guardrails 0.2.9 let a two-argument function be registered the same way.
 */
export type ValidatorFunction = (
  value: unknown,
  metadata: Record<string, unknown>,
) => boolean | string | Verdict | Promise<boolean | string | Verdict>;

/** Builds a validator from a plain function, for `registerValidator`. */
export function validatorFromFunction(
  name: string,
  check: ValidatorFunction,
  options: { types?: readonly FieldKind[] | "all"; description?: string } = {},
): ValidatorDefinition {
  return {
    name,
    types: options.types ?? "all",
    description: options.description,
    validate: async (value, ctx) => toVerdict(await check(value, ctx.metadata), name),
  };
}

function toVerdict(result: boolean | string | Verdict, name: string): Verdict {
  if (result === true) return pass();
  if (result === false) return fail(`${name} rejected the value`);
  if (typeof result === "string") return fail(result);
  return result;
}

// Models and field functions live in code; RAIL names them (`pydantic: Episode`), as
// `<script>` registrations did in Guardrails 0.1, but nothing from the spec is executed.
const models = new Map<string, ZodType>();
const fieldFunctions = new Map<string, ValidatorFunction>();

/** Makes a zod schema available to `pydantic: <name>` in RAIL. */
export function registerModel(name: string, schema: ZodType): void {
  models.set(name, schema);
}

/** Makes a function available to `pydantic_field_validator: <name>` in RAIL. */
export function registerFieldFunction(name: string, check: ValidatorFunction): void {
  fieldFunctions.set(name, check);
}

const pydantic: ValidatorDefinition<{ model: string }> = {
  name: "pydantic",
  types: "all",
  args: [{ name: "model", type: "string", description: "Name given to registerModel." }],
  description: "The value satisfies a zod schema registered under the model's name.",
  docs: {
    check:
      "the value parses with the zod schema given to `registerModel(name, schema)`; each issue is reported with its path",
    fix: "none (a passing value is replaced by zod's parsed value, e.g. coerced or defaulted)",
    advice: "`reask`: the messages tell the model exactly which nested keys are wrong",
  },
  validate(value, { args }) {
    const schema = models.get(args.model);
    if (!schema) return fail(`no model named "${args.model}" is registered (use registerModel)`);
    const result = schema.safeParse(value);
    if (result.success) return pass(result.data);
    const issues = result.error.issues.map(
      (issue) => `${["$", ...issue.path.map(String)].join(".")}: ${issue.message}`,
    );
    return fail(`does not match model ${args.model}: ${issues.join("; ")}`);
  },
};

const pydanticFieldValidator: ValidatorDefinition<{ validator: string }> = {
  name: "pydantic_field_validator",
  types: "all",
  args: [
    { name: "validator", type: "string", description: "Name given to registerFieldFunction." },
  ],
  description: "A field function registered in code accepts the value.",
  docs: {
    check:
      "the function given to `registerFieldFunction(name, fn)` returns true (or a pass verdict)",
    fix: "whatever fix value the function's verdict carries; otherwise none",
    advice:
      "`exception` or `reask`, depending on whether the model can repair what the function checks",
  },
  async validate(value, { args, metadata }) {
    const check = fieldFunctions.get(args.validator);
    if (!check) {
      return fail(
        `no field function named "${args.validator}" is registered (use registerFieldFunction)`,
      );
    }
    try {
      return toVerdict(await check(value, metadata), args.validator);
    } catch (error) {
      return fail(`${args.validator} failed on ${describeValue(value)}: ${String(error)}`);
    }
  },
};

export const customValidators: ValidatorDefinition[] = [
  pydantic as ValidatorDefinition,
  pydanticFieldValidator as ValidatorDefinition,
];
