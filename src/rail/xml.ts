import { XMLParser, XMLValidator } from "fast-xml-parser";
import { errorMessage } from "../errors.js";
import { positionAt } from "../show.js";
import { RailSyntaxError } from "./errors.js";

/** An XML element reduced to what the RAIL reader needs. */
export interface XmlElement {
  tag: string;
  attributes: Record<string, string>;
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

/** Parses well-formed XML into its root element; anything else is a `RailSyntaxError`. */
export function readXml(source: string): XmlElement {
  const verdict = XMLValidator.validate(source);
  if (verdict !== true) {
    const { line = 1, col = 1, msg } = verdict.err;
    const path = openElementPath(source, offsetAt(source, line, col));
    throw new RailSyntaxError({
      reason: `malformed XML: ${stripPeriod(msg)}`,
      line,
      column: col,
      ...(path === undefined ? {} : { path }),
    });
  }
  let nodes: OrderedNode[];
  try {
    nodes = parser.parse(source) as OrderedNode[];
  } catch (error) {
    const offset = Math.max(0, source.indexOf("<!DOCTYPE"));
    const reason = `unsupported XML: ${stripPeriod(errorMessage(error))}`;
    throw new RailSyntaxError({ reason, ...positionAt(source, offset) }, { cause: error });
  }
  const [root, second] = nodes.map(toElement).filter((element) => element !== undefined);
  if (!root) throw new RailSyntaxError({ reason: "no root element", line: 1, column: 1 });
  if (second) {
    const reason = `malformed XML: a second root element <${second.tag}> after <${root.tag}>`;
    throw new RailSyntaxError({ reason, ...positionAt(source, second.offset) });
  }
  return root;
}

function toElement(node: OrderedNode): XmlElement | undefined {
  const tag = Object.keys(node).find((key) => key !== ATTRIBUTES);
  if (tag === undefined || tag === TEXT || tag === CDATA) return undefined;
  const content = node[tag] as OrderedNode[];
  const metadata = (node as { [METADATA]?: { startIndex?: number } })[METADATA];
  return {
    tag,
    attributes: { ...(node[ATTRIBUTES] as Record<string, string> | undefined) },
    children: content.map(toElement).filter((child) => child !== undefined),
    text: content.map(textOf).join(""),
    offset: metadata?.startIndex ?? 0,
  };
}

function textOf(node: OrderedNode): string {
  if (TEXT in node) return String(node[TEXT]);
  if (CDATA in node) return (node[CDATA] as OrderedNode[]).map(textOf).join("");
  return "";
}

/** How element paths name an element: `list "fees"`, or the bare tag when it has no name. */
export const elementLabel = (tag: string, name: string | undefined): string =>
  name ? `${tag} "${name}"` : tag;

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

// Comments, CDATA, declarations and processing instructions (skipped), end tags, start tags.
const MARKUP =
  /<!--[\s\S]*?(?:-->|$)|<!\[CDATA\[[\s\S]*?(?:\]\]>|$)|<![^>]*>|<\?[\s\S]*?(?:\?>|$)|<\/([^\s>]*)[^>]*>|<([^\s/>]+)((?:[^>"']|"[^"]*"|'[^']*')*?)(\/?)>/g;
const NAME_ATTRIBUTE = /(?:^|\s)name\s*=\s*(?:"([^"]*)"|'([^']*)')/;

/**
 * The path of the elements still open at `offset` in a document that failed to parse, labelled
 * as spec errors label them (the `<rail>` root left out below it). A best-effort scan: the
 * document is malformed, so it only has to be right up to the error.
 */
function openElementPath(source: string, offset: number): string | undefined {
  const open: string[] = [];
  for (const match of source.matchAll(MARKUP)) {
    if (match.index >= offset) break;
    const [, endTag, startTag, attributes = "", selfClosing] = match;
    if (endTag !== undefined) {
      const at = open.findLastIndex((label) => label === endTag || label.startsWith(`${endTag} "`));
      if (at >= 0) open.length = at;
    } else if (startTag !== undefined && selfClosing === "") {
      const name = NAME_ATTRIBUTE.exec(attributes);
      open.push(elementLabel(startTag, name?.[1] ?? name?.[2]));
    }
  }
  if (open.length === 0) return undefined;
  return open.length === 1 ? open[0] : open.slice(1).join(" > ");
}

/**
 * Offset of attribute `name` inside the start tag at `elementOffset`, by scanning the tag's
 * attributes one by one (so text inside other attribute values is never mistaken for it).
 */
export function locateAttribute(
  source: string,
  elementOffset: number,
  name: string,
): number | undefined {
  const tagName = /<[^\s/>]*/y;
  tagName.lastIndex = elementOffset;
  tagName.exec(source);
  const attribute = /\s+([^\s=/>]+)\s*=\s*("[^"]*"|'[^']*')/y;
  attribute.lastIndex = tagName.lastIndex;
  for (let match = attribute.exec(source); match; match = attribute.exec(source)) {
    if (match[1] === name) return match.index + match[0].length - match[0].trimStart().length;
  }
  return undefined;
}

const stripPeriod = (text: string): string => text.replace(/\.\s*$/, "");
