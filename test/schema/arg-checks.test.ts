import { describe, expect, it } from "vitest";
import { Guard } from "../../src/guard/index.js";
import { ValidatorArgumentError } from "../../src/schema/errors.js";

/**
 * A time limit no timer can keep is refused when the spec compiles, where the other argument
 * errors are: at run time it failed every value (a filter then dropped them all, and the call
 * passed with nothing checked).
 */
describe("time-limit arguments", () => {
  const spec = (format: string) =>
    `<rail version="0.1"><output><list name="xs"><string format="${format}" on-fail-${format.split(":")[0]}="filter"/></list></output></rail>`;

  it.each([
    ["bug-free-sql: timeout_ms=2147483648", "timeout_ms"],
    ["bug-free-sql: timeout_ms=0", "timeout_ms"],
    ["is-reachable: timeout=2147483648", "timeout"],
    ["is-reachable: timeout=0", "timeout"],
    ["regex_match: a timeout_ms=2147483648", "timeout_ms"],
  ])("%s is refused, naming the argument", (format, argument) => {
    let error: unknown;
    try {
      Guard.fromRailString(spec(format));
    } catch (thrown) {
      error = thrown;
    }
    expect(ValidatorArgumentError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ code: "validator-argument", argument, path: "$.xs.*" });
    expect((error as Error).message).toContain("1 to 2147483647 ms");
  });

  it("a limit in range compiles", () => {
    expect(() => Guard.fromRailString(spec("is-reachable: timeout=2147483647"))).not.toThrow();
    expect(() => Guard.fromRailString(spec("bug-free-sql: timeout_ms=1"))).not.toThrow();
  });
});
