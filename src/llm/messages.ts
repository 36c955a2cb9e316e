import type { ChatMessage } from "./types.js";

/** The conversation for one prompt: the instructions (if any) as a system message, then it. */
export function promptMessages(prompt: string, instructions?: string): ChatMessage[] {
  const system: ChatMessage[] = instructions ? [{ role: "system", content: instructions }] : [];
  return [...system, { role: "user", content: prompt }];
}
