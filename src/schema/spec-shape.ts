import { keyPath } from "../json-path.js";
import {
  type ChoiceField,
  type Field,
  isSiblingChoice,
  type OutputSpec,
  SCALAR_KINDS,
} from "../rail/types.js";
import { describe, isPlainObject } from "../show.js";
import { SpecShapeError } from "./errors.js";
import { walkFields } from "./walk.js";

const KINDS: ReadonlySet<unknown> = new Set([...SCALAR_KINDS, "object", "list", "choice"]);
const CHOICE_STYLES: ReadonlySet<unknown> = new Set(["discriminated", "sibling"]);

/** The output root's kind each output type needs. */
const ROOT_FITS: Record<OutputSpec["type"], (kind: unknown) => boolean> = {
  object: (kind) => kind === "object",
  list: (kind) => kind === "list",
  string: (kind) => SCALAR_KINDS.some((scalar) => scalar === kind),
};

/**
 * Refuses a spec built in code that no JSON answer could fit, with the first problem's path: the
 * rules the RAIL reader applies as it reads (see `readNamedChildren`, `readChoice`), which a spec
 * made as an object never went through. Any string is a JSON key or a case's value, `""`
 * included (a zod schema may have one). Each field is checked by its parent before the walk
 * reaches it, so a field that is not an object is refused, not read. One visit per field.
 */
export function checkSpecShape(output: OutputSpec): void {
  const root: unknown = isPlainObject(output) ? output.root : undefined;
  if (!isPlainObject(root)) throw new SpecShapeError("$", "the output needs a root field");
  if (!Object.hasOwn(ROOT_FITS, output.type) || !ROOT_FITS[output.type](root.kind)) {
    throw new SpecShapeError(
      "$",
      `the output type ${describe(output.type)} cannot have a root of kind ${describe(root.kind)}`,
    );
  }
  try {
    walkFields(output.root, (field, { path }) => {
      const problem = fieldProblem(field, path);
      if (problem) throw new SpecShapeError(problem.path, problem.reason);
    });
  } catch (error) {
    // A field that holds itself never ends, nor does any spec compiled from it; a spec nested
    // deeper than the stack could not be compiled either (the RAIL reader stops at 64 levels).
    if (!(error instanceof RangeError)) throw error;
    throw new SpecShapeError("$", "the spec holds itself (a cycle) or nests too deep to compile", {
      cause: error,
    });
  }
}

interface Problem {
  path: string;
  reason: string;
}

function fieldProblem(field: Field, path: string): Problem | undefined {
  if (!KINDS.has(field.kind)) return { path, reason: `unknown kind ${describe(field.kind)}` };
  if (field.kind === "enum" && !isTextList(field.values))
    return { path, reason: "an enum needs at least one value, each a string" };
  if (field.kind === "object") {
    if (!Array.isArray(field.children))
      return { path, reason: "an object needs a list of children" };
    return keysProblem(field.children, path);
  }
  if (field.kind === "list") return itemProblem(field.item, `${path}.*`);
  if (field.kind === "choice") return choiceProblem(field, path);
  return undefined;
}

const isTextList = (values: unknown): boolean =>
  Array.isArray(values) && values.length > 0 && values.every((value) => typeof value === "string");

/** A list's item: none (a free-form list) or a field whose keys are those of an item's object. */
function itemProblem(item: unknown, path: string): Problem | undefined {
  if (item === undefined) return undefined;
  if (!isPlainObject(item)) return { path, reason: `the item ${describe(item)} is not a field` };
  if (item.name !== undefined && typeof item.name !== "string")
    return { path, reason: `the item's name ${describe(item.name)} is not a string` };
  if (isSiblingChoice(item as unknown as Field))
    return { path, reason: "a 0.1-style choice's cases need an object to hold their keys" };
  return undefined;
}

/**
 * The keys of one JSON object: each field named, no name twice (`__proto__` is a key like any
 * other here, which RAIL cannot write: see truth-attack-2.test.ts). A 0.1-style choice's case
 * children are keys of that object too, beside the choice, and so are theirs when one is itself
 * such a choice; `reserved` is the discriminator of a case's object.
 */
function keysProblem(
  fields: readonly unknown[],
  path: string,
  reserved?: string,
): Problem | undefined {
  const keys = new Set<string>();
  const claim = (field: unknown, index: number): Problem | undefined => {
    if (!isPlainObject(field))
      return { path, reason: `field #${index + 1} of this object is ${describe(field)}` };
    const { name } = field;
    if (typeof name !== "string")
      return { path, reason: `field #${index + 1} of this object needs a name` };
    const at = keyPath(path, name);
    if (name === reserved)
      return { path: at, reason: `${describe(name)} is the discriminator key of its choice` };
    if (keys.has(name)) return { path: at, reason: `duplicate key ${describe(name)}` };
    keys.add(name);
    if (!isSiblingChoice(field as unknown as Field)) return undefined;
    for (const child of caseChildren(field as unknown as ChoiceField)) {
      const problem = claim(child, index);
      if (problem) return problem;
    }
    return undefined;
  };
  for (const [index, field] of fields.entries()) {
    const problem = claim(field, index);
    if (problem) return problem;
  }
  return undefined;
}

/** A choice's case children, when its cases are well formed (else its own check says so). */
const caseChildren = (choice: ChoiceField): unknown[] =>
  Array.isArray(choice.cases)
    ? choice.cases.flatMap((choiceCase: unknown) =>
        isPlainObject(choiceCase) && Array.isArray(choiceCase.children) ? choiceCase.children : [],
      )
    : [];

/** At least one case, each named once; a discriminated choice's key, and each case's keys. */
function choiceProblem(choice: ChoiceField, path: string): Problem | undefined {
  if (!CHOICE_STYLES.has(choice.style))
    return { path, reason: `unknown choice style ${describe(choice.style)}` };
  if (!Array.isArray(choice.cases) || choice.cases.length === 0)
    return { path, reason: "a choice needs at least one case" };
  const discriminated = choice.style === "discriminated";
  const key: unknown = choice.discriminator;
  if (discriminated && typeof key !== "string")
    return { path, reason: `the discriminator key ${describe(key)} is not a string` };
  const names = new Set<string>();
  for (const choiceCase of choice.cases as unknown[]) {
    if (!isPlainObject(choiceCase) || typeof choiceCase.name !== "string")
      return { path, reason: "a case of this choice needs a name" };
    const name = describe(choiceCase.name);
    if (!Array.isArray(choiceCase.children))
      return { path, reason: `case ${name} needs a list of children` };
    if (names.has(choiceCase.name)) return { path, reason: `duplicate case ${name}` };
    names.add(choiceCase.name);
    if (!discriminated) continue;
    const problem = keysProblem(choiceCase.children, path, choice.discriminator);
    if (problem) return { ...problem, reason: `${problem.reason} (case ${name})` };
  }
  return undefined;
}
