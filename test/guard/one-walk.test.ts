/**
 * A passing answer is checked once after `JSON.parse` (`fitsParsed`, for `inspectParsed` and
 * `fitsExactly`), then walked; one that does not fit the spec goes the usual way, each validator
 * asked once per value.
 */
import { describe, expect, it, vi } from "vitest";
import { ValidatorRegistry } from "../../src/contract/registry.js";
import { pass, type Verdict } from "../../src/contract/types.js";
import type { GuardEvent } from "../../src/guard/events.js";
import { Guard } from "../../src/guard/index.js";
import * as conform from "../../src/parse/conform.js";
import * as depth from "../../src/parse/depth.js";
import * as exactFit from "../../src/parse/exact-fit.js";

// The walks a passing answer used to get besides the validation: watched, not changed.
vi.mock("../../src/parse/depth.js", async (original) => {
  const module = await original<typeof import("../../src/parse/depth.js")>();
  return { ...module, inspectParsed: vi.fn(module.inspectParsed) };
});
vi.mock("../../src/parse/exact-fit.js", async (original) => {
  const module = await original<typeof import("../../src/parse/exact-fit.js")>();
  return { ...module, fitsExactly: vi.fn(module.fitsExactly) };
});
vi.mock("../../src/parse/conform.js", async (original) => {
  const module = await original<typeof import("../../src/parse/conform.js")>();
  return { ...module, conformToSchema: vi.fn(module.conformToSchema) };
});

/** A validator that counts its calls per value: one that consults a model costs each time. */
function counting(asynchronous: boolean) {
  const calls: string[] = [];
  const registry = new ValidatorRegistry().register({
    name: "counted",
    types: "all",
    validate: (value): Verdict | Promise<Verdict> => {
      calls.push(JSON.stringify(value));
      return asynchronous ? new Promise((resolve) => setTimeout(() => resolve(pass()), 1)) : pass();
    },
  });
  return { calls, registry };
}

const spec = `<rail version="0.1"><output><list name="guests"><object>
  <string name="name" validators="counted"/>
  <integer name="age"/>
  <string name="note" required="false"/>
</object></list></output></rail>`;

const guest = (name: string, age: unknown, note?: string) =>
  `{"name": "${name}", "age": ${age}${note === undefined ? "" : `, "note": ${note}`}}`;

async function parse(answer: string, asynchronous: boolean) {
  const { calls, registry } = counting(asynchronous);
  const events: GuardEvent[] = [];
  const guard = Guard.fromRailString(spec, { registry, onEvent: (event) => events.push(event) });
  const outcome = await guard.parse(answer);
  return { calls, outcome, events };
}

describe("an answer walked as parsed", () => {
  it("that fits is walked once: neither inspected, checked for an exact fit nor conformed apart", async () => {
    vi.clearAllMocks();
    const answer = `{"guests": [${guest("Ada", 36)}, ${guest("Bob", 41, '"tall"')}]}`;
    const { calls, outcome } = await parse(answer, false);
    expect(outcome.validationPassed).toBe(true);
    expect(calls).toEqual(['"Ada"', '"Bob"']);
    expect(depth.inspectParsed).not.toHaveBeenCalled();
    expect(exactFit.fitsExactly).not.toHaveBeenCalled();
    expect(conform.conformToSchema).not.toHaveBeenCalled();
  });

  for (const asynchronous of [false, true]) {
    const mode = asynchronous ? "asynchronous" : "synchronous";
    describe(`with a ${mode} validator`, () => {
      it("asks for no verdict twice when a misfit late in the answer sends it the usual way", async () => {
        // The third guest's age is text: the conformer makes it a number, after two names
        // were validated on the answer as parsed.
        const answer = `{"guests": [${guest("Ada", 36)}, ${guest("Bob", 41)}, ${guest("Cy", '"7"')}]}`;
        const { calls, outcome, events } = await parse(answer, asynchronous);
        expect(outcome.validationPassed).toBe(true);
        expect(outcome.validatedOutput).toEqual({
          guests: [
            { name: "Ada", age: 36 },
            { name: "Bob", age: 41 },
            { name: "Cy", age: 7 },
          ],
        });
        expect(calls).toEqual(['"Ada"', '"Bob"', '"Cy"']);
        // The history shows each verdict once, given on the value returned, after the parse.
        const [round] = outcome.call.iterations;
        expect(round?.validatorLogs.map((log) => `${log.path} ${log.valueBefore}`)).toEqual([
          "$.guests[0].name Ada",
          "$.guests[1].name Bob",
          "$.guests[2].name Cy",
        ]);
        expect(round?.parsedValue).toEqual(outcome.validatedOutput);
        const steps = events.map((event) => event.type).filter((type) => type !== "round-end");
        expect(steps.slice(2, 6)).toEqual(["model-answer", "parsed", "verdicts", "validated"]);
      });

      it("asks for no verdict twice when a huge integer sends it the usual way", async () => {
        const big = "12345678901234567891";
        const answer = `{"guests": [${guest("Ada", 36, big)}]}`;
        const { calls, outcome } = await parse(answer, asynchronous);
        expect(outcome.validationPassed).toBe(true);
        expect(outcome.validatedOutput).toEqual({ guests: [{ name: "Ada", age: 36, note: big }] });
        expect(calls).toEqual(['"Ada"']);
        expect(outcome.call.iterations[0]?.repairs.map((repair) => repair.kind)).toEqual([
          "keep-digits",
        ]);
      });
    });
  }
});
