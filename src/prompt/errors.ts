import { RailguardError } from "../errors.js";

/** A template names variables (or `${gr.*}` constants) that the render did not get. */
export class MissingPromptVariableError extends RailguardError {
  readonly variables: readonly string[];

  constructor(variables: readonly string[]) {
    const list = variables.map((name) => `"${name}"`).join(", ");
    super(
      "missing-prompt-variable",
      `The prompt needs ${variables.length === 1 ? "variable" : "variables"} ${list} but no value was given. Pass ${variables.length === 1 ? "it" : "them"} in the prompt parameters${unknownConstantsNote(variables)}.`,
    );
    this.variables = variables;
  }
}

function unknownConstantsNote(variables: readonly string[]): string {
  const constants = variables.filter((name) => name.startsWith("gr."));
  return constants.length === 0
    ? ""
    : ` (${constants.join(", ")}: no prompt constant has that name)`;
}

/** A variable's value cannot be written into the prompt (an object JSON cannot serialise). */
export class PromptVariableError extends RailguardError {
  readonly variable: string;
  readonly reason: string;

  constructor(variable: string, reason: string, options?: { cause?: unknown }) {
    super(
      "prompt-variable",
      `The prompt variable "${variable}" cannot be written as text: ${reason}. Pass a string, or an object JSON can serialise.`,
      options,
    );
    this.variable = variable;
    this.reason = reason;
  }
}
