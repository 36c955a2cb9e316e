import fc from "fast-check";
import type { ChoiceField, Field, ScalarField, ScalarKind } from "../../src/rail/types.js";

/** Deep equality that also holds keys to their order and objects to their prototype. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((element, index) => sameValue(element, b[index]));
  }
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
  const keysA = Object.keys(a);
  const keysB = Object.keys(b);
  if (keysA.length !== keysB.length || keysA.some((key, index) => key !== keysB[index])) {
    return false;
  }
  const recordA = a as Record<string, unknown>;
  const recordB = b as Record<string, unknown>;
  return keysA.every((key) => sameValue(recordA[key], recordB[key]));
}

/** An object with these entries in this order, `__proto__` included, as `JSON.parse` builds it. */
export function objectOf(
  entries: readonly (readonly [string, unknown])[],
): Record<string, unknown> {
  const object: Record<string, unknown> = {};
  for (const [key, value] of entries) {
    Object.defineProperty(object, key, {
      value,
      writable: true,
      enumerable: true,
      configurable: true,
    });
  }
  return object;
}

export interface SpecOptions {
  /** Key names to draw from. */
  names: readonly string[];
  /** Scalar kinds to draw from. */
  kinds: readonly ScalarKind[];
  /** Sibling (RAIL 0.1) choices among an object's children. */
  siblings: boolean;
  /** Names may repeat among one object's children. */
  repeats: boolean;
  /** Choices may declare `on-fail-choice`, which leaves an unknown or missing case alone. */
  onFail: boolean;
}

const CASE_NAMES = ["a", "b", "A", "long case"];
const ENUM_VALUES = ["low", "high", "Low", "1"];

/** Random specs, up to three levels deep. */
export function specs(options: SpecOptions): fc.Arbitrary<Field> {
  const { field } = fc.letrec<{ field: Field; scalar: Field; nested: Field }>((tie) => ({
    field: fc.oneof({ depthSize: "small", withCrossShrink: true }, tie("scalar"), tie("nested")),
    scalar: fc
      .record({
        kind: fc.constantFrom(...options.kinds),
        required: fc.boolean(),
        values: fc.option(fc.subarray(ENUM_VALUES, { minLength: 1 }), { nil: undefined }),
      })
      .map(({ kind, required, values }): ScalarField => {
        const field: ScalarField = { kind, required, validators: [] };
        if (kind === "enum" && values !== undefined) field.values = values;
        return field;
      }),
    nested: fc.oneof(
      fc.record({ required: fc.boolean(), children: children(tie("field"), options) }).map(
        ({ required, children }): Field => ({
          kind: "object",
          required,
          validators: [],
          children,
        }),
      ),
      fc
        .record({ required: fc.boolean(), item: fc.option(tie("field"), { nil: undefined }) })
        .map(({ required, item }): Field => {
          const list: Field = { kind: "list", required, validators: [] };
          if (item !== undefined) list.item = item;
          return list;
        }),
      choices(children(tie("field"), options), "discriminated", options),
    ),
  }));
  return field;
}

function children(field: fc.Arbitrary<Field>, options: SpecOptions): fc.Arbitrary<Field[]> {
  const child = options.siblings
    ? fc.oneof(
        { weight: 4, arbitrary: field },
        choices(fc.array(named(field, options), { maxLength: 2 }), "sibling", options),
      )
    : field;
  return options.repeats
    ? fc.array(named(child, options), { maxLength: 4 })
    : fc.uniqueArray(named(child, options), { maxLength: 4, selector: (c) => c.name });
}

function named(field: fc.Arbitrary<Field>, options: SpecOptions): fc.Arbitrary<Field> {
  return fc
    .tuple(fc.constantFrom(...options.names), field)
    .map(([name, child]) => ({ ...child, name }) as Field);
}

function choices(
  fields: fc.Arbitrary<Field[]>,
  style: ChoiceField["style"],
  options: SpecOptions,
): fc.Arbitrary<Field> {
  return fc
    .record({
      required: fc.boolean(),
      discriminator: fc.constantFrom("type", "kind"),
      cases: fc.uniqueArray(fc.tuple(fc.constantFrom(...CASE_NAMES), fields), {
        minLength: 1,
        maxLength: 3,
        selector: ([name]) => name,
      }),
      onFail: options.onFail
        ? fc.option(fc.constant("noop" as const), { nil: undefined })
        : fc.constant(undefined),
    })
    .map(({ required, discriminator, cases, onFail }): Field => {
      const field: ChoiceField = {
        kind: "choice",
        style,
        required,
        validators: [],
        discriminator,
        cases: cases.map(([name, children]) => ({ name, children })),
      };
      if (onFail !== undefined) field.onFail = onFail;
      return field;
    });
}

/** A value of the spec's shape, keys in its order: what the conformer should leave alone. */
export function valuesOf(field: Field): fc.Arbitrary<unknown> {
  const value = present(field);
  return field.required ? value : fc.oneof({ weight: 4, arbitrary: value }, fc.constant(null));
}

function present(field: Field): fc.Arbitrary<unknown> {
  switch (field.kind) {
    case "object":
      if (field.children.length === 0) return fc.dictionary(fc.string(), fc.jsonValue());
      return entriesOf(field.children).map(objectOf);
    case "list":
      return fc.array(field.item ? valuesOf(field.item) : fc.jsonValue(), { maxLength: 3 });
    case "choice":
      return fc
        .constantFrom(...field.cases)
        .chain((chosen) =>
          entriesOf(chosen.children).map((entries) =>
            objectOf([[field.discriminator, chosen.name], ...entries]),
          ),
        );
    case "integer":
      return fc.integer();
    case "float":
      return fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }));
    case "bool":
      return fc.boolean();
    case "enum":
      return field.values ? fc.constantFrom(...field.values) : fc.string();
    case "date":
    case "time":
    case "date-time":
      return fc.constantFrom("2024-01-02", "10:30:00", "2024-01-02T10:30:00Z");
    default:
      return fc.string();
  }
}

type Entries = (readonly [string, unknown])[];

function entriesOf(children: readonly Field[]): fc.Arbitrary<Entries> {
  return fc.tuple(...children.map(entriesOfChild)).map((parts) => parts.flat());
}

function entriesOfChild(child: Field): fc.Arbitrary<Entries> {
  const name = child.name ?? "";
  const present: fc.Arbitrary<Entries> =
    child.kind === "choice" && child.style === "sibling"
      ? fc
          .constantFrom(...child.cases)
          .chain((chosen) =>
            entriesOf(chosen.children).map((entries): Entries => [[name, chosen.name], ...entries]),
          )
      : valuesOf(child).map((value): Entries => [[name, value]]);
  return child.required
    ? present
    : fc.oneof({ weight: 3, arbitrary: present }, fc.constant<Entries>([]));
}

/** One near miss: a change at some place in the value that a model might make. */
export const nearMiss = fc.record({
  steps: fc.array(fc.nat(), { maxLength: 4 }),
  change: fc.nat(),
});

const CHANGES: ((value: unknown) => unknown)[] = [
  () => null,
  (value) => [value],
  (value) => ({ items: value }),
  (value) => (typeof value === "number" ? String(value) : typeof value === "string" ? 1 : value),
  (value) => (typeof value === "number" ? value + 0.5 : value),
  (value) => (typeof value === "string" ? value.toUpperCase() : !value),
  (value) => (Array.isArray(value) && value.length === 1 ? value[0] : value),
  (value) => edit(value, (entries) => [...entries, ["extra", 1]]),
  (value) => edit(value, (entries) => entries.slice(1)),
  (value) => edit(value, (entries) => [...entries].reverse()),
  (value) =>
    edit(value, (entries) =>
      entries.map(([key, held], index) => [index === 0 ? key.toUpperCase() : key, held]),
    ),
  (value) =>
    edit(value, (entries) =>
      entries.map(([key, held], index) => [index === 0 ? `${key}_` : key, held]),
    ),
  (value) => edit(value, (entries) => [["__proto__", 1], ...entries]),
];

function edit(value: unknown, change: (entries: Entries) => Entries): unknown {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return value;
  return objectOf(change(Object.entries(value)));
}

/** The value with the near miss applied, copied along the way. */
export function applyNearMiss(value: unknown, miss: { steps: number[]; change: number }): unknown {
  const [step, ...rest] = miss.steps;
  if (step !== undefined && typeof value === "object" && value !== null) {
    if (Array.isArray(value) && value.length > 0) {
      const at = step % value.length;
      return value.map((element, index) =>
        index === at ? applyNearMiss(element, { ...miss, steps: rest }) : element,
      );
    }
    const entries = Object.entries(value);
    if (entries.length > 0) {
      const at = step % entries.length;
      return objectOf(
        entries.map(([key, held], index) => [
          key,
          index === at ? applyNearMiss(held, { ...miss, steps: rest }) : held,
        ]),
      );
    }
  }
  return (CHANGES[miss.change % CHANGES.length] as (value: unknown) => unknown)(value);
}

/**
 * `value` with `put` in place of the value `steps` lead to (each step an index, taken modulo the
 * list's items or the object's keys), or in place of the first leaf on the way.
 */
export function replaceAt(value: unknown, steps: number[], put: unknown): unknown {
  const [step, ...rest] = steps;
  if (step === undefined || typeof value !== "object" || value === null) return put;
  if (Array.isArray(value)) {
    if (value.length === 0) return [put];
    const at = step % value.length;
    return value.map((item, index) => (index === at ? replaceAt(item, rest, put) : item));
  }
  const entries = Object.entries(value);
  if (entries.length === 0) return put;
  const at = step % entries.length;
  return objectOf(
    entries.map(([key, held], index) => [key, index === at ? replaceAt(held, rest, put) : held]),
  );
}
