import { describe, expect, it } from "vitest";
import { RailguardError } from "../../src/errors.js";
import { bindValidators } from "../../src/schema/bindings.js";
import { ValidatorArgumentError, ValidatorBindingError } from "../../src/schema/errors.js";
import { choice, choiceCase, list, object, ref, scalar, spec, testRegistry } from "./helpers.js";

const registry = testRegistry();
const bind = (
  root: Parameters<typeof spec>[0],
  strict = false,
  unknownValidators: "error" | "warn" = "error",
) => bindValidators(spec(root, { strict }).output, registry, unknownValidators);

describe("binding paths", () => {
  it("gives JSONPaths with * for list items, in document order", () => {
    const name = scalar("string", "name", { validators: [ref("lower-case", [], {}, "fix")] });
    const fees = list("fees", object(undefined, [name]), { validators: [ref("length", [1])] });
    const root = object(
      undefined,
      [fees, scalar("string", "odd key", { validators: [ref("two-words")] })],
      {
        validators: [ref("valid-choices", [[]])],
      },
    );
    const { bindings } = bind(root);
    expect(bindings.map((b) => [b.path, b.definition.name, b.onFail])).toEqual([
      ["$", "valid-choices", "noop"],
      ["$.fees", "length", "noop"],
      ["$.fees.*.name", "lower-case", "fix"],
      ['$["odd key"]', "two-words", "noop"],
    ]);
    expect(bindings[2]?.field).toBe(name);
    expect(bindings[2]?.ref).toBe(name.validators[0]);
  });

  it("puts discriminated case children under the choice and 0.1 case children beside it", () => {
    const text = scalar("string", "text", { validators: [ref("two-words")] });
    const move = scalar("string", "move", { validators: [ref("lower-case")] });
    const root = object(undefined, [
      choice("decision", [choiceCase("answer", [text])], {
        validators: [ref("valid-choices", [["answer"]])],
      }),
      list(
        "turns",
        object(undefined, [choice("action", [choiceCase("fight", [move])], { style: "sibling" })]),
      ),
    ]);
    expect(bind(root).bindings.map((b) => b.path)).toEqual([
      "$.decision",
      "$.decision.text",
      "$.turns.*.move",
    ]);
  });

  it("binds the root of a string output and list items of a list output", () => {
    expect(bind(scalar("string", "s", { validators: [ref("two-words")] })).bindings[0]?.path).toBe(
      "$",
    );
    expect(
      bind(list(undefined, scalar("string", undefined, { validators: [ref("two-words")] })))
        .bindings[0]?.path,
    ).toBe("$.*");
  });

  it("keeps each field's bindings and hints apart", () => {
    const field = scalar("string", "a", { validators: [ref("1-indexed"), ref("two-words")] });
    const entry = bind(object(undefined, [field]), false, "warn").byField.get(field);
    expect(entry?.bindings.map((b) => b.definition.name)).toEqual(["two-words"]);
    expect(entry?.hints.map((h) => h.name)).toEqual(["1-indexed"]);
  });
});

describe("binding arguments", () => {
  const argsOf = (validator: ReturnType<typeof ref>, kind: "string" | "integer" = "string") =>
    bind(object(undefined, [scalar(kind, "a", { validators: [validator] })])).bindings[0]?.args;

  it("resolves positional arguments by index and keywords by name, coercing text", () => {
    expect(argsOf(ref("length", ["1", 10]))).toEqual({ min: 1, max: 10 });
    expect(argsOf(ref("length", [], { max: "5" }))).toEqual({ max: 5 });
    expect(argsOf(ref("valid-range", ["0.5", "1e2"], {}), "integer")).toEqual({
      min: 0.5,
      max: 100,
    });
    expect(argsOf(ref("flagged", ["TRUE"]))).toEqual({ strict: true });
    expect(argsOf(ref("regex_match", [123]))).toEqual({ regex: "123", match_type: "fullmatch" });
  });

  it("fills defaults and leaves absent optional arguments out", () => {
    expect(argsOf(ref("regex_match", ["a+"], { match_type: "search" }))).toEqual({
      regex: "a+",
      match_type: "search",
    });
    expect(argsOf(ref("length"))).toEqual({});
  });

  it("wraps a single value into a list argument", () => {
    expect(argsOf(ref("valid-choices", ["a"]))).toEqual({ choices: ["a"] });
    expect(argsOf(ref("valid-choices", [["a", "b"]]))).toEqual({ choices: ["a", "b"] });
  });

  const argumentError = (validator: ReturnType<typeof ref>): ValidatorArgumentError => {
    try {
      argsOf(validator);
    } catch (error) {
      expect(error).toBeInstanceOf(ValidatorArgumentError);
      expect(error).toBeInstanceOf(RailguardError);
      return error as ValidatorArgumentError;
    }
    throw new Error("expected a ValidatorArgumentError");
  };

  it.each([
    [ref("length", ["one"]), "min", /must be an integer, got "one"/],
    [ref("length", ["2.5"]), "min", /must be an integer/],
    [ref("length", [1, 2, 3]), "#3 (3)", /one too many: "length" takes at most 2 \(min, max\)/],
    [ref("length", [], { size: 3 }), "size", /unknown \(allowed: min, max\)/],
    [ref("length", [1], { min: 2 }), "min", /both by position and by name/],
    [ref("valid-choices"), "choices", /is required \(list\)/],
    [ref("lower-case", [true]), "#1 (true)", /takes no arguments/],
    [ref("regex_match", [["x"]]), "regex", /must be a string/],
    [ref("flagged", ["maybe"]), "strict", /must be true or false/],
  ])(
    "reports bad argument case %# as a typed error naming field, validator and argument",
    (validator, argument, reason) => {
      const error = argumentError(validator);
      expect(error.path).toBe("$.a");
      expect(error.validator).toBe(validator.name);
      expect(error.argument).toBe(argument);
      expect(error.message).toMatch(reason);
      expect(error.message).toContain(`Validator "${validator.name}" on $.a`);
    },
  );

  it("includes the source position when the field has one", () => {
    const field = scalar("string", "a", {
      validators: [ref("length", ["x"])],
      position: { line: 4, column: 7 },
    });
    expect(() => bind(object(undefined, [field]))).toThrow(/line 4, column 7/);
  });

  it("accepts None for an optional argument", () => {
    expect(argsOf(ref("length", [null, 3]))).toEqual({ min: null, max: 3 });
  });
});

describe("unknown and inapplicable validators", () => {
  const root = () =>
    object(undefined, [
      scalar("integer", "n", { validators: [ref("two-words")], position: { line: 3, column: 5 } }),
      list("l", scalar("string", undefined, { validators: [ref("units-imperial")] })),
    ]);

  it("become hints with warnings naming where they are (unknown names when allowed)", () => {
    const { bindings, warnings } = bind(root(), false, "warn");
    expect(bindings).toEqual([]);
    expect(warnings).toEqual([
      {
        code: "validator-not-applicable",
        message:
          '"two-words" is not valid for element integer on $.n. It is shown to the model as a hint and not run.',
        path: 'output > integer "n"',
        position: { line: 3, column: 5 },
      },
      {
        code: "unknown-validator",
        message:
          'unknown validator "units-imperial" on $.l.*. It is shown to the model as a hint and not run.',
        path: 'output > list "l" > string',
      },
    ]);
  });

  it("are errors in a strict output; unknown names are errors unless allowed", () => {
    expect(() => bind(root(), true, "warn")).toThrow(ValidatorBindingError);
    expect(() => bind(root(), true, "warn")).toThrow(
      'Validator "two-words" on $.n (line 3, column 5): "two-words" is not valid for element integer.',
    );
    const unknownOnly = object(undefined, [scalar("string", "s", { validators: [ref("nope")] })]);
    expect(() => bind(unknownOnly)).toThrow(
      /Validator "nope" on \$\.s: not a registered validator\./,
    );
    expect(bind(unknownOnly, true, "warn").warnings.map((w) => w.code)).toEqual([
      "unknown-validator",
    ]);
  });

  it("let string validators apply to the deprecated string tags", () => {
    const root = object(undefined, [scalar("sql", "q", { validators: [ref("lower-case")] })]);
    expect(bind(root).bindings.map((b) => b.path)).toEqual(["$.q"]);
  });

  it("resolve hub:// ids through the registry", () => {
    const root = object(undefined, [
      scalar("string", "s", { validators: [ref("hub://guardrails/two-words")] }),
    ]);
    expect(bind(root).bindings[0]?.definition.name).toBe("two-words");
  });
});
