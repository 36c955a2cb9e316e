// Hostile RAIL documents: each must end in a typed error that says where and why, or parse; never
// a TypeError, a RangeError, a hang or an out-of-memory crash.
import { readdirSync, readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  formatValidators,
  LiteralSyntaxError,
  parseLiteral,
  parseRail,
  parseValidatorSpec,
  RailSpecError,
  RailSyntaxError,
} from "../../src/rail/index.js";
import { MAX_LITERAL_DEPTH } from "../../src/rail/literal.js";
import { MAX_ELEMENT_DEPTH } from "../../src/rail/xml.js";
import {
  compileRail,
  ValidatorArgumentError,
  ValidatorBindingError,
} from "../../src/schema/index.js";
import { zodSchemaFor } from "../../src/schema/zod.js";
import { StrptimeError } from "../../src/strptime.js";
import { fixturePath } from "../rail/helpers.js";
import { object, scalar } from "../schema/helpers.js";

const rail = (output: string, rest = "") =>
  `<rail version="0.1">\n<output>\n${output}\n</output>${rest}\n</rail>`;

/** The error `parseRail` throws for a source (the test fails when it parses). */
function parseError(source: string): RailSyntaxError | RailSpecError {
  try {
    parseRail(source);
  } catch (error) {
    if (error instanceof RailSyntaxError || error instanceof RailSpecError) return error;
    throw error;
  }
  throw new Error("parsed without an error");
}

const nested = (depth: number, open: string, close: string, leaf: string) =>
  open.repeat(depth) + leaf + close.repeat(depth);

describe("mutated RAIL", () => {
  const sources = [
    ...readdirSync(fixturePath("")).map((name) => readFileSync(fixturePath(name), "utf8")),
    readFileSync(new URL("../../rails/show-notes.rail", import.meta.url), "utf8"),
  ];
  const pieces = [
    ..."<>/\"'=&;{}[]: \n\r".split(""),
    '<string name="x"/>',
    "</list>",
    "<choice>",
    '<case name="a">',
    'validators="length: 1"',
    'on-fail-length="fix"',
    "<![CDATA[",
    "]]>",
    "<!--",
    "&#0;",
    "${",
    "__proto__",
    ' toString="1"',
    'date-format="%Q"',
    "valid-range: 1e999",
    `length: {${"[".repeat(100)}}`,
    "<!DOCTYPE r [<!ENTITY a 'x'>]>",
    "&a;",
    "\uFEFF",
  ];
  const mutation = fc.record({
    kind: fc.constantFrom("delete", "duplicate", "insert", "move"),
    at: fc.nat(),
    to: fc.nat(),
    length: fc.nat({ max: 30 }),
    piece: fc.constantFrom(...pieces),
  });
  type Mutation = typeof mutation extends fc.Arbitrary<infer M> ? M : never;

  function mutate(source: string, { kind, at, to, length, piece }: Mutation): string {
    const start = at % (source.length + 1);
    const cut = source.slice(start, start + length);
    const rest = source.slice(0, start) + source.slice(start + length);
    if (kind === "delete") return rest;
    if (kind === "duplicate") return source.slice(0, start) + cut + source.slice(start);
    if (kind === "insert") return source.slice(0, start) + piece + source.slice(start);
    const target = to % (rest.length + 1);
    return rest.slice(0, target) + cut + rest.slice(target);
  }

  it("only ever throw typed errors, positioned inside the document", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...sources),
        fc.array(mutation, { minLength: 1, maxLength: 4 }),
        fc.constantFrom("error" as const, "string" as const),
        (original, mutations, unknownTags) => {
          const source = mutations.reduce(mutate, original);
          try {
            compileRail(source, { unknownTags });
          } catch (error) {
            if (error instanceof ValidatorArgumentError || error instanceof ValidatorBindingError)
              return;
            expect([RailSyntaxError, RailSpecError]).toContain(error?.constructor);
            const { line, column } = error as RailSyntaxError;
            expect(line).toBeGreaterThanOrEqual(1);
            expect(line).toBeLessThanOrEqual(source.split(/\r\n?|\n/).length);
            expect(column).toBeGreaterThanOrEqual(1);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("nesting bombs", () => {
  it("refuses elements nested past the limit where the limit is crossed, path shortened", () => {
    // <rail> and <output> are two levels; 2000 objects go far past the limit.
    const source = rail(nested(2000, '<object name="o">', "</object>", '<string name="s"/>'));
    const error = parseError(source);
    expect(error).toBeInstanceOf(RailSyntaxError);
    expect(error.reason).toBe(`elements nested more than ${MAX_ELEMENT_DEPTH} deep`);
    const firstTooDeep = MAX_ELEMENT_DEPTH - 2; // 0-based index of the object past the limit
    expect(error.line).toBe(3);
    expect(error.column).toBe(1 + firstTooDeep * '<object name="o">'.length);
    expect(error.path).toBe(
      `output > object "o" > object "o" > object "o" > … (${MAX_ELEMENT_DEPTH - 8} more) > object "o" > object "o" > object "o" > object "o"`,
    );
  });

  it("reads and compiles a spec nested right up to the limit", () => {
    const depth = MAX_ELEMENT_DEPTH - 3; // <rail>, <output> and the leaf
    const source = rail(nested(depth, '<object name="o">', "</object>", '<integer name="n"/>'));
    const compiled = compileRail(source);
    const value = nested(depth, '{"o":', "}", '{"n":"7"}');
    const expected = nested(depth, '{"o":', "}", '{"n":7}');
    expect(compiled.zodSchema.parse(JSON.parse(value))).toEqual(JSON.parse(expected));
  });

  it("refuses nested lists the same way", () => {
    const source = rail(`<list name="l">${nested(5000, "<list>", "</list>", "<string/>")}</list>`);
    expect(parseError(source).reason).toBe(`elements nested more than ${MAX_ELEMENT_DEPTH} deep`);
  });

  it("refuses a [[[[… bomb in a validator argument as a syntax error", () => {
    const bomb = `${"[".repeat(20_000)}${"]".repeat(20_000)}`;
    const error = parseError(rail(`<string name="a" validators="x: {${bomb}}"/>`));
    expect(error).toBeInstanceOf(RailSpecError);
    expect(error.reason).toContain(`lists and dicts nested more than ${MAX_LITERAL_DEPTH} deep`);
    expect(error.message.length).toBeLessThan(600);
    expect(() => parseLiteral(`${"{'a':".repeat(5000)}1${"}".repeat(5000)}`)).toThrow(
      LiteralSyntaxError,
    );
    const deepest = nested(MAX_LITERAL_DEPTH, "[", "]", "1");
    expect(JSON.stringify(parseLiteral(deepest))).toBe(deepest);
    expect(() => parseLiteral(`[${deepest}]`)).toThrow(LiteralSyntaxError);
  });
});

describe("names JavaScript objects reserve", () => {
  it.each([
    ["<__proto__/>", "<__proto__> cannot be an element name"],
    ['<constructor name="a"/>', "<constructor> cannot be an element name"],
    ['<toString name="a"/>', "<toString> cannot be an element name"],
    ['<string name="a" prototype="x"/>', '"prototype" cannot be an attribute name'],
    ['<string name="a" hasOwnProperty="x"/>', '"hasOwnProperty" cannot be an attribute name'],
  ])("refuses %s where it is written", (field, reason) => {
    const error = parseError(rail(`<string name="first"/>\n${field}`));
    expect(error).toBeInstanceOf(RailSyntaxError);
    expect(error.reason).toContain(reason);
    expect(error.line).toBe(4);
    const attribute = /\s(\w+)="x"/.exec(field);
    expect(error.column).toBe(attribute ? field.indexOf(attribute[1] as string) + 1 : 1);
  });

  it("keeps them usable as JSON keys, discriminators and values", () => {
    const compiled = compileRail(
      rail(`<string name="constructor"/><string name="toString"/>
<choice name="c" discriminator="hasOwnProperty"><case name="valueOf"><integer name="prototype"/></case></choice>`),
    );
    const value = {
      constructor: "a",
      toString: "b",
      c: { hasOwnProperty: "valueOf", prototype: "3" },
    };
    expect(compiled.zodSchema.parse(value)).toEqual({ ...value, c: { ...value.c, prototype: 3 } });
    expect(Object.keys(compiled.jsonSchema.properties as object)).toEqual([
      "constructor",
      "toString",
      "c",
    ]);
  });
});

describe("entities and declarations", () => {
  it("does not expand a billion-laughs entity", () => {
    const laughs = Array.from(
      { length: 8 },
      (_, i) => `<!ENTITY l${i + 1} "${`&l${i};`.repeat(10)}">`,
    ).join("");
    const source = `<!DOCTYPE r [<!ENTITY l0 "ha">${laughs}]>${rail('<string name="a" description="&l8;"/>')}`;
    const output = parseRail(source).output.root;
    expect(output.kind === "object" && output.children[0]?.description).toBe("&l8;");
  });

  it("refuses a quadratic blow-up", () => {
    const source = `<!DOCTYPE r [<!ENTITY a "${"x".repeat(9000)}">]>${rail(`<string name="a" description="${"&a;".repeat(1000)}"/>`)}`;
    const error = parseError(source);
    expect(error).toBeInstanceOf(RailSyntaxError);
    expect(error.reason).toMatch(/^unsupported XML: .*limit exceeded/);
  });

  it("reads nothing from outside the document", () => {
    const external = `<!DOCTYPE r [<!ENTITY e SYSTEM "file:///etc/passwd">]>${rail('<string name="a" description="&e;"/>')}`;
    expect(parseError(external).reason).toMatch(/external entities/i);
    // A DOCTYPE naming an external DTD is skipped, not fetched.
    const dtd = `<!DOCTYPE rail SYSTEM "http://127.0.0.1:9/never.dtd">${rail('<string name="a"/>')}`;
    expect(parseRail(dtd).output.root.kind).toBe("object");
  });

  it("counts positions the same with a byte-order mark and any line ends", () => {
    const body = rail('<string name="a" required="maybe"/>');
    const plain = parseError(body);
    for (const variant of [
      `\uFEFF${body}`,
      body.replaceAll("\n", "\r\n"),
      body.replaceAll("\n", "\r"),
    ]) {
      const error = parseError(variant);
      expect([error.line, error.column]).toEqual([plain.line, plain.column]);
    }
    expect([plain.line, plain.column]).toEqual([3, 18]);
  });

  it("locates the innermost of several unclosed elements", () => {
    const error = parseError('<rail version="0.1">\n<output>\n  <object name="o">\n');
    expect(error).toMatchObject({
      reason:
        "malformed XML: the document ends inside <rail>, <output>, <object>, which are never closed",
      line: 3,
      column: 3,
      path: 'output > object "o"',
    });
  });
});

describe("malformed documents built to make a scanner backtrack", () => {
  // Each took minutes (quadratic) before the markup scan was made linear.
  const head = '<rail version="0.1"><output>';
  it.each([
    ["tags that never close", `${head}${"<a".repeat(100_000)}`, "malformed XML: Tag 'a<a<a"],
    ["declarations", `${head}${"<!".repeat(100_000)}`, "malformed XML: the document ends inside"],
    ["self-closing slashes", `${head}${"<a/".repeat(100_000)}`, "malformed XML: Tag 'a/<a/"],
    ["open quotes", `${head}<string name="${'<a "'.repeat(100_000)}`, "malformed XML: Attributes"],
    ["end tags", `${head}${"</a".repeat(100_000)}`, "malformed XML: "],
  ])("reports %s quickly, in a short message", (_, source, reason) => {
    const error = parseError(source);
    expect(error).toBeInstanceOf(RailSyntaxError);
    expect(error.reason.startsWith(reason)).toBe(true);
    expect(error.reason.length).toBeLessThanOrEqual(200);
  });
});

describe("size", () => {
  it("reads 40 000 sibling fields in linear time (quadratic took minutes)", () => {
    const fields = Array.from({ length: 40_000 }, (_, i) => `<string name="f${i}"/>`);
    const spec = parseRail(rail(fields.join("\n")));
    const root = spec.output.root;
    expect(root.kind === "object" && root.children.at(-1)?.position).toEqual({
      line: 40_002,
      column: 1,
    });
  });

  it("compiles twelve 0.1-style choices without building every combination of cases", () => {
    const choices = Array.from({ length: 12 }, (_, i) => {
      const cases = [0, 1, 2].map(
        (j) => `<case name="k${i}${j}"><string name="k${i}${j}"/></case>`,
      );
      return `<choice name="c${i}">${cases.join("")}</choice>`;
    });
    const { zodSchema } = compileRail(rail(choices.join("\n")));
    const value = Object.fromEntries(
      Array.from({ length: 12 }, (_, i) => [
        [`c${i}`, `k${i}1`],
        [`k${i}1`, "v"],
      ]).flat(),
    );
    expect(zodSchema.parse({ ...value, k00: "dropped" })).toEqual(value);
    expect(zodSchema.safeParse({ ...value, c5: "k50" }).success).toBe(false);
    expect(zodSchema.safeParse({ ...value, k111: undefined }).success).toBe(false);
  });

  it("quotes a megabyte attribute value in a short message", () => {
    const error = parseError(rail(`<string name="a" required="${"y".repeat(1_000_000)}"/>`));
    expect(error.reason).toMatch(/^required="y+…" is not a boolean$/);
    expect(error.message.length).toBeLessThan(300);
  });
});

describe("keys of one JSON object", () => {
  // Fields start on line 3; a second line of fields is line 4.
  it.each([
    [
      "a 0.1 case child named like a sibling field",
      '<string name="x"/>\n<choice name="c"><case name="x"><string name="x"/></case></choice>',
      'output > choice "c" > case "x" > string "x"',
      { first: 3, line: 4 },
    ],
    [
      "a 0.1 case child named like its own choice",
      '<choice name="c"><case name="c"><string name="c"/></case></choice>',
      'output > choice "c" > case "c" > string "c"',
      { first: 3, line: 3 },
    ],
    [
      "two 0.1 choices with the same case",
      '<choice name="c"><case name="a"><string name="a"/></case></choice>\n<choice name="d"><case name="a"><string name="a"/></case></choice>',
      'output > choice "d" > case "a" > string "a"',
      { first: 3, line: 4 },
    ],
    [
      "a field after a 0.1 choice named like a case child",
      '<choice name="c"><case name="a"><string name="a"/></case></choice>\n<integer name="a"/>',
      'output > integer "a"',
      { first: 3, line: 4 },
    ],
  ])("refuses %s", (_, fields, path, { first, line }) => {
    const error = parseError(rail(fields));
    expect(error).toBeInstanceOf(RailSpecError);
    expect(error.path).toBe(path);
    expect(error.reason).toMatch(
      new RegExp(`^duplicate name "\\w" \\(first used at line ${first}\\)$`),
    );
    expect(error.line).toBe(line);
  });
});

describe("numbers and formats", () => {
  it("refuses a number too large for JSON where it is written", () => {
    for (const argument of ["1e999", "{[1, -1e999]}", "max=1e999"]) {
      const error = parseError(rail(`<integer name="a" validators="valid-range: ${argument}"/>`));
      expect(error.reason).toMatch(/the number "-?1e999" is too large/);
    }
    // The same text as a quoted string is a string, and prints back quoted.
    const [item] = parseValidatorSpec("x: '1e999'");
    expect(item?.args).toEqual(["1e999"]);
    expect(item && formatValidators([{ ...item, source: "x" }])).toBe("x: '1e999'");
  });

  it.each([
    ['<date name="d" date-format="%Q"/>', "date-format", "Unsupported directive '%Q'"],
    ['<time name="t" time-format="%H %H"/>', "time-format", "Directive '%H' appears twice"],
    [
      '<date-time name="t" datetime-format="%Y-%"/>',
      "datetime-format",
      "Unsupported directive '%'",
    ],
  ])("refuses %s at the format attribute", (field, attribute, reason) => {
    const error = parseError(rail(field));
    expect(error.reason).toContain(`invalid ${attribute}: ${reason}`);
    expect(error.column).toBe(field.indexOf(attribute) + 1);
    expect(error.allowed).toContain("%Y");
  });

  it("refuses a bad format in a spec built in code when compiling it", () => {
    const spec = object(undefined, [scalar("date", "d", { format: "%Y-%Q" })]);
    expect(() => zodSchemaFor(spec)).toThrow(StrptimeError);
  });

  it("reads an empty format as none, and says so when a value does not fit", () => {
    const schema = zodSchemaFor(object(undefined, [scalar("date", "d", { format: "" })]));
    expect(schema.parse({ d: "2024-02-29" })).toEqual({ d: "2024-02-29" });
    const result = schema.safeParse({ d: "soon" });
    expect(result.error?.issues[0]?.message).toBe('Expected a date as YYYY-MM-DD, got "soon"');
  });
});
