// The format's syntax is checked where it is written; src/strptime.ts reads it, for the schema and the validators.

import { quoteText } from "../show.js";
import { checkStrptimeFormat, STRPTIME_DIRECTIVES, StrptimeError } from "../strptime.js";
import { readChoice } from "./choice.js";
import { FIELD_ATTRIBUTES, readFieldBase, rejectReservedKey } from "./field-base.js";
import type { RailAttribute, Scope, SpecReader } from "./reader.js";
import {
  type ChoiceField,
  type Field,
  isSiblingChoice,
  type ListField,
  type ObjectField,
  SCALAR_KINDS,
  type ScalarField,
  type ScalarKind,
} from "./types.js";
import type { ParsedValidator } from "./validator-spec.js";

/** The strptime-format attribute of each temporal kind. */
export const FORMAT_ATTRIBUTES: Partial<Record<ScalarKind, RailAttribute>> = {
  date: "date-format",
  time: "time-format",
  "date-time": "datetime-format",
};

/** Tags Guardrails deprecated in 0.2.x in favour of `string` (still read as their own kind). */
const DEPRECATED_TAGS: readonly string[] = ["email", "url", "pythoncode", "sql"];

export const FIELD_TAGS: readonly string[] = [...SCALAR_KINDS, "list", "object", "choice"];

/**
 * Reads any field element: a scalar, `<list>`, `<object>` or `<choice>`. `inObject`: a key of an
 * object, where a 0.1-style choice's cases can put their keys beside it (not a list's item).
 */
function readField(reader: SpecReader, scope: Scope, inObject: boolean): Field {
  const { tag } = scope.element;
  if (tag === "list") return readList(reader, scope);
  if (tag === "object") return readObject(reader, scope);
  if (tag === "choice") return readChoice(reader, scope, readNamedChildren, inObject);
  const kind = SCALAR_KINDS.find((known) => known === tag);
  if (kind) return readScalar(reader, scope, kind);
  return readUnknownTag(reader, scope);
}

function readScalar(
  reader: SpecReader,
  scope: Scope,
  kind: ScalarKind,
  hints: readonly ParsedValidator[] = [],
): ScalarField {
  rejectChildren(reader, scope);
  const formatAttribute = FORMAT_ATTRIBUTES[kind];
  reader.checkAttributes(scope, [
    ...FIELD_ATTRIBUTES,
    ...(formatAttribute ? [formatAttribute] : []),
    ...(kind === "enum" ? (["values"] as const) : []),
  ]);
  if (DEPRECATED_TAGS.includes(kind)) {
    const message = `<${kind}> is deprecated (Guardrails 0.2.x); read as ${kind}, prefer <string> with validators`;
    reader.warn(scope, "deprecated-tag", message);
  }
  const format = formatAttribute ? scope.element.attributes[formatAttribute] : undefined;
  if (formatAttribute && format) checkFormat(reader, scope, formatAttribute, format);
  return {
    kind,
    ...readFieldBase(reader, scope, hints),
    ...(format === undefined ? {} : { format }),
    ...(kind === "enum" ? { values: readEnumValues(reader, scope) } : {}),
  };
}

function checkFormat(reader: SpecReader, scope: Scope, attribute: string, format: string): void {
  try {
    checkStrptimeFormat(format);
  } catch (error) {
    if (!StrptimeError.isInstance(error)) throw error;
    throw reader.fail(scope, `invalid ${attribute}: ${error.message.replace(/\.$/, "")}`, {
      allowed: `strptime directives ${STRPTIME_DIRECTIVES.map((d) => `%${d}`).join(" ")}, each once, and %%`,
      attribute,
    });
  }
}

function rejectChildren(reader: SpecReader, scope: Scope): void {
  const [child] = scope.element.children;
  if (!child) return;
  throw reader.fail(
    reader.child(scope, child),
    `<${scope.element.tag}> is a scalar and cannot have child elements`,
    {
      allowed: "child elements only inside list, object, choice and case",
    },
  );
}

function readEnumValues(reader: SpecReader, scope: Scope): string[] {
  const values = (scope.element.attributes.values ?? "")
    .split(",")
    .map((value) => value.trim())
    .filter((value) => value !== "");
  if (values.length > 0) return values;
  throw reader.fail(scope, "an <enum> needs at least one value", {
    allowed: 'values="a, b, c"',
    ...(scope.element.attributes.values === undefined ? {} : { attribute: "values" }),
  });
}

/** An unknown tag: an error, or (option) a string whose tag becomes a format hint. */
function readUnknownTag(reader: SpecReader, scope: Scope): ScalarField {
  const { tag } = scope.element;
  if (reader.unknownTags === "error" || tag === "case") {
    const where = tag === "case" ? "outside a <choice>" : "is not a RAIL field type";
    throw reader.fail(scope, `<${tag}> ${where}`, { allowed: FIELD_TAGS.join(", ") });
  }
  reader.warn(
    scope,
    "unknown-tag",
    `<${tag}> is not a RAIL field type; read as a string with the hint "${tag}"`,
  );
  return readScalar(reader, scope, "string", [{ name: tag, args: [], kwargs: {}, source: tag }]);
}

function readList(reader: SpecReader, scope: Scope): ListField {
  reader.checkAttributes(scope, FIELD_ATTRIBUTES);
  const item = readListItem(reader, scope);
  return { kind: "list", ...readFieldBase(reader, scope), ...(item ? { item } : {}) };
}

/** The single child of a list (the item type); none means a free-form list. */
export function readListItem(reader: SpecReader, scope: Scope): Field | undefined {
  const [child, second] = scope.element.children;
  if (second) {
    const tags = scope.element.children.map((c) => `<${c.tag}>`).join(", ");
    throw reader.fail(
      reader.child(scope, second),
      `a list has at most one child, its item type; found ${tags}`,
      {
        allowed: "one child element (the item type, without a name), or none for a free-form list",
      },
    );
  }
  return child ? readField(reader, reader.child(scope, child), false) : undefined;
}

function readObject(reader: SpecReader, scope: Scope): ObjectField {
  reader.checkAttributes(scope, FIELD_ATTRIBUTES);
  const children = readNamedChildren(reader, scope);
  return { kind: "object", ...readFieldBase(reader, scope), children };
}

/**
 * Children of an object, a case or the output: each named, and each key of the JSON object
 * unique. A 0.1-style choice's case children are keys of that object too, beside the choice.
 */
export function readNamedChildren(
  reader: SpecReader,
  scope: Scope,
  reserved: readonly string[] = [],
): Field[] {
  const fields: Field[] = [];
  // Where each key was first used, by name, so thousands of siblings take linear time.
  const keys = new Map<string, string>(reserved.map((key) => [key, "the discriminator key"]));
  const claim = (keyScope: Scope, key: string): void => {
    rejectReservedKey(reader, keyScope, key, "name");
    const earlier = keys.get(key);
    if (earlier !== undefined) {
      throw reader.fail(keyScope, `duplicate name ${quoteText(key)} (${earlier})`, {
        allowed: "names unique among siblings",
        attribute: "name",
      });
    }
    keys.set(key, `first used at line ${reader.position(keyScope).line}`);
  };
  // A case child that is itself such a choice has its case children here too.
  const claimCaseKeys = (choiceScope: Scope, choice: ChoiceField): void => {
    for (const [caseIndex, caseElement] of choiceScope.element.children.entries()) {
      const caseScope = reader.child(choiceScope, caseElement);
      for (const [index, child] of caseElement.children.entries()) {
        const childScope = reader.child(caseScope, child);
        claim(childScope, child.attributes.name ?? "");
        const field = choice.cases[caseIndex]?.children[index];
        if (field && isSiblingChoice(field)) claimCaseKeys(childScope, field);
      }
    }
  };
  for (const element of scope.element.children) {
    const childScope = reader.child(scope, element);
    const field = readField(reader, childScope, true);
    if (!field.name) {
      throw reader.fail(childScope, `a field inside <${scope.element.tag}> needs a name`, {
        allowed: 'name="…" (the JSON key)',
      });
    }
    claim(childScope, field.name);
    if (isSiblingChoice(field)) claimCaseKeys(childScope, field);
    fields.push(field);
  }
  return fields;
}
