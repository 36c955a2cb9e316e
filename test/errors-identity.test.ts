import { describe, expect, it, vi } from "vitest";
import { RailguardError } from "../src/errors.js";
import { GuardConfigError, OutputParseError, ValidationError } from "../src/guard/errors.js";
import { LLMCallError } from "../src/llm-call-error.js";
import { RailSpecError } from "../src/rail/errors.js";

/** A second copy of the modules, as an app gets when one dependency loads the ESM build and another the CJS one. */
async function secondCopy() {
  vi.resetModules();
  const guard = await import("../src/guard/errors.js");
  const llm = await import("../src/llm-call-error.js");
  return { ...guard, ...llm };
}

describe("errors recognised across two copies of the package", () => {
  it("isInstance knows an error from another copy, where instanceof does not", async () => {
    const copy = await secondCopy();
    const error = new copy.GuardConfigError("numReasks must be a whole number ≥ 0, got -1.");
    expect(error instanceof GuardConfigError).toBe(false);
    expect(GuardConfigError.isInstance(error)).toBe(true);
    expect(RailguardError.isInstance(error)).toBe(true);
    const timeout = new copy.LLMCallError("timeout", "timed out after 5 ms");
    expect(LLMCallError.isInstance(timeout)).toBe(true);
    expect(RailguardError.isInstance(timeout)).toBe(true);
  });

  it("isInstance is true for the class and its ancestors only", () => {
    const error = new OutputParseError("no JSON");
    expect(OutputParseError.isInstance(error)).toBe(true);
    expect(RailguardError.isInstance(error)).toBe(true);
    expect(GuardConfigError.isInstance(error)).toBe(false);
    expect(ValidationError.isInstance(error)).toBe(false);
    expect(RailSpecError.isInstance(error)).toBe(false);
  });

  it("isInstance is false for anything else, without throwing", () => {
    const impostor = Object.assign(new Error("x"), {
      name: "GuardConfigError",
      code: "guard-config",
    });
    for (const value of [
      impostor,
      null,
      undefined,
      "GuardConfigError",
      42,
      {},
      Object.create(null),
    ]) {
      expect(GuardConfigError.isInstance(value)).toBe(false);
      expect(RailguardError.isInstance(value)).toBe(false);
    }
    const revoked = Proxy.revocable({}, {});
    revoked.revoke();
    expect(RailguardError.isInstance(revoked.proxy)).toBe(false);
  });
});
