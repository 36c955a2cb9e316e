import { describe, expect, it } from "vitest";
import { strptime } from "../../src/strptime.js";
import { isIsoDate, isIsoDateTime, isIsoTime, strftime } from "../../src/validators/dates.js";
import { checkTable, runFailing } from "./run.js";

describe("is-iso-date", () => {
  checkTable(isIsoDate, {
    passes: [
      { value: "2024-02-29" },
      { value: "1999-12-31" },
      { value: "05/03/2024", args: { format: "%d/%m/%Y" } },
      { value: "March 5, 2024", args: { format: "%B %d, %Y" } },
    ],
    fails: [
      {
        value: "2023-02-29",
        message: 'must be a date written as YYYY-MM-DD, got "2023-02-29"',
      },
      { value: "2024-3-5", message: /^must be a date written as YYYY-MM-DD/, fix: "2024-03-05" },
      { value: "March 5, 2024", message: /^must be a date/, fix: "2024-03-05" },
      { value: "2024/03/05", message: /^must be a date/, fix: "2024-03-05" },
      { value: "12/25/2024", message: /^must be a date/, fix: "2024-12-25" },
      { value: "2024-03-05T10:00:00", message: /^must be a date/, fix: "2024-03-05" },
      { value: "soon", message: 'must be a date written as YYYY-MM-DD, got "soon"' },
      {
        value: "2024-03-05",
        args: { format: "%d/%m/%Y" },
        message: 'must be a date written as format "%d/%m/%Y", got "2024-03-05"',
        fix: "05/03/2024",
      },
      {
        value: "5 Mar 2024",
        args: { format: "%B %d, %Y" },
        message: /format "%B %d, %Y"/,
        fix: "March 05, 2024",
      },
      {
        value: "2024-03-05",
        args: { format: "%Q" },
        message: 'the format "%Q" has the unsupported directive %Q',
      },
      { value: 20240305, message: "expected a string, got number 20240305" },
    ],
  });
});

describe("is-iso-time", () => {
  checkTable(isIsoTime, {
    passes: [
      { value: "23:59" },
      { value: "08:30:15" },
      { value: "08:30:15.250" },
      { value: "08:30:15+02:00" },
      { value: "08:30:15Z" },
      { value: "3:04 PM", args: { format: "%I:%M %p" } },
    ],
    fails: [
      {
        value: "24:00",
        message: 'must be a time written as HH:MM[:SS[.fff]][±HH:MM], got "24:00"',
      },
      { value: "3:04 PM", message: /^must be a time/, fix: "15:04:00" },
      { value: "8:05:09", message: /^must be a time/, fix: "08:05:09" },
      { value: "noonish", message: /^must be a time/ },
    ],
  });
});

describe("is-iso-datetime", () => {
  checkTable(isIsoDateTime, {
    passes: [
      { value: "2024-03-05T10:00:00Z" },
      { value: "2024-03-05 10:00" },
      { value: "2024-03-05T10:00:00.123456+05:30" },
      { value: "05.03.2024 10:00", args: { format: "%d.%m.%Y %H:%M" } },
    ],
    fails: [
      {
        value: "2024-03-05",
        message: /^must be a date-time written as YYYY-MM-DDTHH:MM/,
        fix: "2024-03-05T00:00:00",
      },
      { value: "2024-02-30T10:00", message: /^must be a date-time/ },
      { value: "2024-3-5T9:00:00", message: /^must be a date-time/, fix: "2024-03-05T09:00:00" },
      { value: "2024/03/05 10:00", message: /^must be a date-time/, fix: "2024-03-05T10:00:00" },
      {
        value: "March 5, 2024 10:00:00Z",
        message: /^must be a date-time/,
        fix: "2024-03-05T10:00:00Z",
      },
      { value: "5 Mar 2024 3:04 PM", message: /^must be a date-time/, fix: "2024-03-05T15:04:00" },
      { value: "March 5, 2024", message: /^must be a date-time/, fix: "2024-03-05T00:00:00" },
      { value: "March 5, 2024 10", message: /^must be a date-time/ },
      {
        value: "2024-03-05T10:00:00+0100",
        args: { format: "%d.%m.%Y %H:%M %z" },
        message: /format "%d.%m.%Y %H:%M %z"/,
        fix: "05.03.2024 10:00 +0100",
      },
    ],
  });
});

describe("strftime", () => {
  it("writes back what strptime reads", () => {
    const parts = strptime("2024-07-04 15:30:05.5", "%Y-%m-%d %H:%M:%S.%f");
    expect(strftime(parts, "%A %a %B %b %d %j %I%p %H:%M:%S.%f %y %% %Q")).toBe(
      "Thursday Thu July Jul 04 186 03PM 15:30:05.500000 24 % %Q",
    );
  });

  it("names the weekday from Sunday to Saturday", () => {
    const days = ["07", "08", "13"].map((day) =>
      strftime(strptime(`2024-07-${day}`, "%Y-%m-%d"), "%A %a"),
    );
    expect(days).toEqual(["Sunday Sun", "Monday Mon", "Saturday Sat"]);
  });
});

describe("the docs' lenient readings", () => {
  it.each([isIsoDate, isIsoTime, isIsoDateTime])(
    "$name fixes every spelling its docs name",
    async (validator) => {
      const examples = [...(validator.docs?.fix ?? "").matchAll(/`([^`]+)`/g)].map(
        ([, text]) => text,
      );
      expect(examples.length).toBeGreaterThan(2);
      for (const example of examples) {
        const verdict = await runFailing(validator, example);
        expect(verdict.fixValue, example).toEqual(expect.any(String));
      }
    },
  );
});
