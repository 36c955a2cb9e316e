import {
  type ChoiceField,
  type Field,
  isSiblingChoice,
  type ObjectField,
  type ScalarField,
} from "../rail/types.js";
import type { JsonSchema } from "./types.js";

/**
 * JSON Schema (2020-12) of a spec's output, as Guardrails' HEAD compiles RAIL: objects with
 * `required` and no extra keys, descriptions, enums, formats, and choices as a discriminator
 * enum plus `allOf` if/then blocks (not OpenAPI's `discriminator` keyword).
 */
export function jsonSchemaFor(root: Field): JsonSchema {
  return { $schema: "https://json-schema.org/draft/2020-12/schema", ...fieldSchema(root) };
}

function fieldSchema(field: Field): JsonSchema {
  return withDescription(bareSchema(field), describeField(field));
}

/** A field's description, plus its strptime format when it has one (the model must use it). */
export function describeField(field: Field): string | undefined {
  const format = "format" in field && field.format ? `(strptime format: ${field.format})` : "";
  return [field.description, format].filter(Boolean).join(" ") || undefined;
}

function bareSchema(field: Field): JsonSchema {
  switch (field.kind) {
    case "object":
      return objectSchema(field);
    case "list":
      // A list has no `required` for its items: `required="false"` on the item lets one be null.
      if (!field.item) return { type: "array", items: {} };
      return { type: "array", items: nullableUnlessRequired(field.item, fieldSchema(field.item)) };
    case "choice":
      return discriminatedSchema(field);
    default:
      return scalarSchema(field);
  }
}

const STRING_FORMATS: Partial<Record<Field["kind"], string>> = {
  email: "email",
  url: "uri",
  percentage: "percentage",
  date: "date",
  "date-time": "date-time",
};

const ISO_TIME_PATTERN = "^([01]\\d|2[0-3]):[0-5]\\d:[0-5]\\d$";

/** The JSON Schema of a scalar; a spec's own strptime format replaces the ISO `format`. */
export function scalarSchema(field: ScalarField): JsonSchema {
  switch (field.kind) {
    case "integer":
      return { type: "integer" };
    case "float":
      return { type: "number" };
    case "bool":
      return { type: "boolean" };
    case "enum":
      return { type: "string", enum: [...(field.values ?? [])] };
    default: {
      if (field.format) return { type: "string" };
      // JSON Schema's `time` demands a UTC offset; RAIL times are plain `HH:MM:SS`.
      if (field.kind === "time") return { type: "string", pattern: ISO_TIME_PATTERN };
      const format = STRING_FORMATS[field.kind];
      return format ? { type: "string", format } : { type: "string" };
    }
  }
}

function objectSchema(field: ObjectField): JsonSchema {
  if (field.children.length === 0) return { type: "object", additionalProperties: true };
  const plain = field.children.filter((child) => !isSiblingChoice(child));
  const choices = field.children.filter(isSiblingChoice);
  const schema = propertiesOf(plain);
  if (choices.length === 0) return { type: "object", ...schema, additionalProperties: false };
  for (const choice of choices) {
    const key = choice.name ?? "";
    schema.properties[key] = withDescription(selectorSchema(choice), choice.description);
    if (choice.required) schema.required.push(key);
  }
  return {
    type: "object",
    ...schema,
    allOf: choices.flatMap((choice) => caseConditions(choice, choice.name ?? "")),
    unevaluatedProperties: false,
  };
}

function discriminatedSchema(field: ChoiceField): JsonSchema {
  return {
    type: "object",
    properties: { [field.discriminator]: selectorSchema(field) },
    required: [field.discriminator],
    allOf: caseConditions(field, field.discriminator),
    unevaluatedProperties: false,
  };
}

function caseConditions(field: ChoiceField, key: string): JsonSchema[] {
  return field.cases.map((choiceCase) => ({
    if: { properties: { [key]: { const: choiceCase.name } }, required: [key] },
    // biome-ignore lint/suspicious/noThenProperty: JSON Schema's conditional keyword
    then: propertiesOf(choiceCase.children),
  }));
}

const selectorSchema = (field: ChoiceField): JsonSchema => ({
  type: "string",
  enum: field.cases.map((choiceCase) => choiceCase.name),
});

/** The schema of a field that may be null when it is not required. */
export const nullableUnlessRequired = (field: Field, schema: JsonSchema): JsonSchema =>
  field.required ? schema : { anyOf: [schema, { type: "null" }] };

export const withDescription = (schema: JsonSchema, description: string | undefined): JsonSchema =>
  description ? { ...schema, description } : schema;

function propertiesOf(children: readonly Field[]): {
  properties: Record<string, JsonSchema>;
  required: string[];
} {
  const properties: Record<string, JsonSchema> = {};
  const required: string[] = [];
  for (const child of children) {
    const key = child.name ?? "";
    properties[key] = fieldSchema(child);
    if (child.required) required.push(key);
  }
  return { properties, required };
}
