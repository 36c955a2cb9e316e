import { promptMessages } from "../../llm/messages.js";
import type { ChatMessage } from "../../llm/types.js";
import type { ReaskRequest } from "./request.js";

/**
 * What a reask shows the model.
 * - `fields` (default, Guardrails' form): the reask alone: the instructions, then a prompt with
 *   the failing values, the error messages and the (pruned) schema. Short, but the source text
 *   of the first prompt is not in it.
 * - `conversation`: the whole exchange so far (instructions, first prompt, each answer as an
 *   assistant turn, each reask as a user turn), so a fix that needs the source text can use it.
 */
export type ReaskContextMode = "fields" | "conversation";

export const REASK_CONTEXT_MODES: readonly ReaskContextMode[] = ["fields", "conversation"];

/**
 * The messages of a reask round. In a conversation the first round's system message stays the
 * only one; after `guard.parse` (nothing sent yet) the reask's own instructions open it.
 */
export function reaskMessages(
  mode: ReaskContextMode,
  sent: readonly ChatMessage[],
  answer: string,
  request: ReaskRequest,
): ChatMessage[] {
  if (mode === "fields") return promptMessages(request.prompt, request.instructions);
  const opening =
    sent.length === 0 && request.instructions
      ? [{ role: "system" as const, content: request.instructions }]
      : [];
  return [
    ...opening,
    ...sent,
    { role: "assistant", content: answer },
    { role: "user", content: request.prompt },
  ];
}

/** The system message of a conversation, if it has one. */
export const systemOf = (messages: readonly ChatMessage[]): string | undefined =>
  messages[0]?.role === "system" ? messages[0].content : undefined;
