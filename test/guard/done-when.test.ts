import { describe, expect, it } from "vitest";
import { Guard } from "../../src/guard/index.js";
import { scriptedLLM } from "./support.js";

// Issue 3, "Done when": built-in validators from the default registry, a RAIL spec with a
// two-word, lower-case field, a model that first answers in prose with a wrong value (under a
// key written in another case, a number given as a string), then corrects it when reasked.
const spec = `<rail version="0.1">
<output>
  <string name="pet_name" description="A name for the pet"
          format="two-words; lower-case" on-fail-two-words="reask" on-fail-lower-case="reask"/>
  <integer name="age" description="Age in years"/>
</output>
<prompt>
Name the pet described in \${description}.
\${gr.complete_json_suffix_v2}
</prompt>
</rail>`;

const firstAnswer = `Sure! Here is a name for your pet:
\`\`\`json
{"Pet Name": "Mister Fluffy Paws", "age": "3"}
\`\`\`
Let me know if you want another one.`;

describe("done when", () => {
  it("returns the corrected value after one targeted reask, with both rounds in the history", async () => {
    const guard = Guard.fromRailString(spec);
    const model = scriptedLLM([firstAnswer, 'Of course: {"pet_name": "fluffy paws"}']);
    const outcome = await guard.call(model.llm, { promptParams: { description: "a white cat" } });

    expect(outcome.validatedOutput).toEqual({ pet_name: "fluffy paws", age: 3 });
    expect(outcome.validationPassed).toBe(true);
    expect(outcome.error).toBeUndefined();
    expect(model.prompts).toHaveLength(2);

    // The reask is targeted: only the failing field, its value and the error, pruned schema.
    const reask = model.prompts[1] ?? "";
    expect(reask).toContain('"incorrect_value": "Mister Fluffy Paws"');
    expect(reask).toContain('name="pet_name"');
    expect(reask).not.toContain('name="age"');
    expect(reask).not.toContain("a white cat");

    const call = guard.history.last;
    expect(call?.status).toBe("pass");
    const [first, second] = call?.iterations ?? [];
    expect(call?.iterations).toHaveLength(2);

    expect(first?.prompt).toContain("Name the pet described in a white cat.");
    expect(first?.rawOutput).toBe(firstAnswer);
    expect(first?.repairs).toEqual([
      {
        kind: "extract-fence",
        message: "took the JSON from a fenced code block at line 3, column 1",
      },
      {
        kind: "strip-prose",
        message: 'ignored text before the JSON: "Sure! Here is a name for your pet:"',
      },
      {
        kind: "strip-prose",
        message: 'ignored text after the JSON: "Let me know if you want another one."',
      },
      {
        kind: "rename-key",
        path: "$",
        message: '$: renamed the key "Pet Name" to "pet_name"',
      },
      { kind: "coerce", path: "$.age", message: '$.age: coerced "3" to 3 (integer)' },
    ]);
    expect(first?.parsedValue).toEqual({ pet_name: "Mister Fluffy Paws", age: 3 });
    // Validation of the field stops at its first reask: lower-case waits for the answer.
    expect(first?.validatorLogs).toEqual([
      {
        validator: "two-words",
        path: "$.pet_name",
        valueBefore: "Mister Fluffy Paws",
        valueAfter: "Mister Fluffy Paws",
        outcome: "fail",
        message: "must be exactly two words, got 3",
        onFail: "reask",
        actionTaken: "reask",
      },
    ]);
    expect(first?.reask).toMatchObject({ kind: "field", sent: true, paths: ["$.pet_name"] });

    expect(second?.kind).toBe("field");
    expect(second?.prompt).toBe(reask);
    expect(second?.repairs).toEqual([
      { kind: "strip-prose", message: 'ignored text before the JSON: "Of course:"' },
    ]);
    expect(second?.validatorLogs.map((log) => [log.validator, log.path, log.outcome])).toEqual([
      ["two-words", "$.pet_name", "pass"],
      ["lower-case", "$.pet_name", "pass"],
    ]);
    expect(second?.validatedValue).toEqual({ pet_name: "fluffy paws", age: 3 });
    expect(second?.reask).toBeUndefined();
  });
});
