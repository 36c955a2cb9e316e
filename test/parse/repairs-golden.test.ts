import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseOutput } from "../../src/parse/index.js";
import { corpus } from "../fixtures/malformed/index.js";

/**
 * Every repair the parser records on the malformed-output corpus, word for word, with the value it
 * parsed: the corpus test checks fragments, this pins the whole record, so that making the parser
 * faster cannot change what it reports. `UPDATE_GOLDEN=1` rewrites the file.
 */

const GOLDEN = join(import.meta.dirname, "../golden/malformed-repairs.json");

function record(): Record<string, unknown> {
  const cases = Object.entries(corpus).flatMap(([mode, samples]) =>
    samples.map((sample) => [`${mode}: ${sample.name}`, parseOutput(sample.text, sample.root)]),
  );
  return Object.fromEntries(cases);
}

describe("repairs recorded on the malformed-output corpus", () => {
  it("match the golden file", () => {
    const text = `${JSON.stringify(record(), null, 2)}\n`;
    if (process.env.UPDATE_GOLDEN === "1") writeFileSync(GOLDEN, text);
    expect(text).toBe(readFileSync(GOLDEN, "utf8"));
  });
});
