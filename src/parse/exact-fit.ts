import { type Field, isSiblingChoice } from "../rail/types.js";
import { hasPlainPrototype } from "../show.js";
import { inspectParsed, MAX_DEPTH } from "./depth.js";
import { normalizeKey } from "./keys.js";

/**
 * Whether `conformToSchema(value, root)` would hand `value` back unchanged: the same value, keys
 * in the same order, no repair and no mismatch. A caller may then skip the conformer, which
 * rebuilds every object and list and writes a path per field even when nothing needs changing.
 *
 * Conservative: false for anything the conformer touches, reads loosely or reports (strings for
 * numbers, keys in another case or order, undeclared keys, nulls on required fields, wrapped or
 * unwrapped lists, a case named in another spelling), and for what this check does not model:
 * date and time fields (the conformer re-renders them), keys named `__proto__`, an optional key
 * missing where another declared key could stand in for it loosely, integer-like keys the spec
 * lists after others (every object lists them first), objects `JSON.parse` would not make, and
 * integers past 2^53 (kept by the conformer, refused by the schema's `int()`).
 *
 * The spec is compiled once per root; the walk allocates nothing per value, except `Object.keys`
 * for objects holding RAIL 0.1 sibling choices, whose key order depends on the case chosen.
 */
export function fitsExactly(value: unknown, root: Field): boolean {
  if (prototypeHasKeys()) return false;
  return fits(value, compiledFor(root, compiled, undefined));
}

/**
 * An enumerable key on Object.prototype would show up in `for…in` but not in the conformer's
 * `Object.keys`: with one, the walk below could not tell the two apart.
 */
function prototypeHasKeys(): boolean {
  for (const _ in Object.prototype) return true;
  return false;
}

function compiledFor(root: Field, cache: WeakMap<Field, Check>, depth: number | undefined): Check {
  let check = cache.get(root);
  if (check === undefined) {
    check = compile(root, depth);
    cache.set(root, check);
  }
  return check;
}

const compiled = new WeakMap<Field, Check>();

/**
 * The check of `fitsExactly`, made stricter by what `inspectParsed` looks for: a value that passes
 * it (`fitsParsed`) fits exactly, holds no number at or beyond ±2^53 (not even in a free-form
 * part) and nests no deeper than `MAX_DEPTH`. An answer `JSON.parse` made that passes it is
 * therefore the answer `parseOutput` gives, and fits exactly: one check in place of those two
 * walks (see `evaluateAnswer` in guard/evaluate.ts). Undefined when `fitsExactly` is false for
 * any value.
 */
export function parsedFitCheck(root: Field): FitCheck | undefined {
  return prototypeHasKeys() ? undefined : compiledFor(root, compiledParsed, 0);
}

const compiledParsed = new WeakMap<Field, Check>();

/** Whether `value` passes `check` (of `parsedFitCheck`), all the way down. */
export const fitsParsed = (value: unknown, check: FitCheck): boolean => fits(value, check);

/**
 * Whether a value that fits `root` exactly is sure to pass the spec's own schema (zod's, which
 * the final check reads): then a value no action changed needs no second reading. Only for specs
 * made of objects with distinct keys, lists of required items, and scalars (enums with values):
 * elsewhere the two read some values differently (a choice's cases, a null item in a list), and
 * the schema has the last word. The property test in test/parse/exact-fit.property.test.ts
 * checks the claim on random specs.
 */
export function fitImpliesSchema(root: Field): boolean {
  let implied = impliesSchema.get(root);
  if (implied === undefined) {
    implied = root.required && plainAllTheWay(root);
    impliesSchema.set(root, implied);
  }
  return implied;
}

const impliesSchema = new WeakMap<Field, boolean>();

function plainAllTheWay(field: Field): boolean {
  switch (field.kind) {
    case "choice":
      return false;
    case "object": {
      const names = new Set(field.children.map((child) => child.name));
      return names.size === field.children.length && field.children.every(plainAllTheWay);
    }
    case "list":
      return field.item === undefined || (field.item.required && plainAllTheWay(field.item));
    case "enum":
      return field.values !== undefined && field.values.length > 0;
    default:
      return true;
  }
}

/** What a field's check looks at; small integers, so that `fits` switches on a number. */
const Kind = {
  Never: 0,
  Text: 1,
  Enum: 2,
  Integer: 3,
  Float: 4,
  Bool: 5,
  FreeObject: 6,
  Object: 7,
  FreeList: 8,
  List: 9,
  Choice: 10,
  // For answers as parsed (`parsedFitCheck`): what `inspectParsed` looks for, too.
  SafeFloat: 11,
  InspectedFreeObject: 12,
  InspectedFreeList: 13,
} as const;
type Kind = (typeof Kind)[keyof typeof Kind];

/** One field, reduced to what deciding an exact fit needs. One class, so `fits` stays monomorphic. */
class Check {
  constructor(
    readonly kind: Kind,
    /** An optional field's null is kept as it is. */
    readonly nullable: boolean,
    /** How deep the value sits in the answer, for a free-form part's `inspectParsed`. */
    readonly depth = 0,
    readonly values: readonly string[] = NONE,
    readonly shape: Shape | undefined = undefined,
    readonly item: Check | undefined = undefined,
    readonly discriminator = "",
    readonly cases: readonly CaseShape[] = NO_CASES,
  ) {}
}

/** The keys an object may hold, in the order the conformer writes them. */
class Shape {
  constructor(
    readonly slots: readonly Slot[],
    /** No sibling choice among the slots: the keys can be matched in one `for…in`. */
    readonly flat: boolean,
    /** A discriminated choice's case: this key (already checked) comes first. */
    readonly lead: string | undefined,
  ) {}
}

class Slot {
  constructor(
    readonly name: string,
    /**
     * Missing, the slot is not an exact fit: it is required, or another declared key normalises
     * like it, so the conformer might take that key in its place.
     */
    readonly mustBePresent: boolean,
    /** The value's check; undefined for a sibling choice. */
    readonly check: Check | undefined,
    /** A sibling choice's cases: the value names one, and its keys follow. */
    readonly cases: readonly CaseShape[] | undefined,
  ) {}
}

class CaseShape {
  constructor(
    readonly name: string,
    readonly shape: Shape,
  ) {}
}

const NONE: readonly string[] = [];
const NO_CASES: readonly CaseShape[] = [];
const NEVER = new Check(Kind.Never, false);

/** What `parsedFitCheck` gives and `fitsParsed` reads. */
export type FitCheck = Check;

const TEXT_KINDS = new Set<string>(["string", "email", "url", "percentage", "pythoncode", "sql"]);

/**
 * `depth` is undefined for `fitsExactly`'s check; for `parsedFitCheck`'s, where the value sits in
 * the answer (lists and objects deeper than `MAX_DEPTH` never fit).
 */
function compile(field: Field, depth: number | undefined): Check {
  const nullable = !field.required;
  const parsed = depth !== undefined;
  const inner = parsed ? depth + 1 : undefined;
  if (parsed && depth >= MAX_DEPTH && CONTAINERS.has(field.kind)) return NEVER;
  switch (field.kind) {
    case "object":
      if (field.children.length === 0) {
        return parsed
          ? new Check(Kind.InspectedFreeObject, nullable, depth)
          : new Check(Kind.FreeObject, nullable);
      }
      return new Check(
        Kind.Object,
        nullable,
        depth,
        NONE,
        shapeOf(field.children, undefined, inner),
      );
    case "list":
      if (field.item === undefined) {
        return parsed
          ? new Check(Kind.InspectedFreeList, nullable, depth)
          : new Check(Kind.FreeList, nullable);
      }
      return new Check(Kind.List, nullable, depth, NONE, undefined, compile(field.item, inner));
    case "choice": {
      // Wherever a choice is a value rather than a sibling key, the conformer reads it as
      // discriminated, whatever its style says.
      if (field.discriminator === PROTO) return NEVER;
      const cases = field.cases.map(
        (c) => new CaseShape(c.name, shapeOf(c.children, field.discriminator, inner)),
      );
      return new Check(
        Kind.Choice,
        nullable,
        depth,
        NONE,
        undefined,
        undefined,
        field.discriminator,
        cases,
      );
    }
    case "integer":
      return new Check(Kind.Integer, nullable);
    case "float":
      return new Check(parsed ? Kind.SafeFloat : Kind.Float, nullable);
    case "bool":
      return new Check(Kind.Bool, nullable);
    case "enum":
      if (field.values === undefined) return new Check(Kind.Text, nullable);
      return new Check(Kind.Enum, nullable, 0, field.values);
    default:
      // Dates and times are re-rendered by the conformer; an unknown kind is not modelled.
      return TEXT_KINDS.has(field.kind) ? new Check(Kind.Text, nullable) : NEVER;
  }
}

const CONTAINERS = new Set<string>(["object", "list", "choice"]);

/** The slots of an object's children (or a case's), with the names they might be confused with. */
function shapeOf(
  children: readonly Field[],
  lead: string | undefined,
  depth: number | undefined,
): Shape {
  const names: string[] = lead === undefined ? [] : [lead];
  collectNames(children, names);
  return buildShape(children, lead, names, depth);
}

/** Every key name that can appear in the object: children, and sibling choices' case children. */
function collectNames(children: readonly Field[], names: string[]): void {
  for (const child of children) {
    names.push(child.name ?? "");
    if (!isSiblingChoice(child)) continue;
    for (const choiceCase of child.cases) collectNames(choiceCase.children, names);
  }
}

function buildShape(
  children: readonly Field[],
  lead: string | undefined,
  names: readonly string[],
  depth: number | undefined,
): Shape {
  const slots = children.map((child) => slotOf(child, names, depth));
  return new Shape(slots, !children.some(isSiblingChoice), lead);
}

function slotOf(child: Field, names: readonly string[], depth: number | undefined): Slot {
  const name = child.name ?? "";
  const mustBePresent = child.required || confusable(name, names);
  // A `__proto__` key is not modelled: the conformer has to define it rather than assign it.
  if (name === PROTO) return new Slot(name, mustBePresent, NEVER, undefined);
  if (!isSiblingChoice(child)) {
    return new Slot(name, mustBePresent, compile(child, depth), undefined);
  }
  // Only an exact case name fits, so `on-fail-choice` (which acts on the others) plays no part.
  const cases = child.cases.map(
    (c) => new CaseShape(c.name, buildShape(c.children, undefined, names, depth)),
  );
  return new Slot(name, mustBePresent, undefined, cases);
}

/**
 * A key read loosely (`firstName` for `first_name`) can only be another declared key, as any
 * other key fails the fit; a name is safe to miss when no other declared name, or a second slot
 * of the same name, normalises to it.
 */
function confusable(name: string, names: readonly string[]): boolean {
  const wanted = normalizeKey(name);
  let seen = 0;
  for (const other of names) if (normalizeKey(other) === wanted) seen++;
  return seen > 1;
}

const PROTO = "__proto__";

function fits(value: unknown, check: Check): boolean {
  if (value === null) return check.nullable;
  switch (check.kind) {
    case Kind.Text:
      return typeof value === "string";
    case Kind.Enum:
      return typeof value === "string" && check.values.includes(value);
    case Kind.Integer:
      // Not past 2^53: the conformer keeps such an integer, but the schema's `int()` refuses it,
      // and an exact fit must imply the schema (see `fitImpliesSchema`).
      return Number.isSafeInteger(value);
    case Kind.Float:
      return Number.isFinite(value);
    case Kind.SafeFloat:
      return Number.isFinite(value) && Math.abs(value as number) < 2 ** 53;
    case Kind.Bool:
      return typeof value === "boolean";
    case Kind.FreeObject:
      return typeof value === "object" && isRecordAsJson(value);
    case Kind.Object:
      return isJsonObject(value) && fitsShape(value, check.shape as Shape);
    case Kind.FreeList:
      return Array.isArray(value);
    case Kind.InspectedFreeObject:
      return (
        typeof value === "object" && isRecordAsJson(value) && !inspectParsed(value, check.depth)
      );
    case Kind.InspectedFreeList:
      return Array.isArray(value) && !inspectParsed(value, check.depth);
    case Kind.List:
      return Array.isArray(value) && fitsItems(value, check.item as Check);
    case Kind.Choice:
      return isJsonObject(value) && fitsChoice(value, check);
    default:
      return false;
  }
}

/**
 * A free-form object the schema's record accepts. The conformer returns one as it came, but a
 * handler's, from an earlier round, may be what zod's record refuses: a map or a date, a symbol
 * key, or an own `constructor` function (zod takes it for the object's class). Such an object
 * does not fit, so the schema reads it.
 */
function isRecordAsJson(value: object): boolean {
  if (Array.isArray(value) || !hasPlainPrototype(value)) return false;
  return !Object.hasOwn(value, "constructor") && Object.getOwnPropertySymbols(value).length === 0;
}

/** An object the conformer would rebuild as `{}` plus its keys: anything else is not modelled. */
function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype;
}

function fitsItems(items: readonly unknown[], item: Check): boolean {
  for (let index = 0; index < items.length; index++) {
    if (!fits(items[index], item)) return false;
  }
  return true;
}

function fitsChoice(value: Record<string, unknown>, check: Check): boolean {
  const chosen = caseNamed(check.cases, value[check.discriminator]);
  return chosen !== undefined && fitsShape(value, chosen.shape);
}

/** The first case of that exact name, as the conformer picks it; another case or spelling is a repair. */
function caseNamed(cases: readonly CaseShape[], name: unknown): CaseShape | undefined {
  if (typeof name !== "string") return undefined;
  for (let index = 0; index < cases.length; index++) {
    const choiceCase = cases[index] as CaseShape;
    if (choiceCase.name === name) return choiceCase;
  }
  return undefined;
}

/**
 * Keys in slot order, each slot's value fitting; a slot may be skipped only when it may be
 * missing. A key matching no remaining slot is undeclared, out of order or loosely spelled.
 */
function fitsShape(value: Record<string, unknown>, shape: Shape): boolean {
  if (!shape.flat) return fitsKeys(value, Object.keys(value), shape);
  const { slots, lead } = shape;
  let next = 0;
  let leading = lead !== undefined;
  for (const key in value) {
    if (leading) {
      if (key !== lead) return false;
      leading = false;
      continue;
    }
    let slot = slots[next];
    while (slot !== undefined && slot.name !== key) {
      if (slot.mustBePresent) return false;
      slot = slots[++next];
    }
    if (slot === undefined || !fits(value[key], slot.check as Check)) return false;
    next++;
  }
  if (leading) return false;
  for (; next < slots.length; next++) if ((slots[next] as Slot).mustBePresent) return false;
  return true;
}

/** `fitsShape` over a list of keys, for slots that hold sibling choices. */
function fitsKeys(value: Record<string, unknown>, keys: readonly string[], shape: Shape): boolean {
  let at = 0;
  if (shape.lead !== undefined) {
    if (keys[0] !== shape.lead) return false;
    at = 1;
  }
  return matchSlots(value, keys, at, shape.slots) === keys.length;
}

/** Where the keys stand after the slots, or -1 when they do not fit. */
function matchSlots(
  value: Record<string, unknown>,
  keys: readonly string[],
  start: number,
  slots: readonly Slot[],
): number {
  let at = start;
  for (const slot of slots) {
    if (keys[at] !== slot.name) {
      if (slot.mustBePresent) return -1;
      continue;
    }
    const held = value[slot.name];
    if (slot.cases === undefined) {
      if (!fits(held, slot.check as Check)) return -1;
      at++;
      continue;
    }
    const chosen = caseNamed(slot.cases, held);
    if (chosen === undefined) return -1;
    at = matchSlots(value, keys, at + 1, chosen.shape.slots);
    if (at < 0) return -1;
  }
  return at;
}
