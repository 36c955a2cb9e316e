import { describe, expect, it } from "vitest";
import { conformToSchema, parseOutput } from "../../src/parse/index.js";
import { corpus } from "../fixtures/malformed/index.js";
import type { MalformedCase } from "../fixtures/malformed/specs.js";

function run(sample: MalformedCase) {
  const parsed = parseOutput(sample.text, sample.root);
  if (!parsed.ok) throw new Error(`not parsed: ${parsed.error}`);
  const conformed = conformToSchema(parsed.value, sample.root);
  return { repairs: [...parsed.repairs, ...conformed.repairs], conformed };
}

describe("the malformed-output corpus", () => {
  it("has at least 150 outputs", () => {
    expect(Object.values(corpus).flat().length).toBeGreaterThanOrEqual(150);
  });

  for (const [mode, samples] of Object.entries(corpus)) {
    describe(mode, () => {
      it.each(samples.map((sample) => [sample.name, sample] as const))("%s", (_, sample) => {
        const { repairs, conformed } = run(sample);
        expect(conformed.value).toEqual(sample.expected);
        expect(conformed.mismatches.map((m) => m.message)).toEqual(sample.mismatches ?? []);
        const kinds = repairs.map((repair) => repair.kind);
        for (const kind of sample.repairs ?? []) expect(kinds).toContain(kind);
        const messages = repairs.map((repair) => repair.message).join("\n");
        for (const fragment of sample.messages ?? []) expect(messages).toContain(fragment);
      });
    });
  }
});
