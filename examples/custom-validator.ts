/**
 * Custom validators: registered in code, used from RAIL by name, with typed arguments checked when
 * the spec compiles and `metadata` checked before any model call.
 *
 *   npx tsx examples/custom-validator.ts
 */
import { fail, Guard, pass, RailguardError, registerValidator } from "../src/index.js";

const words = (value: unknown): string[] => String(value).split(/\s+/).filter(Boolean);

// Arguments are declared, so `max-words: 12` arrives as { limit: 12 } and `max-words: many` is
// a compile error. The fix value lets `on-fail="fix"` truncate instead of reasking.
registerValidator<{ limit: number }>({
  name: "max-words",
  types: ["string"],
  args: [{ name: "limit", type: "integer", description: "Most words allowed." }],
  validate(value, { args }) {
    const found = words(value);
    if (found.length <= args.limit) return pass();
    const message = `has ${found.length} words, at most ${args.limit} allowed`;
    return fail(message, found.slice(0, args.limit).join(" "));
  },
  // How the model sees the rule in the compiled prompt.
  toPrompt: (args) => `at most ${args.limit} words`,
});

// Metadata carries what the spec cannot: here, the episode's guests. A call without it stops
// before the model is called. Validators may be async, and never throw for a bad value.
registerValidator({
  name: "names-a-guest",
  types: ["string"],
  requiredMetadata: ["guests"],
  async validate(value, { metadata }) {
    const guests = metadata.guests as string[];
    const named = guests.some((guest) => String(value).includes(guest));
    return named ? pass() : fail(`names none of the guests (${guests.join(", ")})`);
  },
});

const spec = `<rail version="0.1">
<output>
  <string name="tagline" description="One sentence about the episode"
          validators="max-words: 12; names-a-guest"
          on-fail-max-words="fix" on-fail-names-a-guest="noop"/>
</output>
</rail>`;

const guard = Guard.fromRailString<{ tagline: string }>(spec);
console.log("prompt shows:", guard.compiled.outputSchema.match(/format="[^"]*"/)?.[0]);

const answer =
  '{"tagline": "Shreya Rajpal on why RAIL is XML, how re-asks work, and where Guardrails goes next"}';
const outcome = await guard.parse(answer, { metadata: { guests: ["Shreya Rajpal"] } });
// `unwrap()` gives the typed output of a passed call (and throws a ValidationError otherwise).
console.log("fixed:", outcome.unwrap().tagline, "· passed:", outcome.validationPassed);

const noGuest = await guard.parse('{"tagline": "Why RAIL is XML"}', {
  metadata: { guests: ["Shreya Rajpal"] },
});
// A failed call's value is `unknown`: it is what was left, not a checked `{ tagline: string }`.
console.log("noop keeps the value:", (noGuest.validatedOutput as { tagline: string }).tagline);
console.log(
  "and reports:",
  noGuest.failures.map((f) => `${f.validator}: ${f.message}`),
);

const noMetadata = await guard.parse(answer);
console.log(`without metadata: ${noMetadata.error?.code}: ${noMetadata.error?.message}`);

try {
  Guard.fromRailString(spec.replace("max-words: 12", "max-words: many"));
} catch (error) {
  if (!(error instanceof RailguardError)) throw error;
  console.log(`bad argument: ${error.name} (${error.code}): ${error.message}`);
}
