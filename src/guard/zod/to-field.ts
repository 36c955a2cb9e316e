import type { ZodType } from "zod";
import type { ChoiceCase, Field, ScalarKind } from "../../rail/types.js";
import { keyPath } from "../../schema/json-path.js";
import { GuardConfigError } from "../errors.js";

/** The part of zod v4's internal definition this conversion reads. */
interface ZodDef {
  type: string;
  shape?: Record<string, ZodType>;
  element?: ZodType;
  innerType?: ZodType;
  entries?: Record<string, string | number>;
  values?: unknown[];
  options?: ZodType[];
  discriminator?: string;
  format?: string;
  checks?: { _zod: { def: { format?: string } } }[];
}

/** zod v4 keeps the definition under `_zod.def`; anything else (zod v3, a plain object) has none. */
function defOf(schema: ZodType, path: string): ZodDef {
  const def = (schema as unknown as { _zod?: { def?: ZodDef } } | undefined)?._zod?.def;
  if (typeof def?.type === "string") return def;
  throw new GuardConfigError(`Guard.fromZod: ${path} is not a zod (v4) schema.`);
}

const STRING_FORMATS: Record<string, ScalarKind> = {
  email: "email",
  url: "url",
  date: "date",
  time: "time",
  datetime: "date-time",
};
const INTEGER_FORMATS = new Set(["safeint", "int32", "uint32", "int64", "uint64"]);

/**
 * A zod schema as a spec field: object, array, string (with its format), number (integer when
 * `.int()`), boolean, enum, string literal, optional/default/nullable, discriminated union.
 * Anything else is a GuardConfigError naming where it sits.
 */
export function zodToField(schema: ZodType, path = "$", name?: string): Field {
  const def = defOf(schema, path);
  const base = { name, description: schema.description, required: true, validators: [] };
  switch (def.type) {
    case "optional":
    case "default":
    case "nullable":
      // RAIL has one notion for both: a field that is not required may be missing or null.
      return { ...zodToField(def.innerType as ZodType, path, name), required: false };
    case "object":
      return { ...base, kind: "object", children: childrenOf(def, path) };
    case "array":
      return { ...base, kind: "list", item: zodToField(def.element as ZodType, `${path}.*`) };
    case "string":
      return { ...base, kind: STRING_FORMATS[formatOf(def) ?? ""] ?? "string" };
    case "number":
      return { ...base, kind: INTEGER_FORMATS.has(formatOf(def) ?? "") ? "integer" : "float" };
    case "boolean":
      return { ...base, kind: "bool" };
    case "enum":
      return { ...base, kind: "enum", values: Object.values(def.entries ?? {}).map(String) };
    case "literal":
      return { ...base, kind: "enum", values: (def.values ?? []).map(String) };
    case "union":
      if (def.discriminator) return { ...base, ...choiceOf(def, def.discriminator, path) };
  }
  throw new GuardConfigError(
    `Guard.fromZod: ${path} is a zod "${def.type}"; supported: object, array, string, number, boolean, enum, literal, optional, default, nullable, discriminatedUnion.`,
  );
}

function childrenOf(def: ZodDef, path: string): Field[] {
  return Object.entries(def.shape ?? {}).map(([key, child]) => {
    // As in RAIL: assigning this key to an object sets its prototype instead of a key.
    if (key === "__proto__") {
      throw new GuardConfigError(`Guard.fromZod: ${path}: "__proto__" cannot be a JSON key.`);
    }
    return zodToField(child, keyPath(path, key), key);
  });
}

function formatOf(def: ZodDef): string | undefined {
  return def.format ?? def.checks?.map((check) => check._zod.def.format).find(Boolean);
}

function choiceOf(def: ZodDef, discriminator: string, path: string) {
  const cases: ChoiceCase[] = (def.options ?? []).map((option) => {
    const optionDef = defOf(option, path);
    const tag = optionDef.shape?.[discriminator];
    const caseName = tag && defOf(tag, keyPath(path, discriminator)).values?.[0];
    if (optionDef.type !== "object" || caseName === undefined) {
      throw new GuardConfigError(
        `Guard.fromZod: every option of the union at ${path} must be an object with a literal "${discriminator}".`,
      );
    }
    const children = childrenOf(optionDef, path).filter((child) => child.name !== discriminator);
    return { name: String(caseName), description: option.description, children };
  });
  return { kind: "choice" as const, style: "discriminated" as const, discriminator, cases };
}
