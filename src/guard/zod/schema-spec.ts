/**
 * The spec of a guard built from a schema in code (`Guard.fromZod`, `Guard.fromSchema`): the
 * fields, the user's validators by path, the schema's own checks as the `schema` validator, the
 * prompts (with format instructions when they lack them) and the registry that resolves them.
 */

import { defaultRegistry, type ValidatorRegistry } from "../../contract/registry.js";
import { keyPath } from "../../json-path.js";
import { keywordPrompt } from "../../prompt/validator-prompt.js";
import type { Field, RailSpec, TemplateSpec } from "../../rail/types.js";
import { GuardConfigError } from "../errors.js";
import type { SchemaGuardOptions, ZodGuardOptions } from "../guard.js";
import { attachValidators, inlineDefinitions } from "./attach-validators.js";
import { checkSchemaOptions } from "./check-options.js";
import { JSON_FORMAT, STRING_FORMAT, withFormatInstructions } from "./format-instructions.js";
import { describedField, jsonSchemaToField } from "./json-schema-field.js";
import { readZod } from "./read-zod.js";
import { type SchemaCheck, schemaValidator } from "./schema-checks.js";
import { offeredJsonSchema, type StandardSchemaV1, standardOf } from "./standard-schema.js";
import { zodToFields } from "./to-field.js";

export type SchemaSpecOptions = Pick<
  ZodGuardOptions,
  | "registry"
  | "prompt"
  | "instructions"
  | "reaskPrompt"
  | "reaskInstructions"
  | "validators"
  | "schemaOnFail"
>;

type Built = { spec: RailSpec; registry: ValidatorRegistry };

/** A zod (3 or 4) schema's spec: its fields, each checked by its own node, the root by all of it. */
export function zodSpec(where: string, schema: StandardSchemaV1, options: unknown): Built {
  checkSchemaOptions(where, options);
  const { root, checks } = zodToFields(schema, where);
  // The whole schema on the root, always: a value the guard passes is one the schema accepts.
  if (checks.at(-1)?.field !== root) checks.push({ path: "$", field: root, schema });
  return schemaSpec(where, root, checks, options as SchemaGuardOptions);
}

/**
 * Any Standard Schema's spec: a zod one as `zodSpec`; any other judges the whole output, its
 * shape taken from the JSON Schema given, or the one it offers, or any JSON object.
 */
export function standardSpec(where: string, schema: StandardSchemaV1, options: unknown): Built {
  if (readZod(schema)) return zodSpec(where, schema, options);
  checkSchemaOptions(where, options);
  standardOf(schema, where);
  const { jsonSchema } = options as SchemaGuardOptions;
  const root = jsonSchema
    ? jsonSchemaToField(jsonSchema)
    : describedField(offeredJsonSchema(schema));
  const checks = [...fieldChecks(root, schema, "$", []), { path: "$", field: root, schema }];
  return schemaSpec(where, root, checks, options as SchemaGuardOptions);
}

/** A check for every field below `field`, children first, each within the root's skeleton. */
function fieldChecks(
  field: Field,
  schema: StandardSchemaV1,
  path: string,
  within: readonly PropertyKey[],
): SchemaCheck[] {
  const below =
    field.kind === "object"
      ? field.children.map((child) => {
          const name = child.name ?? "";
          return { field: child, path: keyPath(path, name), within: [...within, name] };
        })
      : field.kind === "list" && field.item
        ? [{ field: field.item, path: `${path}.*`, within: [...within, 0] }]
        : [];
  return below.flatMap((child) => [
    ...fieldChecks(child.field, schema, child.path, child.within),
    { ...child, schema },
  ]);
}

/** Builds the spec and its registry; `checks` must end with the whole schema on the root. */
function schemaSpec(
  where: string,
  root: Field,
  checks: readonly SchemaCheck[],
  options: SchemaSpecOptions,
): Built {
  const type = root.kind === "list" ? "list" : root.kind === "object" ? "object" : "string";
  if (type === "string" && root.kind !== "string") {
    throw new GuardConfigError(`${where}: the schema must be an object, an array or a string.`);
  }
  const validators = options.validators ?? {};
  const schema = schemaValidator(checks);
  attachValidators(root, validators, where);
  // After the user's validators, so the schema judges the value they leave. On the field itself,
  // not by path: the cases of a union may hold different schemas under one key.
  const onFail = options.schemaOnFail ?? "reask";
  for (const [check, { field }] of checks.entries()) {
    const kwargs = { check };
    const source = keywordPrompt(schema.name, kwargs);
    field.validators.push({ name: schema.name, args: [], kwargs, onFail, source });
  }
  const registry = (options.registry ?? defaultRegistry).clone();
  for (const definition of [...inlineDefinitions(validators), schema]) {
    registry.register(definition);
  }
  const suffix = type === "string" ? STRING_FORMAT : JSON_FORMAT;
  const spec: RailSpec = {
    version: "0.1",
    output: { type, strict: true, root },
    prompt: template(withFormatInstructions(options.prompt, options.instructions, suffix)),
    instructions: template(options.instructions),
    reaskPrompt: template(options.reaskPrompt),
    reaskInstructions: template(options.reaskInstructions),
    warnings: [],
  };
  return { spec, registry };
}

const template = (text: string | undefined): TemplateSpec | undefined =>
  text === undefined ? undefined : { text, validators: [] };
