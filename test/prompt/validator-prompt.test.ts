import { describe, expect, it } from "vitest";
import { keywordPrompt } from "../../src/prompt/validator-prompt.js";

describe("keywordPrompt", () => {
  it("writes name: k=v with bare strings and repr for containers", () => {
    expect(keywordPrompt("length", { min: 1, max: 10 })).toBe("length: min=1 max=10");
    expect(keywordPrompt("valid-choices", { choices: ["a", "b"] })).toBe(
      "valid-choices: choices=['a', 'b']",
    );
    expect(keywordPrompt("regex_match", { regex: "\\d+", match_type: "search" })).toBe(
      "regex_match: regex=\\d+ match_type=search",
    );
    expect(keywordPrompt("flag", { on: true, off: null })).toBe("flag: on=True off=None");
  });

  it("writes containers as Python's repr, control characters escaped", () => {
    expect(keywordPrompt("valid-choices", { choices: ["it's", "a\nb", 2.5, { k: false }] })).toBe(
      "valid-choices: choices=['it\\'s', 'a\\nb', 2.5, {'k': False}]",
    );
  });

  it("writes the bare name without arguments, skipping undefined ones", () => {
    expect(keywordPrompt("lower-case", {})).toBe("lower-case");
    expect(keywordPrompt("length", { min: undefined })).toBe("length");
  });
});
