import { ValidatorRegistry } from "../../src/contract/registry.js";
import { fail, pass } from "../../src/contract/types.js";
import type {
  ChoiceCase,
  ChoiceField,
  Field,
  ListField,
  LiteralValue,
  ObjectField,
  OnFailAction,
  RailSpec,
  ScalarField,
  ScalarKind,
  ValidatorRef,
} from "../../src/rail/types.js";

/** Builders for spec trees, so compiler tests do not depend on the RAIL parser. */

export function ref(
  name: string,
  args: LiteralValue[] = [],
  kwargs: Record<string, LiteralValue> = {},
  onFail: OnFailAction = "noop",
): ValidatorRef {
  const written = [...args.map(String), ...Object.entries(kwargs).map(([k, v]) => `${k}=${v}`)];
  return {
    name,
    args,
    kwargs,
    onFail,
    source: written.length ? `${name}: ${written.join(" ")}` : name,
  };
}

type Extra<F> = Partial<Omit<F, "kind">>;

export const scalar = (
  kind: ScalarKind,
  name?: string,
  extra: Extra<ScalarField> = {},
): ScalarField => ({
  kind,
  name,
  required: true,
  validators: [],
  ...extra,
});

export const object = (
  name: string | undefined,
  children: Field[],
  extra: Extra<ObjectField> = {},
): ObjectField => ({
  kind: "object",
  name,
  required: true,
  validators: [],
  children,
  ...extra,
});

export const list = (
  name: string | undefined,
  item?: Field,
  extra: Extra<ListField> = {},
): ListField => ({
  kind: "list",
  name,
  required: true,
  validators: [],
  item,
  ...extra,
});

export const choiceCase = (name: string, children: Field[]): ChoiceCase => ({ name, children });

export const choice = (
  name: string,
  cases: ChoiceCase[],
  extra: Extra<ChoiceField> = {},
): ChoiceField => ({
  kind: "choice",
  name,
  required: true,
  validators: [],
  style: "discriminated",
  discriminator: "discriminator",
  cases,
  ...extra,
});

export const spec = (
  root: Field,
  output: { type?: "object" | "string" | "list"; strict?: boolean } = {},
): RailSpec => ({
  version: "0.1",
  output: { type: output.type ?? "object", strict: output.strict ?? false, root },
  warnings: [],
});

/** A registry with a few validators shaped like the built-ins, independent of the real catalogue. */
export function testRegistry(): ValidatorRegistry {
  return new ValidatorRegistry()
    .register<{ min?: number; max?: number }>({
      name: "length",
      types: ["string", "list"],
      args: [
        { name: "min", type: "integer", optional: true },
        { name: "max", type: "integer", optional: true },
      ],
      validate: (value) => pass(value),
    })
    .register({ name: "lower-case", types: ["string"], validate: () => pass() })
    .register({ name: "two-words", types: ["string"], validate: () => fail("not two words") })
    .register<{ choices: string[] }>({
      name: "valid-choices",
      types: "all",
      args: [{ name: "choices", type: "list" }],
      validate: () => pass(),
    })
    .register<{ min: number; max: number }>({
      name: "valid-range",
      types: ["integer", "float", "percentage"],
      args: [
        { name: "min", type: "number" },
        { name: "max", type: "number" },
      ],
      validate: () => pass(),
    })
    .register<{ regex: string; match_type: string }>({
      name: "regex_match",
      types: ["string"],
      args: [
        { name: "regex", type: "string" },
        { name: "match_type", type: "string", default: "fullmatch" },
      ],
      toPrompt: (args) => `results should match ${args.regex}`,
      validate: () => pass(),
    })
    .register<{ strict: boolean }>({
      name: "flagged",
      types: ["bool", "string"],
      args: [{ name: "strict", type: "boolean", optional: true }],
      validate: () => pass(),
    })
    .register({
      name: "similar-to-document",
      types: ["string"],
      hidden: true,
      validate: () => pass(),
    });
}

/** The error `run` throws; fails the test when it throws none. */
export function thrownBy(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error("expected a throw");
}

export const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
