import { describe, expect, it } from "vitest";
import { Guard } from "../../src/guard/index.js";
import { parseRail } from "../../src/rail/index.js";
import { scriptedLLM } from "./support.js";

// Attacks on the changes of 3 December (9532269..82449d7).

describe("a null item of a list whose item is not required (dfa7c6d)", () => {
  // The spec allows the null, as it allows an optional key's null: the item's validators are not
  // run on it, as an optional key's are not. Before, `length` failed the null ("expected a string
  // or a list, got null"): a filter dropped an item the spec allows, a reask asked the model to
  // correct it, an exception stopped the call.
  const spec = (onFail: string) =>
    `<rail version="0.1"><output><list name="xs">
      <string required="false" format="length: 1 3" on-fail-length="${onFail}"/>
    </list></output><prompt>Some xs.</prompt></rail>`;

  it("is kept as it is, whatever the item's validators would do on a failure", async () => {
    for (const onFail of ["fix", "filter", "exception", "reask", "noop", "refrain"]) {
      const outcome = await Guard.fromRailString(spec(onFail)).parse('{"xs": ["ab", null]}');
      expect(outcome.failures, onFail).toEqual([]);
      expect(outcome.validationPassed, onFail).toBe(true);
      expect(outcome.validatedOutput, onFail).toEqual({ xs: ["ab", null] });
    }
  });

  it("beside items that fail: only they are fixed, filtered or reasked", async () => {
    const answer = '{"xs": [null, "abcdef", null, "ab"]}';
    const fixed = await Guard.fromRailString(spec("fix")).parse(answer);
    expect(fixed.validatedOutput).toEqual({ xs: [null, "abc", null, "ab"] });
    expect(fixed.validationPassed).toBe(true);
    const filtered = await Guard.fromRailString(spec("filter")).parse(answer);
    expect(filtered.validatedOutput).toEqual({ xs: [null, null, "ab"] });
    const model = scriptedLLM([{ text: '{"xs": [null, "abc", null, "ab"]}' }]);
    const asked = await Guard.fromRailString(spec("reask")).parse(answer, { llm: model.llm });
    expect(asked.validatedOutput).toEqual({ xs: [null, "abc", null, "ab"] });
    expect(asked.validationPassed).toBe(true);
    expect(model.prompts).toHaveLength(1);
    expect(model.prompts[0]).toContain('"$.xs[1]"');
    expect(model.prompts[0]).not.toContain('"$.xs[0]"');
  });
});

describe("the record of a list with null optional items (dfa7c6d)", () => {
  it("logs each other item's pass, at its own index, when made again", async () => {
    const guard = Guard.fromRailString(
      `<rail version="0.1"><output><list name="xs">
        <string required="false" format="length: 1 3"/>
      </list></output></rail>`,
    );
    const outcome = await guard.parse('{"xs": ["a", null, "b", "c", null]}');
    expect(outcome.validationPassed).toBe(true);
    const logs = guard.history.last?.iterations.at(-1)?.validatorLogs ?? [];
    expect(logs.map((log) => [log.path, log.valueBefore])).toEqual([
      ["$.xs[0]", "a"],
      ["$.xs[2]", "b"],
      ["$.xs[3]", "c"],
    ]);
  });
});

describe("a choice as a list's item, its cases shaped like 0.1's (9532269)", () => {
  // No object holds it, so its cases' keys cannot sit beside it: the conformer and the schemas
  // read it as a discriminated choice ("discriminator" naming the case), and the reader must make
  // it one. Made 0.1-style, the walk ran none of its cases' validators: a value that broke them
  // passed, and the spec-shape check refused the reader's own spec.
  const items = `<choice><case name="p"><string name="p" format="length: 1 2" on-fail-length="fix"/></case></choice>`;
  const rails = [
    `<rail version="0.1"><output><list name="l">${items}</list></output></rail>`,
    `<rail version="0.1"><output type="list">${items}</output></rail>`,
  ];

  it("runs its cases' validators, and its spec passes the shape check", async () => {
    for (const [index, xml] of rails.entries()) {
      const item = '{"discriminator": "p", "p": "xxxxx"}';
      const outcome = await Guard.fromRailString(xml).parse(
        index === 0 ? `{"l": [${item}]}` : `[${item}]`,
      );
      const fixed = { discriminator: "p", p: "xx" };
      expect(outcome.validatedOutput).toEqual(index === 0 ? { l: [fixed] } : [fixed]);
      expect(() => Guard.fromSpec(parseRail(xml))).not.toThrow();
    }
  });
});
