import { type Field, isSiblingChoice, type ObjectField } from "../../rail/types.js";

/**
 * The spec a targeted reask's answer is parsed against: only the failing fields and their
 * ancestors. Every kept key is optional, since each list item carries only its own failures.
 * A discriminated choice becomes a plain object of its failing case children: the answer need
 * not repeat the discriminator, which the merge keeps from the previous output.
 */
export function pruneSpec(root: Field, failing: ReadonlySet<Field>): Field {
  return pruneField(root, failing) ?? root;
}

function pruneField(field: Field, failing: ReadonlySet<Field>): Field | undefined {
  if (failing.has(field)) return field;
  switch (field.kind) {
    case "object":
      return objectOf(
        field,
        field.children.flatMap((child) => prunedKeys(child, failing)),
      );
    case "list": {
      const item = field.item && pruneField(field.item, failing);
      return item && { ...field, item };
    }
    case "choice":
      return field.style === "discriminated"
        ? objectOf(
            field,
            field.cases.flatMap((c) => c.children.flatMap((key) => prunedKeys(key, failing))),
          )
        : undefined;
    default:
      return undefined;
  }
}

/** A child's pruned form, as keys; a sibling-style choice also brings its case children. */
function prunedKeys(child: Field, failing: ReadonlySet<Field>): Field[] {
  const own = pruneField(child, failing);
  const caseKeys = isSiblingChoice(child)
    ? child.cases.flatMap((c) => c.children.flatMap((key) => prunedKeys(key, failing)))
    : [];
  return [...(own ? [own] : []), ...caseKeys].map((kept) => ({ ...kept, required: false }));
}

function objectOf(field: Field, children: Field[]): ObjectField | undefined {
  if (children.length === 0) return undefined;
  const unique = children.filter(
    (child, i) => children.findIndex((other) => other.name === child.name) === i,
  );
  const { name, description, position } = field;
  return {
    kind: "object",
    name,
    description,
    position,
    required: field.required,
    validators: [],
    children: unique,
  };
}
