import { describe, expect, it } from "vitest";
import { WorkBudget } from "../../src/contract/work-budget.js";
import { Guard } from "../../src/guard/index.js";
import { regexMatch } from "../../src/validators/regex.js";
import { run } from "./run.js";

// `(a+)+$` on "aaaa…!" backtracks exponentially: each match runs until its limit stops it.
const catastrophic = `${"a".repeat(40)}!`;
const NOT_RUN =
  /^the pattern \(a\+\)\+\$ was not run: the call's 600 ms budget for regex matching was used up by earlier matches; the value was not checked$/;

describe("regex_match draws on the call's budget", () => {
  it("runs no more than the budget allows across many values, and says which were not checked", async () => {
    const budget = new WorkBudget(600);
    const messages: string[] = [];
    for (let item = 0; item < 40; item++) {
      const verdict = await run(regexMatch, catastrophic, { regex: "(a+)+$" }, { budget });
      expect(verdict.outcome).toBe("fail");
      if (verdict.outcome === "fail") messages.push(verdict.message);
    }
    // 600 ms cover at most three 250 ms matches (the last one cut short); every later value is
    // reported as not checked instead of blocking the event loop another 250 ms each.
    const notRun = messages.filter((message) => NOT_RUN.test(message));
    expect(notRun.length).toBeGreaterThanOrEqual(36);
    expect(messages[0]).toBe(
      "the pattern (a+)+$ was not run to completion: it did not finish within 250 ms (timeout_ms), backtracking catastrophically on this value; the value was not checked",
    );
    expect(budget.remainingMs).toBe(0);
  }, 30_000);

  it("says when the budget, not timeout_ms, cut a match short", async () => {
    const budget = new WorkBudget(100);
    const verdict = await run(regexMatch, catastrophic, { regex: "(a+)+$" }, { budget });
    expect(verdict).toEqual({
      outcome: "fail",
      message:
        "the pattern (a+)+$ was not run to completion: the call's 100 ms budget for regex matching ran out after 100 ms of this match; the value was not checked",
    });
  });

  it("does not run a match once the call's signal has fired", async () => {
    const controller = new AbortController();
    controller.abort(new Error("the call's deadline passed"));
    const verdict = await run(
      regexMatch,
      "abc",
      { regex: "[a-z]+" },
      { signal: controller.signal },
    );
    expect(verdict).toEqual({
      outcome: "fail",
      message:
        "the pattern [a-z]+ was not run: the call's deadline passed; the value was not checked",
    });
  });

  // Limits far above need: a busy machine can pause the process in the middle of any match.
  it("cheap matches pass as before and barely touch the budget", async () => {
    const budget = new WorkBudget(60_000);
    for (let item = 0; item < 100; item++) {
      const verdict = await run(
        regexMatch,
        "abc",
        { regex: "[a-z]+", timeout_ms: 10_000 },
        { budget },
      );
      expect(verdict).toEqual({ outcome: "pass" });
    }
    expect(budget.remainingMs).toBeGreaterThan(55_000);
  });
});

describe("a guard call gives its validators one budget", () => {
  it("a list of 40 catastrophic values costs about the budget, not 40 × timeout_ms", async () => {
    const guard = Guard.fromRailString(`<rail version="0.1"><output>
      <list name="codes"><string validators="regex_match: '(a+)+$'" on-fail-regex_match="noop"/></list>
    </output></rail>`);
    const outcome = await guard.parse(JSON.stringify({ codes: Array(40).fill(catastrophic) }));
    expect(outcome.validationPassed).toBe(false);
    expect(outcome.failures).toHaveLength(40);
    const notRun = outcome.failures.filter(({ message }) =>
      /was not run: the call's 1000 ms budget for regex matching was used up/.test(message),
    );
    // 1000 ms cover at most four 250 ms matches (the fifth cut short).
    expect(notRun.length).toBeGreaterThanOrEqual(35);
  }, 30_000);
});
