import { keyPath } from "../json-path.js";
import {
  type ChoiceField,
  type Field,
  isSiblingChoice,
  type OutputSpec,
  SCALAR_KINDS,
} from "../rail/types.js";
import { quoteText } from "../show.js";
import { SpecShapeError } from "./errors.js";
import { walkFields } from "./walk.js";

const KINDS: ReadonlySet<string> = new Set([...SCALAR_KINDS, "object", "list", "choice"]);

/** The output root's kind each output type needs. */
const ROOT_FITS: Record<OutputSpec["type"], (kind: string) => boolean> = {
  object: (kind) => kind === "object",
  list: (kind) => kind === "list",
  string: (kind) => SCALAR_KINDS.some((scalar) => scalar === kind),
};

/**
 * Refuses a spec built in code that no JSON answer could fit, with the first problem's path: the
 * rules the RAIL reader applies as it reads (see `readNamedChildren`, `readChoice`), which a spec
 * made as an object never went through. One visit per field.
 */
export function checkSpecShape(output: OutputSpec): void {
  const kind: unknown = output.root.kind;
  if (!ROOT_FITS[output.type]?.(String(kind))) {
    throw new SpecShapeError(
      "$",
      `the output type ${quoteText(String(output.type))} cannot have a root of kind ${quoteText(String(kind))}`,
    );
  }
  walkFields(output.root, (field, { path }) => {
    const problem = fieldProblem(field, path);
    if (problem) throw new SpecShapeError(problem.path, problem.reason);
  });
}

interface Problem {
  path: string;
  reason: string;
}

function fieldProblem(field: Field, path: string): Problem | undefined {
  if (!KINDS.has(field.kind)) return { path, reason: `unknown kind ${quoteText(field.kind)}` };
  if (field.kind === "enum" && !(Array.isArray(field.values) && field.values.length > 0))
    return { path, reason: "an enum needs at least one value" };
  if (field.kind === "object") {
    if (!Array.isArray(field.children))
      return { path, reason: "an object needs a list of children" };
    return keysProblem(field.children, path);
  }
  if (field.kind === "choice") return choiceProblem(field, path);
  return undefined;
}

/**
 * The keys of one JSON object: each field named, no name twice (`__proto__` is a key like any
 * other here, which RAIL cannot write: see truth-attack-2.test.ts). A 0.1-style
 * choice's case children are keys of that object too, beside the choice; `reserved` is the
 * discriminator of a case's object.
 */
function keysProblem(
  fields: readonly Field[],
  path: string,
  reserved?: string,
): Problem | undefined {
  const keys = new Set<string>();
  const claim = (name: string | undefined, index: number): Problem | undefined => {
    if (!name) return { path, reason: `field #${index + 1} of this object needs a name` };
    const at = keyPath(path, name);
    if (name === reserved)
      return { path: at, reason: `${quoteText(name)} is the discriminator key of its choice` };
    if (keys.has(name)) return { path: at, reason: `duplicate key ${quoteText(name)}` };
    keys.add(name);
    return undefined;
  };
  for (const [index, field] of fields.entries()) {
    const problem = claim(field.name, index);
    if (problem) return problem;
    if (!isSiblingChoice(field)) continue;
    for (const child of field.cases.flatMap((choiceCase) => choiceCase.children)) {
      const sibling = claim(child.name, index);
      if (sibling) return sibling;
    }
  }
  return undefined;
}

/** At least one case, each named once; a discriminated choice's key, and each case's keys. */
function choiceProblem(choice: ChoiceField, path: string): Problem | undefined {
  if (!Array.isArray(choice.cases) || choice.cases.length === 0)
    return { path, reason: "a choice needs at least one case" };
  const discriminated = choice.style === "discriminated";
  const key = choice.discriminator;
  if (discriminated && (typeof key !== "string" || key.trim() === ""))
    return { path, reason: `the discriminator key ${quoteText(String(key))} cannot be a JSON key` };
  const names = new Set<string>();
  for (const choiceCase of choice.cases) {
    if (!choiceCase.name) return { path, reason: "a case of this choice needs a name" };
    if (!Array.isArray(choiceCase.children))
      return { path, reason: `case ${quoteText(choiceCase.name)} needs a list of children` };
    if (names.has(choiceCase.name))
      return { path, reason: `duplicate case ${quoteText(choiceCase.name)}` };
    names.add(choiceCase.name);
    if (!discriminated) continue;
    const problem = keysProblem(choiceCase.children, path, key);
    if (problem)
      return { ...problem, reason: `${problem.reason} (case ${quoteText(choiceCase.name)})` };
  }
  return undefined;
}
