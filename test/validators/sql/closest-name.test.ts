import { describe, expect, it } from "vitest";
import { closestName } from "../../../src/closest-name.js";

const tables = ["episodes", "segments", "speakers", "quotes"];

describe("closestName", () => {
  it.each([
    ["episode", "episodes"],
    ["EPISODES_", "episodes"],
    ["speakrs", "speakers"],
    ["qoutes", "quotes"],
  ])("corrects %s to %s", (name, expected) => {
    expect(closestName(name, tables)).toBe(expected);
  });

  it("allows more edits for longer names", () => {
    expect(closestName("duraton_minuts", ["duration_minutes", "title"])).toBe("duration_minutes");
    expect(closestName("ab", ["id"])).toBeUndefined();
  });

  it("gives nothing when no candidate is close", () => {
    expect(closestName("listeners", tables)).toBeUndefined();
  });

  it("gives nothing when two candidates are equally close", () => {
    expect(closestName("rats", ["cats", "bats"])).toBeUndefined();
  });

  it("gives nothing for a name that already matches (only case differs)", () => {
    expect(closestName("Episodes", tables)).toBeUndefined();
  });

  it("counts candidates that differ only in case once", () => {
    expect(closestName("titel", ["title", "Title"])).toBe("title");
  });
});
