import { quoteText } from "../show.js";
import { FIELD_ATTRIBUTES, readFieldBase } from "./field-base.js";
import { readListItem, readNamedChildren } from "./fields.js";
import type { RailAttribute, Scope, SpecReader } from "./reader.js";
import type { Field, OutputSpec } from "./types.js";

const OUTPUT_TYPES = ["object", "string", "list"] as const;
type OutputType = (typeof OUTPUT_TYPES)[number];

const OUTPUT_ATTRIBUTES: RailAttribute[] = [
  ...FIELD_ATTRIBUTES.filter((name) => name !== "required"),
  "type",
  "strict",
];

/** `<output>`: its type, `strict`, and the root field carrying its name, description and validators. */
export function readOutput(reader: SpecReader, scope: Scope): OutputSpec {
  const type = readOutputType(reader, scope);
  const strict = reader.flag(scope, "strict", false);
  reader.checkAttributes(scope, OUTPUT_ATTRIBUTES);
  return { type, strict, root: readRoot(reader, scope, type) };
}

function readOutputType(reader: SpecReader, scope: Scope): OutputType {
  const declared = scope.element.attributes.type ?? "object";
  const type = OUTPUT_TYPES.find((known) => known === declared.trim());
  if (type) return type;
  throw reader.fail(scope, `unknown output type ${quoteText(declared)}`, {
    allowed: OUTPUT_TYPES.join(", "),
    attribute: "type",
  });
}

function readRoot(reader: SpecReader, scope: Scope, type: OutputType): Field {
  if (type === "list") {
    const item = readListItem(reader, scope);
    return { kind: "list", ...rootBase(reader, scope), ...(item ? { item } : {}) };
  }
  if (type === "object") {
    return {
      kind: "object",
      ...rootBase(reader, scope),
      children: readNamedChildren(reader, scope),
    };
  }
  const [child] = scope.element.children;
  if (child) {
    throw reader.fail(
      reader.child(scope, child),
      'an <output type="string"> has no child elements',
      {
        allowed: "name, description, validators and on-fail-* attributes on <output> itself",
      },
    );
  }
  return { kind: "string", ...rootBase(reader, scope) };
}

/** The root is always required, whatever `required` says (Guardrails ignores it there). */
const rootBase = (reader: SpecReader, scope: Scope) => ({
  ...readFieldBase(reader, scope),
  required: true,
});
