// biome-ignore-all lint/suspicious/noTemplateCurlyInString: these strings are RAIL templates, not JS ones
import { describe, expect, it } from "vitest";
import { RailguardError } from "../../src/errors.js";
import { PROMPT_CONSTANTS } from "../../src/prompt/constants.js";
import { MissingPromptVariableError } from "../../src/prompt/errors.js";
import { renderTemplate, templateVariables } from "../../src/prompt/template.js";

const schema = '<output>\n    <string name="a"/>\n</output>';

describe("renderTemplate variables", () => {
  it("fills {{var}} (0.1 style) and ${var} (0.2 style)", () => {
    const text = "A {{first}} and ${second} and {{ spaced }}.";
    const rendered = renderTemplate(text, {
      variables: { first: "one", second: "two", spaced: "three" },
    });
    expect(rendered).toBe("A one and two and three.");
  });

  it("leaves single braces and unrelated dollars alone", () => {
    const text = 'JSON like {"a": 1} costs $5 and {document} stays.';
    expect(renderTemplate(text)).toBe(text);
  });

  it("turns $$ into a literal $, also before braces", () => {
    expect(renderTemplate("Price: $$10, literal $${x}", { variables: { x: "no" } })).toBe(
      "Price: $10, literal ${x}",
    );
  });

  it("writes non-string values as text (objects as JSON)", () => {
    const rendered = renderTemplate("${n} ${flag} ${obj}", {
      variables: { n: 3, flag: false, obj: { a: 1 } },
    });
    expect(rendered).toBe('3 false {\n  "a": 1\n}');
  });
});

describe("renderTemplate output schema", () => {
  it.each(["{output_schema}", "{{output_schema}}", "${output_schema}"])("fills %s", (slot) => {
    expect(renderTemplate(`Schema:\n${slot}`, { outputSchema: schema })).toBe(`Schema:\n${schema}`);
  });

  it("treats output_schema as an ordinary variable when no schema is given", () => {
    expect(renderTemplate("${output_schema}", { variables: { output_schema: "S" } })).toBe("S");
    expect(() => renderTemplate("{output_schema}")).toThrow(MissingPromptVariableError);
  });
});

describe("renderTemplate constants", () => {
  it("expands @name and ${gr.name} to the same text", () => {
    const at = renderTemplate("@json_suffix_prompt_v2_wo_none");
    expect(at).toBe(PROMPT_CONSTANTS.json_suffix_prompt_v2_wo_none);
    expect(renderTemplate("${gr.json_suffix_prompt_v2_wo_none}")).toBe(at);
  });

  it("renders a constant's own slots (the schema inside complete_json_suffix_v2)", () => {
    const viaAt = renderTemplate("Go.\n@complete_json_suffix_v2", { outputSchema: schema });
    const viaGr = renderTemplate("Go.\n${gr.complete_json_suffix_v2}", { outputSchema: schema });
    expect(viaAt).toBe(viaGr);
    expect(viaAt).toContain(`\n\n${schema}\n\n`);
    expect(viaAt).not.toContain("${output_schema}");
    expect(viaAt.startsWith(`Go.\n${PROMPT_CONSTANTS.xml_prefix_prompt}`)).toBe(true);
  });

  it("fills a reask constant's previous_response and error_messages from the variables", () => {
    const rendered = renderTemplate("@high_level_string_reask_prompt", {
      variables: { previous_response: "old answer", error_messages: "- too long" },
    });
    expect(rendered).toContain("\nold answer\n");
    expect(rendered).toContain("\n- too long");
  });

  it("leaves e-mail addresses and unknown @words untouched", () => {
    const text = "Write to ops@complete_json_suffix.io or @nobody_knows_this; user@example.com";
    expect(renderTemplate(text)).toBe(text);
  });

  it("reports an unknown ${gr.name} constant", () => {
    expect(() => renderTemplate("${gr.no_such_constant}")).toThrow(
      /gr\.no_such_constant.*no prompt constant/,
    );
  });
});

describe("renderTemplate single pass", () => {
  it("never re-scans substituted values", () => {
    const variables = {
      doc: "${other} @json_suffix_prompt {{other}} {output_schema} $$",
      other: "X",
    };
    const rendered = renderTemplate("[${doc}] [{{doc}}]", { variables, outputSchema: schema });
    expect(rendered).toBe(`[${variables.doc}] [${variables.doc}]`);
  });

  it("does not re-scan the output schema either", () => {
    const rendered = renderTemplate("${output_schema}", {
      outputSchema: 'desc="${x} @xml_prefix_prompt"',
    });
    expect(rendered).toBe('desc="${x} @xml_prefix_prompt"');
  });
});

describe("renderTemplate missing variables", () => {
  it("throws a typed error naming every missing variable once, in order", () => {
    const render = () => renderTemplate("${a} {{b}} ${a} ${c}", { variables: { c: "ok" } });
    expect(render).toThrow(MissingPromptVariableError);
    try {
      render();
    } catch (error) {
      expect(error).toBeInstanceOf(RailguardError);
      expect((error as MissingPromptVariableError).variables).toEqual(["a", "b"]);
      expect((error as MissingPromptVariableError).code).toBe("missing-prompt-variable");
      expect((error as Error).message).toContain('"a", "b"');
    }
  });

  it("counts an undefined value as missing", () => {
    expect(() => renderTemplate("${a}", { variables: { a: undefined } })).toThrow(/"a"/);
  });

  it("marks unfilled variables with allowMissing", () => {
    const rendered = renderTemplate("Doc: ${document}\nQ: {{question}}\nA: ${answer}", {
      variables: { answer: "42" },
      allowMissing: true,
    });
    expect(rendered).toBe("Doc: ⟨missing: document⟩\nQ: ⟨missing: question⟩\nA: 42");
  });
});

describe("templateVariables", () => {
  it("lists user variables in order of first use, without the schema slot or constants", () => {
    const text =
      "{{document}} ${question} ${document} {output_schema} ${output_schema} @complete_json_suffix_v2 ${gr.xml_prefix_prompt} $${escaped} a@b.c";
    expect(templateVariables(text)).toEqual(["document", "question"]);
  });

  it("includes the variables of the constants used", () => {
    expect(templateVariables("@high_level_json_reask_prompt")).toEqual(["previous_response"]);
    expect(templateVariables("${gr.high_level_string_reask_prompt}")).toEqual([
      "previous_response",
      "error_messages",
    ]);
  });
});
