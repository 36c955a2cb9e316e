// biome-ignore-all lint/suspicious/noTemplateCurlyInString: RAIL writes template variables as ${var}
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseRail } from "../../src/rail/parse.js";
import { printRail } from "../../src/rail/print.js";
import {
  type ChoiceCase,
  type Field,
  isSiblingChoice,
  type LiteralValue,
  ON_FAIL_ACTIONS,
  type OutputSpec,
  type RailSpec,
  SCALAR_KINDS,
  type ScalarKind,
  type TemplateSpec,
  type ValidatorRef,
} from "../../src/rail/types.js";
import { formatValidator } from "../../src/rail/validator-spec.js";
import { specContent } from "./helpers.js";

// Characters that stress escaping: XML markup, quotes, braces, separators, backslashes, non-ASCII.
const tricky = fc.constantFrom(
  ..."aZ9 _-.,:;=<>&'\"{}[]()$\\/é😀\t".split(""),
  "]]>",
  "${x}",
  "&amp;",
);
const text = (maxLength: number) => fc.array(tricky, { maxLength }).map((parts) => parts.join(""));
const nonEmpty = (maxLength: number) =>
  fc.array(tricky, { minLength: 1, maxLength }).map((p) => p.join(""));
const name = nonEmpty(6).filter((n) => n.trim() !== "");

const literal: fc.Arbitrary<LiteralValue> = fc.letrec<{ value: LiteralValue }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    text(6),
    fc.integer(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie("value"), { maxLength: 3 }),
    fc.dictionary(text(4), tie("value"), { maxKeys: 3 }),
  ),
})).value;

const validatorName = fc.constantFrom(
  "length",
  "two-words",
  "valid-choices",
  "regex_match",
  "hub://guardrails/regex_match",
  "1-indexed",
  "my.alias",
  "capitalize words",
);

const validator: fc.Arbitrary<ValidatorRef> = fc
  .record({
    name: validatorName,
    args: fc.array(literal, { maxLength: 3 }),
    kwargs: fc.dictionary(fc.stringMatching(/^[a-z_][a-z0-9_-]{0,5}$/), literal, { maxKeys: 2 }),
    onFail: fc.constantFrom(...ON_FAIL_ACTIONS),
  })
  // An alias with a space has no `on-fail-…` attribute, so its action can only be the default.
  .map((ref) => (ref.name.includes(" ") ? { ...ref, onFail: "noop" as const } : ref))
  .map((ref) => ({ ...ref, source: formatValidator({ ...ref, source: "" }) }));

// One action per alias: `on-fail-<alias>` cannot give two validators of a field different actions.
const validators = fc.uniqueArray(validator, { maxLength: 3, selector: (ref) => ref.name });

const optional = <T>(key: string, arbitrary: fc.Arbitrary<T>) =>
  fc
    .option(arbitrary, { nil: undefined })
    .map((value) => (value === undefined ? {} : { [key]: value }));

const base = fc
  .tuple(optional("description", text(8)), fc.boolean(), validators)
  .map(([description, required, refs]) => ({ ...description, required, validators: refs }));

const TEMPORAL: Partial<Record<ScalarKind, true>> = { date: true, time: true, "date-time": true };
const enumValue = fc.stringMatching(/^[a-z](?:[a-z ]{0,4}[a-z])?$/);

const scalar = (kind: ScalarKind): fc.Arbitrary<Field> =>
  fc
    .tuple(
      base,
      TEMPORAL[kind] ? optional("format", text(6)) : fc.constant({}),
      kind === "enum"
        ? fc.uniqueArray(enumValue, { minLength: 1, maxLength: 3 })
        : fc.constant(undefined),
    )
    .map(([fields, format, values]) => ({
      kind,
      ...fields,
      ...format,
      ...(values ? { values } : {}),
    }));

const named = (field: fc.Arbitrary<Field>, names = name) =>
  fc.tuple(field, names).map(([f, n]) => ({ ...f, name: n }));

/** The keys a field puts in the object holding it: its name, and a 0.1 choice's case children. */
const keysOf = (field: Field): (string | undefined)[] =>
  isSiblingChoice(field)
    ? [field.name, ...field.cases.flatMap((c) => c.children.map((child) => child.name))]
    : [field.name];

/** Sibling fields whose keys are unique, none of them in `taken` (as the parser requires). */
const uniqueNamed = (field: fc.Arbitrary<Field>, maxLength: number, taken: string[] = []) =>
  fc.uniqueArray(named(field), { maxLength, selector: (f) => f.name }).filter((fields) => {
    const keys = [...taken, ...fields.flatMap(keysOf)];
    return new Set(keys).size === keys.length;
  });

/** A list's item: a 0.1 choice needs an object to put its cases' keys in, so is read as 0.2's. */
const itemOf = (field: fc.Arbitrary<Field>) =>
  fc.option(
    field.filter((item) => !isSiblingChoice(item)),
    { nil: undefined },
  );

const fieldTree = fc.letrec<{ field: Field }>((tie) => {
  const child = tie("field");
  return {
    field: fc.oneof(
      { depthSize: "small", withCrossShrink: true },
      fc.constantFrom(...SCALAR_KINDS).chain(scalar),
      fc
        .tuple(base, uniqueNamed(child, 3))
        .map(([b, children]) => ({ kind: "object" as const, ...b, children })),
      fc.tuple(base, itemOf(child)).map(([b, item]) => ({
        kind: "list" as const,
        ...b,
        ...(item ? { item } : {}),
      })),
      choice(child),
    ),
  };
}).field;

function choice(child: fc.Arbitrary<Field>): fc.Arbitrary<Field> {
  const caseHead = fc.tuple(name, optional("description", text(6)));
  const discriminated = fc
    .tuple(
      base,
      name,
      fc.uniqueArray(caseHead, { minLength: 1, maxLength: 3, selector: ([n]) => n }),
    )
    .chain(([b, discriminator, heads]) =>
      fc.tuple(...heads.map(() => uniqueNamed(child, 2, [discriminator]))).map((childLists) => ({
        kind: "choice" as const,
        ...b,
        style: "discriminated" as const,
        discriminator,
        cases: heads.map(
          ([n, d], i): ChoiceCase => ({ name: n, ...d, children: childLists[i] ?? [] }),
        ),
      })),
    );
  const sibling = fc
    .tuple(
      base,
      fc.uniqueArray(fc.tuple(caseHead, child), {
        minLength: 1,
        maxLength: 3,
        selector: ([[n]]) => n,
      }),
      optional("onFail", fc.constantFrom(...ON_FAIL_ACTIONS)),
    )
    .map(([b, cases, onFail]) => ({
      kind: "choice" as const,
      ...b,
      style: "sibling" as const,
      discriminator: "discriminator",
      cases: cases.map(
        ([[n, d], f]): ChoiceCase => ({ name: n, ...d, children: [{ ...f, name: n }] }),
      ),
      ...onFail,
    }));
  return fc.oneof(discriminated, sibling);
}

const rootBase = fc
  .tuple(optional("name", name), optional("description", text(8)), validators)
  .map(([n, d, refs]) => ({ ...n, ...d, required: true, validators: refs }));

const output: fc.Arbitrary<OutputSpec> = fc.oneof(
  fc.tuple(rootBase, fc.boolean()).map(([root, strict]) => ({
    type: "string" as const,
    strict,
    root: { kind: "string" as const, ...root },
  })),
  fc.tuple(rootBase, fc.boolean(), uniqueNamed(fieldTree, 4)).map(([root, strict, children]) => ({
    type: "object" as const,
    strict,
    root: { kind: "object" as const, ...root, children },
  })),
  fc.tuple(rootBase, fc.boolean(), itemOf(fieldTree)).map(([root, strict, item]) => ({
    type: "list" as const,
    strict,
    root: { kind: "list" as const, ...root, ...(item ? { item } : {}) },
  })),
);

/** Template text as the parser leaves it: no blank first/last line, no common indentation. */
const line = fc.oneof(
  fc.constant(""),
  fc
    .tuple(
      tricky.filter((c) => !/^\s/.test(c)),
      text(8),
    )
    .map(([a, b]) => a + b),
);
const templateText = fc
  .array(line, { maxLength: 4 })
  .map((lines) => lines.join("\n").replace(/^\n+|\n+$/g, ""));
const template: fc.Arbitrary<TemplateSpec> = fc.record({ text: templateText, validators });

const spec: fc.Arbitrary<RailSpec> = fc
  .record({
    output,
    prompt: fc.option(template, { nil: undefined }),
    instructions: fc.option(template, { nil: undefined }),
    reaskPrompt: fc.option(template, { nil: undefined }),
    reaskInstructions: fc.option(template, { nil: undefined }),
  })
  .map((parts) => ({ version: "0.1", ...parts, warnings: [] }));

describe("printRail property", () => {
  it("random valid specs survive print → parse unchanged", () => {
    fc.assert(
      fc.property(spec, (generated) => {
        const printed = printRail(generated);
        expect(specContent(parseRail(printed))).toEqual(specContent(generated));
      }),
      { numRuns: 200 },
    );
  }, 60_000);
});
