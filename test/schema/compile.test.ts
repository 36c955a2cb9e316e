// These specs use built-in validators: register the catalogue, as src/index.ts does.
import "../../src/validators/builtins.js";
import { mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ValidatorRegistry } from "../../src/contract/registry.js";
import { pass } from "../../src/contract/types.js";
import { RailSpecError } from "../../src/rail/errors.js";
import { compileRail, compileRailFile } from "../../src/schema/compile.js";
import { ValidatorArgumentError, ValidatorBindingError } from "../../src/schema/errors.js";
import { jsonSchemaFor } from "../../src/schema/json-schema.js";
import { compileOptionsFor } from "../support/hint-only-specs.js";
import {
  escapeRegExp,
  list,
  object,
  ref,
  scalar,
  spec,
  testRegistry,
  thrownBy,
} from "./helpers.js";

const XML = `<rail version="0.1">
  <output>
    <list name="fees" validators="length: 1 5" on-fail-length="reask">
      <object>
        <string name="name" format="lower-case; two-words; units-imperial" on-fail-two-words="reask"/>
        <float name="amount" required="false"/>
      </object>
    </list>
    <string name="note"/>
  </output>
  <prompt>\${document} \${gr.complete_json_suffix_v2}</prompt>
</rail>`;

// `units-imperial`, `foo`: hint-only formats, as in Guardrails' 0.1 examples; an unknown name is
// an error unless allowed, so these specs compile with the option.
const HINTS = { unknownValidators: "warn" } as const;

describe("compileRail", () => {
  it("compiles XML text into schema, bindings and prompt schema", () => {
    const compiled = compileRail(XML, { registry: testRegistry(), ...HINTS });
    expect(compiled.spec.output.root.kind).toBe("object");
    expect(compiled.bindings.map((b) => `${b.path} ${b.definition.name} ${b.onFail}`)).toEqual([
      "$.fees length reask",
      "$.fees.*.name lower-case noop",
      "$.fees.*.name two-words reask",
    ]);
    expect(compiled.bindings[0]?.args).toEqual({ min: 1, max: 5 });
    expect(compiled.outputSchema).toContain(
      '<string name="name" format="lower-case; two-words; units-imperial"/>',
    );
    expect(compiled.jsonSchema).toEqual(jsonSchemaFor(compiled.spec.output.root));
    expect(
      compiled.zodSchema.safeParse({ fees: [{ name: "a b", amount: "2.5" }], note: "n" }).data,
    ).toEqual({
      fees: [{ name: "a b", amount: 2.5 }],
      note: "n",
    });
    expect(compiled.warnings.map((w) => w.code)).toEqual(["unknown-validator"]);
  });

  it("returns the same frozen object for the same text and registry", () => {
    const registry = testRegistry();
    const first = compileRail(XML, { registry, ...HINTS });
    expect(compileRail(XML, { registry, ...HINTS })).toBe(first);
    expect(compileRail(XML, { registry: testRegistry(), ...HINTS })).not.toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    expect(Object.isFrozen(first.spec.output.root)).toBe(true);
    expect(Object.isFrozen(first.bindings)).toBe(true);
    expect(Object.isFrozen(first.bindings[0])).toBe(true);
    expect(Object.isFrozen(first.bindings[0]?.args)).toBe(true);
    expect(Object.isFrozen(first.jsonSchema)).toBe(true);
    expect(Object.isFrozen(first.warnings)).toBe(true);
  });

  it("caches a spec object too, and recompiles when the registry gains validators", () => {
    const registry = new ValidatorRegistry();
    const source = spec(object(undefined, [scalar("string", "s", { validators: [ref("shout")] })]));
    const before = compileRail(source, { registry, ...HINTS });
    expect(compileRail(source, { registry, ...HINTS })).toBe(before);
    expect(before.bindings).toEqual([]);
    registry.register({ name: "shout", types: ["string"], validate: () => pass() });
    const after = compileRail(source, { registry });
    expect(after).not.toBe(before);
    expect(after.bindings.map((b) => b.definition.name)).toEqual(["shout"]);
  });

  it("recompiles when a validator is replaced under the same name", () => {
    const registry = new ValidatorRegistry();
    const first = { name: "shout", types: ["string" as const], validate: () => pass() };
    registry.register(first);
    const source = spec(object(undefined, [scalar("string", "s", { validators: [ref("shout")] })]));
    const before = compileRail(source, { registry });
    expect(before.bindings[0]?.definition).toBe(first);
    const second = { ...first };
    registry.register(second);
    const after = compileRail(source, { registry });
    expect(after).not.toBe(before);
    expect(after.bindings[0]?.definition).toBe(second);
  });

  it("gives each field's validators and an empty list for fields without", () => {
    const compiled = compileRail(XML, { registry: testRegistry(), ...HINTS });
    const fees =
      compiled.spec.output.root.kind === "object"
        ? compiled.spec.output.root.children[0]
        : undefined;
    const item = fees?.kind === "list" ? fees.item : undefined;
    const name = item?.kind === "object" ? item.children[0] : undefined;
    if (!fees || !name || !item) throw new Error("unexpected spec shape");
    expect(compiled.validatorsFor(name).map((b) => b.definition.name)).toEqual([
      "lower-case",
      "two-words",
    ]);
    expect(compiled.validatorsFor(item)).toEqual([]);
    expect(compiled.validatorsFor(scalar("string", "stranger"))).toEqual([]);
    expect(compiled.prunedOutputSchema(new Set([name]))).toBe(
      [
        "<output>",
        '    <list name="fees" format="length: min=1 max=5">',
        "        <object>",
        '            <string name="name" format="lower-case; two-words; units-imperial"/>',
        "        </object>",
        "    </list>",
        "</output>",
      ].join("\n"),
    );
  });

  it("keeps the spec's own warnings before its compile warnings", () => {
    const source = spec(
      object(undefined, [scalar("integer", "n", { validators: [ref("two-words")] })]),
    );
    source.warnings.push({ code: "script-ignored", message: "script" });
    const compiled = compileRail(source, { registry: testRegistry() });
    expect(compiled.warnings.map((w) => w.code)).toEqual([
      "script-ignored",
      "validator-not-applicable",
    ]);
  });

  it("throws typed errors for bad arguments and unknown validators", () => {
    const badArgs = spec(
      object(undefined, [list("l", undefined, { validators: [ref("length", ["x"])] })]),
    );
    expect(() => compileRail(badArgs, { registry: testRegistry() })).toThrow(
      ValidatorArgumentError,
    );
    const unknown = spec(object(undefined, [scalar("string", "s", { validators: [ref("nope")] })]));
    expect(() => compileRail(unknown, { registry: testRegistry() })).toThrow(ValidatorBindingError);
  });

  it("compiles against the default registry when none is given", () => {
    const compiled = compileRail(spec(object(undefined, [scalar("string", "s")])));
    expect(compiled.outputSchema).toBe('<output>\n    <string name="s"/>\n</output>');
  });
});

const rail = (output: string) => `<rail version="0.1">\n${output}\n</rail>`;

describe("compileRail on the reference's smaller snippets", () => {
  it("§2.3: fight_move's validators= becomes format= in keyword form, on-fail gone", () => {
    const compiled = compileRail(
      rail(
        `<output><string name="fight_move" validators="valid-choices: {['punch','kick','headbutt']}" on-fail-valid-choices="exception"/></output>`,
      ),
    );
    expect(compiled.outputSchema).toBe(
      `<output>\n    <string name="fight_move" format="valid-choices: choices=['punch', 'kick', 'headbutt']"/>\n</output>`,
    );
    expect(compiled.bindings.map((b) => [b.path, b.onFail, b.args])).toEqual([
      ["$.fight_move", "exception", { choices: ["punch", "kick", "headbutt"] }],
    ]);
  });

  it("§1.9: a date with a format hint and a strptime format; §1.4: an enum", () => {
    const compiled = compileRail(
      rail(
        '<output><date name="d" format="foo" date-format="%Y-%m-%d"/><enum name="e" values="a, b, c"/></output>',
      ),
      HINTS,
    );
    expect(compiled.outputSchema).toBe(
      [
        "<output>",
        '    <date name="d" format="foo" date-format="%Y-%m-%d"/>',
        '    <enum name="e" values="a, b, c"/>',
        "</output>",
      ].join("\n"),
    );
    expect(compiled.jsonSchema.properties).toEqual({
      d: { type: "string", description: "(strptime format: %Y-%m-%d)" },
      e: { type: "string", enum: ["a", "b", "c"] },
    });
    expect(compiled.zodSchema.parse({ d: "2024-03-04", e: "b" })).toEqual({
      d: "2024-03-04",
      e: "b",
    });
    expect(compiled.warnings.map((w) => w.code)).toEqual(["unknown-validator"]);
  });
});

describe("compileRail options and files", () => {
  const phone = rail('<output>\n  <phone name="p"/>\n</output>');

  it("reads unknown tags as strings only when asked, caching each reading apart", () => {
    expect(() => compileRail(phone)).toThrow(RailSpecError);
    const lenient = compileRail(phone, { unknownTags: "string" });
    expect(lenient.jsonSchema.properties).toEqual({ p: { type: "string" } });
    expect(lenient.outputSchema).toContain('<string name="p" format="phone"/>');
    expect(compileRail(phone, { unknownTags: "string" })).toBe(lenient);
    expect(() => compileRail(phone, { unknownTags: "error" })).toThrow(RailSpecError);
  });

  it("refuses an unknown validator written as XML, naming where, strict or not", () => {
    const strict = rail(
      '<output strict="true">\n  <string name="s" validators="shout"/>\n</output>',
    );
    expect(() => compileRail(strict)).toThrow(
      'output > string "s" (line 3, column 20): unknown validator "shout" on $.s. Allowed: a registered validator;',
    );
    const lenient = strict.replace(' strict="true"', "");
    expect(() => compileRail(lenient)).toThrow(RailSpecError);
    expect(compileRail(lenient, HINTS).warnings).toMatchObject([
      { code: "unknown-validator", path: 'output > string "s"', position: { line: 3, column: 20 } },
    ]);
  });

  it("names the file in every error of compileRailFile", () => {
    const dir = mkdtempSync(join(tmpdir(), "railguard-compile-"));
    const file = join(dir, "bad.rail");
    writeFileSync(file, rail('<output>\n  <string name="s" validators="length: x"/>\n</output>'));
    const error = thrownBy(() => compileRailFile(file));
    expect(error).toBeInstanceOf(ValidatorArgumentError);
    expect(error).toMatchObject({ path: "$.s", validator: "length", argument: "min" });
    expect((error as Error).message).toBe(
      `${file}: Validator "length" on $.s (line 3, column 20): argument "min" must be an integer, got "x".`,
    );
    writeFileSync(
      file,
      rail('<output strict="true"><integer name="s" validators="two-words"/></output>'),
    );
    expect(thrownBy(() => compileRailFile(file))).toMatchObject({
      name: "ValidatorBindingError",
      code: "validator-not-applicable",
      message: expect.stringMatching(new RegExp(`^${escapeRegExp(file)}: Validator "two-words"`)),
    });
    writeFileSync(file, rail('<output><string name="s" validators="shout"/></output>'));
    expect(thrownBy(() => compileRailFile(file))).toMatchObject({
      name: "RailSpecError",
      message: expect.stringMatching(new RegExp(`^${escapeRegExp(file)}: output > string "s"`)),
    });
    writeFileSync(file, rail("<output><phone name='p'/></output>"));
    expect(compileRailFile(file, { unknownTags: "string" }).spec.output.root).toMatchObject({
      children: [{ kind: "string", name: "p" }],
    });
  });
});

describe("CompiledRail.openAISchema", () => {
  const specDirs = ["rails", "test/golden/specs", "test/fixtures/rail"];
  const specFiles = specDirs.flatMap((dir) =>
    readdirSync(dir)
      .filter((name) => name.endsWith(".rail"))
      .map((name) => `${dir}/${name}`),
  );
  // What OpenAI's strict structured outputs accept (keywords outside this set are rejected).
  const ALLOWED = new Set([
    "type",
    "properties",
    "required",
    "additionalProperties",
    "items",
    "enum",
    "const",
    "anyOf",
    "description",
    "pattern",
    "format",
  ]);

  function expectStrictSubset(schema: Record<string, unknown>, at: string): void {
    for (const key of Object.keys(schema)) expect(ALLOWED.has(key), `${at}: ${key}`).toBe(true);
    if (schema.type === "object") {
      const properties = schema.properties as Record<string, Record<string, unknown>>;
      expect(schema.additionalProperties, at).toBe(false);
      expect(schema.required, at).toEqual(Object.keys(properties));
      for (const [key, child] of Object.entries(properties))
        expectStrictSubset(child, `${at}.${key}`);
    }
    if (schema.items) expectStrictSubset(schema.items as Record<string, unknown>, `${at}[]`);
    for (const option of (schema.anyOf ?? []) as Record<string, unknown>[]) {
      expectStrictSubset(option, `${at}|`);
    }
  }

  it.each(specFiles)("%s: is in the strict subset, or absent when it cannot be", (file) => {
    const compiled = compileRailFile(file, compileOptionsFor(file));
    const { root } = compiled.spec.output;
    const freeForm = JSON.stringify(compiled.jsonSchema).includes('"additionalProperties":true');
    const expressible =
      root.kind === "object" &&
      !freeForm &&
      !/"items":\{\}/.test(JSON.stringify(compiled.jsonSchema));
    expect(compiled.openAISchema !== undefined).toBe(expressible);
    if (compiled.openAISchema) {
      expect(compiled.openAISchema.type).toBe("object");
      expectStrictSubset(compiled.openAISchema, "$");
      expect(Object.isFrozen(compiled.openAISchema)).toBe(true);
    }
  });
});
