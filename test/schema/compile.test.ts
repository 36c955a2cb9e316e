import { describe, expect, it } from "vitest";
import { compileRail } from "../../src/schema/compile.js";
import { ValidatorArgumentError, ValidatorBindingError } from "../../src/schema/errors.js";
import { jsonSchemaFor } from "../../src/schema/json-schema.js";
import { ValidatorRegistry } from "../../src/validators/registry.js";
import { pass } from "../../src/validators/types.js";
import { list, object, ref, scalar, spec, testRegistry } from "./helpers.js";

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

describe("compileRail", () => {
  it("compiles XML text into schema, bindings and prompt schema", () => {
    const compiled = compileRail(XML, { registry: testRegistry() });
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
    const first = compileRail(XML, { registry });
    expect(compileRail(XML, { registry })).toBe(first);
    expect(compileRail(XML, { registry: testRegistry() })).not.toBe(first);
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
    const before = compileRail(source, { registry });
    expect(compileRail(source, { registry })).toBe(before);
    expect(before.bindings).toEqual([]);
    registry.register({ name: "shout", types: ["string"], validate: () => pass() });
    const after = compileRail(source, { registry });
    expect(after).not.toBe(before);
    expect(after.bindings.map((b) => b.definition.name)).toEqual(["shout"]);
  });

  it("gives each field's validators and an empty list for fields without", () => {
    const compiled = compileRail(XML, { registry: testRegistry() });
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

  it("throws typed errors for bad arguments and, when strict, unknown validators", () => {
    const badArgs = spec(
      object(undefined, [list("l", undefined, { validators: [ref("length", ["x"])] })]),
    );
    expect(() => compileRail(badArgs, { registry: testRegistry() })).toThrow(
      ValidatorArgumentError,
    );
    const strict = spec(object(undefined, [scalar("string", "s", { validators: [ref("nope")] })]), {
      strict: true,
    });
    expect(() => compileRail(strict, { registry: testRegistry() })).toThrow(ValidatorBindingError);
  });

  it("compiles against the default registry when none is given", () => {
    const compiled = compileRail(spec(object(undefined, [scalar("string", "s")])));
    expect(compiled.outputSchema).toBe('<output>\n    <string name="s"/>\n</output>');
  });
});
