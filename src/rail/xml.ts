import { XMLParser, XMLValidator } from "fast-xml-parser";
import { errorMessage } from "../errors.js";
import { positionAt, quoteText } from "../show.js";
import { RailSyntaxError } from "./errors.js";

/** An XML element reduced to what the RAIL reader needs. */
export interface XmlElement {
  tag: string;
  /** Its attributes, entities decoded; those the caller never reads may be left out. */
  attributes: Record<string, string>;
  /** Whether some were left out of `attributes` (`attributeList` lists them all). */
  omitsAttributes: boolean;
  /** Child elements in document order (text, comments and CDATA excluded). */
  children: XmlElement[];
  /** Text and CDATA content in document order, entities decoded, CDATA kept literally. */
  text: string;
  /** Offset of the element's `<` in the source. */
  offset: number;
}

type OrderedNode = Record<string, unknown>;

const TEXT = "#text";
const CDATA = "#cdata";
const ATTRIBUTES = ":@";
const METADATA = XMLParser.getMetaDataSymbol() as unknown as symbol;

const parser = new XMLParser({
  preserveOrder: true,
  captureMetaData: true,
  ignoreAttributes: false,
  attributeNamePrefix: "",
  trimValues: false,
  parseTagValue: false,
  parseAttributeValue: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  cdataPropName: CDATA,
  // Decodes the XML entities, numeric references and (leniently) HTML names like &nbsp;. Internal
  // DOCTYPE entities whose value holds markup are left unexpanded; external entities throw.
  htmlEntities: true,
});

/**
 * Parses well-formed XML into its root element; anything else is a `RailSyntaxError`. Attributes
 * the caller never `reads` may be left out of the elements (`omitsAttributes` says where): the
 * validator and the parser build dictionaries of every attribute of an element, and their time
 * grows faster than the number of attributes (issue 8), so they are handed the document without.
 */
export function readXml(source: string, reads: (attribute: string) => boolean): XmlElement {
  const omission = omitUnread(source, reads);
  const text = omission?.text ?? source;
  const verdict = XMLValidator.validate(text);
  if (verdict !== true) {
    // The shorter text is malformed exactly when the source is; the source says where.
    const exact = omission ? XMLValidator.validate(source) : verdict;
    throw malformed(source, exact === true ? verdict.err : exact.err);
  }
  checkTags(source);
  let nodes: OrderedNode[];
  try {
    nodes = parser.parse(text) as OrderedNode[];
  } catch (error) {
    const offset = Math.max(0, source.indexOf("<!DOCTYPE"));
    const reason = `unsupported XML: ${shorten(stripPeriod(errorMessage(error)))}`;
    throw new RailSyntaxError({ reason, ...positionAt(source, offset) }, { cause: error });
  }
  const toElement = elementReader(omission);
  const [root, second] = nodes.map(toElement).filter((element) => element !== undefined);
  if (!root) throw new RailSyntaxError({ reason: "no root element", line: 1, column: 1 });
  if (second) {
    const reason = `malformed XML: a second root element <${second.tag}> after <${root.tag}>`;
    throw new RailSyntaxError({ reason, ...positionAt(source, second.offset) });
  }
  return root;
}

/** Turns the parser's nodes into elements, each at its offset in the source. */
function elementReader(omission: Omission | undefined) {
  const toElement = (node: OrderedNode): XmlElement | undefined => {
    const tag = Object.keys(node).find((key) => key !== ATTRIBUTES);
    if (tag === undefined || tag === TEXT || tag === CDATA) return undefined;
    const content = node[tag] as OrderedNode[];
    const metadata = (node as { [METADATA]?: { startIndex?: number } })[METADATA];
    const offset = omission
      ? sourceOffset(omission, metadata?.startIndex ?? 0)
      : (metadata?.startIndex ?? 0);
    return {
      tag,
      // The parser's own object, not a copy: an element may carry many attributes.
      attributes: (node[ATTRIBUTES] as Record<string, string> | undefined) ?? {},
      omitsAttributes: omission?.elements.has(offset) ?? false,
      children: content.map(toElement).filter((child) => child !== undefined),
      text: content.map(textOf).join(""),
      offset,
    };
  };
  return toElement;
}

function textOf(node: OrderedNode): string {
  if (TEXT in node) return String(node[TEXT]);
  if (CDATA in node) return (node[CDATA] as OrderedNode[]).map(textOf).join("");
  return "";
}

/** How element paths name an element: `list "fees"`, or the bare tag when it has no name. */
export const elementLabel = (tag: string, name: string | undefined): string =>
  name ? `${tag} ${quoteText(name)}` : tag;

/** The offset of a 1-based line and column. */
function offsetAt(source: string, line: number, column: number): number {
  let offset = 0;
  for (let current = 1; current < line; current++) {
    const next = source.indexOf("\n", offset);
    if (next < 0) return source.length;
    offset = next + 1;
  }
  return offset + column - 1;
}

/** What `XMLValidator` reports about a malformed document. */
interface ValidatorVerdict {
  msg: string;
  line?: number;
  col?: number;
}

/**
 * The error for a document `XMLValidator` rejected, at its position with the elements open there.
 * When several elements are left unclosed the validator only lists their tags (at line 1), so
 * the innermost one is located here instead.
 */
function malformed(source: string, { msg, line = 1, col = 1 }: ValidatorVerdict): RailSyntaxError {
  if (msg.startsWith("Invalid '[")) {
    const open = walkTags(source, source.length);
    const innermost = open.at(-1);
    if (innermost) {
      const tags = open.map(({ tag }) => `<${tag}>`).join(", ");
      return new RailSyntaxError({
        reason: `malformed XML: the document ends inside ${tags}, which are never closed`,
        ...positionAt(source, innermost.offset),
        path: elementPath(open),
      });
    }
  }
  const path = elementPath(walkTags(source, offsetAt(source, line, col)));
  return new RailSyntaxError({
    reason: `malformed XML: ${shorten(stripPeriod(msg))}`,
    line,
    column: col,
    ...(path === undefined ? {} : { path }),
  });
}

/**
 * How deep elements may nest, `<rail>` and `<output>` included. RAIL shapes nest a few levels;
 * the reader, the schema builders and validation recurse once per level, so a nesting bomb is
 * refused here, with its position, before anything recurses.
 */
export const MAX_ELEMENT_DEPTH = 64;

/**
 * Names the XML parser cannot hold as plain object keys: it refuses the first three and renames
 * the others (`toString` → `__toString`), which would make messages name tags nobody wrote. No
 * RAIL tag or attribute has any of these names.
 */
const RESERVED_NAMES: ReadonlySet<string> = new Set([
  "__proto__",
  "constructor",
  "prototype",
  "hasOwnProperty",
  "toString",
  "valueOf",
  "__defineGetter__",
  "__defineSetter__",
  "__lookupGetter__",
  "__lookupSetter__",
]);

/** Refuses, where they are written, elements nested too deep and tags or attributes with reserved names. */
function checkTags(source: string): void {
  walkTags(source, source.length, (start, ancestors) => {
    const open = [...ancestors, start];
    const fail = (reason: string, offset: number) =>
      new RailSyntaxError({ reason, ...positionAt(source, offset), path: elementPath(open) });
    if (open.length > MAX_ELEMENT_DEPTH) {
      throw fail(`elements nested more than ${MAX_ELEMENT_DEPTH} deep`, start.offset);
    }
    if (RESERVED_NAMES.has(start.tag)) {
      throw fail(
        `<${start.tag}> cannot be an element name (a built-in JavaScript property)`,
        start.offset,
      );
    }
    const reserved = start.reservedAttribute;
    if (reserved) {
      throw fail(
        `"${reserved.name}" cannot be an attribute name (a built-in JavaScript property)`,
        reserved.offset,
      );
    }
  });
}

// Comments, CDATA, a DOCTYPE with its internal subset, other declarations and processing
// instructions (all skipped), then end tags and start tags. Built to scan hostile text in linear
// time: what may run to the end of the text always matches, a tag never reaches past the next
// "<", and a tag name cannot backtrack (`(?=(…))\N` is an atomic group).
const MARKUP =
  /<!--[\s\S]*?(?:-->|$)|<!\[CDATA\[[\s\S]*?(?:\]\]>|$)|<!DOCTYPE[^[<>]*\[[\s\S]*?(?:\]\s*>|$)|<![^<>]*>?|<\?[\s\S]*?(?:\?>|$)|<\/(?=([^\s<>]*))\1[^<>]*>|<(?=([^\s/<>]+))\2((?:[^<>"']|"[^"<]*"|'[^'<]*')*?)(\/?)>/g;

/**
 * A start tag found by `walkTags`: its tag, where it starts, its label and its first attribute
 * with a reserved name. Its attributes are read once, not kept: a tag may hold thousands.
 */
interface StartTag {
  tag: string;
  offset: number;
  /** `list "fees"`, as element paths name it. */
  label: string;
  reservedAttribute?: Attribute;
}

interface Attribute {
  name: string;
  /** As written, entities not decoded. */
  value: string;
  offset: number;
}

/**
 * Visits the start tags before `end` in document order, each with the elements open around it;
 * returns the elements still open at `end`. A scan, not a parse: exact on well-formed XML, and on
 * a malformed document right up to the error, which is all its callers need.
 */
function walkTags(
  source: string,
  end: number,
  visit: (start: StartTag, ancestors: readonly StartTag[]) => void = () => {},
): StartTag[] {
  const open: StartTag[] = [];
  for (const match of source.matchAll(MARKUP)) {
    if (match.index >= end) break;
    const [, endTag, tag, , selfClosing] = match;
    if (endTag !== undefined) {
      const at = open.findLastIndex((element) => element.tag === endTag);
      if (at >= 0) open.length = at;
    } else if (tag !== undefined) {
      let name: string | undefined;
      let reservedAttribute: Attribute | undefined;
      for (const attribute of attributesOf(source, match.index)) {
        if (name === undefined && attribute.name === "name") name = attribute.value;
        if (reservedAttribute === undefined && RESERVED_NAMES.has(attribute.name)) {
          reservedAttribute = attribute;
        }
      }
      const label = elementLabel(tag, name);
      const start: StartTag = { tag, offset: match.index, label, reservedAttribute };
      visit(start, open);
      if (selfClosing === "") open.push(start);
    }
  }
  return open;
}

/** Paths longer than this are shortened in the middle: a nesting bomb would fill the screen. */
const PATH_LABELS = 8;

/**
 * The element path of open elements, labelled as spec errors label them (the `<rail>` root left
 * out below it); undefined when none is open.
 */
function elementPath(open: readonly StartTag[]): string | undefined {
  const labels = open.map((element) => element.label);
  if (labels.length <= 1) return labels[0];
  const below = labels.slice(1);
  if (below.length <= PATH_LABELS) return below.join(" > ");
  const skipped = below.length - PATH_LABELS;
  const head = below.slice(0, PATH_LABELS / 2);
  const tail = below.slice(-PATH_LABELS / 2);
  return [...head, `… (${skipped} more)`, ...tail].join(" > ");
}

/**
 * The attributes of the start tag at `elementOffset`, read one by one from its name on (so text
 * inside one attribute's value is never taken for another attribute).
 */
function* attributesOf(source: string, elementOffset: number): Generator<Attribute> {
  const tagName = /<[^\s/<>]*/y;
  tagName.lastIndex = elementOffset;
  tagName.exec(source);
  const attribute = /\s+([^\s=/<>]+)\s*=\s*(?:"([^"<]*)"|'([^'<]*)')/y;
  attribute.lastIndex = tagName.lastIndex;
  for (let match = attribute.exec(source); match; match = attribute.exec(source)) {
    const [written, name = "", double, single] = match;
    const offset = match.index + written.length - written.trimStart().length;
    yield { name, value: double ?? single ?? "", offset };
  }
}

/**
 * The offset of each attribute of the start tag at `elementOffset`, read once: an element with
 * thousands of unknown attributes gets a warning for each, and locating each one by rereading the
 * tag took 45 s for 20,000.
 */
export function attributeOffsets(source: string, elementOffset: number): Map<string, number> {
  const offsets = new Map<string, number>();
  for (const { name, offset } of attributesOf(source, elementOffset)) {
    if (!offsets.has(name)) offsets.set(name, offset);
  }
  return offsets;
}

/**
 * The source without the attributes the caller never reads, and where they were. Each one left
 * out is one the validator and the parser would accept as it is: a plain name, `=`, a quoted
 * value without `<`, whitespace before it, and no other attribute of the same name. Only start
 * tags written that plainly lose any (others are kept whole), and the tags are found as the
 * validator and the parser find them, or nothing is left out: the document must hold no DOCTYPE
 * (its entities may expand in any value, and its markup is read differently), no other markup
 * the scan cannot delimit as they do, and no `<` inside a tag (see `ANY_TAG`). Without a DOCTYPE no entity expands to more than its
 * reference, so the values left out could not have reached the parser's expansion limits.
 */
interface Omission {
  text: string;
  /** Source offsets of the elements that lost attributes. */
  elements: Set<number>;
  cuts: Cut[];
}

/** Where a cut is in the shorter text, and how many characters were cut there and before. */
interface Cut {
  at: number;
  removed: number;
}

/** Markup holding no element, delimited as the validator and the parser delimit it. */
const OTHER_MARKUP =
  /<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<\?(?:[^"'?]|\?(?!>)|"(?:[^"?]|\?(?!>))*"|'(?:[^'?]|\?(?!>))*')*\?>|<\/[^<>]*>/y;
/** A start tag's name, written plainly. */
const PLAIN_TAG_NAME = /<[A-Za-z_:][\w:.-]*/y;
/** One attribute written plainly, with the XML whitespace before it (group 1: its name). */
const PLAIN_ATTRIBUTE = /[ \t\n\r]+([A-Za-z_:][\w:.-]*)[ \t\n\r]*=[ \t\n\r]*(?:"[^"<]*"|'[^'<]*')/y;
const PLAIN_TAG_END = /[ \t\n\r]*\/?>/y;
/**
 * Any other tag: to the first `>` outside quotes, as the validator and the parser read it. One
 * with `<` in a quoted value fails (nothing is left out): `walkTags` takes that `<` for markup, and
 * a `<!--` or `<?` there hides the tags after it from `checkTags`, leaving their reserved names to
 * the parser, which sees them only if they are not left out.
 */
const ANY_TAG = /<[^"'<>]*(?:(?:"[^"<]*"|'[^'<]*')[^"'<>]*)*>/y;

function omitUnread(source: string, reads: (attribute: string) => boolean): Omission | undefined {
  const kept: string[] = [];
  const omission: Omission = { text: "", elements: new Set(), cuts: [] };
  let copied = 0;
  let removed = 0;
  for (let at = source.indexOf("<"); at >= 0; at = source.indexOf("<", at)) {
    OTHER_MARKUP.lastIndex = at;
    if (OTHER_MARKUP.test(source)) {
      at = OTHER_MARKUP.lastIndex;
      continue;
    }
    const tag = plainStartTag(source, at, reads);
    if (tag === null) return undefined;
    if (tag !== undefined) {
      for (const [start, end] of tag.unread) {
        kept.push(source.slice(copied, start));
        copied = end;
        removed += end - start;
        omission.cuts.push({ at: start - (removed - (end - start)), removed });
      }
      if (tag.unread.length > 0) omission.elements.add(at);
      at = tag.end;
      continue;
    }
    const declaration = source[at + 1] === "!" || source[at + 1] === "?";
    ANY_TAG.lastIndex = at;
    if (declaration || !ANY_TAG.test(source)) return undefined;
    at = ANY_TAG.lastIndex;
  }
  if (omission.cuts.length === 0) return undefined;
  kept.push(source.slice(copied));
  omission.text = kept.join("");
  return omission;
}

/**
 * The start tag at `at` when written plainly: where it ends and the runs of its attributes that
 * `reads` rejects, as `[start, end)` with the whitespace before each. Undefined when it is not
 * plain; null when it repeats an attribute (left for the validator to report).
 */
function plainStartTag(
  source: string,
  at: number,
  reads: (attribute: string) => boolean,
): { end: number; unread: [number, number][] } | undefined | null {
  PLAIN_TAG_NAME.lastIndex = at;
  if (!PLAIN_TAG_NAME.test(source)) return undefined;
  const names = new Set<string>();
  const unread: [number, number][] = [];
  PLAIN_ATTRIBUTE.lastIndex = PLAIN_TAG_NAME.lastIndex;
  let end = PLAIN_ATTRIBUTE.lastIndex;
  for (let match = PLAIN_ATTRIBUTE.exec(source); match; match = PLAIN_ATTRIBUTE.exec(source)) {
    const name = match[1] as string;
    if (names.has(name)) return null;
    names.add(name);
    if (!reads(name)) {
      const last = unread.at(-1);
      if (last !== undefined && last[1] === match.index) last[1] = PLAIN_ATTRIBUTE.lastIndex;
      else unread.push([match.index, PLAIN_ATTRIBUTE.lastIndex]);
    }
    end = PLAIN_ATTRIBUTE.lastIndex;
  }
  PLAIN_TAG_END.lastIndex = end;
  if (!PLAIN_TAG_END.test(source)) return undefined;
  return { end: PLAIN_TAG_END.lastIndex, unread };
}

/** The source offset of an offset in the text with attributes left out. */
function sourceOffset({ cuts }: Omission, offset: number): number {
  let low = 0;
  let high = cuts.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((cuts[middle] as Cut).at <= offset) low = middle + 1;
    else high = middle;
  }
  return offset + (cuts[low - 1]?.removed ?? 0);
}

/**
 * An element's attributes in document order, those left out of `attributes` included: read from
 * the start tag when any was left out (it is then written plainly), with their offsets.
 */
export function attributeList(
  source: string,
  element: XmlElement,
): { name: string; offset?: number }[] {
  if (!element.omitsAttributes) return Object.keys(element.attributes).map((name) => ({ name }));
  return Array.from(attributesOf(source, element.offset));
}

const stripPeriod = (text: string): string => text.replace(/\.\s*$/, "");

/** The parser's messages quote what they reject, which may be the rest of a huge document. */
const REASON_LENGTH = 160;
const shorten = (text: string): string =>
  text.length > REASON_LENGTH ? `${text.slice(0, REASON_LENGTH - 1)}…` : text;
