/**
 * The plain passes of a list's items are not kept one by one: an item whose every verdict was a
 * plain pass is folded into a range of passed items, and its logs are made again from the item
 * when read (ValidatorLogList.foldItem). What is read must be what happened: for every output,
 * the round's logs name the validators that ran, where and on what, one log per call and in the
 * order of the calls, whether items passed, failed or were fixed around the folded ones.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ValidatorRegistry } from "../../src/contract/registry.js";
import { fail, pass } from "../../src/contract/types.js";
import type { GuardEvent } from "../../src/guard/events.js";
import { Guard } from "../../src/guard/guard.js";

interface Seen {
  validator: string;
  path: string;
  value: unknown;
}

/**
 * Validators that note every call; a value holding "bad" or the number 13 fails. With no fix value:
 * a fix value is checked by calling its validator again, a call no walk log stands for.
 */
function recordingRegistry(calls: Seen[]): ValidatorRegistry {
  const registry = new ValidatorRegistry();
  for (const name of ["rec-a", "rec-b", "rec-c"]) {
    registry.register({
      name,
      types: "all",
      validate: (value, context) => {
        calls.push({ validator: name, path: context.path, value: structuredClone(value) });
        const text = JSON.stringify(value) ?? "";
        return text.includes("bad") || text.includes("13") ? fail("bad") : pass();
      },
    });
  }
  return registry;
}

/** Lists in lists, optional keys, a discriminated choice, and validators on objects and lists. */
function spec(onFail: string): string {
  const on = (names: string) =>
    ` validators="${names}"${names
      .split("; ")
      .map((name) => ` on-fail-${name}="${onFail}"`)
      .join("")}`;
  return `<rail version="0.1"><output>
    <list name="items"${on("rec-c")}><object${on("rec-b")}>
      <string name="word"${on("rec-a; rec-b")}/>
      <integer name="n" required="false"${on("rec-a")}/>
      <list name="tags"${on("rec-b")}><string${on("rec-c")}/></list>
      <choice name="kind" discriminator="type">
        <case name="plain"><string name="note" required="false"${on("rec-a")}/></case>
        <case name="rows"><list name="rows"><list><integer${on("rec-c")}/></list></list></case>
      </choice>
    </object></list>
    <string name="after"${on("rec-a")}/>
  </output></rail>`;
}

const word = fc.constantFrom("ok", "fine", "bad", "badder", "x");
const item = fc.record(
  {
    word,
    n: fc.option(fc.constantFrom(1, 2, 13), { nil: null }),
    tags: fc.array(word, { maxLength: 3 }),
    kind: fc.oneof(
      fc.record({ type: fc.constant("plain"), note: fc.option(word, { nil: null }) }),
      fc.record({
        type: fc.constant("rows"),
        rows: fc.array(fc.array(fc.constantFrom(1, 2, 13), { maxLength: 3 }), { maxLength: 3 }),
      }),
    ),
  },
  { requiredKeys: ["word", "tags", "kind"] },
);

describe("logs of items folded into ranges of passed items", () => {
  it("are the calls the validators saw, in order, however items passed or failed", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(item, { maxLength: 8 }),
        fc.constantFrom("noop", "fix", "filter", "reask", "refrain"),
        async (items, onFail) => {
          const calls: Seen[] = [];
          let walked: Seen[] | undefined;
          let announced: Seen[] | undefined;
          const guard = Guard.fromRailString(spec(onFail), {
            registry: recordingRegistry(calls),
            onEvent: (event: GuardEvent) => {
              // The round's first verdicts are its walk's: the calls up to now.
              if (event.type !== "verdicts" || announced) return;
              walked = calls.slice();
              announced = event.logs.map(({ validator, path, valueBefore }) => ({
                validator,
                path,
                value: valueBefore,
              }));
            },
          });
          const outcome = await guard.parse(JSON.stringify({ items, after: "done" }));
          expect(announced).toEqual(walked);
          const logs = outcome.call.iterations[0]?.validatorLogs ?? [];
          const recorded = logs
            .slice(0, walked?.length)
            .map(({ validator, path, valueBefore }) => ({ validator, path, value: valueBefore }));
          expect(recorded).toEqual(walked);
          if (outcome.validationPassed) expect(logs.length).toBe(calls.length);
        },
      ),
      { numRuns: 200 },
    );
  });
});
