/**
 * Input validation and conversation reasks, offline with a stand-in model that shows what it is
 * sent.
 *
 *   npx tsx examples/inputs-and-reasks.ts
 *
 * 1. The `<prompt>` carries a validator: a transcript too long for it stops the call before the
 *    model is asked (an `InputValidationError`); a call's `inputValidators` add checks in code.
 * 2. The first answer names the guest by first name only. A `fields` reask (the default) shows the
 *    model only that value and the error, so it cannot find the surname; a `conversation` reask
 *    shows it the transcript again, and the surname comes back.
 */
import { Guard, type LLM } from "../src/index.js";

const spec = `<rail version="0.1">
<output>
  <string name="guest" description="the guest's full name" format="two-words" on-fail-two-words="reask"/>
</output>
<instructions>You extract facts from podcast transcripts.</instructions>
<prompt validators="length: 1 2000" on-fail-length="exception">Who is the guest of this episode?

\${transcript}

\${gr.complete_json_suffix_v2}</prompt>
</rail>`;
const transcript =
  "swyx: Today we're in the studio with Shreya Rajpal, the creator of Guardrails AI.";

// A stand-in model: it answers with the first name, and with the full name only when the
// transcript is among the messages it is sent (a real model reads `request.messages` the same way).
const standIn: LLM = (_prompt, request) => {
  const roles = request.messages.map((message) => message.role).join(", ");
  console.log(`  model sees: ${roles}`);
  const seen = request.messages.map((message) => message.content).join("\n");
  const surname = request.messages.length > 2 && seen.includes("Shreya Rajpal");
  return JSON.stringify({ guest: surname ? "Shreya Rajpal" : "Shreya" });
};

const guard = Guard.fromRailString<{ guest: string }>(spec);

console.log("a transcript too long for the prompt's validator:");
const tooLong = await guard.call(standIn, { promptParams: { transcript: transcript.repeat(40) } });
console.log(`  ${tooLong.error?.code}: ${tooLong.error?.message}`);

console.log("a call's own input validators, in code:");
const checked = await guard.call(standIn, {
  promptParams: { transcript },
  inputValidators: { prompt: [{ name: "lower-case", onFail: "exception" }] },
});
console.log(`  ${checked.error?.code}: ${checked.error?.message}`);

for (const reaskContext of ["fields", "conversation"] as const) {
  console.log(`reaskContext "${reaskContext}":`);
  const outcome = await guard.call(standIn, { promptParams: { transcript }, reaskContext });
  // The model's own last answer (what the guard then does with it is the outcome's business).
  console.log(`  answer to the reask: ${outcome.rawOutput}`);
}
