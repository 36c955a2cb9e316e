import { indexPath, keyPath } from "../json-path.js";
import { defineKey } from "../own-key.js";
import {
  type ChoiceField,
  type Field,
  isSiblingChoice,
  type ListField,
  type ObjectField,
  type ScalarField,
} from "../rail/types.js";
import { describe, isPlainObject, preview } from "../show.js";
import { coerceScalar, expectedScalar } from "./coerce.js";
import { listInside } from "./fit.js";
import { expectedKeys, normalizeKey } from "./keys.js";
import type { ConformResult, Repair, RepairKind, ShapeMismatch } from "./types.js";

/**
 * Walks the spec over a parsed value: coerces scalars, finds keys written in another case or
 * style, prunes undeclared keys, wraps and unwraps lists. Every change is a repair with its path;
 * anything that cannot be made to fit is a mismatch. Nothing is dropped without a record.
 */
export function conformToSchema(value: unknown, root: Field): ConformResult {
  const walk = new Conformer();
  const result = walk.field(walk.unwrapRootList(value, root), root, "$");
  return { value: result, repairs: walk.repairs, mismatches: walk.mismatches };
}

class Conformer {
  readonly repairs: Repair[] = [];
  readonly mismatches: ShapeMismatch[] = [];

  /** `{"items": [...]}` for a list output, unless the items themselves have that key. */
  unwrapRootList(value: unknown, root: Field): unknown {
    const inner = root.kind === "list" ? listInside(value) : undefined;
    if (inner === undefined || !isPlainObject(value)) return value;
    const [key] = Object.keys(value);
    if (key === undefined || expectedKeys(root).has(normalizeKey(key))) return value;
    this.repair("unwrap-object", "$", `took the list out of the object wrapping it under "${key}"`);
    return inner;
  }

  field(value: unknown, field: Field, path: string): unknown {
    if (value === null) {
      if (field.required) this.mismatch(path, `expected ${expectedOf(field)}, got null`);
      return null;
    }
    switch (field.kind) {
      case "object":
        return this.object(value, field, path);
      case "list":
        return this.list(value, field, path);
      case "choice":
        return this.discriminated(value, field, path);
      default:
        return this.scalar(value, field, path);
    }
  }

  private object(value: unknown, field: ObjectField, path: string): unknown {
    const object = this.singleObject(value, path);
    if (object === undefined) {
      this.mismatch(path, `expected an object, got ${describe(value)}`);
      return value;
    }
    if (field.children.length === 0) return object;
    const keys = new KeyFinder(object, path, this);
    const result = this.children(keys, field.children, path);
    keys.pruneRest();
    return result;
  }

  /** An object, or the only element of a one-element list holding an object. */
  private singleObject(value: unknown, path: string): Record<string, unknown> | undefined {
    if (isPlainObject(value)) return value;
    if (!Array.isArray(value) || value.length !== 1 || !isPlainObject(value[0])) return undefined;
    this.repair("unwrap-list", path, "took the object out of the one-element list around it");
    return value[0];
  }

  private children(keys: KeyFinder, children: Field[], path: string): Record<string, unknown> {
    const result: Record<string, unknown> = {};
    for (const child of children) {
      if (isSiblingChoice(child)) {
        Object.assign(result, this.siblingChoice(keys, child, path));
        continue;
      }
      const name = child.name ?? "";
      const found = keys.take(name);
      // Defined, not assigned: a spec built in code may name a key `__proto__`.
      if (found) defineKey(result, name, this.field(found.value, child, keyPath(path, name)));
      else if (child.required) this.mismatch(path, `missing the required key "${name}"`);
    }
    return result;
  }

  private list(value: unknown, field: ListField, path: string): unknown {
    let items = value;
    if (!Array.isArray(items)) {
      this.repair("wrap-in-list", path, `wrapped ${describe(value)} in a one-element list`);
      items = [value];
    }
    const { item } = field;
    if (item === undefined) return items;
    return (items as unknown[]).map((element, index) =>
      this.field(element, item, indexPath(path, index)),
    );
  }

  /** `{ [discriminator]: caseName, ...caseChildren }`. */
  private discriminated(value: unknown, field: ChoiceField, path: string): unknown {
    const object = this.singleObject(value, path);
    if (object === undefined) {
      this.mismatch(
        path,
        `expected an object with "${field.discriminator}" naming ${caseList(field)}, got ${describe(value)}`,
      );
      return value;
    }
    const keys = new KeyFinder(object, path, this);
    const found = keys.take(field.discriminator);
    if (!found) {
      if (!leftToValidator(field)) {
        this.mismatch(
          path,
          `missing the discriminator key "${field.discriminator}" (${caseList(field)})`,
        );
      }
      return object;
    }
    const chosen = this.chooseCase(found.value, field, keyPath(path, field.discriminator));
    if (chosen === undefined) return object;
    const result = {
      [field.discriminator]: chosen.name,
      ...this.children(keys, chosen.children, path),
    };
    keys.pruneRest();
    return result;
  }

  /** The 0.1.x shape: `{ [choiceName]: caseName, ...caseChildren }` in the enclosing object. */
  private siblingChoice(
    keys: KeyFinder,
    field: ChoiceField,
    path: string,
  ): Record<string, unknown> {
    const name = field.name ?? "";
    const found = keys.take(name);
    if (!found) {
      if (!field.required) return {};
      // As Guardrails 0.1 did, the validator sees a missing key as null.
      if (leftToValidator(field)) return { [name]: null };
      this.mismatch(path, `missing the required key "${name}" (${caseList(field)})`);
      return {};
    }
    const chosen = this.chooseCase(found.value, field, keyPath(path, name));
    if (chosen === undefined) return { [name]: found.value };
    return { [name]: chosen.name, ...this.children(keys, chosen.children, path) };
  }

  private chooseCase(value: unknown, field: ChoiceField, path: string) {
    const exact = field.cases.find((c) => c.name === value);
    if (exact) return exact;
    const wanted = typeof value === "string" ? value.trim().toLowerCase() : undefined;
    const loose = field.cases.find((c) => c.name.toLowerCase() === wanted);
    if (loose) {
      this.repair("coerce", path, `matched the case ${preview(value)} to "${loose.name}"`);
      return loose;
    }
    if (!leftToValidator(field)) {
      this.mismatch(path, `unknown case ${preview(value)}; expected ${caseList(field)}`);
    }
    return undefined;
  }

  private scalar(value: unknown, field: ScalarField, path: string): unknown {
    const single = this.singleScalar(value, path);
    const coerced = coerceScalar(single, field);
    if (!coerced.ok) {
      this.mismatch(
        path,
        coerced.reason ?? `expected ${expectedScalar(field)}, got ${describe(value)}`,
      );
      return value;
    }
    if (coerced.value !== single) {
      this.repair(
        "coerce",
        path,
        `coerced ${preview(single)} to ${preview(coerced.value)} (${field.kind})`,
      );
    }
    return coerced.value;
  }

  /** The only element of a one-element list holding a scalar. */
  private singleScalar(value: unknown, path: string): unknown {
    if (!Array.isArray(value) || value.length !== 1) return value;
    const [only] = value;
    if (only === null || typeof only === "object") return value;
    this.repair("unwrap-list", path, `took ${preview(only)} out of the one-element list around it`);
    return only;
  }

  repair(kind: RepairKind, path: string, message: string): void {
    this.repairs.push({ kind, path, message: `${path}: ${message}` });
  }

  mismatch(path: string, message: string): void {
    this.mismatches.push({ path, message: `${path}: ${message}` });
  }
}

/**
 * Finds a spec key in an object: exactly, else written in another case or style (`First Name`,
 * `firstName` for `first_name`). Keys never taken are pruned, each with a repair.
 */
class KeyFinder {
  private readonly untaken: Set<string>;

  constructor(
    private readonly object: Record<string, unknown>,
    private readonly path: string,
    private readonly log: Conformer,
  ) {
    this.untaken = new Set(Object.keys(object));
  }

  take(name: string): { value: unknown } | undefined {
    const key = this.untaken.has(name) ? name : this.looseMatch(name);
    if (key === undefined) return undefined;
    this.untaken.delete(key);
    if (key !== name)
      this.log.repair("rename-key", this.path, `renamed the key "${key}" to "${name}"`);
    return { value: this.object[key] };
  }

  private looseMatch(name: string): string | undefined {
    const wanted = normalizeKey(name);
    return [...this.untaken].find((key) => normalizeKey(key) === wanted);
  }

  pruneRest(): void {
    for (const key of this.untaken) {
      const message = `removed the undeclared key "${key}" (value: ${preview(this.object[key])})`;
      this.log.repair("prune-key", keyPath(this.path, key), message);
    }
  }
}

/**
 * A choice declaring `on-fail-choice` (RAIL 0.1) leaves an unknown or missing case to the guard's
 * `choice` validator, which applies that action; without it the shape is simply wrong.
 */
const leftToValidator = (field: ChoiceField): boolean => field.onFail !== undefined;

function caseList(field: ChoiceField): string {
  return `one of ${field.cases.map((c) => JSON.stringify(c.name)).join(", ")}`;
}

function expectedOf(field: Field): string {
  switch (field.kind) {
    case "object":
      return "an object";
    case "list":
      return "a list";
    case "choice":
      return `an object naming ${caseList(field)}`;
    default:
      return expectedScalar(field);
  }
}
