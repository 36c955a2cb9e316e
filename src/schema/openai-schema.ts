import { type ChoiceField, type Field, isSiblingChoice, type ObjectField } from "../rail/types.js";
import {
  describeField,
  nullableUnlessRequired,
  scalarSchema,
  withDescription,
} from "./json-schema.js";
import type { JsonSchema } from "./types.js";

/**
 * The output schema in the subset OpenAI's strict structured outputs accept: every property
 * required (optional ones nullable), no extra keys, choices as `anyOf`, only supported formats.
 * Free-form objects and lists cannot be expressed there, nor can a root that is not an object.
 */

// https://platform.openai.com/docs/guides/structured-outputs — supported string formats.
const SUPPORTED_FORMATS = new Set([
  "date-time",
  "time",
  "date",
  "duration",
  "email",
  "hostname",
  "ipv4",
  "ipv6",
  "uuid",
]);

class NotExpressible extends Error {}

/** The strict variant of the output schema, or undefined when strict mode cannot express it. */
export function openAIStrictSchema(root: Field): JsonSchema | undefined {
  if (root.kind !== "object") return undefined;
  try {
    return fieldSchema(root);
  } catch (error) {
    if (error instanceof NotExpressible) return undefined;
    throw error;
  }
}

/** An OpenAI `response_format` for the output, or undefined when strict mode cannot express it. */
export function openAIResponseFormat(root: Field, name = "output"): JsonSchema | undefined {
  const schema = openAIStrictSchema(root);
  return schema && { type: "json_schema", json_schema: { name, schema, strict: true } };
}

function fieldSchema(field: Field): JsonSchema {
  return withDescription(bareSchema(field), describeField(field));
}

function bareSchema(field: Field): JsonSchema {
  switch (field.kind) {
    case "object":
      return objectSchema(field);
    case "list":
      if (!field.item) throw new NotExpressible();
      return { type: "array", items: nullableUnlessRequired(field.item, fieldSchema(field.item)) };
    case "choice":
      return {
        anyOf: field.cases.map((choiceCase) =>
          caseSchema(field, choiceCase.name, choiceCase.children),
        ),
      };
    default: {
      const { format, ...schema } = scalarSchema(field);
      return typeof format === "string" && SUPPORTED_FORMATS.has(format)
        ? { ...schema, format }
        : schema;
    }
  }
}

function objectSchema(field: ObjectField): JsonSchema {
  if (field.children.length === 0) throw new NotExpressible();
  return closedObject(field.children.flatMap(flattenSiblingChoice));
}

/**
 * A 0.1-style choice becomes its selector plus every case's children, made optional: the model
 * fills the selected case and nulls the others (undeclared-for-the-case keys are pruned later).
 */
function flattenSiblingChoice(field: Field): [Field, ...Field[]] {
  if (!isSiblingChoice(field)) return [field];
  const selector: Field = {
    kind: "enum",
    name: field.name,
    description: field.description,
    required: field.required,
    validators: [],
    values: field.cases.map((choiceCase) => choiceCase.name),
  };
  const caseFields = field.cases.flatMap((choiceCase) =>
    choiceCase.children.map((child) => ({ ...child, required: false })),
  );
  return [selector, ...caseFields];
}

function caseSchema(field: ChoiceField, caseName: string, children: readonly Field[]): JsonSchema {
  const schema = closedObject(children.flatMap(flattenSiblingChoice));
  const properties = schema.properties as Record<string, JsonSchema>;
  return {
    ...schema,
    properties: { [field.discriminator]: { type: "string", enum: [caseName] }, ...properties },
    required: [field.discriminator, ...(schema.required as string[])],
  };
}

function closedObject(children: readonly Field[]): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  for (const child of children) {
    properties[child.name ?? ""] = nullableUnlessRequired(child, fieldSchema(child));
  }
  return {
    type: "object",
    properties,
    required: Object.keys(properties),
    additionalProperties: false,
  };
}
