import { describe, expect, it } from "vitest";
import { Guard, GuardConfigError } from "../../src/guard/index.js";
import { rail } from "./support.js";

const spec = rail(`<string name="pet"/>`);
const answer = (n: number) => `{"pet": "pet ${n}"}`;

describe("GuardOptions.historyLimit", () => {
  it("keeps the last 10 calls by default, as Guardrails does, and counts what it dropped", async () => {
    const guard = Guard.fromRailString(spec);
    const ids: number[] = [];
    for (let n = 1; n <= 25; n++) ids.push((await guard.parse(answer(n))).call.id);
    expect(guard.history.length).toBe(10);
    expect(guard.history.dropped).toBe(15);
    expect([...guard.history].map((call) => call.id)).toEqual(ids.slice(15));
    expect(guard.history.at(0)?.id).toBe(ids[15]);
    expect(guard.history.at(-1)?.id).toBe(ids[24]);
    expect(guard.history.last?.validatedOutput).toEqual({ pet: "pet 25" });
    expect(guard.history.toJSON()).toHaveLength(10);
  });

  it("holds any limit over many calls: memory stays bounded", async () => {
    const guard = Guard.fromRailString(spec, { historyLimit: 3 });
    const ids: number[] = [];
    for (let n = 1; n <= 2_000; n++) ids.push((await guard.parse(answer(n))).call.id);
    expect(guard.history.length).toBe(3);
    expect(guard.history.dropped).toBe(1_997);
    expect([...guard.history].map((call) => call.id)).toEqual(ids.slice(-3));
    expect(() => JSON.stringify(guard.history)).not.toThrow();
  });

  it("0 keeps no history; the outcome still carries its call", async () => {
    const guard = Guard.fromRailString(spec, { historyLimit: 0 });
    const outcome = await guard.parse(answer(1));
    expect(guard.history.length).toBe(0);
    expect(guard.history.last).toBeUndefined();
    expect(outcome.call.validatedOutput).toEqual({ pet: "pet 1" });
  });

  it("clear() empties it; later calls are recorded again", async () => {
    const guard = Guard.fromRailString(spec);
    await guard.parse(answer(1));
    await guard.parse(answer(2));
    guard.history.clear();
    expect(guard.history.length).toBe(0);
    expect([...guard.history]).toEqual([]);
    const { call } = await guard.parse(answer(3));
    expect(guard.history.length).toBe(1);
    expect(guard.history.last?.id).toBe(call.id);
  });

  it.each([-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, "10"])(
    "rejects historyLimit %s with a clear error",
    (historyLimit) => {
      expect(() =>
        Guard.fromRailString(spec, { historyLimit: historyLimit as number }),
      ).toThrowError(
        new GuardConfigError(
          `historyLimit must be a whole number ≥ 0, got ${String(historyLimit)}.`,
        ),
      );
    },
  );
});

describe("a light record", () => {
  // The model's text is kept once a round (and once for the call), never once per log entry: a
  // record's size grows with its verdicts, not with verdicts times the text.
  const guard = Guard.fromRailString(
    rail(`<list name="xs"><string format="lower-case" on-fail-lower-case="noop"/></list>`),
  );
  const answer = (items: number) =>
    `Here it is (TEXT-MARK):\n\`\`\`json\n{"xs": [${Array.from({ length: items }, (_, i) => `"Item${i}"`)}]}\n\`\`\``;
  const timesKept = async (items: number) => {
    await guard.parse(answer(items));
    const record = JSON.stringify(guard.history.last);
    expect(guard.history.last?.iterations[0]?.validatorLogs).toHaveLength(items);
    return record.split("TEXT-MARK").length - 1;
  };

  it("keeps the model's text as often for 500 verdicts as for 5", async () => {
    const few = await timesKept(5);
    expect(few).toBeGreaterThan(0);
    expect(few).toBeLessThanOrEqual(2);
    expect(await timesKept(500)).toBe(few);
  });
});
