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
