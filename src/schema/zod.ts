import { type ZodType, z } from "zod";
import {
  type ChoiceField,
  type Field,
  isSiblingChoice,
  type ListField,
  type ObjectField,
  type ScalarField,
  type ScalarKind,
} from "../rail/types.js";
import { booleanFromText, integerFromText, numberFromText } from "./scalar-text.js";
import { expectedFormat, normaliseTemporal, type TemporalKind } from "./temporal.js";

/**
 * The zod (v4) schema of a spec's output, with Guardrails' coercions: numbers and booleans given
 * as strings, numbers for string fields, dates and times normalised to ISO text.
 */
export function zodSchemaFor(root: Field): ZodType {
  return fieldSchema(root);
}

function fieldSchema(field: Field): ZodType {
  const schema = bareSchema(field);
  return field.description ? schema.describe(field.description) : schema;
}

function bareSchema(field: Field): ZodType {
  switch (field.kind) {
    case "object":
      return objectSchema(field);
    case "list":
      return listSchema(field);
    case "choice":
      return discriminatedSchema(field);
    default:
      return scalarSchema(field);
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

const stringSchema = (): ZodType => z.preprocess(coerceString, z.string());

const SCALARS: Record<Exclude<ScalarKind, "enum" | TemporalKind>, () => ZodType> = {
  string: stringSchema,
  email: stringSchema,
  url: stringSchema,
  sql: stringSchema,
  pythoncode: stringSchema,
  percentage: stringSchema,
  integer: () => z.preprocess(coerceInteger, z.number().int()),
  float: () => z.preprocess(coerceNumber, z.number()),
  bool: () => z.preprocess(coerceBoolean, z.boolean()),
};

function scalarSchema(field: ScalarField): ZodType {
  const { kind } = field;
  if (kind === "enum") return enumSchema(field.values ?? []);
  if (kind === "date" || kind === "time" || kind === "date-time")
    return temporalSchema(kind, field.format);
  return SCALARS[kind]();
}

function enumSchema(values: readonly string[]): ZodType {
  const [first, ...rest] = values;
  return first === undefined ? z.never() : z.enum([first, ...rest]);
}

function temporalSchema(kind: TemporalKind, format: string | undefined): ZodType {
  return z.string().transform((text, ctx) => {
    const normalised = normaliseTemporal(kind, text, format);
    if (normalised !== undefined) return normalised;
    ctx.addIssue({
      code: "custom",
      message: `Expected a ${kind} as ${expectedFormat(kind, format)}, got "${text}"`,
    });
    return z.NEVER;
  });
}

function listSchema(field: ListField): ZodType {
  return z.array(field.item ? fieldSchema(field.item) : z.unknown());
}

type Shape = Record<string, ZodType>;

function objectSchema(field: ObjectField): ZodType {
  if (field.children.length === 0) return z.record(z.string(), z.unknown());
  const siblingChoices = field.children.filter(isSiblingChoice);
  const discriminator = siblingChoices.length === 1 ? siblingChoices[0]?.name : undefined;
  return unionOf(
    shapesOf(field.children).map((shape) => z.object(shape)),
    discriminator,
  );
}

/**
 * The object shapes a list of sibling fields allows: one, unless 0.1-style choices put their
 * cases' children beside them; then one per combination of selected cases.
 */
function shapesOf(children: readonly Field[]): Shape[] {
  let shapes: Shape[] = [{}];
  for (const child of children) {
    const key = child.name ?? "";
    if (isSiblingChoice(child)) {
      shapes = shapes.flatMap((shape) =>
        child.cases.flatMap((choiceCase) =>
          shapesOf(choiceCase.children).map((caseShape) => ({
            ...shape,
            [key]: z.literal(choiceCase.name),
            ...caseShape,
          })),
        ),
      );
    } else {
      const schema = fieldSchema(child);
      for (const shape of shapes) shape[key] = child.required ? schema : schema.nullish();
    }
  }
  return shapes;
}

function discriminatedSchema(field: ChoiceField): ZodType {
  const variants = field.cases.flatMap((choiceCase) =>
    shapesOf(choiceCase.children).map((shape) =>
      z.object({ ...shape, [field.discriminator]: z.literal(choiceCase.name) }),
    ),
  );
  return unionOf(variants, field.discriminator);
}

/** One variant as itself; several as a (discriminated, when the key tells them apart) union. */
function unionOf(variants: z.ZodObject[], discriminator?: string): ZodType {
  const [first, second, ...rest] = variants;
  if (first === undefined) return z.never();
  if (second === undefined) return first;
  const options: [z.ZodObject, z.ZodObject, ...z.ZodObject[]] = [first, second, ...rest];
  return discriminator && distinctLiterals(options, discriminator)
    ? z.discriminatedUnion(discriminator, options)
    : z.union(options);
}

function distinctLiterals(variants: readonly z.ZodObject[], key: string): boolean {
  const values = variants.map((variant) => (variant.shape[key] as z.ZodLiteral | undefined)?.value);
  return new Set(values).size === values.length;
}
