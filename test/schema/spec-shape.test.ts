import { describe, expect, it } from "vitest";
import { z } from "zod";
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

  it("a choice without cases, with a nameless or repeated case, or a discriminator not a string", () => {
    expect(refusal(specOf(object([choice("kind", [])]))).message).toContain("at least one case");
    const nameless = { children: [] } as unknown as ChoiceField["cases"][number];
    expect(refusal(specOf(object([choice("kind", [nameless])]))).message).toContain("needs a name");
    const twice = choice("kind", [
      { name: "dog", children: [] },
      { name: "dog", children: [] },
    ]);
    expect(refusal(specOf(object([twice]))).message).toContain('duplicate case "dog"');
    const numbered = choice(7 as unknown as string, [{ name: "a", children: [] }]);
    expect(refusal(specOf(object([numbered]))).message).toContain("discriminator");
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

describe("the check refuses only what no answer fits, and never crashes on what it reads", () => {
  it("an empty key, an empty case value and a blank discriminator fit answers: fromZod keeps them", async () => {
    const cases = [
      [z.object({ "": z.string() }), '{"": "x"}'],
      [
        z.object({
          pet: z.discriminatedUnion("kind", [
            z.object({ kind: z.literal(""), bark: z.string() }),
            z.object({ kind: z.literal("cat") }),
          ]),
        }),
        '{"pet": {"kind": "", "bark": "woof"}}',
      ],
      [
        z.object({
          pet: z.discriminatedUnion(" ", [
            z.object({ " ": z.literal("dog"), bark: z.string() }),
            z.object({ " ": z.literal("cat") }),
          ]),
        }),
        '{"pet": {" ": "dog", "bark": "woof"}}',
      ],
    ] as const;
    for (const [schema, answer] of cases) {
      const outcome = await Guard.fromZod(schema).parse(answer);
      expect(outcome.validationPassed).toBe(true);
      expect(outcome.validatedOutput).toEqual(JSON.parse(answer));
    }
  });

  it("a field, case, item or root that is not one is refused with the path, not a TypeError", () => {
    const garbage = <T = Field>(value: unknown) => value as T;
    const odd: Array<[RailSpec, string]> = [
      [specOf(object([garbage({ name: "a", required: true, validators: [] })])), "$.a"],
      [specOf(object([{ ...text(), name: garbage<string>(5) }])), "$"],
      [specOf(object([garbage(null)])), "$"],
      [specOf(garbage(null)), "$"],
      [{ ...specOf(text()), output: garbage(null) as never }, "$"],
      [specOf(object([choice("kind", [garbage(null) as never])])), "$.pet"],
      [
        specOf(object([{ ...choice("kind", [{ name: garbage<string>(1), children: [] }]) }])),
        "$.pet",
      ],
      [specOf(object([{ ...text("a"), kind: "enum", values: garbage([1]) as never }])), "$.a"],
      [
        specOf({ kind: "list", required: true, validators: [], item: garbage(null) }, "list"),
        "$.*",
      ],
      [specOf({ kind: "list", required: true, validators: [], item: garbage({}) }, "list"), "$.*"],
    ];
    for (const [spec, path] of odd) expect(refusal(spec).path).toBe(path);
  });

  it("a choice of an unknown style, a 0.1-style choice as a list's item, or nested on a key twice", () => {
    const weird = { ...choice("kind", [{ name: "dog", children: [text("a")] }]), style: "odd" };
    expect(refusal(specOf(object([weird as ChoiceField]))).message).toContain('style "odd"');
    const legacy = (name: string, cases: ChoiceField["cases"]): ChoiceField => ({
      ...choice("discriminator", cases),
      name,
      style: "sibling",
    });
    const item = legacy("p", [{ name: "p", children: [text("p")] }]);
    const list: Field = { kind: "list", name: "l", required: true, validators: [], item };
    expect(refusal(specOf(object([list]))).path).toBe("$.l.*");
    // The inner choice's case key "a" is a key of the root object, as the outer choice is.
    const inner = legacy("x", [{ name: "a", children: [text("a")] }]);
    const outer = legacy("a", [{ name: "x", children: [inner] }]);
    expect(refusal(specOf(object([outer]))).message).toBe('$.a: duplicate key "a".');
  });
});

describe("a spec object that holds itself", () => {
  it("is refused with a SpecShapeError, not a stack overflow", () => {
    const children: Field[] = [text("a")];
    // `self` holds the very list it is in: every answer would have to be infinitely deep.
    children.push({ ...object([], "self"), children } as Field);
    const error = refusal(specOf(object(children)));
    expect(error.path).toBe("$");
    expect(error.reason).toContain("holds itself");
  });
});
