import { hasPlainPrototype } from "../../show.js";

/**
 * A value as one validator (or handler, or log, or the caller) is given it: lists and plain
 * objects copied, so one that mutates what it is given changes neither another's value, nor the
 * log, nor the output, nor the record the history keeps. An object of another class (a date, a
 * map: a fix may put one in) is kept as it is. Any depth; a cycle is copied as a cycle.
 */
export function ownCopy(value: unknown): unknown {
  // Most values a walk hands a validator are text or numbers: nothing to copy.
  if (typeof value !== "object" || value === null) return value;
  copiedItems = 0;
  try {
    return inheritsNoKeys() ? copyNested(value, 0) : copyAnyDepth(value);
  } catch (error) {
    if (error !== TOO_DEEP && error !== TOO_MANY) throw error;
    return copyAnyDepth(value);
  }
}

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
/** Items the recursive copy copied so far: it runs to its end without yielding, so one count. */
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
      setOwn(copy, key, copyNested(item, depth + 1));
    }
  }
  copiedItems += keys;
  return copy;
}

/** Without recursion, whatever the depth; each object copied once, so a cycle stays a cycle. */
function copyAnyDepth(root: object): unknown {
  const copies = new Map<object, unknown[] | Record<string, unknown>>();
  const pending: object[] = [];
  const copyOf = (node: unknown): unknown => {
    if (typeof node !== "object" || node === null) return node;
    if (!Array.isArray(node) && !hasPlainPrototype(node)) return ofAnotherClass(node);
    let copy = copies.get(node);
    if (copy === undefined) {
      copy = Array.isArray(node) ? new Array(node.length) : {};
      copies.set(node, copy);
      pending.push(node);
    }
    return copy;
  };
  const top = copyOf(root);
  for (let source = pending.pop(); source !== undefined; source = pending.pop()) {
    const copy = copies.get(source) as Record<string, unknown>;
    for (const key of Object.keys(source)) {
      setOwn(copy, key, copyOf((source as Record<string, unknown>)[key]));
    }
  }
  return top;
}

/** Defined, not assigned, for `__proto__`: a spec may name a key so. */
function setOwn(object: Record<string, unknown>, key: string, value: unknown): void {
  if (key !== "__proto__") object[key] = value;
  else
    Object.defineProperty(object, key, {
      value,
      writable: true,
      enumerable: true,
      configurable: true,
    });
}

/**
 * An object of another class, as the copy gives it: a date (which a fix may put in a free-form
 * field, and which `setTime` changes) is copied; a map, a set or a class instance is kept as it
 * is, its insides being its own (no JSON value is one).
 */
function ofAnotherClass(node: object): unknown {
  return node instanceof Date ? new Date(node.getTime()) : node;
}
