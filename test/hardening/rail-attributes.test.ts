import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseRail } from "../../src/rail/index.js";

/**
 * The first 20 unknown attributes of an element get a warning each, pointing at it; the rest one
 * warning that counts them. Locating each by rereading the start tag once made 20,000 of them on
 * one element take 45 seconds. A regression shows as the test timeout.
 */
describe("unknown attributes on one element", () => {
  const head = `<rail version="0.1"><output><string name="a" `;
  const sourceWith = (count: number) => {
    const attributes = Array.from({ length: count }, (_, i) => `x${i}="v"`);
    return `${head}${attributes.join(" ")}/></output></rail>`;
  };
  const columnOf = (source: string, name: string) => source.indexOf(`${name}=`) + 1;

  it("warns about 20 of them one by one, each at its own column, and counts the rest", () => {
    const source = sourceWith(20_000);
    const { warnings } = parseRail(source);
    expect(warnings).toHaveLength(21);
    expect(warnings[0]?.position).toEqual({ line: 1, column: head.length + 1 });
    expect(warnings[19]).toMatchObject({
      code: "unknown-attribute",
      message: expect.stringMatching(/^attribute "x19" is not used on <string>/),
      path: 'output > string "a"',
      position: { line: 1, column: columnOf(source, "x19") },
    });
    expect(warnings[20]).toMatchObject({
      code: "unknown-attribute",
      message: expect.stringMatching(
        /^19980 more attributes are not used on <string> and are ignored: "x20", "x21", "x22", …/,
      ),
      position: { line: 1, column: columnOf(source, "x20") },
    });
  });

  it("warns about each of 20 or fewer", () => {
    const { warnings } = parseRail(sourceWith(20));
    expect(warnings).toHaveLength(20);
    expect(warnings.every((w) => w.message.startsWith("attribute "))).toBe(true);
  });
});

/**
 * Attributes no RAIL element reads are not handed to the XML validator and parser (issue 8: they
 * grew faster than the input on one element); they are still warned about, in order, each at its
 * own position, whatever their values hold and however the tag is laid out.
 */
describe("unknown attributes left out of the XML parse", () => {
  const USED = "used: name, description, format, validators, required";
  /** Where the attribute is written on `<string>`. */
  const positionOf = (source: string, name: string) => {
    const tag = source.indexOf("<string");
    const offset = tag + source.slice(tag).search(new RegExp(`(?<=\\s)${name}\\s*=`));
    const before = source.slice(0, offset).split(/\r\n|\n/);
    return { line: before.length, column: (before.at(-1) ?? "").length + 1 };
  };
  const unknownWarnings = (source: string, names: string[]) =>
    names.map((name) => ({
      code: "unknown-attribute",
      message: `attribute "${name}" is not used on <string> and is ignored (${USED})`,
      path: 'output > string "a"',
      position: positionOf(source, name),
    }));

  it("warns at each one, with entities, quotes and > in their values, across lines", () => {
    const source = [
      '<rail version="0.1"><output>',
      `  <string x0="a &amp; b &#65; &nbsp;" name="a" x1='say "hi" > &lt;b&gt;'`,
      `    description="d &amp; &quot;e&quot;"\tx2`,
      `      =`,
      `    "one`,
      `two" discriminator="k" x3=">" />`,
      "</output></rail>",
    ].join("\n");
    const spec = parseRail(source);
    const field = spec.output.root.kind === "object" ? spec.output.root.children[0] : undefined;
    expect(field).toMatchObject({ kind: "string", name: "a", description: 'd & "e"' });
    expect(spec.warnings).toEqual([
      ...unknownWarnings(source, ["x0", "x1", "x2"]),
      {
        code: "unknown-attribute",
        message: `attribute "discriminator" is not used on <string> and is ignored (${USED})`,
        path: 'output > string "a"',
        position: positionOf(source, "discriminator"),
      },
      ...unknownWarnings(source, ["x3"]),
    ]);
  });

  it("gives the same warnings and positions with CRLF line ends", () => {
    const lines = [
      '<rail version="0.1"><output>',
      '  <string name="a"',
      '    x0="v"',
      "    x1='w'",
      '    description="d"/>',
      "</output></rail>",
    ];
    const lf = parseRail(lines.join("\n"));
    expect(parseRail(lines.join("\r\n"))).toEqual(lf);
    expect(lf.warnings.map((w) => w.position)).toEqual([
      { line: 3, column: 5 },
      { line: 4, column: 5 },
    ]);
  });

  it("keeps on-fail attributes and says nothing where attributes are never checked", () => {
    const source = [
      '<rail version="0.1" x0="v">',
      '<output><string name="a" validators="two-words" x1="v" on-fail-two-words="fix"/></output>',
      '<script x2="v">run()</script><messages x3="v"/>',
      "</rail>",
    ].join("\n");
    const spec = parseRail(source);
    const field = spec.output.root.kind === "object" ? spec.output.root.children[0] : undefined;
    expect(field?.validators).toMatchObject([{ name: "two-words", onFail: "fix" }]);
    expect(spec.warnings.map((w) => [w.code, w.message.slice(0, 14), w.position])).toEqual([
      ["unknown-attribute", 'attribute "x0"', { line: 1, column: 21 }],
      ["unknown-attribute", 'attribute "x1"', { line: 2, column: 49 }],
      ["script-ignored", "<script> is ne", { line: 3, column: 1 }],
      ["unknown-element", "<messages> is ", { line: 3, column: 30 }],
    ]);
  });

  it("warns about any set of them as written, in order, at their positions", () => {
    const name = fc.constantFrom(
      ...["description", "discriminator", "values", "strict", "type", "version"],
      ...["x", "x1", "data-y", "a:b", "_z", "x_y", "café"],
    );
    const value = fc
      .array(fc.constantFrom("v", " ", "&amp;", "&#65;", ">", "'", "\n", "é"), {
        maxLength: 3,
      })
      .map((parts) => parts.join(""));
    const layout = fc.constantFrom(" ", "\n  ", "\t", " \r\n ");
    const attribute = fc.record({
      name,
      value,
      before: layout,
      around: fc.constantFrom("=", " =\n"),
    });
    const attributes = fc.uniqueArray(attribute, { selector: (a) => a.name, maxLength: 10 });
    const ALLOWED = ["name", "description", "format", "validators", "required"];
    fc.assert(
      fc.property(attributes, (list) => {
        const written = list
          .map(({ name: n, value: v, before, around }) => {
            const quoted = v.includes('"') ? `'${v.replaceAll("'", "&apos;")}'` : `"${v}"`;
            return `${before}${n}${around}${quoted}`;
          })
          .join("");
        const source = `<rail version="0.1"><output><string name="a"${written}/></output></rail>`;
        const normalized = source.replace(/\r\n?/g, "\n");
        const unknown = list.map((a) => a.name).filter((n) => !ALLOWED.includes(n));
        const warnings = parseRail(source).warnings.filter((w) => w.code === "unknown-attribute");
        expect(warnings.map((w) => [w.message.match(/"([^"]+)"/)?.[1], w.position])).toEqual(
          unknown.map((n) => [n, positionOf(normalized, n)]),
        );
      }),
      { numRuns: 300 },
    );
  });
});
