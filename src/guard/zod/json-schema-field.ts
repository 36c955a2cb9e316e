/**
 * A JSON Schema given to `Guard.fromSchema` as a spec field, so the model sees the output's
 * shape as with any spec (`${gr.complete_json_suffix_v2}`) and the parser coerces by it. The
 * Standard Schema stays the judge of the value; this only describes it.
 */

import { keyPath } from "../../json-path.js";
import type { Field, ScalarKind } from "../../rail/types.js";
import { describeValue, isPlainObject } from "../../show.js";
import { GuardConfigError } from "../errors.js";

const SCALARS: Record<string, ScalarKind> = {
  string: "string",
  integer: "integer",
  number: "float",
  boolean: "bool",
};

const FORMATS: Record<string, ScalarKind> = {
  email: "email",
  uri: "url",
  url: "url",
  date: "date",
  time: "time",
  "date-time": "date-time",
};

/**
 * The field a JSON Schema describes: object (properties, required), array (items), string (with
 * its format), integer, number, boolean, enum and const; `"null"` among the types makes it
 * optional. No schema at all is any JSON object.
 */
export function jsonSchemaToField(schema: unknown, path = "$", name?: string): Field {
  const base = { name, required: true, validators: [] };
  if (schema === undefined) return { ...base, kind: "object", children: [] };
  if (!isPlainObject(schema)) {
    throw new GuardConfigError(
      `Guard.fromSchema: jsonSchema at ${path} is ${describeValue(schema)}.`,
    );
  }
  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  const type = types.find((t) => t !== "null") ?? (schema.properties ? "object" : undefined);
  const described = {
    ...base,
    required: !types.includes("null"),
    description: typeof schema.description === "string" ? schema.description : undefined,
  };
  const values = Array.isArray(schema.enum)
    ? schema.enum
    : "const" in schema
      ? [schema.const]
      : undefined;
  if (values) return { ...described, kind: "enum", values: values.map(String) };
  if (type === "object")
    return { ...described, kind: "object", children: childrenOf(schema, path) };
  if (type === "array") {
    const item =
      schema.items === undefined ? undefined : jsonSchemaToField(schema.items, `${path}.*`);
    return { ...described, kind: "list", item };
  }
  const kind = type === "string" ? FORMATS[String(schema.format)] : undefined;
  const scalar = kind ?? SCALARS[String(type)];
  if (scalar) return { ...described, kind: scalar } as Field;
  throw new GuardConfigError(
    `Guard.fromSchema: jsonSchema at ${path} has no type this guard can describe (object, array, string, integer, number, boolean, enum, const).`,
  );
}

/**
 * The field a JSON Schema the schema offers describes, or any JSON object when it describes
 * something a spec cannot (`anyOf`, `$ref`…): the user never wrote it, so it cannot be their error.
 */
export function describedField(schema: Record<string, unknown> | undefined): Field {
  try {
    return jsonSchemaToField(schema);
  } catch {
    return jsonSchemaToField(undefined);
  }
}

function childrenOf(schema: Record<string, unknown>, path: string): Field[] {
  const properties = isPlainObject(schema.properties) ? schema.properties : {};
  const required = new Set(Array.isArray(schema.required) ? schema.required : []);
  return Object.entries(properties).map(([key, child]) => {
    if (key === "__proto__") {
      throw new GuardConfigError(`Guard.fromSchema: ${path}: "__proto__" cannot be a JSON key.`);
    }
    const field = jsonSchemaToField(child, keyPath(path, key), key);
    return { ...field, required: field.required && required.has(key) };
  });
}
