import { describe, expect, it } from "vitest";
import { renderOutputXml } from "../../src/prompt/output-xml.js";
import type { Field, OutputSpec } from "../../src/rail/types.js";
import { compileRail } from "../../src/schema/compile.js";
import {
  choice,
  choiceCase,
  list,
  object,
  ref,
  scalar,
  spec,
  testRegistry,
} from "../schema/helpers.js";

const noValidators = () => [];
const output = (root: Field, type: OutputSpec["type"] = "object"): OutputSpec => ({
  type,
  strict: false,
  root,
});

describe("renderOutputXml", () => {
  it("renders every scalar kind with its attributes and 4-space indentation", () => {
    const root = object(undefined, [
      scalar("string", "title", { description: "The title" }),
      scalar("integer", "count"),
      scalar("float", "rate"),
      scalar("bool", "ok"),
      scalar("date", "aired", { format: "%d/%m/%Y" }),
      scalar("time", "at", { format: "%H:%M" }),
      scalar("date-time", "when", { format: "%Y-%m-%dT%H:%M" }),
      scalar("email", "mail"),
      scalar("url", "site"),
      scalar("percentage", "share"),
      scalar("pythoncode", "code"),
      scalar("sql", "query"),
      scalar("enum", "color", { values: ["red", "green"] }),
      scalar("string", "note", { required: false }),
    ]);
    expect(renderOutputXml(output(root), noValidators)).toBe(
      [
        "<output>",
        '    <string name="title" description="The title"/>',
        '    <integer name="count"/>',
        '    <float name="rate"/>',
        '    <bool name="ok"/>',
        '    <date name="aired" date-format="%d/%m/%Y"/>',
        '    <time name="at" time-format="%H:%M"/>',
        '    <date-time name="when" datetime-format="%Y-%m-%dT%H:%M"/>',
        '    <email name="mail"/>',
        '    <url name="site"/>',
        '    <percentage name="share"/>',
        '    <pythoncode name="code"/>',
        '    <sql name="query"/>',
        '    <enum name="color" values="red, green"/>',
        '    <string name="note" required="false"/>',
        "</output>",
      ].join("\n"),
    );
  });

  it("nests objects and lists, free-form ones self-closed", () => {
    const root = object(undefined, [
      list("fees", object(undefined, [scalar("string", "name"), list("tags")])),
      object("meta", []),
    ]);
    expect(renderOutputXml(output(root), noValidators)).toBe(
      [
        "<output>",
        '    <list name="fees">',
        "        <object>",
        '            <string name="name"/>',
        '            <list name="tags"/>',
        "        </object>",
        "    </list>",
        '    <object name="meta"/>',
        "</output>",
      ].join("\n"),
    );
  });

  it("renders a list output with type=list", () => {
    const xml = renderOutputXml(output(list(undefined, scalar("string")), "list"), noValidators);
    expect(xml).toBe('<output type="list">\n    <string/>\n</output>');
  });

  it("keeps a discriminated choice with its discriminator and cases", () => {
    const root = object(undefined, [
      choice(
        "decision",
        [
          choiceCase("answer", [scalar("string", "text")]),
          choiceCase("refuse", [scalar("string", "reason", { required: false })]),
        ],
        { discriminator: "kind" },
      ),
    ]);
    expect(renderOutputXml(output(root), noValidators)).toBe(
      [
        "<output>",
        '    <choice name="decision" discriminator="kind">',
        '        <case name="answer">',
        '            <string name="text"/>',
        "        </case>",
        '        <case name="refuse">',
        '            <string name="reason" required="false"/>',
        "        </case>",
        "    </choice>",
        "</output>",
      ].join("\n"),
    );
  });

  it("deconstructs a 0.1-style choice into a selector and conditional case children", () => {
    const root = object(undefined, [
      choice(
        "action",
        [
          choiceCase("fight", [scalar("string", "fight_move")]),
          choiceCase("flight", [object("flight", [scalar("integer", "distance")])]),
        ],
        { style: "sibling", description: "What to do" },
      ),
    ]);
    expect(renderOutputXml(output(root), noValidators)).toBe(
      [
        "<output>",
        '    <string name="action" choices="fight,flight" description="What to do"/>',
        '    <string name="fight_move" if="action==fight"/>',
        '    <object name="flight" if="action==flight">',
        '        <integer name="distance"/>',
        "    </object>",
        "</output>",
      ].join("\n"),
    );
  });

  it("escapes attribute values", () => {
    const root = object(undefined, [scalar("string", "q", { description: 'Say "hi" & <b>\nbye' })]);
    expect(renderOutputXml(output(root), noValidators)).toContain(
      'description="Say &quot;hi&quot; &amp; &lt;b&gt;&#10;bye"',
    );
  });

  it("joins validator texts into format, and drops format when there are none", () => {
    const title = scalar("string", "title");
    const plain = scalar("string", "plain");
    const prompts = (field: Field) =>
      field === title ? ["length: min=1 max=10", "lower-case"] : [];
    const xml = renderOutputXml(output(object(undefined, [title, plain])), prompts);
    expect(xml).toContain('<string name="title" format="length: min=1 max=10; lower-case"/>');
    expect(xml).toContain('<string name="plain"/>');
  });
});

describe("renderOutputXml pruning", () => {
  const name = scalar("string", "name");
  const amount = scalar("float", "amount");
  const fees = list("fees", object(undefined, [name, amount]));
  const title = scalar("string", "title");
  const text = scalar("string", "text");
  const reason = scalar("string", "reason");
  const decision = choice("decision", [
    choiceCase("answer", [text]),
    choiceCase("refuse", [reason]),
  ]);
  const root = object(undefined, [title, fees, decision]);

  it("keeps only the given fields and their ancestors", () => {
    expect(renderOutputXml(output(root), noValidators, new Set([name]))).toBe(
      [
        "<output>",
        '    <list name="fees">',
        "        <object>",
        '            <string name="name"/>',
        "        </object>",
        "    </list>",
        "</output>",
      ].join("\n"),
    );
  });

  it("renders a kept container whole", () => {
    const xml = renderOutputXml(output(root), noValidators, new Set<Field>([fees]));
    expect(xml).toContain('<string name="name"/>');
    expect(xml).toContain('<float name="amount"/>');
    expect(xml).not.toContain("title");
  });

  it("keeps only the case that holds a kept field", () => {
    const xml = renderOutputXml(output(root), noValidators, new Set([reason]));
    expect(xml).toContain('<case name="refuse">');
    expect(xml).not.toContain('<case name="answer">');
    expect(xml).not.toContain("fees");
  });

  it("renders an empty output for an empty set", () => {
    expect(renderOutputXml(output(root), noValidators, new Set())).toBe("<output/>");
  });
});

describe("compiled output schema", () => {
  it("strips on-fail, renders validators in keyword form, hides hidden ones, keeps hints", () => {
    const compiled = compileRail(
      spec(
        object(undefined, [
          scalar("string", "name", {
            validators: [
              ref("length", ["1", "10"], {}, "fix"),
              ref("1-indexed", [], {}, "reask"),
              ref("similar-to-document", [], {}, "reask"),
              ref("valid-choices", [["a", "b"]], {}, "exception"),
              ref("regex_match", ["\\d+"]),
            ],
          }),
          scalar("integer", "age", { validators: [ref("two-words")] }),
        ]),
      ),
      // `1-indexed` is a hint-only format, as in Guardrails' 0.1 examples: allowed as a hint.
      { registry: testRegistry(), unknownValidators: "warn" },
    );
    expect(compiled.outputSchema).toBe(
      [
        "<output>",
        "    <string name=\"name\" format=\"length: min=1 max=10; valid-choices: choices=['a', 'b']; results should match \\d+; 1-indexed\"/>",
        '    <integer name="age" format="two-words"/>',
        "</output>",
      ].join("\n"),
    );
    expect(compiled.outputSchema).not.toContain("on-fail");
  });
});
