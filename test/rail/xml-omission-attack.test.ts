import { describe, expect, it } from "vitest";
import { readsAttribute } from "../../src/rail/reader.js";
import { attributeList, readXml, type XmlElement } from "../../src/rail/xml.js";

/**
 * Documents found reading differently when `readXml` leaves out the attributes nobody reads than
 * when it reads them all. Each must read the same both ways: same error, or the same elements
 * listing the same attributes at the same offsets.
 */

const readsEverything = () => true;

function read(source: string, reads: (attribute: string) => boolean): unknown {
  try {
    return describeElement(source, readXml(source, reads));
  } catch (error) {
    const { name, message, line, column } = error as Error & { line?: number; column?: number };
    return { error: { name, message, line, column } };
  }
}

function describeElement(source: string, element: XmlElement): unknown {
  return {
    tag: element.tag,
    attributes: attributeList(source, element).map(({ name }) => name),
    offset: element.offset,
    children: element.children.map((child) => describeElement(source, child)),
  };
}

describe("readXml after a start tag with `<` in a quoted value", () => {
  // The tag scan that refuses reserved names (checkTags) reads `<!--`, `<?` or `<![CDATA[` in a
  // value as the start of a comment, PI or CDATA running on: the tags after it are never checked,
  // and the parser met their reserved names itself (refusing __proto__, constructor, prototype;
  // renaming toString to __toString). Left out, those names reached neither.
  const rail = (output: string) => `<rail version="0.1"><output>${output}</output></rail>`;
  it.each([
    ["<!--", "constructor"],
    ["<?", "__proto__"],
    ["<![CDATA[", "prototype"],
    ["<!--", "toString"],
    ["<?", "valueOf"],
  ])("reads a later attribute named after %s as %s as before", (opener, reserved) => {
    const source = rail(
      `<string name="a" description="${opener}"/><string name="b" ${reserved}="x" x="1"/>`,
    );
    expect(read(source, readsAttribute)).toEqual(read(source, readsEverything));
  });
});
