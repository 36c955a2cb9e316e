// These specs use built-in validators: register the catalogue, as src/index.ts does.
import "../../src/validators/builtins.js";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { Guard } from "../../src/guard/index.js";
import { RailSpecError } from "../../src/rail/errors.js";
import { compileRail, compileRailFile } from "../../src/schema/compile.js";
import { ValidatorBindingError } from "../../src/schema/errors.js";
import { escapeRegExp, object, ref, scalar, spec, thrownBy } from "./helpers.js";

/** A misspelt validator must never switch itself off without anyone being told (issue 7). */

const rail = (output: string) => `<rail version="0.1">\n${output}\n</rail>`;

// `two-word` for `two-words`: the <string> starts at line 3, column 3, its `validators` at column 24.
const MISSPELT = rail(
  '<output>\n  <string name="guest" validators="two-word" on-fail-two-word="fix"/>\n</output>',
);

describe("an unknown validator name", () => {
  it("is a RailSpecError with line, column, element path and a suggestion", () => {
    const error = thrownBy(() => compileRail(MISSPELT));
    expect(error).toBeInstanceOf(RailSpecError);
    expect(error).toMatchObject({
      code: "rail-spec",
      line: 3,
      column: 24,
      path: 'output > string "guest"',
    });
    expect((error as Error).message).toContain('unknown validator "two-word" on $.guest');
    expect((error as Error).message).toContain("did you mean `two-words`?");
    expect((error as Error).message).toContain('unknownValidators: "warn"');
  });

  it("names the file when compiled from one", () => {
    const dir = mkdtempSync(join(tmpdir(), "railguard-unknown-"));
    const file = join(dir, "misspelt.rail");
    writeFileSync(file, MISSPELT);
    const error = thrownBy(() => compileRailFile(file));
    expect(error).toBeInstanceOf(RailSpecError);
    expect((error as Error).message).toMatch(
      new RegExp(`^${escapeRegExp(file)}: output > string "guest" \\(line 3, column 24\\)`),
    );
    expect(compileRailFile(file, { unknownValidators: "warn" }).warnings).toHaveLength(1);
  });

  it("compares a Hub id by its base name, as the registry resolves it", () => {
    const hub = rail(
      '<output><string name="s" validators="hub://guardrails/valid_lenght"/></output>',
    );
    expect(() => compileRail(hub)).toThrow(
      'unknown validator "hub://guardrails/valid_lenght" on $.s; did you mean `valid_length`?',
    );
    const known = hub.replace("valid_lenght", "valid_length");
    expect(compileRail(known).bindings.map((binding) => binding.definition.name)).toEqual([
      "valid_length",
    ]);
  });

  it("offers no suggestion when nothing is close", () => {
    const error = thrownBy(() =>
      compileRail(rail('<output><string name="s" validators="zzqx-frobnicate"/></output>')),
    );
    expect((error as Error).message).toContain('unknown validator "zzqx-frobnicate"');
    expect((error as Error).message).not.toContain("did you mean");
  });

  it("is a structured warning with the option unknownValidators: warn, and is not run", () => {
    const compiled = compileRail(MISSPELT, { unknownValidators: "warn" });
    expect(compiled.bindings).toEqual([]);
    expect(compiled.warnings).toEqual([
      {
        code: "unknown-validator",
        message: expect.stringContaining("did you mean `two-words`?"),
        path: 'output > string "guest"',
        position: { line: 3, column: 24 },
      },
    ]);
    expect(compiled.warnings[0]?.message).toContain("not run");
  });

  it("is an error or a warning per option, never a cached answer for the other", () => {
    const warned = compileRail(MISSPELT, { unknownValidators: "warn" });
    expect(() => compileRail(MISSPELT)).toThrow(RailSpecError);
    expect(compileRail(MISSPELT, { unknownValidators: "warn" })).toBe(warned);
    const parsed = warned.spec;
    expect(() => compileRail(parsed)).toThrow(RailSpecError);
    expect(compileRail(parsed, { unknownValidators: "warn" }).warnings).toHaveLength(1);
    expect(() => compileRail(parsed, { unknownValidators: "error" })).toThrow(RailSpecError);
  });

  it("in a spec built in code (no source position) is a ValidatorBindingError with a suggestion", () => {
    const built = spec(
      object(undefined, [scalar("string", "s", { validators: [ref("lower-cas")] })]),
    );
    const error = thrownBy(() => compileRail(built));
    expect(error).toBeInstanceOf(ValidatorBindingError);
    expect(error).toMatchObject({ code: "unknown-validator", path: "$.s", validator: "lower-cas" });
    expect((error as Error).message).toContain("did you mean `lower-case`?");
    expect(compileRail(built, { unknownValidators: "warn" }).warnings).toMatchObject([
      { code: "unknown-validator", path: 'output > string "s"' },
    ]);
  });

  it("keeps strict='true' for validators that do not apply, whatever the option", () => {
    const strict = rail(
      '<output strict="true"><integer name="n" validators="two-words"/></output>',
    );
    expect(() => compileRail(strict, { unknownValidators: "warn" })).toThrow(ValidatorBindingError);
    const lenient = compileRail(strict.replace(' strict="true"', ""));
    expect(lenient.warnings.map((warning) => warning.code)).toEqual(["validator-not-applicable"]);
  });

  it("is not raised for an unknown tag read as a string: its tag is a hint, not a validator", () => {
    const compiled = compileRail(rail('<output><phone name="p"/></output>'), {
      unknownTags: "string",
    });
    expect(compiled.warnings.map((warning) => warning.code)).toEqual(["unknown-tag"]);
    expect(compiled.outputSchema).toContain('<string name="p" format="phone"/>');
  });
});

describe("Guard entry points", () => {
  it("fromRailString and fromRail refuse it, and with the option expose the warnings", () => {
    expect(() => Guard.fromRailString(MISSPELT)).toThrow("did you mean `two-words`?");
    const guard = Guard.fromRailString(MISSPELT, { unknownValidators: "warn" });
    expect(guard.warnings.map((warning) => warning.code)).toEqual(["unknown-validator"]);
    const parsed = guard.compiled.spec;
    expect(() => Guard.fromSpec(parsed)).toThrow(RailSpecError);
    expect(Guard.fromSpec(parsed, { unknownValidators: "warn" }).warnings).toHaveLength(1);
  });

  it("fromZod behaves the same for a validator named in code", () => {
    const schema = z.object({ name: z.string() });
    const misspelt = { validators: { "$.name": [{ name: "two-word", onFail: "fix" as const }] } };
    const error = thrownBy(() => Guard.fromZod(schema, misspelt));
    expect(error).toBeInstanceOf(ValidatorBindingError);
    expect((error as Error).message).toContain("did you mean `two-words`?");
    const guard = Guard.fromZod(schema, { ...misspelt, unknownValidators: "warn" });
    expect(guard.warnings).toMatchObject([
      { code: "unknown-validator", message: expect.stringContaining("$.name") },
    ]);
  });

  it("records the spec's warnings in every call's history entry", async () => {
    const guard = Guard.fromRailString(MISSPELT, { unknownValidators: "warn" });
    const outcome = await guard.parse('{"guest": "Shreya"}');
    expect(outcome.call.warnings).toEqual(guard.warnings);
    expect(outcome.call.toJSON().warnings).toMatchObject([{ code: "unknown-validator" }]);
    expect(outcome.call.tree()).toContain("did you mean `two-words`?");
    // Left out where the caller already showed them (the CLI prints each warning once).
    expect(outcome.call.tree({ warnings: false })).not.toContain("did you mean");
    expect(outcome.call.tree({ warnings: false })).not.toContain("Spec warnings");
  });
});

describe("an on-fail attribute naming no declared validator", () => {
  const xml = rail(
    '<output>\n  <string name="guest" validators="two-words" on-fail-two-word="fix"/>\n</output>',
  );

  it("stays a warning, with a suggestion", () => {
    const compiled = compileRail(xml);
    expect(compiled.warnings).toEqual([
      {
        code: "unused-on-fail",
        message: expect.stringContaining("did you mean `on-fail-two-words`?"),
        path: 'output > string "guest"',
        position: { line: 3, column: 47 },
      },
    ]);
  });

  it("leaves the validator it was meant for at its default action, whose failure fails the call", async () => {
    const guard = Guard.fromRailString(xml);
    expect(guard.compiled.bindings.map((binding) => binding.onFail)).toEqual(["noop"]);
    const outcome = await guard.parse('{"guest": "Shreya"}');
    expect(outcome.validationPassed).toBe(false);
    expect(outcome.validatedOutput).toEqual({ guest: "Shreya" });
    expect(outcome.failures).toMatchObject([{ path: "$.guest", validator: "two-words" }]);
    expect(outcome.call.warnings.map((warning) => warning.code)).toEqual(["unused-on-fail"]);
  });

  it("in Guardrails' own text2sql spec (a leftover key) compiles with a warning", () => {
    const compiled = compileRailFile("test/fixtures/rail/guardrails-text2sql.rail");
    expect(compiled.bindings.map((binding) => [binding.definition.name, binding.onFail])).toEqual([
      ["bug-free-sql", "reask"],
    ]);
    expect(compiled.warnings).toMatchObject([
      { code: "deprecated-tag" },
      {
        code: "unused-on-fail",
        message: expect.stringContaining("on-fail-exclude-sql-predicates"),
        path: 'output > sql "generated_sql"',
      },
    ]);
  });
});
