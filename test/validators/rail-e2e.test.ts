import { describe, expect, it } from "vitest";
import { Guard } from "../../src/guard/index.js";
import type { LLM } from "../../src/llm/types.js";
import { defaultRegistry } from "../../src/validators/builtins.js";
import { choiceValidators } from "../../src/validators/choice.js";
import { codeValidators } from "../../src/validators/code.js";
import { dateValidators } from "../../src/validators/dates.js";
import { numericValidators } from "../../src/validators/numeric.js";
import { regexValidators } from "../../src/validators/regex.js";
import { stringValidators } from "../../src/validators/string.js";
import { textSafetyValidators } from "../../src/validators/text-safety.js";
import { urlEmailValidators } from "../../src/validators/url-email.js";

/** One validator used from RAIL: a value it rejects, the fix it gives (if any), a value it accepts. */
interface Row {
  alias: string;
  validators: string;
  element: (attributes: string) => string;
  bad: unknown;
  fixed?: unknown;
  good: unknown;
}

const string = (attributes: string) => `<string name="value" ${attributes}/>`;

const ROWS: Row[] = [
  {
    alias: "length",
    validators: "length: 1 3",
    element: string,
    bad: "abcdef",
    fixed: "abc",
    good: "ab",
  },
  {
    alias: "two-words",
    validators: "two-words",
    element: string,
    bad: "oneWord",
    fixed: "one Word",
    good: "two words",
  },
  {
    alias: "one-line",
    validators: "one-line",
    element: string,
    bad: "a\nb",
    fixed: "a",
    good: "a",
  },
  {
    alias: "lower-case",
    validators: "lower-case",
    element: string,
    bad: "ABC",
    fixed: "abc",
    good: "abc",
  },
  {
    alias: "upper-case",
    validators: "upper-case",
    element: string,
    bad: "abc",
    fixed: "ABC",
    good: "ABC",
  },
  {
    alias: "ends-with",
    validators: "ends-with: end",
    element: (attributes) => `<list name="value" ${attributes}><string/></list>`,
    bad: ["a"],
    fixed: ["a", "end"],
    good: ["a", "end"],
  },
  {
    alias: "valid-range",
    validators: "valid-range: 0 10",
    element: (attributes) => `<integer name="value" ${attributes}/>`,
    bad: 12,
    fixed: 10,
    good: 5,
  },
  {
    alias: "valid-choices",
    validators: "valid-choices: {['red', 'blue']}",
    element: string,
    bad: "green",
    good: "red",
  },
  {
    alias: "valid-choices",
    validators: "valid-choices: {['red', 'blue']}",
    element: string,
    bad: " RED",
    fixed: "red",
    good: "blue",
  },
  {
    alias: "valid-url",
    validators: "valid-url",
    element: string,
    bad: "example.com",
    good: "https://example.com",
  },
  {
    alias: "valid-email",
    validators: "valid-email",
    element: string,
    bad: "Bob <Bob@X.ORG>",
    fixed: "Bob@x.org",
    good: "a@b.co",
  },
  {
    alias: "regex_match",
    validators: "regex_match: {'[A-Z]{2}-[0-9]{3}'}",
    element: string,
    bad: "ab-12",
    fixed: "AA-000",
    good: "QX-123",
  },
  {
    alias: "regex_match",
    validators: "regex_match: {'(?!a)[a-z]'}",
    element: string,
    bad: "a",
    good: "b",
  },
  {
    alias: "is-iso-date",
    validators: "is-iso-date",
    element: string,
    bad: "March 5, 2024",
    fixed: "2024-03-05",
    good: "2024-01-31",
  },
  {
    alias: "bug-free-python",
    validators: "bug-free-python",
    element: string,
    bad: "def f(:",
    good: "def f(): pass",
  },
  {
    alias: "bug-free-javascript",
    validators: "bug-free-javascript",
    element: string,
    bad: "let = ;",
    good: "let a = 1;",
  },
  {
    alias: "is-profanity-free",
    validators: "is-profanity-free",
    element: string,
    bad: "oh shit",
    fixed: "oh ****",
    good: "oh no",
  },
  {
    alias: "detect-secrets",
    validators: "detect-secrets",
    element: string,
    bad: "key AKIAIOSFODNN7EXAMPLE",
    fixed: "key ********",
    good: "key none",
  },
  {
    alias: "pii",
    validators: "pii: {['EMAIL_ADDRESS']}",
    element: string,
    bad: "mail a@b.co now",
    fixed: "mail <EMAIL_ADDRESS> now",
    good: "no mail",
  },
  {
    alias: "competitor-check",
    validators: "competitor-check: {['Acme']}",
    element: string,
    bad: "Buy ours. Not Acme.",
    fixed: "Buy ours.",
    good: "Buy ours.",
  },
  {
    alias: "toxic-language",
    validators: "toxic-language: 0.5 sentence",
    element: string,
    bad: "Hi. You are an idiot.",
    fixed: "Hi.",
    good: "Hi.",
  },
];

const ACTIONS = ["noop", "fix", "filter", "refrain", "exception", "reask", "fix_reask"] as const;

function railFor(row: Row, action: string): string {
  const attributes = `validators="${row.validators}" on-fail-${row.alias}="${action}"`;
  return `<rail version="0.1"><output>${row.element(attributes)}<string name="other"/></output></rail>`;
}

/** A model that answers every reask with the accepted value, counting its calls. */
function answering(good: unknown): { llm: LLM; calls: () => number } {
  let calls = 0;
  const llm: LLM = () => {
    calls += 1;
    return JSON.stringify({ value: good });
  };
  return { llm, calls: () => calls };
}

const output = (value: unknown): string => JSON.stringify({ value, other: "x" });

describe.each(ROWS)("$alias ($validators) with $bad", (row) => {
  const hasFix = row.fixed !== undefined;

  it("passes the accepted value untouched", async () => {
    const outcome = await Guard.fromRailString(railFor(row, "exception")).parse(output(row.good));
    expect(outcome.validatedOutput).toEqual({ value: row.good, other: "x" });
    expect(outcome.validationPassed).toBe(true);
  });

  it.each(ACTIONS)("on-fail %s", async (action) => {
    const model = answering(row.good);
    const guard = Guard.fromRailString(railFor(row, action));
    const outcome = await guard.parse(output(row.bad), { llm: model.llm });
    const failure = outcome.failures[0];
    switch (action) {
      case "noop":
        expect(outcome.validatedOutput).toEqual({ value: row.bad, other: "x" });
        expect(failure).toMatchObject({ path: "$.value", validator: row.alias, reason: "noop" });
        break;
      case "fix":
        if (hasFix) expect(outcome.validatedOutput).toEqual({ value: row.fixed, other: "x" });
        else expect(failure).toMatchObject({ validator: row.alias, reason: "fix-unavailable" });
        expect(outcome.validationPassed).toBe(hasFix);
        break;
      case "filter":
        expect(outcome.validatedOutput).toEqual({ other: "x" });
        break;
      case "refrain":
        expect(outcome.refrained).toBe(true);
        expect(outcome.validatedOutput).toEqual({});
        break;
      case "exception":
        expect(outcome.error?.name).toBe("ValidationError");
        expect(outcome.validationPassed).toBe(false);
        break;
      case "reask":
        expect(outcome.validatedOutput).toEqual({ value: row.good, other: "x" });
        expect(model.calls()).toBe(1);
        break;
      case "fix_reask":
        expect(outcome.validatedOutput).toEqual({
          value: hasFix ? row.fixed : row.good,
          other: "x",
        });
        expect(model.calls()).toBe(hasFix ? 0 : 1);
        break;
    }
  });
});

describe("registration", () => {
  const families = [
    stringValidators,
    numericValidators,
    choiceValidators,
    urlEmailValidators,
    regexValidators,
    dateValidators,
    codeValidators,
    textSafetyValidators,
  ].flat();

  it("puts every validator of these families, documented, in the default registry", () => {
    for (const definition of families) {
      expect(defaultRegistry.get(definition.name)).toBe(definition);
      expect(definition.docs?.check && definition.docs.fix && definition.docs.advice).toBeTruthy();
    }
  });

  it("resolves Hub ids to the same validators", async () => {
    const rail = `<rail version="0.1"><output><string name="value" validators="hub://guardrails/valid_length: 1 3" on-fail-guardrails_valid_length="fix"/></output></rail>`;
    const outcome = await Guard.fromRailString(rail).parse(output("abcdef"));
    expect(outcome.validatedOutput).toEqual({ value: "abc" });
  });

  it("reads a bare valid-choices argument as a one-item list, not a substring test", async () => {
    const rail = `<rail version="0.1"><output><string name="value" validators="valid-choices: apple" on-fail-valid-choices="noop"/></output></rail>`;
    const guard = Guard.fromRailString(rail);
    expect((await guard.parse(output("app"))).validationPassed).toBe(false);
    expect((await guard.parse(output("apple"))).validationPassed).toBe(true);
  });
});
