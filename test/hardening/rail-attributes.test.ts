import { describe, expect, it } from "vitest";
import { parseRail } from "../../src/rail/index.js";

/**
 * Each unknown attribute gets a warning that points at it; locating each by rereading the start
 * tag made 20,000 of them on one element take 45 seconds. A regression shows as the test timeout.
 */
describe("unknown attributes on one element", () => {
  it("warns about 20,000 of them, each at its own column", () => {
    const attributes = Array.from({ length: 20_000 }, (_, i) => `x${i}="v"`);
    const head = `<rail version="0.1"><output><string name="a" `;
    const source = `${head}${attributes.join(" ")}/></output></rail>`;
    const { warnings } = parseRail(source);
    expect(warnings).toHaveLength(20_000);
    const last = attributes.length - 1;
    const column = source.indexOf(`x${last}=`) + 1;
    expect(warnings[last]).toMatchObject({
      code: "unknown-attribute",
      message: expect.stringMatching(/^attribute "x19999" is not used on <string>/),
      path: 'output > string "a"',
      position: { line: 1, column },
    });
    expect(warnings[0]?.position).toEqual({ line: 1, column: head.length + 1 });
  });
});
