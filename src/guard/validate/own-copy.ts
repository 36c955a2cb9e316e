import { defineKey } from "../../own-key.js";
import { hasPlainPrototype } from "../../show.js";

/**
 * A value as one validator (or handler, or log, or the caller) is given it: lists, plain objects
 * and dates copied, so one that mutates what it is given changes neither another's value, nor the
 * log, nor the output, nor the record the history keeps. An object of another class (a map, a
 * class instance: a fix may put one in) is kept as it is, and so is a value under a symbol key.
 * Any depth; a cycle is copied as a cycle. Throws a RangeError past `MAX_OBJECTS` objects (a
 * getter that makes a new object at each read never ends), as it does for a getter that throws.
 */
export function ownCopy(value: unknown, maxObjects = MAX_OBJECTS): unknown {
  // Most values a walk hands a validator are text or numbers: nothing to copy.
  if (typeof value !== "object" || value === null) return value;
  // Saved and restored: a getter the copy reads may itself ask for a copy.
  const outer = copiedItems;
  copiedItems = 0;
  try {
    return inheritsNoKeys() ? copyNested(value, 0) : copyAnyDepth(value, maxObjects);
  } catch (error) {
    if (error !== TOO_DEEP && error !== TOO_MANY) throw error;
    return copyAnyDepth(value, maxObjects);
  } finally {
    copiedItems = outer;
  }
}

/** The most objects a copy makes: far more than any answer holds (ten times `FAST_ITEMS`). */
const MAX_OBJECTS = 10 << 20;

/**
 * How deep the plain recursive copy goes: as deep as a parsed answer may nest (see depth.ts), so
 * only a value an action built goes further, or a cycle, which never ends.
 */
const FAST_DEPTH = 1000;
const TOO_DEEP = Symbol("too deep for the recursive copy");

/**
 * How many items (keys and list items) the plain recursive copy copies before it gives up. It
 * copies an object once per path to it, so a value holding one object at several places (a
 * handler's) costs its paths, which double with each level that holds the next twice (2^40 for
 * 40 levels), and an object that holds itself is copied whole at each level down to the depth
 * limit. Past this many the copy that makes each object once takes over, so a copy costs at most
 * this much more than a linear one. A parsed answer this large (a million keys and items, tens
 * of megabytes) pays for a second copy.
 */
const FAST_ITEMS = 1 << 20;
const TOO_MANY = Symbol("too many items for the recursive copy");
/** Items the recursive copy under way has copied (see `ownCopy` for a copy within a copy). */
let copiedItems = 0;

/**
 * Whether `for…in` sees own keys only: not when something made a key of Object.prototype
 * enumerable, which every object would then seem to hold (the copy would take it for its own).
 */
function inheritsNoKeys(): boolean {
  for (const _ in Object.prototype) return false;
  return true;
}

/**
 * The copy as JSON data has it: a spread or a slice of each list and object (the engine copies
 * them whole), then the lists and objects in it copied in turn; no set of ancestors, no map of
 * copies. A third of the time a copy key by key took: the caller gets one of every output.
 */
function copyNested(node: object, depth: number): unknown {
  if (depth === FAST_DEPTH) throw TOO_DEEP;
  if (Array.isArray(node)) {
    copiedItems += node.length + 1;
    if (copiedItems > FAST_ITEMS) throw TOO_MANY;
    const copy = node.slice();
    for (let index = 0; index < copy.length; index++) {
      const item: unknown = copy[index];
      if (typeof item === "object" && item !== null) copy[index] = copyNested(item, depth + 1);
    }
    return copy;
  }
  if (!hasPlainPrototype(node)) return ofAnotherClass(node);
  const copy: Record<string, unknown> = { ...node };
  // Keys counted here and added to the count before each descent (a global per key costs).
  let keys = 1;
  for (const key in copy) {
    keys++;
    const item = copy[key];
    if (typeof item === "object" && item !== null) {
      copiedItems += keys;
      keys = 0;
      if (copiedItems > FAST_ITEMS) throw TOO_MANY;
      defineKey(copy, key, copyNested(item, depth + 1));
    }
  }
  copiedItems += keys;
  return copy;
}

/** Without recursion, whatever the depth; each object copied once, so a cycle stays a cycle. */
function copyAnyDepth(root: object, maxObjects: number): unknown {
  const copies = new Map<object, unknown[] | Record<string, unknown>>();
  const pending: object[] = [];
  const copyOf = (node: unknown): unknown => {
    if (typeof node !== "object" || node === null) return node;
    if (!Array.isArray(node) && !hasPlainPrototype(node)) return ofAnotherClass(node);
    let copy = copies.get(node);
    if (copy === undefined) {
      if (copies.size >= maxObjects) {
        throw new RangeError(`the value holds more than ${maxObjects} objects to copy`);
      }
      copy = Array.isArray(node) ? new Array(node.length) : {};
      copies.set(node, copy);
      pending.push(node);
    }
    return copy;
  };
  const top = copyOf(root);
  for (let source = pending.pop(); source !== undefined; source = pending.pop()) {
    const copy = copies.get(source) as Record<string | symbol, unknown>;
    const from = source as Record<string | symbol, unknown>;
    for (const key of Object.keys(source)) defineKey(copy, key, copyOf(from[key]));
    // As the recursive copy's spread has them: enumerable symbol keys, their values shared.
    for (const key of Object.getOwnPropertySymbols(source)) {
      if (Object.prototype.propertyIsEnumerable.call(source, key)) copy[key] = from[key];
    }
  }
  return top;
}

/**
 * An object of another class, as the copy gives it: a date (which a fix may put in a free-form
 * field, and which `setTime` changes) is copied; a map, a set, a class instance, a subclass of
 * Date or something that only claims to be a date is kept as it is (no JSON value is one).
 */
function ofAnotherClass(node: object): unknown {
  if (Object.getPrototypeOf(node) !== Date.prototype) return node;
  try {
    return new Date((node as Date).getTime());
  } catch {
    return node; // Date.prototype without a date inside
  }
}
