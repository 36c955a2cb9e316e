import { describe, expect, it } from "vitest";
import { renderStringSchema } from "../../src/prompt/string-schema.js";
import { compileRail } from "../../src/schema/compile.js";
import { ref, scalar, spec, testRegistry } from "../schema/helpers.js";

describe("renderStringSchema", () => {
  it("writes the description, one bullet per validator, and the closing cue", () => {
    expect(renderStringSchema("A pizza name", ["two-words", "lower-case"])).toBe(
      [
        "Here is a description of what you should write: A pizza name",
        "",
        "Your response must satisfy every one of these properties:",
        "- two-words",
        "- lower-case",
        "",
        "Answer with the response only, nothing else.",
      ].join("\n"),
    );
  });

  it("leaves out the parts it has nothing for", () => {
    expect(renderStringSchema(undefined, [])).toBe("Answer with the response only, nothing else.");
    expect(renderStringSchema("", ["one-line"])).not.toContain("description");
  });

  it("is what a string output compiles to, hidden validators left out and hints kept", () => {
    const root = scalar("string", "pizza", {
      description: "A two-word pizza name",
      validators: [
        ref("two-words", [], {}, "reask"),
        ref("similar-to-document"),
        ref("tasty"),
        ref("length", [], { max: 20 }),
      ],
    });
    // `tasty` is no validator: allowed as a hint.
    const compiled = compileRail(spec(root, { type: "string" }), {
      registry: testRegistry(),
      unknownValidators: "warn",
    });
    expect(compiled.outputSchema).toBe(
      renderStringSchema("A two-word pizza name", ["two-words", "length: max=20", "tasty"]),
    );
    expect(compiled.prunedOutputSchema(new Set())).toBe(compiled.outputSchema);
  });
});
