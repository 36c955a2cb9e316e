import { describe, expect, it } from "vitest";
import { Guard } from "../../src/guard/index.js";
import { parseRail } from "../../src/rail/index.js";
import type { ChoiceField, Field, RailSpec } from "../../src/rail/types.js";
import { compileRail } from "../../src/schema/compile.js";
import { SpecShapeError } from "../../src/schema/errors.js";

/**
 * A spec built in code never went through the RAIL reader, which refuses what no JSON answer
 * could fit (two fields on one key, a case key that is also the discriminator…). Such a spec is
 * refused when it compiles, naming the place, instead of failing every answer later with a
 * mismatch that contradicts the answer ("missing the required key" for a key that is there).
 */
const text = (name?: string): Field => ({ kind: "string", name, required: true, validators: [] });
const object = (children: Field[], name?: string): Field => ({
  kind: "object",
  name,
  required: true,
  validators: [],
  children,
});
const choice = (discriminator: string, cases: ChoiceField["cases"]): ChoiceField => ({
  kind: "choice",
  name: "pet",
  required: true,
  validators: [],
  style: "discriminated",
  discriminator,
  cases,
});
const specOf = (root: Field, type: RailSpec["output"]["type"] = "object"): RailSpec => ({
  version: "0.1",
  output: { type, strict: false, root },
  warnings: [],
});

/** The error the spec is refused with. */
function refusal(spec: RailSpec): SpecShapeError {
  try {
    Guard.fromSpec(spec);
  } catch (error) {
    if (SpecShapeError.isInstance(error)) return error;
    throw error;
  }
  throw new Error("the spec was accepted");
}

describe("a spec built in code is refused when no answer could fit it", () => {
  it("a case child named like the discriminator", () => {
    const spec = specOf(object([choice("kind", [{ name: "dog", children: [text("kind")] }])]));
    const error = refusal(spec);
    expect(error.code).toBe("spec-shape");
    expect(error.path).toBe("$.pet.kind");
    expect(error.message).toBe(
      '$.pet.kind: "kind" is the discriminator key of its choice (case "dog").',
    );
  });

  it("two fields on one key, and one beside a 0.1-style choice's case child", () => {
    expect(refusal(specOf(object([text("a"), text("a")]))).path).toBe("$.a");
    const sibling: ChoiceField = {
      ...choice("discriminator", [{ name: "dog", children: [text("a")] }]),
      style: "sibling",
    };
    expect(refusal(specOf(object([text("a"), sibling]))).message).toContain('duplicate key "a"');
  });

  it("an unnamed key and an unknown kind (a `__proto__` key is kept: truth-attack-2)", () => {
    expect(refusal(specOf(object([text()]))).message).toContain("needs a name");
    expect(() => Guard.fromSpec(specOf(object([text("__proto__")])))).not.toThrow();
    const odd = { ...text("a"), kind: "strng" } as unknown as Field;
    expect(refusal(specOf(object([odd]))).message).toContain('unknown kind "strng"');
  });

  it("a choice without cases, with a nameless or repeated case, or an empty discriminator", () => {
    expect(refusal(specOf(object([choice("kind", [])]))).message).toContain("at least one case");
    expect(
      refusal(specOf(object([choice("kind", [{ name: "", children: [] }])]))).message,
    ).toContain("needs a name");
    const twice = choice("kind", [
      { name: "dog", children: [] },
      { name: "dog", children: [] },
    ]);
    expect(refusal(specOf(object([twice]))).message).toContain('duplicate case "dog"');
    expect(refusal(specOf(object([choice(" ", [{ name: "a", children: [] }])]))).message).toContain(
      "discriminator",
    );
  });

  it("an enum without values, and an output whose root is not of its type", () => {
    const noValues: Field = { ...text("size"), kind: "enum" };
    expect(refusal(specOf(object([noValues]))).path).toBe("$.size");
    expect(refusal(specOf(text(), "object")).message).toContain('output type "object"');
  });

  it("nested deep inside lists and objects, by its path", () => {
    const item = object([object([text("x"), text("x")], "inner")]);
    const root = object([{ kind: "list", name: "rows", required: true, validators: [], item }]);
    expect(refusal(specOf(root)).path).toBe("$.rows.*.inner.x");
  });

  it("the same checks through compileRail, and every spec the reader made passes them", () => {
    const bad = specOf(object([text("a"), text("a")]));
    expect(() => compileRail(bad)).toThrow(SpecShapeError);
    const xml = `<rail version="0.1"><output>
      <choice name="pet" discriminator="kind"><case name="dog"><string name="bark"/></case></choice>
      <list name="rows"><object><enum name="size" values="s, m"/></object></list>
      <choice name="legacy"><case name="a"><string name="a"/></case></choice>
    </output></rail>`;
    expect(() => Guard.fromSpec(parseRail(xml))).not.toThrow();
  });
});
