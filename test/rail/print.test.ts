import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseRail } from "../../src/rail/parse.js";
import { printRail } from "../../src/rail/print.js";
import { onFailAttribute } from "../../src/rail/reader.js";
import type { RailSpec } from "../../src/rail/types.js";
import { fixturePath, railsPath, specContent } from "./helpers.js";

const roundTrip = (spec: RailSpec) => parseRail(printRail(spec));

const railFiles = [
  ...readdirSync(fixturePath("")).map(fixturePath),
  ...readdirSync(railsPath("")).map(railsPath),
].filter((path) => path.endsWith(".rail"));

describe("printRail", () => {
  it.each(railFiles)("parse → print → parse keeps %s", (path) => {
    const spec = parseRail(readFileSync(path, "utf8"));
    expect(specContent(roundTrip(spec))).toEqual(specContent(spec));
  });

  it("writes an unknown tag read as a string back as that tag, not as a validator", () => {
    const xml = `<rail version="0.1"><output><phone name="p" validators="two-words"/></output></rail>`;
    const spec = parseRail(xml, { unknownTags: "string" });
    const printed = printRail(spec);
    expect(printed).toContain('<phone name="p" validators="two-words"/>');
    expect(specContent(parseRail(printed, { unknownTags: "string" }))).toEqual(specContent(spec));
  });

  it("writes a readable spec", () => {
    const spec = parseRail(`<rail version="0.1">
<output strict="true">
  <list name="fees" validators="length: 1 3" on-fail-length="fix">
    <object>
      <string name="name" validators="two-words; hub://guardrails/regex_match: '^a'" on-fail-two-words="reask" on-fail-guardrails_regex_match="exception"/>
      <date name="due" date-format="%Y" required="false"/>
    </object>
  </list>
  <choice name="c" on-fail-choice="reask">
    <case name="a" description="A"><string name="a"/></case>
  </choice>
  <enum name="e" values="x,y"/>
</output>
<prompt>
  Hi \${name}
</prompt>
</rail>`);
    expect(printRail(spec)).toBe(`<rail version="0.1">
  <output strict="true">
    <list name="fees" validators="length: 1 3" on-fail-length="fix">
      <object>
        <string name="name" validators="two-words; hub://guardrails/regex_match: '^a'" on-fail-two-words="reask" on-fail-guardrails_regex_match="exception"/>
        <date name="due" required="false" date-format="%Y"/>
      </object>
    </list>
    <choice name="c" on-fail-choice="reask">
      <case name="a" description="A">
        <string name="a"/>
      </case>
    </choice>
    <enum name="e" values="x, y"/>
  </output>
  <prompt>
    Hi \${name}
  </prompt>
</rail>
`);
  });

  it("writes string and list outputs", () => {
    const text = printRail(
      parseRail('<rail version="0.1"><output type="string" validators="one-line"/></rail>'),
    );
    expect(text).toContain('<output type="string" validators="one-line"/>');
    const list = printRail(
      parseRail('<rail version="0.1"><output type="list"><integer/></output></rail>'),
    );
    expect(list).toContain('<output type="list">\n    <integer/>\n  </output>');
  });

  it("always writes the discriminator of a discriminated choice", () => {
    const spec = parseRail(
      '<rail version="0.1"><output><choice name="c" discriminator="discriminator"><case name="a"><string name="a"/></case></choice></output></rail>',
    );
    expect(printRail(spec)).toContain('<choice name="c" discriminator="discriminator">');
    expect(specContent(roundTrip(spec))).toEqual(specContent(spec));
  });

  it("escapes attribute values and keeps markup in prompts", () => {
    const spec = parseRail(`<rail version="0.1">
<output><string name="a&quot;b" description="x &lt; y &amp; z&#10;next&#9;tab" validators="regex_match: '&lt;[a-z]&gt;'"/></output>
<prompt><![CDATA[Use <b> & ]]]]><![CDATA[> carefully: ]]]]><![CDATA[>]]></prompt>
<instructions>a &amp;amp; b</instructions>
</rail>`);
    expect(spec.prompt?.text).toBe("Use <b> & ]]> carefully: ]]>");
    expect(spec.instructions?.text).toBe("a &amp; b");
    const printed = printRail(spec);
    expect(printed).toContain('name="a&quot;b" description="x &lt; y &amp; z&#10;next&#9;tab"');
    expect(printed).toContain("<![CDATA[Use <b> & ]]]]><![CDATA[> carefully: ]]]]><![CDATA[>]]>");
    expect(specContent(roundTrip(spec))).toEqual(specContent(spec));
  });

  it("writes edited validators in canonical form", () => {
    const spec = parseRail(
      '<rail version="0.1"><output><string name="s" validators="length:1  2"/></output></rail>',
    );
    expect(printRail(spec)).toContain('validators="length:1  2"');
    const root = spec.output.root;
    if (root.kind !== "object" || !root.children[0]) throw new Error("unexpected spec");
    root.children[0].validators = [
      {
        name: "valid-choices",
        args: [["a b", "c"]],
        kwargs: { strict: true },
        onFail: "fix",
        source: "",
      },
    ];
    const printed = printRail(spec);
    expect(printed).toContain(
      `validators="valid-choices: {['a b', 'c']} strict=True" on-fail-valid-choices="fix"`,
    );
    const reread = parseRail(printed).output.root;
    expect(reread.kind === "object" && reread.children[0]?.validators).toEqual([
      {
        name: "valid-choices",
        args: [["a b", "c"]],
        kwargs: { strict: true },
        onFail: "fix",
        source: "valid-choices: {['a b', 'c']} strict=True",
        position: { line: 3, column: 22 },
      },
    ]);
  });
});

describe("onFailAttribute and unprintable actions", () => {
  it("maps hub ids to attribute names", () => {
    expect(onFailAttribute("length")).toBe("on-fail-length");
    expect(onFailAttribute("hub://guardrails/regex_match")).toBe("on-fail-guardrails_regex_match");
  });

  it("refuses to drop an action that no attribute can carry", () => {
    const spec = parseRail(
      '<rail version="0.1"><output type="string" validators="capitalize words"/></rail>',
    );
    const [ref] = spec.output.root.validators;
    if (!ref) throw new Error("no validator");
    expect(printRail(spec)).toContain('validators="capitalize words"');
    ref.onFail = "fix";
    expect(() => printRail(spec)).toThrow(
      'validator "capitalize words" cannot carry on-fail action "fix"',
    );
  });
});
