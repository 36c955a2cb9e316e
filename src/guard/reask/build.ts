import type { ShapeMismatch } from "../../parse/types.js";
import { KEYS_AND_TYPES } from "../../prompt/constants.js";
import { renderTemplate } from "../../prompt/index.js";
import type { Field } from "../../rail/types.js";
import type { CompiledRail } from "../../schema/types.js";
import { withPath } from "../errors.js";
import { formatPath } from "../paths.js";
import { fullReaskPayload, reaskPayload, toPromptJson } from "./payload.js";
import { pruneSpec } from "./prune-spec.js";
import type { ReaskRequest } from "./request.js";
import type { ReaskSlot } from "./slot.js";

/**
 * How the answer to a reask is read: as a whole new output, or merged into the previous one (the
 * validated tree) at the slots asked again.
 */
export type Continuation =
  | { mode: "full" }
  | { mode: "targeted"; tree: unknown; slots: readonly ReaskSlot[]; answerSpec: Field };

export interface PlannedReask {
  request: ReaskRequest;
  continuation: Continuation;
}

/** What every reask prompt can use besides its own values. */
export interface ReaskContext {
  compiled: CompiledRail;
  promptParams: Record<string, unknown>;
  fullSchemaReask: boolean;
  /** The instructions the first round sent (after input validation), if it sent any. */
  instructions?: string;
}

const HEADERS: Record<ReaskRequest["kind"], string> = {
  field: "${gr.high_level_json_reask_prompt}",
  full: "${gr.high_level_json_reask_prompt}",
  skeleton: "${gr.high_level_skeleton_reask_prompt}",
  parse: "${gr.high_level_json_parsing_reask_prompt}",
  string: "${gr.high_level_string_reask_prompt}",
};

/**
 * The default reask prompt: the kind's header, then the schema and, unless the instructions
 * already state them, the JSON rules (Guardrails' `json_suffix_without_examples`), so that
 * nothing is said twice across the system and user messages.
 */
function defaultPrompt(kind: ReaskRequest["kind"], instructions: string | undefined): string {
  if (kind === "string") return `${HEADERS.string}\n\n\${gr.complete_string_suffix}`;
  const rulesSaid = instructions?.includes(KEYS_AND_TYPES) ?? false;
  const suffix = rulesSaid
    ? "${gr.xml_prefix_prompt}\n\n${output_schema}"
    : "${gr.json_suffix_without_examples}";
  return `${HEADERS[kind]}\n\n${suffix}`;
}

/** Reask for a validated tree with values asked again at `slots` (field, full-schema or string). */
export function planFieldReask(
  tree: unknown,
  slots: readonly ReaskSlot[],
  context: ReaskContext,
): PlannedReask {
  const { compiled } = context;
  const root = compiled.spec.output.root;
  const paths = slots.map(({ path }) => formatPath(path));
  if (compiled.spec.output.type === "string") {
    const [first] = slots;
    const messages = slots.flatMap(({ errorMessages }) => errorMessages);
    const filled = {
      previousResponse: String(first?.incorrectValue ?? ""),
      outputSchema: compiled.outputSchema,
      errorMessages: messages,
      paths,
    };
    const continuation = targeted(tree, slots, root);
    return { request: render("string", filled, context), continuation };
  }
  const errorMessages = slots.flatMap(({ path, errorMessages }) =>
    errorMessages.map((message) => `${formatPath(path)}: ${message}`),
  );
  if (context.fullSchemaReask) {
    const previousResponse = toPromptJson(fullReaskPayload(tree, slots));
    const filled = { previousResponse, outputSchema: compiled.outputSchema, errorMessages, paths };
    return { request: render("full", filled, context), continuation: { mode: "full" } };
  }
  const failing = new Set(slots.map(({ field }) => field));
  const filled = {
    previousResponse: toPromptJson(reaskPayload(tree, slots)),
    outputSchema: compiled.prunedOutputSchema(failing),
    errorMessages,
    paths,
  };
  return {
    request: render("field", filled, context),
    continuation: targeted(tree, slots, pruneSpec(root, failing)),
  };
}

/** Reask for a value whose shape does not match the spec: the whole value and schema again. */
export function planSkeletonReask(
  value: unknown,
  mismatches: readonly ShapeMismatch[],
  context: ReaskContext,
): PlannedReask {
  const errorMessages = mismatches.map(withPath);
  const previousResponse = toPromptJson({ incorrect_value: value, error_messages: errorMessages });
  const filled = { previousResponse, outputSchema: context.compiled.outputSchema, errorMessages };
  const request = render("skeleton", { ...filled, paths: ["$"] }, context);
  return { request, continuation: { mode: "full" } };
}

/** Reask for text with no usable JSON: the raw text and the whole schema. */
export function planParseReask(raw: string, error: string, context: ReaskContext): PlannedReask {
  const filled = {
    previousResponse: raw,
    outputSchema: context.compiled.outputSchema,
    errorMessages: [error],
    paths: ["$"],
  };
  return { request: render("parse", filled, context), continuation: { mode: "full" } };
}

const targeted = (tree: unknown, slots: readonly ReaskSlot[], answerSpec: Field): Continuation => ({
  mode: "targeted",
  tree,
  slots,
  answerSpec,
});

/** What a reask prompt's variables are filled with. */
interface Filled {
  previousResponse: string;
  outputSchema: string;
  errorMessages: string[];
  paths: string[];
}

/**
 * Renders the custom `<reask_prompt>`/`<reask_instructions>`, or the defaults: the instructions
 * the first round sent (the spec's own, not a generic system message) and the kind's prompt.
 */
function render(kind: ReaskRequest["kind"], filled: Filled, context: ReaskContext): ReaskRequest {
  const { spec } = context.compiled;
  const options = {
    variables: {
      ...context.promptParams,
      previous_response: filled.previousResponse,
      error_messages: filled.errorMessages.map((message) => `- ${message}`).join("\n"),
    },
    outputSchema: filled.outputSchema,
  };
  const instructions = spec.reaskInstructions
    ? renderTemplate(spec.reaskInstructions.text, options)
    : context.instructions;
  const prompt = spec.reaskPrompt?.text ?? defaultPrompt(kind, instructions);
  return {
    kind,
    prompt: renderTemplate(prompt, options),
    ...(instructions !== undefined && { instructions }),
    ...filled,
  };
}
