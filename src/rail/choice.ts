import { quoteText } from "../show.js";
import { FIELD_ATTRIBUTES, readFieldBase, rejectReservedKey } from "./field-base.js";
import type { Scope, SpecReader } from "./reader.js";
import type { ChoiceCase, ChoiceField, Field } from "./types.js";

/** Guardrails 0.2.9's default discriminator key. */
export const DEFAULT_DISCRIMINATOR = "discriminator";

/**
 * Reads the named children of a case. Passed in by the field reader: a case holds fields of any
 * kind, choices included, so importing the reader would make the two files import each other.
 */
export type ChildrenReader = (
  reader: SpecReader,
  scope: Scope,
  reserved: readonly string[],
) => Field[];

/**
 * A `<choice>`: the 0.2+ discriminated shape by default; the 0.1 sibling shape when there is no
 * `discriminator` attribute, an object holds it (`inObject`: not a list's item) and each case
 * holds exactly one child named like the case.
 */
export function readChoice(
  reader: SpecReader,
  scope: Scope,
  readChildren: ChildrenReader,
  inObject: boolean,
): ChoiceField {
  reader.checkAttributes(scope, [...FIELD_ATTRIBUTES, "discriminator"]);
  const declared = scope.element.attributes.discriminator;
  if (declared !== undefined && declared.trim() === "") {
    throw reader.fail(scope, "the discriminator attribute is empty", {
      allowed: 'discriminator="<key naming the case>"',
      attribute: "discriminator",
    });
  }
  const discriminator = declared ?? DEFAULT_DISCRIMINATOR;
  rejectReservedKey(reader, scope, discriminator, "discriminator");
  const caseScopes = readCaseScopes(reader, scope);
  const sibling = inObject && declared === undefined && caseScopes.every(isSiblingShaped);
  const reserved = sibling ? [] : [discriminator];
  const cases = caseScopes.map((caseScope) => readCase(reader, caseScope, reserved, readChildren));
  const onFail = reader.onFail(scope, "on-fail-choice");
  return {
    kind: "choice",
    ...readFieldBase(reader, scope, [], ["choice"]),
    style: sibling ? "sibling" : "discriminated",
    discriminator,
    cases,
    ...(onFail ? { onFail } : {}),
  };
}

/** The `<case>` children, each named, names unique; anything else inside a choice is an error. */
function readCaseScopes(reader: SpecReader, scope: Scope): Scope[] {
  const scopes = scope.element.children.map((element) => reader.child(scope, element));
  if (scopes.length === 0) {
    throw reader.fail(scope, "a <choice> needs at least one <case>", {
      allowed: '<case name="…">',
    });
  }
  const names = new Set<string>();
  for (const caseScope of scopes) {
    const { tag, attributes } = caseScope.element;
    if (tag !== "case") {
      throw reader.fail(caseScope, `<${tag}> inside a <choice>`, { allowed: '<case name="…">' });
    }
    if (!attributes.name) {
      throw reader.fail(caseScope, "a <case> needs a name", {
        allowed: 'name="…" (the case\'s value)',
      });
    }
    if (names.has(attributes.name)) {
      throw reader.fail(caseScope, `duplicate case name ${quoteText(attributes.name)}`, {
        allowed: "case names unique within the choice",
        attribute: "name",
      });
    }
    names.add(attributes.name);
  }
  return scopes;
}

const isSiblingShaped = ({ element }: Scope): boolean =>
  element.children.length === 1 && element.children[0]?.attributes.name === element.attributes.name;

function readCase(
  reader: SpecReader,
  scope: Scope,
  reserved: readonly string[],
  readChildren: ChildrenReader,
): ChoiceCase {
  reader.checkAttributes(scope, ["name", "description"], false);
  const { name = "", description } = scope.element.attributes;
  return {
    name,
    ...(description === undefined ? {} : { description }),
    children: readChildren(reader, scope, reserved),
    position: reader.position(scope),
  };
}
