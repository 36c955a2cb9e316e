import { describe, expect, it } from "vitest";
import { ValidatorRegistry } from "../../src/contract/registry.js";
import { fail, pass } from "../../src/contract/types.js";
import { Guard } from "../../src/guard/index.js";

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
