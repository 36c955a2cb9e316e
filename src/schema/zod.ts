import { type ZodType, z } from "zod/v4";
import {
  type ChoiceField,
  type Field,
  isSiblingChoice,
  type ListField,
  type ObjectField,
  type ScalarField,
  type ScalarKind,
} from "../rail/types.js";
import { booleanFromText, integerFromText, numberFromText } from "../scalar-text.js";
import { quoteText } from "../show.js";
import { checkStrptimeFormat } from "../strptime.js";
import { expectedFormat, normaliseTemporal, type TemporalKind } from "../temporal.js";

/**
 * The zod (v4) schema of a spec's output, with Guardrails' coercions: numbers and booleans given
 * as strings, numbers for string fields, dates and times normalised to ISO text.
 */
export function zodSchemaFor(root: Field): ZodType {
  return fieldSchema(root, COERCING);
}

/**
 * The same schema without the coercions, for a value that already has the spec's types (the
 * parser's, when no action changed it): the same verdict as `zodSchemaFor`'s on such a value,
 * for a fraction of the time (each coercion is a zod pipe). Made once per spec.
 */
export function exactZodSchemaFor(root: Field): ZodType {
  let schema = exactSchemas.get(root);
  if (schema === undefined) {
    schema = fieldSchema(root, EXACT);
    exactSchemas.set(root, schema);
  }
  return schema;
}

const exactSchemas = new WeakMap<Field, ZodType>();

function fieldSchema(field: Field, scalars: Scalars): ZodType {
  const schema = bareSchema(field, scalars);
  return field.description ? schema.describe(field.description) : schema;
}

function bareSchema(field: Field, scalars: Scalars): ZodType {
  switch (field.kind) {
    case "object":
      return objectSchema(field, scalars);
    case "list":
      return listSchema(field, scalars);
    case "choice":
      return discriminatedSchema(field, scalars);
    default:
      return scalarSchema(field, scalars);
  }
}

// Text that spells no number or boolean is left for zod to reject with its own message.
const coerceInteger = (value: unknown): unknown =>
  typeof value === "string" ? (integerFromText(value) ?? value) : value;

const coerceNumber = (value: unknown): unknown =>
  typeof value === "string" ? (numberFromText(value) ?? value) : value;

const coerceBoolean = (value: unknown): unknown =>
  typeof value === "string" ? (booleanFromText(value) ?? value) : value;

// Like Python's str() in Guardrails' skeleton coercion: scalars only, never lists or objects.
const coerceString = (value: unknown): unknown =>
  typeof value === "number" || typeof value === "boolean" ? String(value) : value;

/** How the scalar kinds other than enums, dates and times are checked. */
type Scalars = Record<Exclude<ScalarKind, "enum" | TemporalKind>, () => ZodType>;

const textKinds = (schema: () => ZodType) => ({
  string: schema,
  email: schema,
  url: schema,
  sql: schema,
  pythoncode: schema,
  percentage: schema,
});

const COERCING: Scalars = {
  ...textKinds(() => z.preprocess(coerceString, z.string())),
  integer: () => z.preprocess(coerceInteger, z.number().int()),
  float: () => z.preprocess(coerceNumber, z.number()),
  bool: () => z.preprocess(coerceBoolean, z.boolean()),
};

const EXACT: Scalars = {
  ...textKinds(() => z.string()),
  integer: () => z.number().int(),
  float: () => z.number(),
  bool: () => z.boolean(),
};

function scalarSchema(field: ScalarField, scalars: Scalars): ZodType {
  const { kind } = field;
  if (kind === "enum") return enumSchema(field.values ?? []);
  if (kind === "date" || kind === "time" || kind === "date-time")
    return temporalSchema(kind, field.format);
  return scalars[kind]();
}

function enumSchema(values: readonly string[]): ZodType {
  const [first, ...rest] = values;
  return first === undefined ? z.never() : z.enum([first, ...rest]);
}

function temporalSchema(kind: TemporalKind, format: string | undefined): ZodType {
  // A spec built in code skips the reader's check; a bad format is an error here, not a field
  // that no value can ever match.
  if (format) checkStrptimeFormat(format);
  return z.string().transform((text, ctx) => {
    const normalised = normaliseTemporal(kind, text, format);
    if (normalised !== undefined) return normalised;
    ctx.addIssue({
      code: "custom",
      message: `Expected a ${kind} as ${expectedFormat(kind, format)}, got ${quoteText(text)}`,
    });
    return z.NEVER;
  });
}

function listSchema({ item }: ListField, scalars: Scalars): ZodType {
  if (!item) return z.array(z.unknown());
  // `required="false"` on the item: an item may be null, as the conformer reads it.
  const schema = fieldSchema(item, scalars);
  return z.array(item.required ? schema : schema.nullable());
}

function objectSchema(field: ObjectField, scalars: Scalars): ZodType {
  if (field.children.length === 0) return z.record(z.string(), z.unknown());
  return fieldsSchema(field.children, scalars);
}

/**
 * An object holding these sibling fields. A 0.1-style choice puts the selected case's keys beside
 * it: each such choice is a union over its cases, intersected with the other fields, so the schema
 * grows with the spec, not with the product of the choices' cases (twelve three-case choices would
 * be half a million object shapes).
 */
function fieldsSchema(children: readonly Field[], scalars: Scalars): ZodType {
  const shape: Record<string, ZodType> = {};
  const choices: ZodType[] = [];
  for (const child of children) {
    if (isSiblingChoice(child)) {
      const key = child.name ?? "";
      const cases = casesSchema(child, key, scalars);
      // An optional choice may be missing (the conformer leaves it out), or null (the walk reads
      // it as absent, as it does any optional key's null): then it names no case.
      choices.push(
        child.required ? cases : z.union([cases, z.object({ [key]: z.null().optional() })]),
      );
    } else if (child.name === PROTO) {
      choices.push(protoKeySchema(child));
    } else {
      const schema = fieldSchema(child, scalars);
      shape[child.name ?? ""] = child.required ? schema : schema.nullish();
    }
  }
  return choices.reduce<ZodType>((all, choice) => z.intersection(all, choice), z.object(shape));
}

const PROTO = "__proto__";

/**
 * A `__proto__` key, which a spec built in code may name: zod's objects neither check nor keep it
 * (it reads as the prototype), so it is checked on its own, as the object's own key. Without the
 * coercions: the parser's value has the spec's type, and an action's must have it too (as
 * `final-check.ts` asks of every other key). Its output is `{}`, so that the intersection keeps
 * the other keys' as they are.
 */
function protoKeySchema(child: Field): ZodType {
  const schema = fieldSchema(child, EXACT);
  return z
    .unknown()
    .superRefine((value, ctx) => {
      // Not an object: the object's own schema says so.
      if (typeof value !== "object" || value === null || Array.isArray(value)) return;
      const held = Object.hasOwn(value, PROTO)
        ? (value as Record<string, unknown>)[PROTO]
        : undefined;
      if (held === undefined || held === null) {
        if (child.required) {
          ctx.addIssue({ code: "custom", message: `Required "${PROTO}"`, path: [PROTO] });
        }
        return;
      }
      const result = schema.safeParse(held);
      if (result.success) return;
      for (const issue of result.error.issues) {
        ctx.addIssue({ code: "custom", message: issue.message, path: [PROTO, ...issue.path] });
      }
    })
    .transform(() => ({}));
}

/** The object a choice's `key` selects a case of: the key's literal with that case's fields. */
function casesSchema(field: ChoiceField, key: string, scalars: Scalars): ZodType {
  const variants = field.cases.map((choiceCase) => {
    const selector = { [key]: z.literal(choiceCase.name) };
    const fields = fieldsSchema(choiceCase.children, scalars);
    return fields instanceof z.ZodObject
      ? z.object({ ...selector, ...fields.shape })
      : z.intersection(z.object(selector), fields);
  });
  return unionOf(variants, key);
}

function discriminatedSchema(field: ChoiceField, scalars: Scalars): ZodType {
  return casesSchema(field, field.discriminator, scalars);
}

/** One variant as itself; several as a (discriminated, when the key tells them apart) union. */
function unionOf(variants: ZodType[], key: string): ZodType {
  const [first, second, ...rest] = variants;
  if (first === undefined) return z.never();
  if (second === undefined) return first;
  const objects = variants.filter((variant) => variant instanceof z.ZodObject);
  const [one, two, ...more] = objects;
  if (one && two && objects.length === variants.length && distinctLiterals(objects, key)) {
    return z.discriminatedUnion(key, [one, two, ...more]);
  }
  return z.union([first, second, ...rest]);
}

function distinctLiterals(variants: readonly z.ZodObject[], key: string): boolean {
  const values = variants.map((variant) => (variant.shape[key] as z.ZodLiteral | undefined)?.value);
  return new Set(values).size === values.length;
}
