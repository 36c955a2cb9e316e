import { describe, expect, it } from "vitest";
import { normaliseTemporal } from "../src/temporal.js";

describe("date-times written with a non-ISO date", () => {
  it.each([
    ["2024/03/05 10:00", "2024-03-05T10:00:00"],
    ["2024/03/05T10:00:30", "2024-03-05T10:00:30"],
    ["2024/03/05 10:00:30.25Z", "2024-03-05T10:00:30.250000Z"],
    ["2024/03/05 10:00+02:00", "2024-03-05T10:00:00+02:00"],
    ["03/05/2024 10:00", "2024-03-05T10:00:00"],
    ["March 5, 2024 10:00:00", "2024-03-05T10:00:00"],
    ["March 5, 2024 10:00:00-0530", "2024-03-05T10:00:00-05:30"],
    ["Mar 5, 2024 23:59", "2024-03-05T23:59:00"],
    ["5 March 2024 07:15", "2024-03-05T07:15:00"],
    ["5 Mar 2024 07:15:09Z", "2024-03-05T07:15:09Z"],
    ["March 5 2024 10:00", "2024-03-05T10:00:00"],
    ["  march 5, 2024   10:00  ", "2024-03-05T10:00:00"],
    ["March 5, 2024 3:04 PM", "2024-03-05T15:04:00"],
    ["2024/03/05 12:00:01 am", "2024-03-05T00:00:01"],
    ["2024-03-05 3:04 PM", "2024-03-05T15:04:00"],
    ["March 5, 2024", "2024-03-05T00:00:00"],
    ["2024/03/05", "2024-03-05T00:00:00"],
  ])("reads %j as %s", (text, iso) => {
    expect(normaliseTemporal("date-time", text)).toBe(iso);
  });

  it.each([
    "2024/03/05 10", // a bare hour
    "March 5, 2024 3 PM",
    "March 5, 2024T10:00", // `T` joins numeric dates only
    "03/05/24 10:00", // two-digit year
    "10:00 2024/03/05", // time first
    "March 5, 2024 at 10:00",
    "2024/02/30 10:00", // no such day
    "2024/03/05 24:00",
    "March 5, 2024 13:00 PM",
  ])("leaves %j unread", (text) => {
    expect(normaliseTemporal("date-time", text)).toBeUndefined();
  });

  it("still reads ISO date-times as before, and normalising twice is stable", () => {
    expect(normaliseTemporal("date-time", "2024-03-05T10:00:00+02:00")).toBe(
      "2024-03-05T10:00:00+02:00",
    );
    expect(normaliseTemporal("date-time", "2024-03-05 10:00")).toBe("2024-03-05T10:00:00");
    const once = normaliseTemporal("date-time", "March 5, 2024 10:00:00-0530") as string;
    expect(normaliseTemporal("date-time", once)).toBe(once);
  });

  it("reads with the spec's own format only, when it gives one", () => {
    expect(normaliseTemporal("date-time", "March 5, 2024 10:00", "%d.%m.%Y %H:%M")).toBeUndefined();
    expect(normaliseTemporal("date-time", "05.03.2024 10:00", "%d.%m.%Y %H:%M")).toBe(
      "2024-03-05T10:00:00",
    );
  });
});
