import { describe, expect, it } from "vitest";
import { RailguardError } from "../src/errors.js";
import {
  isoDate,
  isoDateTime,
  isoTime,
  StrptimeError,
  strptime,
  tryStrptime,
} from "../src/strptime.js";
import { expectedFormat, normaliseTemporal, parseTemporal } from "../src/temporal.js";

describe("strptime", () => {
  it("reads numeric directives with Python's defaults for the rest", () => {
    expect(strptime("2024-02-29", "%Y-%m-%d")).toEqual({
      year: 2024,
      month: 2,
      day: 29,
      hour: 0,
      minute: 0,
      second: 0,
      microsecond: 0,
    });
    expect(strptime("13:05", "%H:%M")).toMatchObject({
      year: 1900,
      month: 1,
      day: 1,
      hour: 13,
      minute: 5,
    });
  });

  it("accepts single-digit fields and literal text", () => {
    expect(strptime("Day 3/7/2021", "Day %d/%m/%Y")).toMatchObject({
      year: 2021,
      month: 7,
      day: 3,
    });
  });

  it("reads month and weekday names in any case, abbreviated or full", () => {
    expect(strptime("Monday, 5 FEBRUARY 2024", "%A, %d %B %Y")).toMatchObject({ month: 2, day: 5 });
    expect(strptime("tue 6 feb 2024", "%a %d %b %Y")).toMatchObject({ month: 2, day: 6 });
  });

  it("pivots two-digit years like POSIX", () => {
    expect(strptime("68", "%y").year).toBe(2068);
    expect(strptime("69", "%y").year).toBe(1969);
  });

  it("combines %I and %p", () => {
    expect(strptime("12:30 AM", "%I:%M %p").hour).toBe(0);
    expect(strptime("12:30 pm", "%I:%M %p").hour).toBe(12);
    expect(strptime("7:05 PM", "%I:%M %p").hour).toBe(19);
  });

  it("reads day of year, fractions and UTC offsets", () => {
    expect(strptime("2024 060", "%Y %j")).toMatchObject({ month: 2, day: 29 });
    expect(strptime("10:00:00.5", "%H:%M:%S.%f").microsecond).toBe(500000);
    expect(strptime("10:00 +0530", "%H:%M %z").offsetMinutes).toBe(330);
    expect(strptime("10:00 -02:00", "%H:%M %z").offsetMinutes).toBe(-120);
    expect(strptime("10:00Z", "%H:%M%z").offsetMinutes).toBe(0);
  });

  it("matches any whitespace run where the format has whitespace, and %% as a percent", () => {
    expect(strptime("5   Jan\t2020 100%", "%d %b %Y 100%%")).toMatchObject({ day: 5, month: 1 });
  });

  it("rejects mismatches, partial matches and impossible dates with a typed error", () => {
    expect(() => strptime("2023-02-29", "%Y-%m-%d")).toThrow(StrptimeError);
    expect(() => strptime("2023-13-01", "%Y-%m-%d")).toThrow(/does not match/);
    expect(() => strptime("2023-01-01 extra", "%Y-%m-%d")).toThrow(/does not match/);
    expect(() => strptime("2023 366", "%Y %j")).toThrow(/does not exist/);
    expect(() => strptime("x", "%Q")).toThrow(/Unsupported directive '%Q'/);
    expect(() => strptime("2020 2020", "%Y %Y")).toThrow(/twice/);
    expect(new StrptimeError("x")).toBeInstanceOf(RailguardError);
  });

  it("tryStrptime returns undefined instead of throwing on a mismatch", () => {
    expect(tryStrptime("nope", "%Y")).toBeUndefined();
    expect(tryStrptime("1999", "%Y")?.year).toBe(1999);
  });

  it("writes ISO text", () => {
    const parts = strptime("2024-03-04 05:06:07.000123 +0100", "%Y-%m-%d %H:%M:%S.%f %z");
    expect(isoDate(parts)).toBe("2024-03-04");
    expect(isoTime(parts)).toBe("05:06:07.000123");
    expect(isoDateTime(parts)).toBe("2024-03-04T05:06:07.000123+01:00");
    expect(isoDateTime(strptime("2024-03-04 05:06", "%Y-%m-%d %H:%M"))).toBe("2024-03-04T05:06:00");
  });
});

describe("normaliseTemporal", () => {
  it("uses the spec's format, and still accepts the ISO form (normalising twice is stable)", () => {
    expect(normaliseTemporal("date", "29/02/2024", "%d/%m/%Y")).toBe("2024-02-29");
    expect(normaliseTemporal("date", "2024-02-29", "%d/%m/%Y")).toBe("2024-02-29");
    expect(normaliseTemporal("date", "Feb 29 2024", "%d/%m/%Y")).toBeUndefined();
  });

  it("reads common spellings when the spec gives no format", () => {
    expect(normaliseTemporal("date", "2024-02-29")).toBe("2024-02-29");
    expect(normaliseTemporal("date", " February 29, 2024 ")).toBe("2024-02-29");
    expect(normaliseTemporal("date", "2024-02-29T10:00:00Z")).toBe("2024-02-29");
    expect(normaliseTemporal("time", "7:05 PM")).toBe("19:05:00");
    expect(normaliseTemporal("time", "07:05")).toBe("07:05:00");
    expect(normaliseTemporal("date-time", "2024-02-29 10:00:00+02:00")).toBe(
      "2024-02-29T10:00:00+02:00",
    );
    expect(normaliseTemporal("date-time", "2024-02-29")).toBe("2024-02-29T00:00:00");
    expect(normaliseTemporal("date", "tomorrow")).toBeUndefined();
  });

  it("returns the parts for callers that need them", () => {
    expect(parseTemporal("time", "10:11:12")).toMatchObject({ hour: 10, minute: 11, second: 12 });
  });

  it("names the expected format for messages", () => {
    expect(expectedFormat("date")).toBe("YYYY-MM-DD");
    expect(expectedFormat("date", "%d/%m/%Y")).toBe("%d/%m/%Y");
  });
});
