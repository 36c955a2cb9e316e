import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ValidatorRegistry } from "../../src/contract/registry.js";
import { fail, pass } from "../../src/contract/types.js";
import { Guard } from "../../src/guard/index.js";
import {
  conformToSchema,
  fitsExactly,
  fitsParsed,
  NOT_JSON,
  parsedFitCheck,
  parseJson,
  parseOutput,
} from "../../src/parse/index.js";
import { type Field, SCALAR_KINDS } from "../../src/rail/types.js";
import {
  applyNearMiss,
  nearMiss,
  replaceAt,
  type SpecOptions,
  sameValue,
  specs,
  valuesOf,
} from "../parse/exact-fit-helpers.js";

// Attacks on the synchronous call, the fit check after JSON.parse and the record that makes a
// passing answer again (7535f56).

/** -0 told apart from 0, as `Object.is` tells them apart (JSON and `toEqual` do not). */
const shown = (value: unknown): unknown => (Object.is(value, -0) ? "-0" : value);

describe("a value replaced by one equal to it but not the same (0 and -0)", () => {
  // A pass whose value is -0 on 0 replaces the value: the validators after it are
  // given the new one. The output and the record must then hold what they were given: the record
  // made again from the answer's text showed 0 where the next validator was given -0, and the
  // output kept 0 though the log said the value went on as -0.
  const seen: unknown[] = [];
  const registry = new ValidatorRegistry()
    .register({
      name: "negative-zero",
      types: "all",
      validate: (value) => (value === 0 ? pass(-0) : pass()),
    })
    .register({
      name: "zero-fix",
      types: "all",
      validate: (value) => (Object.is(value, 0) ? fail("not negative zero", -0) : pass()),
    })
    .register({
      name: "seen",
      types: "all",
      validate: (value) => {
        seen.push(shown(value));
        return pass();
      },
    });

  it("a pass as -0: the next validator, the output and the record agree", async () => {
    seen.length = 0;
    const guard = Guard.fromRailString(
      `<rail version="0.1"><output><object name="o"><integer name="x" validators="negative-zero; seen"/></object></output></rail>`,
      { registry },
    );
    const outcome = await guard.parse('{"o":{"x":0}}');
    const output = outcome.validatedOutput as { o: { x: number } };
    const logs = outcome.call.iterations[0]?.validatorLogs ?? [];
    const seenLogged = logs.find((log) => log.validator === "seen");
    expect(outcome.validationPassed).toBe(true);
    // (The final check may run it again: the walk changed a value.)
    expect(new Set(seen)).toEqual(new Set([shown(output.o.x), shown(seenLogged?.valueBefore)]));
    const recorded = outcome.call.validatedOutput as { o: { x: number } };
    expect(shown(recorded.o.x)).toBe(shown(output.o.x));
  });

  it("a fix to -0: the output holds the value the log says it was fixed to", async () => {
    seen.length = 0;
    const guard = Guard.fromRailString(
      `<rail version="0.1"><output><list name="l"><integer validators="zero-fix; seen" on-fail-zero-fix="fix"/></list><object name="o"><integer name="x" validators="zero-fix" on-fail-zero-fix="fix"/></object></output></rail>`,
      { registry },
    );
    const outcome = await guard.parse('{"l":[0],"o":{"x":0}}');
    const output = outcome.validatedOutput as { l: number[]; o: { x: number } };
    const fixes = (outcome.call.iterations[0]?.validatorLogs ?? []).filter(
      (log) => log.actionTaken === "fixed",
    );
    expect(fixes.map((log) => shown(log.valueAfter))).toEqual(["-0", "-0"]);
    expect([shown(output.l[0]), shown(output.o.x)]).toEqual(["-0", "-0"]);
    expect(new Set(seen)).toEqual(new Set(["-0"]));
    expect(outcome.validationPassed).toBe(true);
  });
});

describe("the fit check of an answer as JSON.parse made it", () => {
  // `fitsParsed` lets evaluateAnswer skip parseOutputFrom, inspectParsed and fitsExactly: an
  // answer it passes must be the value parseOutput gives, with no repair, and one the conformer
  // hands back unchanged. Here on every kind of spec the conformer reads (repeated and confusable
  // names, `__proto__`, sibling choices, on-fail-choice, dates), with numbers at and past 2^53,
  // -0 and nesting past MAX_DEPTH put anywhere.
  const ANY: SpecOptions = {
    names: ["a", "b", "first_name", "firstName", "1", "type", "__proto__", "constructor"],
    kinds: SCALAR_KINDS,
    siblings: true,
    repeats: true,
    onFail: true,
  };
  const ODD = ["__BIG__", "__DEEP__", "__NEGZERO__", 2 ** 53, -(2 ** 53), 2 ** 53 - 1, 1e300, 0.5];
  const texts = (root: Field) =>
    fc
      .record({
        value: valuesOf(root),
        miss: fc.option(nearMiss, { freq: 3 }),
        odd: fc.option(
          fc.record({ steps: fc.array(fc.nat(), { maxLength: 5 }), put: fc.constantFrom(...ODD) }),
          { freq: 2 },
        ),
      })
      .map(({ value, miss, odd }) => {
        let answer = miss ? applyNearMiss(value, miss) : value;
        if (odd) answer = replaceAt(answer, odd.steps, odd.put);
        return JSON.stringify(answer)
          .replaceAll('"__BIG__"', "12345678901234567891")
          .replaceAll('"__NEGZERO__"', "-0")
          .replaceAll('"__DEEP__"', `${"[".repeat(1001)}${"]".repeat(1001)}`);
      });

  it("passes only what the usual way reads as parsed and leaves unchanged", () => {
    let fitting = 0;
    fc.assert(
      fc.property(
        specs(ANY)
          .filter((root) => root.kind === "object" || root.kind === "list")
          .chain((root) => fc.tuple(fc.constant(root), texts(root))),
        ([root, text]) => {
          const json = parseJson(text);
          const check = parsedFitCheck(root);
          if (json === NOT_JSON || check === undefined || !fitsParsed(json, check)) return;
          fitting++;
          const parsed = parseOutput(text, root);
          expect(parsed.ok && parsed.repairs.length === 0 && sameValue(parsed.value, json)).toBe(
            true,
          );
          expect(fitsExactly(json, root)).toBe(true);
          const conformed = conformToSchema(json, root);
          expect(conformed.repairs).toEqual([]);
          expect(conformed.mismatches).toEqual([]);
          expect(sameValue(conformed.value, json)).toBe(true);
        },
      ),
      { numRuns: 3000 },
    );
    expect(fitting).toBeGreaterThan(300);
  });
});
