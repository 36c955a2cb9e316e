import type { LLM } from "../llm/types.js";
import { indent, lineDiff } from "./diff.js";
import type { ScriptedAnswer } from "./suite-file.js";

/** A model that answers a case's rounds in order and notes every call the case did not expect. */
export interface ScriptedModel {
  llm: LLM;
  /** How many times the model was called. */
  readonly calls: number;
  /** The prompts received, in order. */
  readonly prompts: string[];
  /** Readable reasons the case fails: an unexpected prompt, more calls than answers. */
  readonly problems: string[];
}

/**
 * With `acceptPrompts` (`--update`), a prompt unlike the expected one is answered anyway and left
 * for the caller to record.
 */
export function scriptedModel(
  answers: readonly ScriptedAnswer[],
  acceptPrompts: boolean,
): ScriptedModel {
  const prompts: string[] = [];
  const problems: string[] = [];
  const llm: LLM = (prompt) => {
    prompts.push(prompt);
    const round = prompts.length;
    const answer = answers[round - 1];
    if (!answer) {
      const problem =
        `the model was called ${round} times but the case gives ${answers.length} ` +
        `answer(s); call ${round} received:\n${indent(prompt)}`;
      problems.push(problem);
      throw new Error(problem);
    }
    if (answer.prompt !== undefined && answer.prompt !== prompt && !acceptPrompts) {
      const problem = `call ${round} received a prompt the case did not expect:\n${indent(lineDiff(answer.prompt, prompt))}`;
      problems.push(problem);
      throw new Error(problem);
    }
    return answer.text;
  };
  return {
    llm,
    get calls() {
      return prompts.length;
    },
    prompts,
    problems,
  };
}
