import type { ZodType } from "zod/v4";
import type { ValidatorBinding } from "../contract/binding.js";
import type { Field, RailSpec, RailWarning } from "../rail/types.js";
import type { InputBindings } from "./input-bindings.js";

/** A JSON Schema document (2020-12). */
export type JsonSchema = Record<string, unknown>;

/** A spec compiled once and reused, immutable, across calls and guards. */
export interface CompiledRail {
  readonly spec: RailSpec;
  /** Zod (v4) schema of the output, with the coercions of the reference. */
  readonly zodSchema: ZodType;
  /** JSON Schema (2020-12) of the output: the full shape, for validators and non-strict APIs. */
  readonly jsonSchema: JsonSchema;
  /**
   * The output schema in the subset OpenAI's strict structured outputs accept (`strict: true`):
   * every key required, optional ones nullable, no conditionals. Undefined when that subset
   * cannot express the output (a string root, free-form lists or objects).
   */
  readonly openAISchema: JsonSchema | undefined;
  /** What `${output_schema}` becomes: the `<output>` XML, or the prose for string outputs. */
  readonly outputSchema: string;
  /** Every registered validator in the spec, fields in document order, validators in declared order. */
  readonly bindings: readonly ValidatorBinding[];
  /**
   * Validators on `<instructions>` and `<prompt>`, run on the rendered text before the model is
   * called (Guardrails 0.3+ input validation).
   */
  readonly inputBindings: InputBindings;
  /** Validators of one field, in declared order. */
  validatorsFor(field: Field): readonly ValidatorBinding[];
  /**
   * `${output_schema}` for a reask: the output pruned to the given fields (and their ancestors).
   */
  prunedOutputSchema(fields: ReadonlySet<Field>): string;
  /**
   * The folder of the RAIL file it was compiled from (`compileRailFile`), so validator arguments
   * that name files (`bug-free-sql: schema=corpus.sql`) resolve next to the spec.
   */
  readonly specDir?: string;
  /** Spec warnings plus compile warnings (unknown aliases kept as hints…). */
  readonly warnings: readonly RailWarning[];
}
