// biome-ignore-all lint/suspicious/noTemplateCurlyInString: RAIL writes template variables as ${var}
import { describe, expect, it } from "vitest";
import { parseRail } from "../../src/rail/parse.js";
import type {
  ChoiceField,
  Field,
  ListField,
  ObjectField,
  RailSpec,
  ScalarField,
} from "../../src/rail/types.js";
import { readFixture } from "./helpers.js";

const rail = (output: string, rest = "") => `<rail version="0.1">\n${output}\n${rest}</rail>`;

function child(spec: RailSpec, name: string): Field {
  const root = spec.output.root as ObjectField;
  const field = root.children.find((candidate) => candidate.name === name);
  if (!field) throw new Error(`no field ${name}`);
  return field;
}

describe("parseRail: every element and attribute", () => {
  const spec = parseRail(readFixture("every-element.rail"));

  it("reads <rail version> and <output strict name description>", () => {
    expect(spec.version).toBe("0.1");
    expect(spec.output.type).toBe("object");
    expect(spec.output.strict).toBe(true);
    expect(spec.output.root).toMatchObject({
      kind: "object",
      name: "report",
      description: "A full report",
      required: true,
      position: { line: 8, column: 3 },
    });
  });

  it("reads every scalar tag as its kind", () => {
    const kinds = (spec.output.root as ObjectField).children.map((f) => [f.name, f.kind]);
    expect(kinds).toEqual([
      ["s", "string"],
      ["i", "integer"],
      ["f", "float"],
      ["b", "bool"],
      ["d", "date"],
      ["t", "time"],
      ["dt", "date-time"],
      ["e", "email"],
      ["u", "url"],
      ["p", "percentage"],
      ["code", "pythoncode"],
      ["q", "sql"],
      ["mood", "enum"],
      ["free", "list"],
      ["anything", "object"],
      ["tags", "list"],
    ]);
  });

  it("reads name, description and required", () => {
    expect(child(spec, "s")).toMatchObject({ name: "s", description: "a string", required: true });
    expect(child(spec, "i").required).toBe(true);
    expect(child(spec, "f").required).toBe(false);
    expect(child(spec, "b")).not.toHaveProperty("description");
  });

  it("uses format over validators, with on-fail actions", () => {
    expect(child(spec, "s").validators).toEqual([
      {
        name: "length",
        args: [1, 10],
        kwargs: {},
        onFail: "fix",
        source: "length: 1 10",
        // The `format` attribute, so an error about the item points at it.
        position: { line: 9, column: 45 },
      },
    ]);
    expect(spec.warnings).toContainEqual(
      expect.objectContaining({
        code: "format-overrides-validators",
        path: 'output "report" > string "s"',
        position: { line: 9, column: 67 },
      }),
    );
  });

  it("reads every on-fail action", () => {
    const actions = ["i", "u", "code", "q"].map((name) => child(spec, name).validators[0]?.onFail);
    expect(actions).toEqual(["reask", "filter", "refrain", "fix_reask"]);
    const tags = child(spec, "tags") as ListField;
    expect(tags.validators.map((v) => [v.name, v.args, v.onFail])).toEqual([
      ["length", [1, 3], "noop"],
      ["ends-with", ["end"], "fix"],
    ]);
    expect(tags.item?.validators).toEqual([
      {
        name: "hub://guardrails/regex_match",
        args: ["^[a-z]+$", "fullmatch"],
        kwargs: {},
        onFail: "exception",
        source: "hub://guardrails/regex_match: '^[a-z]+$' fullmatch",
        position: { line: 26, column: 15 },
      },
    ]);
    expect(tags.item).not.toHaveProperty("name");
  });

  it("defaults the on-fail action to noop", () => {
    const parsed = parseRail(rail('<output><string name="x" validators="two-words"/></output>'));
    expect(child(parsed, "x").validators[0]?.onFail).toBe("noop");
  });

  it("reads the date, time and datetime formats of their kinds", () => {
    expect((child(spec, "d") as ScalarField).format).toBe("%d/%m/%Y");
    expect((child(spec, "t") as ScalarField).format).toBe("%H:%M");
    expect((child(spec, "dt") as ScalarField).format).toBe("%Y-%m-%dT%H:%M:%S");
    expect(child(spec, "b")).not.toHaveProperty("format");
  });

  it("reads enum values, trimmed", () => {
    expect((child(spec, "mood") as ScalarField).values).toEqual(["happy", "sad", "neutral"]);
  });

  it("reads free-form lists and objects", () => {
    expect(child(spec, "free")).not.toHaveProperty("item");
    expect((child(spec, "anything") as ObjectField).children).toEqual([]);
  });

  it("reads the four templates with dedented text and their own validators", () => {
    expect(spec.instructions).toMatchObject({
      text: "You are careful.\n  Indented line.",
      validators: [{ name: "is-profanity-free", onFail: "exception" }],
      position: { line: 29, column: 3 },
    });
    expect(spec.prompt).toMatchObject({
      text: "Hello ${name} & welcome <3 A\n<raw> & {{kept}} done",
      validators: [{ name: "length", args: [1, 5000], onFail: "refrain" }],
    });
    expect(spec.reaskInstructions?.text).toBe("Fix it.");
    expect(spec.reaskPrompt).toEqual({
      text: "${previous_response}",
      validators: [],
      position: { line: 38, column: 3 },
    });
  });

  it("ignores <script> without running it, and warns about deprecated tags", () => {
    expect(spec.warnings.map((w) => [w.code, w.path])).toEqual([
      ["script-ignored", "script"],
      ["format-overrides-validators", 'output "report" > string "s"'],
      ["deprecated-tag", 'output "report" > email "e"'],
      ["deprecated-tag", 'output "report" > url "u"'],
      ["deprecated-tag", 'output "report" > pythoncode "code"'],
      ["deprecated-tag", 'output "report" > sql "q"'],
    ]);
    expect(spec.warnings[0]?.position).toEqual({ line: 4, column: 3 });
  });
});

describe("parseRail: output types", () => {
  it("reads a string output with its validators on <output>", () => {
    const spec = parseRail(readFixture("ref-c-pizza.rail"));
    expect(spec.output.type).toBe("string");
    expect(spec.output.root).toMatchObject({
      kind: "string",
      description: "A two-word pizza name",
      required: true,
      validators: [
        { name: "two-words", onFail: "reask" },
        { name: "lower-case", onFail: "fix" },
      ],
    });
    expect(spec.prompt?.text).toBe(
      "Name a pizza made of ${ingredients}. ${gr.complete_string_suffix}",
    );
  });

  it("reads a list output with its item type", () => {
    const spec = parseRail(
      rail(
        '<output type="list" validators="length: 1 3"><integer validators="valid-range: 0 9"/></output>',
      ),
    );
    const root = spec.output.root as ListField;
    expect(spec.output.type).toBe("list");
    expect(root.validators.map((v) => v.name)).toEqual(["length"]);
    expect(root.item).toMatchObject({
      kind: "integer",
      validators: [{ name: "valid-range", args: [0, 9] }],
    });
  });

  it("reads a free-form list output and an empty object output", () => {
    expect(parseRail(rail('<output type="list"/>')).output.root).not.toHaveProperty("item");
    expect(parseRail(rail("<output/>")).output.root).toMatchObject({
      kind: "object",
      children: [],
    });
  });

  it("reads strict='false' and the default", () => {
    expect(parseRail(rail('<output strict="false"/>')).output.strict).toBe(false);
    expect(parseRail(rail("<output/>")).output.strict).toBe(false);
    expect(parseRail(rail('<output strict="TRUE"/>')).output.strict).toBe(true);
  });
});

describe("parseRail: choice", () => {
  it("reads the 0.2+ discriminated shape", () => {
    const spec = parseRail(readFixture("ref-d-decision.rail"));
    const choice = child(spec, "decision") as ChoiceField;
    expect(choice).toMatchObject({ kind: "choice", style: "discriminated", discriminator: "kind" });
    expect(choice.cases.map((c) => [c.name, c.children.map((f) => f.name)])).toEqual([
      ["answer", ["text"]],
      ["refuse", ["reason", "category"]],
    ]);
    expect(choice.cases[1]?.children[0]?.required).toBe(false);
    expect(choice.cases[1]?.children[1]?.validators[0]).toMatchObject({
      args: [["policy", "unknown"]],
      onFail: "exception",
    });
    expect(choice.cases[0]?.position).toEqual({ line: 4, column: 5 });
  });

  it("defaults the discriminator to 'discriminator'", () => {
    const spec = parseRail(
      rail('<output><choice name="c"><case name="a"><string name="x"/></case></choice></output>'),
    );
    expect(child(spec, "c")).toMatchObject({
      style: "discriminated",
      discriminator: "discriminator",
    });
  });

  it("reads the 0.1 sibling shape, with on-fail-choice", () => {
    const spec = parseRail(readFixture("sibling-choice-v01.rail"));
    const choice = child(spec, "action") as ChoiceField;
    expect(choice).toMatchObject({ style: "sibling", onFail: "reask", validators: [] });
    expect(choice.cases.map((c) => c.children.map((f) => [f.name, f.kind]))).toEqual([
      [["fight", "object"]],
      [["flight", "string"]],
    ]);
    expect(spec.warnings).toEqual([]);
  });

  it("is discriminated when one case breaks the sibling shape, or a discriminator is given", () => {
    const mixed = rail(
      '<output><choice name="c"><case name="a"><string name="a"/></case><case name="b"><string name="x"/></case></choice></output>',
    );
    expect(child(parseRail(mixed), "c")).toMatchObject({ style: "discriminated" });
    const declared = rail(
      '<output><choice name="c" discriminator="k"><case name="a"><string name="a"/></case></choice></output>',
    );
    expect(child(parseRail(declared), "c")).toMatchObject({
      style: "discriminated",
      discriminator: "k",
    });
  });

  it("reads case descriptions", () => {
    const spec = parseRail(
      rail('<output><choice name="c"><case name="a" description="the a case"/></choice></output>'),
    );
    expect((child(spec, "c") as ChoiceField).cases[0]).toMatchObject({
      name: "a",
      description: "the a case",
      children: [],
    });
  });
});

describe("parseRail: unknown tags, warnings and leniency", () => {
  it("reads an unknown tag as a string with the tag as a hint when asked", () => {
    const spec = parseRail(
      rail('<output><phone name="p" validators="length: 5 20" on-fail-length="fix"/></output>'),
      { unknownTags: "string" },
    );
    expect(child(spec, "p")).toMatchObject({
      kind: "string",
      validators: [
        { name: "length", args: [5, 20], onFail: "fix" },
        { name: "phone", args: [], kwargs: {}, onFail: "noop", source: "phone" },
      ],
    });
    expect(spec.warnings).toEqual([
      expect.objectContaining({
        code: "unknown-tag",
        path: 'output > phone "p"',
        position: { line: 2, column: 9 },
      }),
    ]);
  });

  it("warns about on-fail attributes that match no validator, and unknown attributes", () => {
    const spec = parseRail(
      rail(
        '<output><string name="x" validators="two-words" on-fail-length="fix" colour="red"/></output>',
      ),
    );
    expect(spec.warnings.map((w) => [w.code, w.path, w.position])).toEqual([
      ["unknown-attribute", 'output > string "x"', { line: 2, column: 70 }],
      ["unused-on-fail", 'output > string "x"', { line: 2, column: 49 }],
    ]);
  });

  it("warns about on-fail attributes on elements without validators", () => {
    const spec = parseRail(
      rail('<output><choice name="c"><case name="a" on-fail-length="fix"/></choice></output>'),
    );
    expect(spec.warnings.map((w) => [w.code, w.path])).toEqual([
      ["unknown-attribute", 'output > choice "c" > case "a"'],
    ]);
  });

  it("warns about ignored and repeated rail children, keeping the first", () => {
    const spec = parseRail(
      rail(
        '<output name="first"/><output name="second"/>',
        "<prompt>one</prompt><prompt>two</prompt><input/><messages/>\n",
      ),
    );
    expect(spec.output.root.name).toBe("first");
    expect(spec.prompt?.text).toBe("one");
    expect(spec.warnings.map((w) => [w.code, w.path])).toEqual([
      ["duplicate-element", 'output "second"'],
      ["duplicate-element", "prompt"],
      ["input-ignored", "input"],
      ["unknown-element", "messages"],
    ]);
  });

  it("normalises CRLF line ends and keeps positions by line", () => {
    const spec = parseRail(
      '<rail version="0.1">\r\n<output>\r\n  <string name="x"/>\r\n</output>\r\n<prompt>\r\n  a\r\n  b\r\n</prompt></rail>',
    );
    expect(child(spec, "x").position).toEqual({ line: 3, column: 3 });
    expect(spec.prompt?.text).toBe("a\nb");
  });

  it("decodes entities and numeric references in attributes, never external entities", () => {
    const spec = parseRail(
      rail(
        '<output><string name="x" description="a &lt; b &amp; &quot;c&quot;&#10;&#x41;"/></output>',
      ),
    );
    expect(child(spec, "x").description).toBe('a < b & "c"\nA');
  });

  it("expands internal DOCTYPE entities as plain text, never recursively", () => {
    const spec = parseRail(
      '<!DOCTYPE rail [<!ENTITY who "the model"><!ENTITY tag "<x/>"><!ENTITY lol "&who;&who;">]>\n<rail version="0.1"><output/><prompt>Ask &who; &tag; &lol;</prompt></rail>',
    );
    expect(spec.prompt?.text).toBe("Ask the model <x/> &lol;");
    expect(spec.output.root).toMatchObject({ kind: "object", children: [] });
  });

  it("accepts both 0.1 and 0.2 template syntax untouched", () => {
    const a = parseRail(readFixture("ref-a-contract-fees.rail"));
    expect(a.prompt?.text).toBe(
      "Read the contract below and list its fees.\n\n{{contract}}\n\n@xml_prefix_prompt\n\n{output_schema}\n\n@json_suffix_prompt_v2_wo_none",
    );
    const b = parseRail(readFixture("ref-b-episode.rail"));
    expect(b.reaskPrompt?.text).toBe(
      "Your last answer had errors:\n${previous_response}\nFix only those fields. ${output_schema}",
    );
  });
});
