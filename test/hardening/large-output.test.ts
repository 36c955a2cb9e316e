import { describe, expect, it } from "vitest";
import { Guard } from "../../src/guard/index.js";

/**
 * Outputs large enough that one log or repair entry per item passes the ~120,000 arguments V8
 * accepts in one call: `push(...entries)` ended these calls in "Maximum call stack size exceeded".
 * They must complete with every entry recorded.
 */

const ITEMS = 150_000;
const listSpec = (item: string) =>
  `<rail version="0.1"><output><list name="items">${item}</list></output></rail>`;

describe("outputs with 150,000 entries complete", () => {
  it("logs 150,000 failing verdicts", async () => {
    const guard = Guard.fromRailString(
      listSpec(`<string format="lower-case" on-fail-lower-case="noop"/>`),
    );
    const items = Array.from({ length: ITEMS }, (_, i) => `Item ${i}`);
    const outcome = await guard.parse(JSON.stringify({ items }));
    expect(outcome.error).toBeUndefined();
    expect(outcome.validationPassed).toBe(false);
    expect(outcome.failures).toHaveLength(ITEMS);
    expect(outcome.failures.at(-1)).toMatchObject({
      path: `$.items[${ITEMS - 1}]`,
      reason: "noop",
    });
    expect(outcome.call.iterations[0]?.validatorLogs).toHaveLength(ITEMS);
    expect(outcome.validatedOutput).toEqual({ items });
  });

  it("records 150,000 fix values standing in for reasks no model answers", async () => {
    // Each stand-in is marked on its reask's log entry: found by a search through the round's
    // logs, that took 6 minutes here (quadratic in the items).
    const guard = Guard.fromRailString(
      listSpec(`<string format="lower-case" on-fail-lower-case="reask"/>`),
    );
    const items = Array.from({ length: ITEMS }, (_, i) => `Item ${i}`);
    const outcome = await guard.parse(JSON.stringify({ items }));
    expect(outcome.error).toBeUndefined();
    expect(outcome.validationPassed).toBe(false);
    expect(outcome.validatedOutput).toEqual({ items: items.map((item) => item.toLowerCase()) });
    expect(outcome.unansweredFixes).toHaveLength(ITEMS);
    const logs = outcome.call.iterations[0]?.validatorLogs ?? [];
    expect(logs).toHaveLength(ITEMS);
    expect(logs.every((log) => log.actionTaken === "fixed-unanswered")).toBe(true);
    expect(logs.at(-1)).toMatchObject({
      path: `$.items[${ITEMS - 1}]`,
      valueAfter: `item ${ITEMS - 1}`,
    });
  });

  it("records 150,000 coercion repairs", async () => {
    const guard = Guard.fromRailString(listSpec(`<integer/>`));
    const text = `{"items": [${Array.from({ length: ITEMS }, (_, i) => `"${i}"`).join(",")}]}`;
    const outcome = await guard.parse(text);
    expect(outcome.error).toBeUndefined();
    const repairs = outcome.call.iterations[0]?.repairs ?? [];
    expect(repairs.filter((repair) => repair.kind === "coerce")).toHaveLength(ITEMS);
    expect(outcome.validatedOutput).toEqual({ items: Array.from({ length: ITEMS }, (_, i) => i) });
  });
});

describe("a 10 MB output with validators completes", () => {
  it("validates every field of 10 MB of chapters", async () => {
    const guard = Guard.fromRailString(
      listSpec(`<object>
        <time name="timestamp" time-format="%H:%M:%S"/>
        <string name="title" validators="one-line; length: 3 300" on-fail-length="noop"/>
        <string name="url" validators="valid-url" on-fail-valid-url="noop"/>
      </object>`),
    );
    const items = Array.from({ length: 45_000 }, (_, i) => ({
      timestamp: `00:${String(i % 60).padStart(2, "0")}:${String((i * 7) % 60).padStart(2, "0")}`,
      title: `Chapter ${i + 1}: ${"validators, reasks and structured outputs; ".repeat(4)}`,
      url: i === 40_000 ? "not a url" : `https://example.com/chapters/${i}`,
    }));
    const text = JSON.stringify({ items }, null, 2);
    expect(text.length).toBeGreaterThan(10_000_000);
    const outcome = await guard.parse(text);
    expect(outcome.error).toBeUndefined();
    expect(outcome.validatedOutput).toEqual({ items });
    expect(outcome.validationPassed).toBe(false);
    expect(outcome.failures).toEqual([
      expect.objectContaining({ path: "$.items[40000].url", validator: "valid-url" }),
    ]);
    const logs = outcome.call.iterations[0]?.validatorLogs ?? [];
    expect(logs).toHaveLength(3 * items.length);
  });
});
