import { keyPath } from "../../json-path.js";
import type { ChoiceCase, Field, ScalarKind } from "../../rail/types.js";
import { GuardConfigError } from "../errors.js";
import { readZod, type ZodLike, type ZodNode } from "./read-zod.js";
import type { SchemaCheck } from "./schema-checks.js";
import type { StandardSchemaV1 } from "./standard-schema.js";

/** A zod schema as a spec, and the fields whose zod node carries checks, children first. */
export interface ZodFields {
  root: Field;
  checks: SchemaCheck[];
}

const STRING_FORMATS: Record<string, ScalarKind> = {
  email: "email",
  url: "url",
  date: "date",
  time: "time",
  datetime: "date-time",
};

/**
 * A zod (3 or 4) schema as a spec field: object, array, string (with its format), number
 * (integer when `.int()`), boolean, enum, literal, optional/default/nullable, discriminated
 * union, zod 3's refinements. Anything else is a GuardConfigError naming where it sits.
 */
export function zodToFields(schema: unknown, where: string): ZodFields {
  const ctx: Conversion = { checks: [], where };
  return { root: toField(schema, ctx, "$"), checks: ctx.checks };
}

/** What the conversion collects, and the factory its errors name. */
interface Conversion {
  checks: SchemaCheck[];
  where: string;
}

function toField(schema: unknown, ctx: Conversion, path: string, name?: string): Field {
  let node = nodeOf(schema, ctx, path);
  let required = true;
  let hasChecks = node.hasChecks;
  const description = node.description;
  // RAIL has one notion for optional, default and nullable: a field that may be missing or null.
  // A list's item (no name) is never missing: only `.nullable()` lets it be null, as JSON cannot
  // hold the `undefined` that `.optional()` and `.default()` let through.
  const item = name === undefined;
  while (node.type === "optional" || node.type === "refined") {
    if (node.type === "optional" && (node.nullable || !item)) required = false;
    node = nodeOf(node.inner, ctx, path);
    hasChecks ||= node.hasChecks;
  }
  const base = { name, description: description ?? node.description, required, validators: [] };
  const field = { ...base, ...shapeOf(node, ctx, path) } as Field;
  // The outermost schema, so a check sees the value as the user's schema does (null included).
  if (hasChecks) ctx.checks.push({ path, field, schema: schema as StandardSchemaV1 });
  return field;
}

function shapeOf(node: ZodNode, ctx: Conversion, path: string) {
  switch (node.type) {
    case "object":
      return { kind: "object" as const, children: childrenOf(node.shape, ctx, path) };
    case "array":
      return { kind: "list" as const, item: toField(node.element, ctx, `${path}.*`) };
    case "string":
      return { kind: STRING_FORMATS[node.format ?? ""] ?? "string" };
    case "number":
      return { kind: node.integer ? "integer" : "float" };
    case "boolean":
      return { kind: "bool" as const };
    case "enum":
      return { kind: "enum" as const, values: node.values.map(String) };
    case "union":
      if (node.discriminator) return choiceOf(node.options, node.discriminator, ctx, path);
      break;
  }
  const name = node.type === "unsupported" ? node.name : node.type;
  throw new GuardConfigError(
    `${ctx.where}: ${path} is a zod "${name}"; supported: object, array, string, number, boolean, enum, literal, optional, default, nullable, discriminatedUnion, refine.`,
  );
}

function nodeOf(schema: unknown, ctx: Conversion, path: string): ZodNode {
  const node = readZod(schema);
  if (node) return node;
  const hint = path === "$" ? "; for another Standard Schema, use Guard.fromSchema" : "";
  throw new GuardConfigError(`${ctx.where}: ${path} is not a zod schema (zod 3 or zod 4)${hint}.`);
}

function childrenOf(shape: Record<string, ZodLike>, ctx: Conversion, path: string): Field[] {
  return Object.entries(shape).map(([key, child]) => {
    // As in RAIL: assigning this key to an object sets its prototype instead of a key.
    if (key === "__proto__") {
      throw new GuardConfigError(`${ctx.where}: ${path}: "__proto__" cannot be a JSON key.`);
    }
    return toField(child, ctx, keyPath(path, key), key);
  });
}

function choiceOf(options: ZodLike[], discriminator: string, ctx: Conversion, path: string) {
  // An option may answer to several values of its key (`z.enum`, a literal of several): each is
  // a case of its own, holding that option's keys (the same fields, converted once).
  const cases: ChoiceCase[] = options.flatMap((option) => {
    const node = nodeOf(option, ctx, path);
    const tag = node.type === "object" ? node.shape[discriminator] : undefined;
    const tagNode = tag && nodeOf(tag, ctx, keyPath(path, discriminator));
    const values = tagNode?.type === "enum" ? tagNode.values : [];
    if (node.type !== "object" || values.length === 0) {
      throw new GuardConfigError(
        `${ctx.where}: every option of the union at ${path} must be an object with a literal "${discriminator}".`,
      );
    }
    const children = childrenOf(node.shape, ctx, path).filter(
      (child) => child.name !== discriminator,
    );
    return values.map((value) => ({
      name: String(value),
      description: node.description,
      children,
    }));
  });
  return { kind: "choice" as const, style: "discriminated" as const, discriminator, cases };
}
