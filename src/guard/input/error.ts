import { RailguardError } from "../../errors.js";
import type { OnFailAction } from "../../rail/types.js";
import type { InputName } from "../../schema/input-bindings.js";

// Why each action stops the call when it fires on an input (Guardrails raises for all of them).
const WHY: Readonly<Record<string, string>> = {
  exception: "its on-fail action is exception",
  reask: "a reask needs a model answer, and the model has not been asked yet",
  fix_reask: "there is no fix its validator accepts, and a reask needs a model answer",
  filter: "filtering the text leaves nothing to send",
  refrain: "its on-fail action is refrain",
  custom: "the custom on-fail handler did not return text",
};

/**
 * An input validator (on `<prompt>`, `<instructions>`, or the `inputValidators` option) failed
 * with an action that leaves nothing to send: the model was not called.
 */
export class InputValidationError extends RailguardError {
  constructor(
    readonly input: InputName,
    readonly validator: string,
    readonly action: OnFailAction | "custom",
    readonly messages: readonly string[],
  ) {
    super(
      "input-validation-failed",
      `The ${input} failed validator "${validator}" and the model was not called (${WHY[action] ?? action}): ${messages.join("; ")}`,
    );
  }
}
