import { type Field, isSiblingChoice } from "../rail/types.js";
import { isPlainObject } from "../show.js";

/** `firstName`, `first_name`, `First Name` and `first-name` all become `firstname`. */
export function normalizeKey(key: string): string {
  return key.toLowerCase().replace(/[\s_-]+/g, "");
}

/** The normalised keys a spec field expects to see in an object value (or its list's items). */
export function expectedKeys(field: Field): Set<string> {
  if (field.kind === "list") return field.item ? expectedKeys(field.item) : new Set();
  if (field.kind !== "object") return new Set();
  const keys = new Set<string>();
  for (const child of field.children) {
    if (child.name !== undefined) keys.add(normalizeKey(child.name));
    if (isSiblingChoice(child)) {
      for (const choiceCase of child.cases) {
        for (const caseChild of choiceCase.children) {
          if (caseChild.name !== undefined) keys.add(normalizeKey(caseChild.name));
        }
      }
    }
  }
  return keys;
}

/** Normalised keys of an object, or of the objects in a list. */
export function keysOf(value: unknown): Set<string> {
  const objects = Array.isArray(value)
    ? value.filter(isPlainObject)
    : [value].filter(isPlainObject);
  return new Set(objects.flatMap((object) => Object.keys(object).map(normalizeKey)));
}
