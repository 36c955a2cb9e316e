import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { Guard } from "../../src/guard/index.js";
import { RailSpecError } from "../../src/rail/index.js";

const RAIL = `<rail version="0.1">
  <output>
    <phone name="contact" description="A phone number"/>
  </output>
</rail>`;

describe("GuardOptions.unknownTags", () => {
  it("rejects an unknown field tag by default", () => {
    expect(() => Guard.fromRailString(RAIL)).toThrow(RailSpecError);
  });

  it("reads it as a string with the tag as a hint, from text and from files", async () => {
    const path = join(mkdtempSync(join(tmpdir(), "railguard-options-")), "phone.rail");
    writeFileSync(path, RAIL);
    for (const guard of [
      Guard.fromRailString(RAIL, { unknownTags: "string" }),
      Guard.fromRail(path, { unknownTags: "string" }),
    ]) {
      expect(guard.compiled.outputSchema).toContain('<string name="contact"');
      expect(guard.compiled.outputSchema).toContain('format="phone"');
      const outcome = await guard.parse('{"contact": "+44 20 7946 0958"}');
      expect(outcome.validatedOutput).toEqual({ contact: "+44 20 7946 0958" });
    }
  });
});
