import type { Field, ObjectField } from "../rail/types.js";
import { openAIStrictSchema } from "../schema/index.js";
import type { CompiledRail, JsonSchema } from "../schema/types.js";

/** The schema a guard offers adapters for structured output (`request.jsonSchema`). */
export interface StructuredSchema {
  schema: JsonSchema;
  /** Whether `schema` is in the subset OpenAI's strict mode accepts (`request.jsonSchemaStrict`). */
  strict: boolean;
}

/** The key a list output is wrapped under: OpenAI wants an object at the root. */
const LIST_WRAPPER_KEY = "items";

/**
 * What to send as the output's schema, or undefined for a string output (plain text, which a
 * JSON mode would wrap in quotes). The strict form when the spec fits it, since OpenAI's strict
 * mode rejects the full schema's conditionals and optional keys; else the full JSON Schema.
 * A list output is sent as `{ "items": [...] }`, which the parser unwraps.
 */
export function structuredSchemaFor(compiled: CompiledRail): StructuredSchema | undefined {
  const { type, root } = compiled.spec.output;
  if (type === "string") return undefined;
  if (compiled.openAISchema) return { schema: compiled.openAISchema, strict: true };
  if (root.kind !== "list") return { schema: compiled.jsonSchema, strict: false };
  const strictWrapped = openAIStrictSchema(listWrapper(root));
  if (strictWrapped) return { schema: strictWrapped, strict: true };
  return { schema: wrapListSchema(compiled.jsonSchema), strict: false };
}

function listWrapper(root: Field): ObjectField {
  return {
    kind: "object",
    required: true,
    validators: [],
    children: [{ ...root, name: LIST_WRAPPER_KEY, required: true }],
  };
}

/** `{ type: "array", … }` as the one required property of an object; `$schema` stays on top. */
function wrapListSchema({ $schema, ...list }: JsonSchema): JsonSchema {
  return {
    ...($schema === undefined ? {} : { $schema }),
    type: "object",
    properties: { [LIST_WRAPPER_KEY]: list },
    required: [LIST_WRAPPER_KEY],
    additionalProperties: false,
  };
}
