import { describe, expect, it } from "vitest";
import { RailguardError } from "../../src/errors.js";
import { Guard, GuardConfigError } from "../../src/guard/index.js";
import { callLLM } from "../../src/llm/call.js";
import { rail } from "./support.js";

const spec = rail(`<string name="pet"/>`);
const TOO_LONG = 2 ** 31;

describe("timeouts beyond Node's timer range", () => {
  // Node clamps a longer timer to 1 ms: a 2^31 ms budget would time out at once.
  it.each(["timeoutMs", "validatorTimeoutMs", "retryDelayMs"] as const)(
    "rejects %s ≥ 2^31 ms on a call",
    async (name) => {
      const guard = Guard.fromRailString(spec);
      await expect(
        guard.call(() => '{"pet": "Rex"}', { [name]: TOO_LONG, promptParams: { document: "d" } }),
      ).rejects.toThrowError(GuardConfigError);
      await expect(
        guard.call(() => '{"pet": "Rex"}', { [name]: TOO_LONG, promptParams: { document: "d" } }),
      ).rejects.toThrow(
        `${name} must be at most 2147483647 ms (Node's timer limit, about 24.8 days), got 2147483648.`,
      );
    },
  );

  it("rejects validatorTimeoutMs ≥ 2^31 ms on the guard", () => {
    expect(() => Guard.fromRailString(spec, { validatorTimeoutMs: TOO_LONG })).toThrowError(
      GuardConfigError,
    );
  });

  it("accepts the largest timer Node honours, and the call completes", async () => {
    const guard = Guard.fromRailString(spec);
    const outcome = await guard.call(() => '{"pet": "Rex"}', {
      timeoutMs: TOO_LONG - 1,
      promptParams: { document: "d" },
    });
    expect(outcome.validationPassed).toBe(true);
  });

  it("callLLM rejects a timeout or delay beyond the range", async () => {
    const request = { messages: [{ role: "user" as const, content: "p" }] };
    for (const options of [
      { timeoutMs: TOO_LONG },
      { baseDelayMs: TOO_LONG },
      { maxDelayMs: TOO_LONG },
    ]) {
      await expect(callLLM(() => "x", "p", request, options)).rejects.toThrowError(RailguardError);
    }
  });
});
