/**
 * Reads one zod schema node, zod 3 or zod 4, into the few facts a spec field needs. zod 4 keeps
 * its definition under `_zod.def` (`type: "object"`…), zod 3 under `_def` (`typeName:
 * "ZodObject"`…); nothing else of either version's internals is read.
 */

/** A schema of either version, as this module sees it before reading it. */
export type ZodLike = object;

/**
 * A zod schema as the conversion reads it; `optional` is `.optional()`, `.default()` or
 * `.nullable()` (with `nullable` set).
 */
export type ZodNode = { description?: string; hasChecks: boolean } & (
  | { type: "optional"; inner: ZodLike; nullable: boolean }
  | { type: "object"; shape: Record<string, ZodLike> }
  | { type: "array"; element: ZodLike }
  | { type: "string"; format?: string }
  | { type: "number"; integer: boolean }
  | { type: "boolean" }
  | { type: "enum"; values: unknown[] }
  | { type: "union"; options: ZodLike[]; discriminator?: string }
  /** zod 3's `.refine`: a wrapper that adds checks to the same field. */
  | { type: "refined"; inner: ZodLike }
  | { type: "unsupported"; name: string }
);

interface V4Def {
  type: string;
  shape?: Record<string, ZodLike>;
  element?: ZodLike;
  innerType?: ZodLike;
  entries?: Record<string, string | number>;
  values?: unknown[];
  options?: ZodLike[];
  discriminator?: string;
  format?: string;
  checks?: { _zod: { def: { format?: string } } }[];
}

interface V3Def {
  typeName: string;
  description?: string;
  shape?: () => Record<string, ZodLike>;
  type?: ZodLike;
  innerType?: ZodLike;
  schema?: ZodLike;
  effect?: { type: string };
  values?: unknown[];
  value?: unknown;
  options?: ZodLike[];
  discriminator?: string;
  checks?: { kind: string }[];
  minLength?: unknown;
  maxLength?: unknown;
  exactLength?: unknown;
}

const INTEGER_FORMATS = new Set(["safeint", "int32", "uint32", "int64", "uint64"]);
const V3_FORMATS = new Set(["email", "url", "date", "time", "datetime"]);

/** The node's facts; undefined when it is no zod schema of either version. */
export function readZod(schema: unknown): ZodNode | undefined {
  if (typeof schema !== "object" || schema === null) return undefined;
  const v4 = (schema as { _zod?: { def?: V4Def; traits?: Set<string> } })._zod;
  if (typeof v4?.def?.type === "string") return readV4(schema, v4.def, v4.traits);
  const v3 = (schema as { _def?: V3Def })._def;
  if (typeof v3?.typeName === "string") return readV3(v3);
  return undefined;
}

function readV4(schema: object, def: V4Def, traits: Set<string> | undefined): ZodNode {
  const description = (schema as { description?: string }).description;
  // A string format (`z.email()`) or number format (`z.int()`) is itself a check in zod 4.
  const hasChecks = (def.checks?.length ?? 0) > 0 || (traits?.has("$ZodCheck") ?? false);
  const base = { description, hasChecks };
  const format = def.format ?? def.checks?.map((check) => check._zod.def.format).find(Boolean);
  switch (def.type) {
    case "optional":
    case "default":
    case "nullable": {
      const nullable = def.type === "nullable";
      return { ...base, type: "optional", inner: def.innerType as ZodLike, nullable };
    }
    case "object":
      return { ...base, type: "object", shape: def.shape ?? {} };
    case "array":
      return { ...base, type: "array", element: def.element as ZodLike };
    case "string":
      return { ...base, type: "string", format };
    case "number":
      return { ...base, type: "number", integer: INTEGER_FORMATS.has(format ?? "") };
    case "boolean":
      return { ...base, type: "boolean" };
    case "enum":
      return { ...base, type: "enum", values: Object.values(def.entries ?? {}) };
    case "literal":
      return { ...base, type: "enum", values: def.values ?? [] };
    case "union":
      return {
        ...base,
        type: "union",
        options: def.options ?? [],
        discriminator: def.discriminator,
      };
  }
  return { ...base, type: "unsupported", name: def.type };
}

function readV3(def: V3Def): ZodNode {
  const checks = def.checks ?? [];
  const lengths = [def.minLength, def.maxLength, def.exactLength];
  const base = {
    description: def.description,
    hasChecks: checks.length > 0 || lengths.some((bound) => bound != null),
  };
  switch (def.typeName) {
    case "ZodOptional":
    case "ZodDefault":
    case "ZodNullable": {
      const nullable = def.typeName === "ZodNullable";
      return { ...base, type: "optional", inner: def.innerType as ZodLike, nullable };
    }
    case "ZodObject":
      return { ...base, type: "object", shape: def.shape?.() ?? {} };
    case "ZodArray":
      return { ...base, type: "array", element: def.type as ZodLike };
    case "ZodString": {
      const format = checks.map((check) => check.kind).find((kind) => V3_FORMATS.has(kind));
      return { ...base, type: "string", format };
    }
    case "ZodNumber":
      return { ...base, type: "number", integer: checks.some((check) => check.kind === "int") };
    case "ZodBoolean":
      return { ...base, type: "boolean" };
    case "ZodEnum":
      return { ...base, type: "enum", values: def.values ?? [] };
    case "ZodLiteral":
      return { ...base, type: "enum", values: [def.value] };
    case "ZodDiscriminatedUnion":
      return {
        ...base,
        type: "union",
        options: def.options ?? [],
        discriminator: def.discriminator,
      };
    case "ZodEffects":
      // `.refine`/`.superRefine` keep the value as it is; a transform would change it.
      if (def.effect?.type === "refinement") {
        return { ...base, hasChecks: true, type: "refined", inner: def.schema as ZodLike };
      }
      return { ...base, type: "unsupported", name: `effects (${def.effect?.type ?? "?"})` };
  }
  return { ...base, type: "unsupported", name: def.typeName.replace(/^Zod/, "").toLowerCase() };
}
