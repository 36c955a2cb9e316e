import type { ValidatorBinding } from "../contract/binding.js";
import { renderTemplate } from "../prompt/index.js";
import type { CompiledRail } from "../schema/types.js";
import { missingMetadata } from "../validators/metadata.js";
import { GuardConfigError, type MissingMetadata, MissingMetadataError } from "./errors.js";

/**
 * Throws MissingMetadataError when a validator's `requiredMetadata` is not met: the output's, and
 * the `inputs` validators that will run on the first prompt.
 */
export function checkMetadata(
  compiled: CompiledRail,
  metadata: Record<string, unknown>,
  inputs: readonly ValidatorBinding[] = [],
): void {
  const missing: MissingMetadata[] = [];
  for (const bindings of [inputs, needingMetadata(compiled)]) {
    for (const { definition, args, ref, path } of bindings) {
      const keys = missingMetadata(definition, args, metadata);
      if (keys.length > 0) missing.push({ validator: ref.name, path, keys });
    }
  }
  if (missing.length > 0) throw new MissingMetadataError(missing);
}

/** The output's validators that require metadata: found once per spec, asked on every call. */
function needingMetadata(compiled: CompiledRail): readonly ValidatorBinding[] {
  let bindings = metadataBindings.get(compiled);
  if (bindings === undefined) {
    bindings = compiled.bindings.filter(({ definition }) => definition.requiredMetadata?.length);
    metadataBindings.set(compiled, bindings);
  }
  return bindings;
}

const metadataBindings = new WeakMap<CompiledRail, readonly ValidatorBinding[]>();

/** The first prompt and instructions, rendered; a missing variable throws, naming it. */
export function renderFirstPrompt(
  compiled: CompiledRail,
  promptParams: Record<string, unknown>,
): { prompt: string; instructions?: string } {
  const { prompt, instructions } = compiled.spec;
  if (!prompt) {
    throw new GuardConfigError(
      "This guard has no <prompt>, so it cannot call a model: give one in the RAIL spec (or the `prompt` option of Guard.fromZod), or use guard.parse(output).",
    );
  }
  const options = { variables: promptParams, outputSchema: compiled.outputSchema };
  return {
    prompt: renderTemplate(prompt.text, options),
    instructions: instructions && renderTemplate(instructions.text, options),
  };
}
