import { quoteText } from "../show.js";
import { RailSpecError } from "./errors.js";
import {
  ON_FAIL_ACTIONS,
  type OnFailAction,
  type RailWarning,
  type RailWarningCode,
  type SourcePosition,
  type ValidatorRef,
} from "./types.js";
import {
  HUB_PREFIX,
  type ParsedValidator,
  parseValidatorSpec,
  ValidatorSyntaxError,
} from "./validator-spec.js";
import { suggestName, unusedOnFailWarning } from "./warnings.js";
import { attributeList, attributeOffsets, elementLabel, type XmlElement } from "./xml.js";

/** An element being read, with its path for messages: `output > list "fees" > object`. */
export interface Scope {
  element: XmlElement;
  path: string;
}

export type UnknownTagPolicy = "error" | "string";

const ON_FAIL_PREFIX = "on-fail-";

/**
 * Every attribute some RAIL element reads, `on-fail-*` aside. The XML parser is not handed the
 * others (see `readXml`); `checkAttributes` takes only these, so the compiler says when one is
 * missing here.
 */
const RAIL_ATTRIBUTES = [
  "version",
  "name",
  "description",
  "format",
  "validators",
  "required",
  "type",
  "strict",
  "values",
  "discriminator",
  "date-format",
  "time-format",
  "datetime-format",
] as const;
export type RailAttribute = (typeof RAIL_ATTRIBUTES)[number];
const RAIL_ATTRIBUTE_SET: ReadonlySet<string> = new Set(RAIL_ATTRIBUTES);

/** Whether some RAIL element reads the attribute. */
export const readsAttribute = (name: string): boolean =>
  RAIL_ATTRIBUTE_SET.has(name) || name.startsWith(ON_FAIL_PREFIX);

/** Unused on-fail keys of one element that get a "did you mean" (the rest are warned plainly). */
const MAX_SUGGESTIONS = 32;

/** Unknown attributes of one element warned about one by one; the rest in one warning. */
const MAX_ATTRIBUTE_WARNINGS = 20;

/** The `on-fail-…` attribute that sets a validator's action (`hub://org/name` → `org_name`). */
export function onFailAttribute(validatorName: string): string {
  const key = validatorName.startsWith(HUB_PREFIX)
    ? validatorName.slice(HUB_PREFIX.length).replaceAll("/", "_")
    : validatorName;
  return `${ON_FAIL_PREFIX}${key}`;
}

/** Shared state of one `parseRail` call: the source (for positions), options and warnings. */
export class SpecReader {
  readonly warnings: RailWarning[] = [];
  /**
   * Offset where each line starts. Every field records its position, so a scan of the source per
   * position would make a spec with thousands of fields take quadratic time.
   */
  readonly #lineStarts: number[];

  constructor(
    private readonly source: string,
    readonly unknownTags: UnknownTagPolicy,
  ) {
    this.#lineStarts = [0];
    for (let at = source.indexOf("\n"); at >= 0; at = source.indexOf("\n", at + 1)) {
      this.#lineStarts.push(at + 1);
    }
  }

  /** The scope of a child element: its path extends the parent's with `tag "name"`. */
  child(parent: Scope, element: XmlElement): Scope {
    const label = elementLabel(element.tag, element.attributes.name);
    return { element, path: parent.path ? `${parent.path} > ${label}` : label };
  }

  /** Where the element (or one of its attributes) starts. */
  position(scope: Scope, attribute?: string): SourcePosition {
    const { element } = scope;
    const at = attribute === undefined ? undefined : this.#attributeOffsets(element).get(attribute);
    return this.#positionAt(at ?? element.offset);
  }

  readonly #attributes = new WeakMap<XmlElement, Map<string, number>>();

  #attributeOffsets(element: XmlElement): Map<string, number> {
    let offsets = this.#attributes.get(element);
    if (offsets === undefined) {
      offsets = attributeOffsets(this.source, element.offset);
      this.#attributes.set(element, offsets);
    }
    return offsets;
  }

  /** The 1-based line and column of an offset: the last line start at or before it. */
  #positionAt(offset: number): SourcePosition {
    let low = 0;
    let high = this.#lineStarts.length - 1;
    while (low < high) {
      const middle = Math.ceil((low + high) / 2);
      if ((this.#lineStarts[middle] as number) <= offset) low = middle;
      else high = middle - 1;
    }
    return { line: low + 1, column: offset - (this.#lineStarts[low] as number) + 1 };
  }

  /** The error to throw for an invalid element; `attribute` points the position at it. */
  fail(
    scope: Scope,
    reason: string,
    where: { allowed?: string; attribute?: string } = {},
  ): RailSpecError {
    const { line, column } = this.position(scope, where.attribute);
    const allowed = where.allowed === undefined ? {} : { allowed: where.allowed };
    return new RailSpecError({ reason, line, column, path: scope.path, ...allowed });
  }

  warn(scope: Scope, code: RailWarningCode, message: string, attribute?: string): void {
    this.#record(scope, code, message, this.position(scope, attribute));
  }

  #record(scope: Scope, code: RailWarningCode, message: string, position: SourcePosition): void {
    this.warnings.push({ code, message, path: scope.path, position });
  }

  /**
   * Warns about attributes the element does not use. `on-fail-*` attributes are left to
   * `validators` on elements that have validators.
   */
  checkAttributes(scope: Scope, allowed: readonly RailAttribute[], hasValidators = true): void {
    const unknown = attributeList(this.source, scope.element).filter(
      ({ name }) =>
        !(allowed as readonly string[]).includes(name) &&
        !(hasValidators && name.startsWith(ON_FAIL_PREFIX)),
    );
    const { tag } = scope.element;
    const used = allowed.join(", ");
    // The list has the offsets of attributes left out of the XML parse (thousands, maybe): no
    // table of every offset is made for them.
    const positionOf = ({ name, offset }: { name: string; offset?: number }) =>
      offset === undefined ? this.position(scope, name) : this.#positionAt(offset);
    for (const attribute of unknown.slice(0, MAX_ATTRIBUTE_WARNINGS)) {
      const message = `attribute "${attribute.name}" is not used on <${tag}> and is ignored (used: ${used})`;
      this.#record(scope, "unknown-attribute", message, positionOf(attribute));
    }
    // Past that, one warning counts the rest: a wall of identical warnings helps nobody, and
    // writing each (its message, its position) cost more than reading the spec.
    const rest = unknown.slice(MAX_ATTRIBUTE_WARNINGS);
    const [first] = rest;
    if (first === undefined) return;
    const named = rest.slice(0, 3).map(({ name }) => `"${name}"`);
    const message = `${rest.length} more attributes are not used on <${tag}> and are ignored: ${named.join(", ")}${rest.length > 3 ? ", …" : ""} (used: ${used})`;
    this.#record(scope, "unknown-attribute", message, positionOf(first));
  }

  /** A `true`/`false` attribute (one of RAIL_ATTRIBUTES: the others are not handed to the parser). */
  flag(scope: Scope, attribute: RailAttribute, fallback: boolean): boolean {
    const value = scope.element.attributes[attribute];
    if (value === undefined) return fallback;
    const normalized = value.trim().toLowerCase();
    if (normalized === "true" || normalized === "false") return normalized === "true";
    throw this.fail(scope, `${attribute}=${quoteText(value)} is not a boolean`, {
      allowed: "true, false",
      attribute,
    });
  }

  /**
   * The element's validators from `format` (which wins) or `validators`, each with the action of
   * its `on-fail-<alias>` attribute. `hints` (an unknown tag's name) are appended as argument-less
   * items (noop). `ownOnFail` names on-fail keys the element uses itself (`choice`), so they raise
   * no warning.
   */
  validators(
    scope: Scope,
    hints: readonly ParsedValidator[] = [],
    ownOnFail: readonly string[] = [],
  ): ValidatorRef[] {
    const refs: ValidatorRef[] = [
      ...this.#parsedValidators(scope),
      ...hints.map((hint) => ({ ...hint, tagHint: true as const })),
    ].map((ref) => ({ ...ref, onFail: "noop" }));
    const unused: string[] = [];
    for (const attribute of Object.keys(scope.element.attributes)) {
      if (!attribute.startsWith(ON_FAIL_PREFIX)) continue;
      const action = this.onFail(scope, attribute);
      if (action === undefined) continue;
      const targets = refs.filter((ref) => onFailAttribute(ref.name) === attribute);
      for (const ref of targets) ref.onFail = action;
      if (targets.length === 0 && !ownOnFail.includes(attribute.slice(ON_FAIL_PREFIX.length))) {
        unused.push(attribute);
      }
    }
    unused.forEach((attribute, index) => {
      // A suggestion compares the key with every validator of the element: for the first few
      // keys only, so an element with thousands of both stays linear.
      this.#warnUnusedOnFail(scope, attribute, index < MAX_SUGGESTIONS ? refs : []);
    });
    return refs;
  }

  /**
   * An on-fail key that names no validator here disables nothing: the validator it was probably
   * meant for (one whose own key is absent) keeps its default action, and the warning says which.
   */
  #warnUnusedOnFail(scope: Scope, attribute: string, refs: readonly ValidatorRef[]): void {
    const { attributes } = scope.element;
    const withoutKey = new Map<string, ValidatorRef>();
    for (const ref of refs) {
      const key = onFailAttribute(ref.name);
      if (!Object.hasOwn(attributes, key) && !withoutKey.has(key)) withoutKey.set(key, ref);
    }
    const closest = suggestName(attribute, withoutKey.keys());
    const ref = closest === undefined ? undefined : withoutKey.get(closest);
    const meant =
      closest && ref ? { attribute: closest, validator: ref.name, action: ref.onFail } : undefined;
    this.warn(scope, "unused-on-fail", unusedOnFailWarning(attribute, meant), attribute);
  }

  /** The action of an `on-fail-…` attribute, when present. */
  onFail(scope: Scope, attribute: string): OnFailAction | undefined {
    const value = scope.element.attributes[attribute];
    if (value === undefined) return undefined;
    const action = ON_FAIL_ACTIONS.find((known) => known === value.trim());
    if (action) return action;
    throw this.fail(scope, `unknown on-fail action ${quoteText(value)} in ${attribute}`, {
      allowed: ON_FAIL_ACTIONS.join(", "),
      attribute,
    });
  }

  /** The items of `format` or `validators`, each with the position of the attribute. */
  #parsedValidators(scope: Scope): ParsedValidator[] {
    const { format, validators } = scope.element.attributes;
    if (format !== undefined && validators !== undefined) {
      const message =
        'both "format" and "validators" are given; "format" is used, as in Guardrails';
      this.warn(scope, "format-overrides-validators", message, "validators");
    }
    const attribute = format !== undefined ? "format" : "validators";
    const spec = format ?? validators;
    if (spec === undefined) return [];
    let parsed: ParsedValidator[];
    try {
      parsed = parseValidatorSpec(spec);
    } catch (error) {
      if (!ValidatorSyntaxError.isInstance(error)) throw error;
      const reason = `invalid ${attribute} attribute, item ${quoteText(error.item)}: ${error.reason} in ${quoteText(error.text)}`;
      throw this.fail(scope, reason, {
        allowed:
          "alias[: arguments] items separated by ';'; arguments are numbers, quoted strings, True/False/None, key=value, or {python literal}",
        attribute,
      });
    }
    if (parsed.length === 0) return parsed;
    const position = this.position(scope, attribute);
    return parsed.map((item) => ({ ...item, position }));
  }
}
