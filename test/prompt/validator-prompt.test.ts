import { describe, expect, it } from "vitest";
import { keywordPrompt, pythonRepr } from "../../src/prompt/validator-prompt.js";

describe("pythonRepr", () => {
  it("prints literals as Python would", () => {
    expect(pythonRepr(["a", 1, true, null, { k: false }])).toBe(
      "['a', 1, True, None, {'k': False}]",
    );
    expect(pythonRepr("it's \\ ok")).toBe("'it\\'s \\\\ ok'");
    expect(pythonRepr(2.5)).toBe("2.5");
  });
});

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

  it("writes the bare name without arguments, skipping undefined ones", () => {
    expect(keywordPrompt("lower-case", {})).toBe("lower-case");
    expect(keywordPrompt("length", { min: undefined })).toBe("length");
  });
});
