// biome-ignore-all lint/suspicious/noTemplateCurlyInString: RAIL writes template variables as ${var}
// Hostile prompt templates and variable values: rendering ends in the prompt or a typed error.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  MissingPromptVariableError,
  PromptVariableError,
  renderTemplate,
  templateVariables,
} from "../../src/prompt/index.js";

const tokenish = fc.constantFrom(
  ..."${}@$ .-_\nx".split(""),
  "${",
  "$$",
  "{{",
  "}}",
  "${gr.",
  "${gr.json_suffix_prompt}",
  "@complete_json_suffix_v2",
  "{output_schema}",
  "__proto__",
  "constructor",
  "é😀",
);
const template = fc.array(tokenish, { maxLength: 30 }).map((parts) => parts.join(""));

describe("renderTemplate on hostile text", () => {
  it("renders any text, marking what is missing, and names exactly those variables", () => {
    fc.assert(
      fc.property(template, (text) => {
        const rendered = renderTemplate(text, { outputSchema: "SCHEMA", allowMissing: true });
        const marked = [...rendered.matchAll(/⟨missing: ([^⟩]*)⟩/g)].map((m) => m[1]);
        const users = marked.filter((name) => !name?.startsWith("gr."));
        // Constants may need their own slots (previous_response), so compare as sets.
        expect(new Set(users)).toEqual(new Set(templateVariables(text)));
        if (marked.length > 0) {
          expect(() => renderTemplate(text, { outputSchema: "SCHEMA" })).toThrow(
            MissingPromptVariableError,
          );
        }
      }),
      { numRuns: 300 },
    );
  });

  it("writes any value verbatim: substituted text is never read as a template", () => {
    fc.assert(
      fc.property(template, (value) => {
        expect(renderTemplate("<${x}>", { variables: { x: value } })).toBe(`<${value}>`);
      }),
      { numRuns: 300 },
    );
  });

  it.each([
    ["an unterminated ${", "cost: ${x", "cost: ${x"],
    ["$${x}, an escaped dollar", "$${x}", "${x}"],
    ["{{{x}}}", "{{{x}}}", "{1}"],
    ["an @ at the end", "mail me @", "mail me @"],
    ["a variable named like a constant", "${json_suffix_prompt}", "1"],
    ["variables named like Object.prototype", "${constructor}{{toString}}${__proto__}", "111"],
  ])("reads %s", (_, text, expected) => {
    const variables = Object.fromEntries(
      ["x", "json_suffix_prompt", "constructor", "toString", "__proto__"].map((name) => [name, 1]),
    );
    expect(renderTemplate(text, { variables })).toBe(expected);
  });

  it("never takes a missing variable from Object.prototype", () => {
    const error = (() => {
      try {
        renderTemplate("${constructor} {{toString}}");
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(MissingPromptVariableError);
    expect((error as MissingPromptVariableError).variables).toEqual(["constructor", "toString"]);
  });

  it.each([
    [
      "a cycle",
      () => {
        const value: Record<string, unknown> = {};
        value.self = value;
        return value;
      },
      "Converting circular structure to JSON",
    ],
    ["a bigint inside", () => ({ count: 1n }), "Do not know how to serialize a BigInt"],
  ])("refuses an object with %s with a typed error naming the variable", (_, make, reason) => {
    let error: unknown;
    try {
      renderTemplate("Data: ${data}", { variables: { data: make() } });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(PromptVariableError);
    expect(error).toMatchObject({ code: "prompt-variable", variable: "data", reason });
    expect((error as Error).message).toBe(
      `The prompt variable "data" cannot be written as text: ${reason}. Pass a string, or an object JSON can serialise.`,
    );
  });

  it("writes a top-level bigint as its digits", () => {
    expect(renderTemplate("${n}", { variables: { n: 10n ** 30n } })).toBe(`1${"0".repeat(30)}`);
  });
});
