import { describe, expect, it } from "vitest";
import { isPromptConstant, PROMPT_CONSTANTS } from "../../src/prompt/constants.js";
import { templateVariables } from "../../src/prompt/template.js";

const REFERENCE_CONSTANTS = [
  "xml_prefix_prompt",
  "json_suffix_prompt",
  "json_suffix_prompt_v2",
  "json_suffix_prompt_v2_wo_none",
  "complete_json_suffix",
  "complete_json_suffix_v2",
  "complete_json_suffix_v3",
  "json_suffix_prompt_examples",
  "json_suffix_without_examples",
  "high_level_json_reask_prompt",
  "high_level_reask_prompt",
  "high_level_skeleton_reask_prompt",
  "high_level_json_parsing_reask_prompt",
  "high_level_string_reask_prompt",
  "complete_string_suffix",
  "high_level_json_instructions",
];

const SCHEMA_SLOT = "${output_schema}";

describe("prompt constants", () => {
  it("has every constant of the reference, non-empty", () => {
    for (const name of REFERENCE_CONSTANTS) {
      expect(isPromptConstant(name), name).toBe(true);
      expect(PROMPT_CONSTANTS[name]?.trim().length, name).toBeGreaterThan(0);
    }
    expect(isPromptConstant("toString")).toBe(false);
  });

  it("embeds the schema where Guardrails does, and only there", () => {
    const withSchema = Object.keys(PROMPT_CONSTANTS).filter((name) =>
      PROMPT_CONSTANTS[name]?.includes(SCHEMA_SLOT),
    );
    expect(withSchema.sort()).toEqual(
      [
        "complete_json_suffix",
        "complete_json_suffix_v2",
        "complete_json_suffix_v3",
        "json_suffix_without_examples",
        "complete_string_suffix",
        "xml_suffix_without_examples",
        "complete_xml_suffix",
        "complete_xml_suffix_v2",
        "complete_xml_suffix_v3",
      ].sort(),
    );
  });

  it("distinguishes the complete_json_suffix variants by their rule on uncertain values", () => {
    const {
      complete_json_suffix: v1,
      complete_json_suffix_v2: v2,
      complete_json_suffix_v3: v3,
    } = PROMPT_CONSTANTS;
    expect(v1).toContain("`null`");
    expect(v2).not.toMatch(/unsure/);
    expect(v3).toMatch(/best guess/);
    for (const text of [v1, v2, v3])
      expect(text?.startsWith(PROMPT_CONSTANTS.xml_prefix_prompt as string)).toBe(true);
  });

  it("keeps the 'None' rule only in json_suffix_prompt_v2", () => {
    expect(PROMPT_CONSTANTS.json_suffix_prompt_v2).toContain('"None"');
    expect(PROMPT_CONSTANTS.json_suffix_prompt_v2_wo_none).not.toContain("None");
    expect(
      PROMPT_CONSTANTS.json_suffix_prompt_v2?.startsWith(
        PROMPT_CONSTANTS.json_suffix_prompt_v2_wo_none as string,
      ),
    ).toBe(true);
  });

  it("gives the reask prompts the slots the guard fills", () => {
    expect(templateVariables("@high_level_json_reask_prompt")).toEqual(["previous_response"]);
    expect(templateVariables("@high_level_skeleton_reask_prompt")).toEqual(["previous_response"]);
    expect(PROMPT_CONSTANTS.high_level_reask_prompt).toBe(
      PROMPT_CONSTANTS.high_level_json_reask_prompt,
    );
    expect(templateVariables("@high_level_json_parsing_reask_prompt")).toEqual([
      "previous_response",
    ]);
    expect(PROMPT_CONSTANTS.complete_string_suffix).toBe(SCHEMA_SLOT);
  });

  it("makes the instructions say JSON only, with the examples and no schema", () => {
    const instructions = PROMPT_CONSTANTS.high_level_json_instructions as string;
    expect(instructions).toMatch(/only in valid JSON/);
    expect(instructions).toContain(PROMPT_CONSTANTS.json_suffix_prompt_examples as string);
    expect(instructions).not.toContain(SCHEMA_SLOT);
  });
});
