import { describe, expect, it } from "vitest";
import { RailguardError } from "../../src/errors.js";
import { RailSpecError, RailSyntaxError } from "../../src/rail/errors.js";
import { parseRail } from "../../src/rail/parse.js";

function errorOf(
  xml: string,
  options?: Parameters<typeof parseRail>[1],
): RailSpecError | RailSyntaxError {
  try {
    parseRail(xml, options);
  } catch (error) {
    if (error instanceof RailSpecError || error instanceof RailSyntaxError) return error;
    throw error;
  }
  throw new Error("expected parseRail to throw");
}

/** A spec whose <output> starts on line 2. */
const rail = (output: string) => `<rail version="0.1">\n${output}\n</rail>`;

describe("RailSyntaxError", () => {
  it("gives the line and column of malformed XML", () => {
    const error = errorOf(
      '<rail version="0.1">\n<output>\n  <string name="x">\n</output>\n</rail>',
    );
    expect(error).toBeInstanceOf(RailSyntaxError);
    expect(error).toBeInstanceOf(RailguardError);
    expect(error.code).toBe("rail-syntax");
    expect(error).toMatchObject({ line: 4, column: 1, path: 'output > string "x"' });
    expect(error.reason).toContain("Expected closing tag 'string'");
    expect(error.message).toMatch(
      /^output > string "x" \(line 4, column 1\): malformed XML: Expected closing tag 'string'/,
    );
  });

  it.each([
    ["", undefined],
    ['<rail version="0.1" version="0.2"><output/></rail>', "rail"],
    [
      '<rail version="0.1">\n<!-- <object name="no"> -->\n<output>\n  <list name="l"><string/>\n  <object name=\'o\'>\n    <string name="s" oops/>',
      'output > list "l" > object "o"',
    ],
    [
      '<rail version="0.1"><output><![CDATA[<x>]]><string name="a"></string><bad attr=x/></output></rail>',
      "output",
    ],
  ])("names the elements open where malformed XML stops: %j", (xml, path) => {
    const error = errorOf(xml);
    expect(error).toBeInstanceOf(RailSyntaxError);
    expect(error.path).toBe(path);
  });

  it.each([
    ["", 1, 1],
    ["just text", 1, 1],
    ['<rail version="0.1" version="0.2"><output/></rail>', 1, 21],
    ['<rail version="0.1"><output/></rail><rail/>', 1, 37],
    ['<rail version="0.1">\n  <output name=x/>\n</rail>', 2, 11],
  ])("rejects %j at line %i, column %i", (xml, line, column) => {
    const error = errorOf(xml);
    expect(error).toBeInstanceOf(RailSyntaxError);
    expect({ line: error.line, column: error.column }).toEqual({ line, column });
  });

  it("refuses external entities", () => {
    const error = errorOf(
      '<!DOCTYPE rail [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<rail version="0.1"><output/><prompt>&x;</prompt></rail>',
    );
    expect(error).toBeInstanceOf(RailSyntaxError);
    expect(error).toMatchObject({ line: 1, column: 1 });
    expect(error.reason).toContain("External entities are not supported");
  });
});

describe("RailSpecError", () => {
  it.each<[string, string, number, number, string, string, string | undefined]>([
    [
      "a root other than <rail>",
      "<spec>\n<output/></spec>",
      1,
      1,
      "spec",
      "the root element is <spec>",
      "<rail>",
    ],
    [
      "a missing version",
      "<rail>\n<output/></rail>",
      1,
      1,
      "rail",
      "missing version attribute",
      'version="0.1"',
    ],
    [
      "a wrong version",
      '<rail  version="0.2">\n<output/></rail>',
      1,
      8,
      "rail",
      'unsupported version "0.2"',
      'version="0.1"',
    ],
    [
      "a missing <output>",
      '<rail version="0.1">\n<prompt>hi</prompt></rail>',
      1,
      1,
      "rail",
      "missing <output>",
      "one <output> with the fields to produce",
    ],
    [
      "a list with two children",
      rail('<output>\n  <list name="fees">\n    <string/>\n    <integer/>\n  </list>\n</output>'),
      5,
      5,
      'output > list "fees" > integer',
      "a list has at most one child, its item type; found <string>, <integer>",
      "one child element (the item type, without a name), or none for a free-form list",
    ],
    [
      "a scalar with children",
      rail('<output>\n  <string name="s">\n    <integer name="i"/>\n  </string>\n</output>'),
      4,
      5,
      'output > string "s" > integer "i"',
      "<string> is a scalar and cannot have child elements",
      "child elements only inside list, object, choice and case",
    ],
    [
      "a nameless field inside an object",
      rail(
        '<output>\n  <list name="fees">\n    <object>\n      <string description="no name"/>\n    </object>\n  </list>\n</output>',
      ),
      5,
      7,
      'output > list "fees" > object > string',
      "a field inside <object> needs a name",
      'name="…" (the JSON key)',
    ],
    [
      "a nameless field inside the output",
      rail("<output>\n  <integer/>\n</output>"),
      3,
      3,
      "output > integer",
      "a field inside <output> needs a name",
      'name="…" (the JSON key)',
    ],
    [
      "a nameless field inside a case",
      rail(
        '<output>\n  <choice name="c">\n    <case name="a">\n      <bool name=""/>\n    </case>\n  </choice>\n</output>',
      ),
      5,
      7,
      'output > choice "c" > case "a" > bool',
      "a field inside <case> needs a name",
      'name="…" (the JSON key)',
    ],
    [
      "duplicate names among siblings",
      rail('<output>\n  <string name="a"/>\n  <integer  name="a"/>\n</output>'),
      4,
      13,
      'output > integer "a"',
      'duplicate name "a" (first used at line 3)',
      "names unique among siblings",
    ],
    [
      // The inner 0.1-style choice's case key "a" is a key of the output, as the outer choice is.
      "a key of a 0.1-style choice nested in another's case",
      rail(
        '<output>\n  <choice name="a">\n    <case name="x">\n      <choice name="x">\n        <case name="a">\n          <string name="a"/>\n        </case>\n      </choice>\n    </case>\n  </choice>\n</output>',
      ),
      7,
      19,
      'output > choice "a" > case "x" > choice "x" > case "a" > string "a"',
      'duplicate name "a" (first used at line 3)',
      "names unique among siblings",
    ],
    [
      "a case field named like the discriminator",
      rail(
        '<output>\n  <choice name="c" discriminator="kind">\n    <case name="a">\n      <string name="kind"/>\n    </case>\n  </choice>\n</output>',
      ),
      5,
      15,
      'output > choice "c" > case "a" > string "kind"',
      'duplicate name "kind" (the discriminator key)',
      "names unique among siblings",
    ],
    [
      "a field named __proto__ (it would set a prototype, not a key)",
      rail(
        '<output>\n  <object name="o">\n    <string  name="__proto__"/>\n  </object>\n</output>',
      ),
      4,
      14,
      'output > object "o" > string "__proto__"',
      '"__proto__" cannot be a JSON key',
      "any other key",
    ],
    [
      "a discriminator named __proto__",
      rail(
        '<output>\n  <choice name="c" discriminator="__proto__"><case name="a"/></choice>\n</output>',
      ),
      3,
      20,
      'output > choice "c"',
      '"__proto__" cannot be a JSON key',
      "any other key",
    ],
    [
      "duplicate case names",
      rail(
        '<output>\n  <choice name="c">\n    <case name="a"/>\n    <case name="a"/>\n  </choice>\n</output>',
      ),
      5,
      11,
      'output > choice "c" > case "a"',
      'duplicate case name "a"',
      "case names unique within the choice",
    ],
    [
      "an unknown on-fail action",
      rail(
        '<output>\n  <string name="x" validators="two-words" on-fail-two-words="retry"/>\n</output>',
      ),
      3,
      43,
      'output > string "x"',
      'unknown on-fail action "retry" in on-fail-two-words',
      "reask, fix, filter, refrain, noop, exception, fix_reask",
    ],
    [
      "an unknown on-fail action with no matching validator",
      rail('<output>\n  <string name="x" on-fail-length="ignore"/>\n</output>'),
      3,
      20,
      'output > string "x"',
      'unknown on-fail action "ignore" in on-fail-length',
      "reask, fix, filter, refrain, noop, exception, fix_reask",
    ],
    [
      "an unknown on-fail-choice action",
      rail(
        '<output>\n  <choice name="c" on-fail-choice="maybe"><case name="a"/></choice>\n</output>',
      ),
      3,
      20,
      'output > choice "c"',
      'unknown on-fail action "maybe" in on-fail-choice',
      "reask, fix, filter, refrain, noop, exception, fix_reask",
    ],
    [
      "unparseable validator arguments",
      rail('<output>\n  <float name="x" format="valid-range: 0 {1+1}"/>\n</output>'),
      3,
      19,
      'output > float "x"',
      'invalid format attribute, item "valid-range: 0 {1+1}": unexpected "+1" in "{1+1}"',
      "alias[: arguments] items separated by ';'; arguments are numbers, quoted strings, True/False/None, key=value, or {python literal}",
    ],
    [
      "a hostile argument",
      rail(
        `<output>\n  <string name="x" validators="two-words; length: {__import__('os').system('rm -rf /')}"/>\n</output>`,
      ),
      3,
      20,
      'output > string "x"',
      `invalid validators attribute, item "length: {__import__('os').system('rm -rf /')}": "__import__('os').system('rm -rf /')" is not a literal (allowed: numbers, quoted strings, True, False, None, lists, tuples and dicts) in "{__import__('os').system('rm -rf /')}"`,
      "alias[: arguments] items separated by ';'; arguments are numbers, quoted strings, True/False/None, key=value, or {python literal}",
    ],
    [
      "hostile arguments on a prompt",
      rail("<output/>\n<prompt validators=\"x: {eval('1')}\">hi</prompt>"),
      3,
      9,
      "prompt",
      `invalid validators attribute, item "x: {eval('1')}": "eval('1')" is not a literal (allowed: numbers, quoted strings, True, False, None, lists, tuples and dicts) in "{eval('1')}"`,
      "alias[: arguments] items separated by ';'; arguments are numbers, quoted strings, True/False/None, key=value, or {python literal}",
    ],
    [
      "an unknown tag",
      rail('<output>\n  <object name="o">\n    <phone name="p"/>\n  </object>\n</output>'),
      4,
      5,
      'output > object "o" > phone "p"',
      "<phone> is not a RAIL field type",
      "string, integer, float, bool, date, time, date-time, email, url, percentage, pythoncode, sql, enum, list, object, choice",
    ],
    [
      "a case outside a choice",
      rail('<output>\n  <case name="a"/>\n</output>'),
      3,
      3,
      'output > case "a"',
      "<case> outside a <choice>",
      "string, integer, float, bool, date, time, date-time, email, url, percentage, pythoncode, sql, enum, list, object, choice",
    ],
    [
      "an enum without values",
      rail('<output>\n  <enum name="e"/>\n</output>'),
      3,
      3,
      'output > enum "e"',
      "an <enum> needs at least one value",
      'values="a, b, c"',
    ],
    [
      "an enum with empty values",
      rail('<output>\n  <enum name="e" values=" , "/>\n</output>'),
      3,
      18,
      'output > enum "e"',
      "an <enum> needs at least one value",
      'values="a, b, c"',
    ],
    [
      "a choice without cases",
      rail('<output>\n  <choice name="c"/>\n</output>'),
      3,
      3,
      'output > choice "c"',
      "a <choice> needs at least one <case>",
      '<case name="…">',
    ],
    [
      "a choice holding something else than cases",
      rail('<output>\n  <choice name="c">\n    <string name="s"/>\n  </choice>\n</output>'),
      4,
      5,
      'output > choice "c" > string "s"',
      "<string> inside a <choice>",
      '<case name="…">',
    ],
    [
      "a case without a name",
      rail(
        '<output>\n  <choice name="c">\n    <case>\n      <string name="s"/>\n    </case>\n  </choice>\n</output>',
      ),
      4,
      5,
      'output > choice "c" > case',
      "a <case> needs a name",
      'name="…" (the case\'s value)',
    ],
    [
      "an empty discriminator",
      rail('<output>\n  <choice name="c" discriminator=" "><case name="a"/></choice>\n</output>'),
      3,
      20,
      'output > choice "c"',
      "the discriminator attribute is empty",
      'discriminator="<key naming the case>"',
    ],
    [
      'a type="string" output with children',
      rail('<output type="string">\n  <string name="s"/>\n</output>'),
      3,
      3,
      'output > string "s"',
      'an <output type="string"> has no child elements',
      "name, description, validators and on-fail-* attributes on <output> itself",
    ],
    [
      "an unknown output type",
      rail('<output type="dict"/>'),
      2,
      9,
      "output",
      'unknown output type "dict"',
      "object, string, list",
    ],
    [
      "a required flag that is not a boolean",
      rail('<output>\n  <string name="s" required="no"/>\n</output>'),
      3,
      20,
      'output > string "s"',
      'required="no" is not a boolean',
      "true, false",
    ],
    [
      "a strict flag that is not a boolean",
      rail('<output strict="yes"/>'),
      2,
      9,
      "output",
      'strict="yes" is not a boolean',
      "true, false",
    ],
    [
      "markup inside a prompt",
      rail("<output/>\n<prompt>Hello <b>you</b></prompt>"),
      3,
      15,
      "prompt > b",
      "<prompt> holds text only, not <b>",
      "text; write markup inside <![CDATA[ … ]]> or as &lt;",
    ],
  ])("reports %s", (_case, xml, line, column, path, reason, allowed) => {
    const error = errorOf(xml);
    expect(error).toBeInstanceOf(RailSpecError);
    expect(error.code).toBe("rail-spec");
    expect({
      line: error.line,
      column: error.column,
      path: error.path,
      reason: error.reason,
      allowed: error.allowed,
    }).toEqual({ line, column, path, reason, allowed });
    expect(error.message).toBe(
      `${path} (line ${line}, column ${column}): ${reason}. Allowed: ${allowed}`,
    );
  });

  it("stops on a hostile argument without running anything", () => {
    const marker = globalThis as { railguardRan?: boolean };
    const error = errorOf(
      rail(
        '<output>\n  <string name="x" validators="x: {globalThis.railguardRan=True}"/>\n</output>',
      ),
    );
    expect(error).toBeInstanceOf(RailSpecError);
    expect(marker.railguardRan).toBeUndefined();
  });

  it("turns an unknown tag into a string only when asked", () => {
    const xml = rail('<output>\n  <phone name="p"/>\n</output>');
    expect(errorOf(xml)).toBeInstanceOf(RailSpecError);
    expect(parseRail(xml, { unknownTags: "string" }).output.root).toMatchObject({
      children: [{ kind: "string", name: "p" }],
    });
  });
});
