/**
 * Writing XML as lines, shared by `printRail` (RAIL back out, 2-space indent) and the compiled
 * `<output>` schema shown to the model (4-space indent, as Guardrails pretty-printed it).
 */

/** Attributes in the order they are written; an undefined value leaves the attribute out. */
export type XmlAttributes = [name: string, value: string | undefined][];

/** An element as lines: self-closed without children, else open tag, indented children, close. */
export function elementLines(
  tag: string,
  attributes: XmlAttributes,
  children: readonly string[],
  indent: string,
): string[] {
  const open = `<${tag}${attributeText(attributes)}`;
  if (children.length === 0) return [`${open}/>`];
  return [`${open}>`, ...indentLines(children, indent), `</${tag}>`];
}

/** ` name="value"` for each present attribute, values escaped. */
export function attributeText(attributes: XmlAttributes): string {
  return attributes
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([name, value]) => ` ${name}="${escapeAttribute(value)}"`)
    .join("");
}

/** Indents non-empty lines (empty ones stay empty, so a dedent sees no whitespace-only lines). */
export const indentLines = (lines: readonly string[], indent: string): string[] =>
  lines.map((line) => (line === "" ? "" : indent + line));

// Whitespace other than spaces is written as references: a parser normalises it to spaces.
const ATTRIBUTE_ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "\t": "&#9;",
  "\n": "&#10;",
  "\r": "&#13;",
};

export const escapeAttribute = (value: string): string =>
  value.replace(/[&<>"\t\n\r]/g, (ch) => ATTRIBUTE_ESCAPES[ch] ?? ch);
