import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readsAttribute } from "../../src/rail/reader.js";
import { attributeList, attributeOffsets, readXml, type XmlElement } from "../../src/rail/xml.js";

/**
 * `readXml` hands the XML validator and parser the document without the attributes no RAIL
 * element reads. Reading with a caller that reads every attribute leaves nothing out, as before:
 * on any document, well-formed or not, both readings must agree on everything but the attributes
 * left out, and those must still be listed, in order, at their own offsets.
 */

const readsEverything = () => true;

// Mostly plain attributes (the ones that can be left out), with entities, quotes, `>` and
// newlines in their values; now and then one the validator or the parser treats specially: a
// non-ASCII name, `<` in a value, a repeated name, missing whitespace, `=` or quotes.
const plainName = fc.constantFrom(
  ...["name", "description", "format", "required", "type", "values", "on-fail-length"],
  ...["x", "x1", "data-y", "a:b", "_z", "x.y", "x2", "x3", "x4", "x5", "x6", "x7"],
);
const valuePart = (quote: string) =>
  fc.constantFrom(
    ...["v", "v", "word", " ", "&amp;", "&lt;", "&#65;", "&#x42;", "&nbsp;", "&bogus;", "&"],
    ...[">", "\n", "\t", "é", "/>", "]]>", quote === '"' ? "'" : '"'],
  );
const plainAttribute = fc
  .record({
    before: fc.constantFrom(" ", " ", "\n", "\t ", "  \n  "),
    name: plainName,
    equals: fc.constantFrom("=", "=", " = ", "\n=\n"),
    quote: fc.constantFrom('"', "'"),
  })
  .chain((parts) =>
    fc
      .array(valuePart(parts.quote), { maxLength: 4 })
      .map((value) => ({ ...parts, value: value.join("") })),
  );
type Written = { before: string; name: string; equals: string; quote: string; value: string };
const written = ({ before, name, equals, quote, value }: Written) =>
  `${before}${name}${equals}${quote}${value}${quote}`;
const oddAttribute = fc.constantFrom(
  ...[' café="1"', ' x9="a<b"', ' constructor="1"', ' x8="1"y="2"', " x8=1", " x8", ' 1x="1"'],
  ...[' x8="1', ` x8="a"b"`, ' x8\u00a0="1"', '\u00a0x8="1"', " name='<'"],
);
const attributes = fc
  .record({
    plain: fc.uniqueArray(plainAttribute, { selector: ({ name }) => name, maxLength: 8 }),
    odd: fc.oneof(
      { weight: 1, arbitrary: oddAttribute },
      { weight: 12, arbitrary: fc.constant(null) },
    ),
    repeated: fc.oneof(
      { weight: 1, arbitrary: fc.constant(true) },
      { weight: 20, arbitrary: fc.constant(false) },
    ),
    at: fc.nat(),
  })
  .map(({ plain, odd, repeated, at }) => {
    const list = plain.map(written);
    if (odd !== null) list.splice(at % (list.length + 1), 0, odd);
    const again = plain[at % Math.max(1, plain.length)];
    if (repeated && again) list.push(written(again));
    return list.join("");
  });
const tagEnd = fc.constantFrom("", "", " ", "\n");
const misc = fc.oneof(
  { weight: 10, arbitrary: fc.constantFrom("", "\n  ", "text &amp; more", '<!-- a < b x="1" -->') },
  { weight: 3, arbitrary: fc.constantFrom("<![CDATA[<b x='1'>]]>", "<?pi x='1'?>") },
  { weight: 1, arbitrary: fc.constantFrom('<?pi a="?>" x="1"?>', "<!X y>", "a < b", "&bad") },
);
const prolog = fc.oneof(
  { weight: 10, arbitrary: fc.constantFrom("", '<?xml version="1.0"?>\n') },
  { weight: 1, arbitrary: fc.constant('<!DOCTYPE rail [<!ENTITY e "x">]>') },
);

const document = fc
  .record({
    prolog,
    rail: attributes,
    output: attributes,
    field: attributes,
    object: attributes,
    child: attributes,
    gaps: fc.array(misc, { minLength: 4, maxLength: 4 }),
    ends: fc.array(tagEnd, { minLength: 4, maxLength: 4 }),
  })
  .map(
    ({ prolog, rail, output, field, object, child, gaps: [a, b, c, d], ends: [e, f, g, h] }) =>
      `${prolog}<rail${rail}${e}>${a}<output${output}${f}>${b}<string${field}${g}/>${c}` +
      `<object${object}${h}><string${child}/>${d}</object></output></rail>`,
  );

type Reading =
  | { element: XmlElement }
  | { error: { name: string; message: string; line: unknown; column: unknown } };

function read(source: string, reads: (attribute: string) => boolean): Reading {
  try {
    return { element: readXml(source, reads) };
  } catch (error) {
    const { name, message, line, column } = error as Error & { line?: number; column?: number };
    return { error: { name, message, line, column } };
  }
}

/** The element as read before: every attribute in `attributes`, each at its offset. */
function asBefore(source: string, element: XmlElement): unknown {
  const offsets = attributeOffsets(source, element.offset);
  return {
    tag: element.tag,
    attributes: attributeList(source, element).map(({ name, offset }) => [
      name,
      offset ?? offsets.get(name),
    ]),
    values: Object.entries(element.attributes).filter(([name]) => readsAttribute(name)),
    text: element.text,
    offset: element.offset,
    children: element.children.map((child) => asBefore(source, child)),
  };
}

function expectSameReading(source: string): void {
  const before = read(source, readsEverything);
  const after = read(source, readsAttribute);
  if ("error" in before || "error" in after) {
    expect(after).toEqual(before);
    return;
  }
  expect(asBefore(source, after.element)).toEqual(asBefore(source, before.element));
}

describe("readXml leaving out attributes nobody reads", () => {
  it("reads every document as it did with every attribute", () => {
    fc.assert(fc.property(document, expectSameReading), { numRuns: 3000 });
  });

  it("keeps what it reads and lists the rest in order, at their offsets", () => {
    const source = [
      "<rail version='0.1'>",
      `<output x0="a &amp; b" x1='say "hi" &lt;b&gt; > &#65;'`,
      `  name="o"\tx2 =\n"one\ntwo" description="d &amp; e" x3=">"/>`,
      "</rail>",
    ].join("\n");
    const rail = readXml(source, readsAttribute);
    const output = rail.children[0] as XmlElement;
    expect(output.attributes).toEqual({ name: "o", description: "d & e" });
    expect(output.omitsAttributes).toBe(true);
    expect(attributeList(source, output)).toEqual(
      ["x0", "x1", "name", "x2", "description", "x3"].map((name) => ({
        name,
        offset: source.search(new RegExp(`(?<=\\s)${name}\\s*=`)),
        value: expect.any(String),
      })),
    );
    expect(rail.omitsAttributes).toBe(false);
    expectSameReading(source);
  });

  it("leaves nothing out of a document with a DOCTYPE or markup it cannot delimit", () => {
    for (const source of [
      '<!DOCTYPE rail [<!ENTITY e "x">]><rail x="&e;"/>',
      '<rail><?pi a="?>" ?><output x="1"/></rail>',
      '<rail><output description="<b x=\'1\'>" x="1"/></rail>',
      '<rail><output x="1" x="2"/></rail>',
    ]) {
      const reading = read(source, readsAttribute);
      if ("element" in reading) {
        const elements = [reading.element, ...reading.element.children];
        expect(elements.some((element) => element.omitsAttributes)).toBe(false);
      }
      expectSameReading(source);
    }
  });
});
