import { ValidatorRegistry } from "../../src/contract/registry.js";
import { fail, pass, type ValidatorDefinition } from "../../src/contract/types.js";
import type { LLM, LLMRequest, LLMResponse } from "../../src/llm/types.js";

type Reply = LLMResponse | Error | ((prompt: string, request: LLMRequest) => LLMResponse);

export interface ScriptedLLM {
  llm: LLM;
  /** Every prompt received, in order. */
  prompts: string[];
  requests: LLMRequest[];
}

/** A model that answers from a script, one reply per call; a reply may be an Error to throw. */
export function scriptedLLM(replies: Reply[]): ScriptedLLM {
  const prompts: string[] = [];
  const requests: LLMRequest[] = [];
  const llm: LLM = async (prompt, request) => {
    prompts.push(prompt);
    requests.push(request);
    const reply = replies[prompts.length - 1];
    if (reply === undefined) throw new Error(`scripted model: no reply #${prompts.length}`);
    if (reply instanceof Error) throw reply;
    return typeof reply === "function" ? reply(prompt, request) : reply;
  };
  return { llm, prompts, requests };
}

const words = (value: unknown): string[] => String(value).trim().split(/\s+/).filter(Boolean);

const twoWords: ValidatorDefinition = {
  name: "two-words",
  types: ["string"],
  validate: (value) =>
    words(value).length === 2
      ? pass()
      : fail(
          `must be exactly two words, got ${words(value).length}`,
          words(value).slice(0, 2).join(" "),
        ),
};

const lowerCase: ValidatorDefinition = {
  name: "lower-case",
  types: ["string"],
  validate: (value) =>
    String(value) === String(value).toLowerCase()
      ? pass()
      : fail("must be lower case", String(value).toLowerCase()),
};

/** Fails without a fix value: for `fix` on a validator that cannot fix. */
const noDigits: ValidatorDefinition = {
  name: "no-digits",
  types: "all",
  validate: (value) =>
    /\d/.test(String(value)) ? fail(`must not contain digits: ${String(value)}`) : pass(),
};

const maxLength: ValidatorDefinition<{ max: number }> = {
  name: "max-length",
  types: "all",
  args: [{ name: "max", type: "integer" }],
  validate: (value, { args }) => {
    const length = Array.isArray(value) ? value.length : String(value).length;
    return length <= args.max
      ? pass()
      : fail(
          `must have at most ${args.max} items or characters, got ${length}`,
          Array.isArray(value) ? value.slice(0, args.max) : String(value).slice(0, args.max),
        );
  },
};

/** Passes only when the value is at least `min`; its fix (`min`) passes, for fix_reask. */
const atLeast: ValidatorDefinition<{ min: number }> = {
  name: "at-least",
  types: ["integer", "float"],
  args: [{ name: "min", type: "number" }],
  validate: (value, { args }) =>
    Number(value) >= args.min
      ? pass()
      : fail(`must be at least ${args.min}, got ${value}`, args.min),
};

/** Fails with a fix that fails again: fix_reask must then reask. */
const evenNumber: ValidatorDefinition = {
  name: "even",
  types: ["integer"],
  validate: (value) =>
    Number(value) % 2 === 0 ? pass() : fail(`must be even, got ${value}`, Number(value) + 2),
};

const throwing: ValidatorDefinition = {
  name: "explodes",
  types: "all",
  validate: () => {
    throw new Error("kaboom");
  },
};

/** Needs `metadata.source` and checks the value appears in it. */
const inSource: ValidatorDefinition = {
  name: "in-source",
  types: ["string"],
  requiredMetadata: ["source"],
  validate: async (value, { metadata }) =>
    String(metadata.source).includes(String(value))
      ? pass()
      : fail(`"${value}" is not in the source`),
};

/** `lower-case` that answers later: for paths that wait for a validator. */
export const laterLower: ValidatorDefinition = {
  name: "later-lower",
  types: ["string"],
  validate: async (value) =>
    value === String(value).toLowerCase()
      ? pass()
      : fail("lower case", String(value).toLowerCase()),
};

export function testRegistry(): ValidatorRegistry {
  const registry = new ValidatorRegistry();
  for (const definition of [
    twoWords,
    lowerCase,
    noDigits,
    maxLength,
    atLeast,
    evenNumber,
    throwing,
    inSource,
  ]) {
    registry.register(definition);
  }
  return registry;
}

/** A RAIL document around an `<output>` body, with an optional prompt. */
export function rail(
  output: string,
  extra = `<prompt>Extract from \${document}.\n\${gr.complete_json_suffix_v2}</prompt>`,
): string {
  return `<rail version="0.1">\n<output>\n${output}\n</output>\n${extra}\n</rail>`;
}
