import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { Guard } from "../../src/guard/index.js";
import { MissingPromptVariableError } from "../../src/prompt/errors.js";
import { renderTemplate, templateVariables } from "../../src/prompt/template.js";
import { compileRail } from "../../src/schema/index.js";
import { scriptedLLM } from "../guard/support.js";

// The shape of a string spec from Guardrails' own test assets: the constant without `gr.`.
const assetSpec = readFileSync(
  new URL("../fixtures/rail/guardrails-string-bare-constant.rail", import.meta.url),
  "utf8",
);

describe("a bare Guardrails constant name (`${complete_string_suffix}`, no `gr.`)", () => {
  it("renders as the constant when no parameter of that name is given", () => {
    const text = "Name it. ${complete_string_suffix}";
    expect(renderTemplate(text, { outputSchema: "SCHEMA" })).toBe("Name it. SCHEMA");
    expect(renderTemplate("{{ complete_string_suffix }}", { outputSchema: "S" })).toBe("S");
  });

  it("is an ordinary variable when a parameter of that name is given", () => {
    const variables = { complete_string_suffix: "mine" };
    expect(renderTemplate("${complete_string_suffix}", { variables, outputSchema: "S" })).toBe(
      "mine",
    );
  });

  it("leaves other unknown names missing", () => {
    expect(() => renderTemplate("${complete_strng_suffix}", { outputSchema: "S" })).toThrow(
      MissingPromptVariableError,
    );
  });

  it("is not a variable the caller must give", () => {
    expect(templateVariables("${ingredients} ${complete_string_suffix}")).toEqual(["ingredients"]);
  });

  it("compiles with a warning that names the element and the `gr.` spelling", () => {
    const warnings = compileRail(assetSpec).warnings.filter(
      (warning) => warning.code === "bare-prompt-constant",
    );
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.path).toBe("prompt");
    expect(warnings[0]?.message).toContain("${complete_string_suffix}");
    expect(warnings[0]?.message).toContain("${gr.complete_string_suffix}");
    expect(warnings[0]?.position?.line).toBe(6);
  });

  it("lets the Guardrails asset call the model, the schema in the prompt", async () => {
    const guard = Guard.fromRailString(assetSpec);
    expect(guard.compiled.warnings.map((warning) => warning.code)).toContain(
      "bare-prompt-constant",
    );
    const model = scriptedLLM(["Truffle Dream"]);
    const outcome = await guard.call(model.llm, { promptParams: { ingredients: "truffles" } });
    expect(outcome.error).toBeUndefined();
    expect(outcome.validationPassed).toBe(true);
    expect(outcome.validatedOutput).toBe("Truffle Dream");
    expect(model.prompts[0]).toContain(guard.compiled.outputSchema);
    expect(model.prompts[0]).not.toContain("complete_string_suffix");
  });
});
