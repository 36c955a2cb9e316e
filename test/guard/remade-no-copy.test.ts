import { describe, expect, it, vi } from "vitest";
import * as copies from "../../src/guard/validate/own-copy.js";

// Every copy the guard makes, seen: the module's own function, wrapped.
vi.mock("../../src/guard/validate/own-copy.js", async (importOriginal) => {
  const original = await importOriginal<typeof copies>();
  return { ...original, ownCopy: vi.fn(original.ownCopy) };
});

const { Guard } = await import("../../src/guard/index.js");

/**
 * A passing answer as `JSON.parse` read it reaches the caller without a copy: the record keeps
 * the answer's text and makes the value again when read (remade-record.test.ts shows it reads the
 * same). A value a validator changed is still copied for the caller.
 */
describe("the value a call returns", () => {
  const copied = () => vi.mocked(copies.ownCopy).mock;

  it("is not copied when it is the answer as parsed, unchanged", async () => {
    const guard = Guard.fromRailString(
      `<rail version="0.1"><output><list name="items"><object><string name="a" validators="lower-case"/></object></list></output></rail>`,
    );
    vi.mocked(copies.ownCopy).mockClear();
    const outcome = await guard.parse('{"items": [{"a": "x"}, {"a": "y"}]}');
    expect(outcome.validationPassed).toBe(true);
    expect(copied().results.some(({ value }) => value === outcome.validatedOutput)).toBe(false);
    expect(copied().calls.some(([value]) => value === outcome.validatedOutput)).toBe(false);
    expect(guard.history.last?.validatedOutput).toEqual(outcome.validatedOutput);
    expect(guard.history.last?.validatedOutput).not.toBe(outcome.validatedOutput);
  });

  it("is copied when a validator changed it", async () => {
    const guard = Guard.fromRailString(
      `<rail version="0.1"><output><string name="a" validators="lower-case" on-fail-lower-case="fix"/></output></rail>`,
    );
    vi.mocked(copies.ownCopy).mockClear();
    const outcome = await guard.parse('{"a": "X"}');
    expect(outcome.validatedOutput).toEqual({ a: "x" });
    expect(copied().results.some(({ value }) => value === outcome.validatedOutput)).toBe(true);
  });
});
