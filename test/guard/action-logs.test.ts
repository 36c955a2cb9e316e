import { describe, expect, it } from "vitest";
import { Guard } from "../../src/guard/index.js";
import { rail, testRegistry } from "./support.js";

// Pins the whole log entry and the failures every on-fail action leaves, field by field: the
// actions are one handler each (src/guard/actions) and the walk writes what their result says.
// `even` fails 1 with the fix 3, which fails again; `at-least: 5` fails 2 with the fix 5, accepted.
const registry = testRegistry();

async function firstLog(format: string, action: string, n: number, options = {}) {
  const name = format.split(":")[0];
  const body = `<integer name="n" format="${format}" on-fail-${name}="${action}"/>`;
  const guard = Guard.fromRailString(rail(body), { registry, ...options });
  const outcome = await guard.parse(JSON.stringify({ n }));
  const [log] = outcome.call.iterations[0]?.validatorLogs ?? [];
  return { log, failures: outcome.failures, output: outcome.validatedOutput };
}

const entry = (onFail: string, actionTaken: string, valueAfter: unknown, message: string) => ({
  validator: message.startsWith("must be even") ? "even" : "at-least",
  path: "$.n",
  valueBefore: message.endsWith("got 1") ? 1 : 2,
  valueAfter,
  outcome: "fail",
  message,
  onFail,
  actionTaken,
});
const EVEN = "must be even, got 1";
const AT_LEAST = "must be at least 5, got 2";

describe("what each on-fail action writes to the history", () => {
  it("noop: kept, the failure standing", async () => {
    const { log, failures } = await firstLog("even", "noop", 1);
    expect(log).toEqual(entry("noop", "kept", 1, EVEN));
    expect(failures).toEqual([{ path: "$.n", validator: "even", message: EVEN, reason: "noop" }]);
  });

  it("fix: the fix value after", async () => {
    const { log, output } = await firstLog("even", "fix", 1);
    expect(log).toEqual(entry("fix", "fixed", 3, EVEN));
    expect(output).toEqual({ n: 3 });
  });

  it("reask: the value as it was, asked again", async () => {
    // A fix the validator rejects: an unanswered reask keeps its log as written.
    const { log } = await firstLog("even", "reask", 1);
    expect(log).toEqual(entry("reask", "reask", 1, EVEN));
  });

  it("fix_reask: the accepted fix, or the rejected fix asked again", async () => {
    expect((await firstLog("at-least: 5", "fix_reask", 2)).log).toEqual(
      entry("fix_reask", "fixed", 5, AT_LEAST),
    );
    expect((await firstLog("even", "fix_reask", 1)).log).toEqual(
      entry("fix_reask", "reask", 3, EVEN),
    );
  });

  it("filter: nothing after", async () => {
    const { log, output } = await firstLog("even", "filter", 1);
    expect(log).toEqual(entry("filter", "filtered", undefined, EVEN));
    expect(output).toEqual({});
  });

  it("refrain and exception: the value as it was, the walk halted", async () => {
    const refrain = await firstLog("even", "refrain", 1);
    expect(refrain.log).toEqual(entry("refrain", "refrained", 1, EVEN));
    expect(refrain.failures).toContainEqual({
      path: "$.n",
      validator: "even",
      message: EVEN,
      reason: "refrained",
    });
    const exception = await firstLog("even", "exception", 1);
    expect(exception.log).toEqual(entry("exception", "exception", 1, EVEN));
  });

  it("custom: the handler's value, or the value kept when it throws", async () => {
    const ok = await firstLog("even", "noop", 1, { onFail: { even: () => 8 } });
    expect(ok.log).toEqual(entry("custom", "custom", 8, EVEN));
    const thrown = await firstLog("even", "noop", 1, {
      onFail: {
        even: () => {
          throw new Error("no");
        },
      },
    });
    expect(thrown.log).toEqual(entry("custom", "custom-failed", 1, EVEN));
    expect(thrown.failures).toEqual([
      {
        path: "$.n",
        validator: "even",
        message: `${EVEN} (custom on-fail handler threw: no)`,
        reason: "custom-failed",
      },
    ]);
  });
});
