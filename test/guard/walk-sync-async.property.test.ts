/**
 * The walk stays synchronous while validators are, and goes on asynchronously from the first one
 * that returns a promise (validate/later.ts). Whichever validators are asynchronous, and wherever
 * they sit, a call must come out exactly the same: the same output, failures and logs in the same
 * order.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ValidatorRegistry } from "../../src/contract/registry.js";
import { fail, pass, type ValidatorDefinition, type Verdict } from "../../src/contract/types.js";
import { Guard } from "../../src/guard/guard.js";

type Check = (value: unknown) => Verdict;

/** Short words pass; longer ones fail with a fix (the first three letters); "x…" has none. */
const short: Check = (value) => {
  const text = String(value);
  if (text.length <= 3) return pass();
  return text.startsWith("x")
    ? fail(`"${text}" is long`)
    : fail(`"${text}" is long`, text.slice(0, 3));
};
/** Even numbers pass; odd ones fail with the next even number. */
const even: Check = (value) =>
  typeof value === "number" && value % 2 !== 0 ? fail(`${value} is odd`, value + 1) : pass();

const ACTIONS = ["fix", "noop", "filter", "reask", "refrain"] as const;

function registry(asyncNames: ReadonlySet<string>): ValidatorRegistry {
  const registry = new ValidatorRegistry();
  const define = (name: string, check: Check): ValidatorDefinition => ({
    name,
    types: "all",
    validate: (value) => (asyncNames.has(name) ? Promise.resolve(check(value)) : check(value)),
  });
  for (const name of ["short-a", "short-b"]) registry.register(define(name, short));
  for (const name of ["even-a", "even-b"]) registry.register(define(name, even));
  return registry;
}

function spec(onWord: string, onNumber: string): string {
  return `<rail version="0.1"><output><list name="items"><object>
    <string name="word" validators="short-a; short-b" on-fail-short-a="${onWord}"/>
    <integer name="n" validators="even-a; even-b" on-fail-even-a="${onNumber}"/>
  </object></list></output></rail>`;
}

const NAMES = ["short-a", "short-b", "even-a", "even-b"];

describe("a walk with synchronous and asynchronous validators", () => {
  it("gives the same outcome whichever validators are asynchronous", async () => {
    const item = fc.record({
      word: fc.constantFrom("ab", "abcd", "xyzzy", "hello", "a"),
      n: fc.integer({ min: 0, max: 9 }),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.array(item, { maxLength: 6 }),
        fc.constantFrom(...ACTIONS),
        fc.constantFrom(...ACTIONS),
        fc.subarray(NAMES),
        async (items, onWord, onNumber, asyncNames) => {
          const run = async (names: readonly string[]) => {
            const guard = Guard.fromRailString(spec(onWord, onNumber), {
              registry: registry(new Set(names)),
            });
            const outcome = await guard.parse(JSON.stringify({ items }));
            const [round] = outcome.call.iterations;
            return {
              passed: outcome.validationPassed,
              output: outcome.validatedOutput,
              refrained: outcome.refrained,
              failures: outcome.failures,
              logs: round?.validatorLogs,
              reask: round?.reask,
            };
          };
          const sync = await run([]);
          expect(await run(asyncNames)).toEqual(sync);
          expect(await run(NAMES)).toEqual(sync);
        },
      ),
      { numRuns: 150 },
    );
  });
});
