import fc from "fast-check";
import { jsonrepair } from "jsonrepair";
import { describe, expect, it } from "vitest";
import { applyCommaEdits } from "../../src/parse/comma-edits.js";
import { diagnose } from "../../src/parse/diagnose.js";

/**
 * The diagnoser deletes trailing commas and inserts missing ones before jsonrepair runs, which
 * would otherwise make those edits in quadratic time. They must never change what jsonrepair
 * makes of the text: repaired with every edit, or with only the stray commas deleted (as before),
 * the text gives the same value, or fails either way.
 */

function repaired(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(jsonrepair(text)) };
  } catch {
    return { ok: false };
  }
}

function bothWays(text: string) {
  const { commaEdits, issues } = diagnose(text);
  const stray = new Set(issues.filter((i) => i.kind === "extra-comma").map((i) => i.offset));
  const strayOnly = commaEdits.filter((edit) => !edit.insert && stray.has(edit.offset));
  return {
    edited: repaired(applyCommaEdits(text, commaEdits)),
    asBefore: repaired(applyCommaEdits(text, strayOnly)),
    edits: commaEdits.length - strayOnly.length,
  };
}

/** Valid JSON with commas dropped, doubled, added before brackets, or turned into newlines. */
const brokenJson = fc
  .tuple(
    fc.jsonValue({ maxDepth: 3 }),
    fc.constantFrom(0, 2),
    fc.array(fc.tuple(fc.nat(), fc.constantFrom("drop", "space", "newline", "trail", "double")), {
      maxLength: 6,
    }),
  )
  .map(([value, indent, edits]) => {
    let text = JSON.stringify({ value }, null, indent);
    for (const [n, edit] of edits) {
      const at = [...text.matchAll(edit === "trail" ? /[}\]]/g : /,/g)].map((m) => m.index);
      const i = at[n % Math.max(at.length, 1)];
      if (i === undefined) continue;
      const put = { drop: "", space: " ", newline: "\n", trail: ",", double: ",," }[edit];
      text = text.slice(0, i) + put + text.slice(edit === "trail" ? i : i + 1);
    }
    return text;
  });

/** Text built from the pieces that make jsonrepair and the diagnoser disagree, if anything does. */
const jsonish = fc
  .array(
    fc.constantFrom(
      ..."{}[]:,\"' \n".split(""),
      '"a"',
      '"a[b"',
      '":x"',
      '""',
      "'c'",
      "\u201cd\u201d",
      "1",
      "-3",
      "true",
      "None",
      "hello",
      "+",
      "//c\n",
      "/*c*/",
      '"k": ',
      "k: ",
      " \n ",
    ),
    { maxLength: 30 },
  )
  .map((parts) => parts.join(""));

describe("comma edits made before jsonrepair", () => {
  it("give the value jsonrepair gives on its own", () => {
    fc.assert(
      fc.property(fc.oneof(brokenJson, jsonish), (text) => {
        const { edited, asBefore } = bothWays(text);
        expect(edited).toEqual(asBefore);
      }),
      { numRuns: 5000 },
    );
  });

  it("are made on long lists of trailing and missing commas", () => {
    const items = Array.from({ length: 1000 }, (_, i) => `{"name": "item ${i}",}`);
    const trailing = bothWays(`{"items": [${items.join(",\n")}]}`);
    expect(trailing.edits).toBe(1000);
    const missing = bothWays(
      `{"items": [${items.map((item) => item.replace(",}", "}")).join(" ")}]}`,
    );
    expect(missing.edits).toBe(999);
    expect(missing.edited).toEqual(missing.asBefore);
  });

  it("are left to jsonrepair where it may read strings otherwise", () => {
    expect(bothWays('["a" null]').edits).toBe(0);
    expect(bothWays('{"a": "x{", }').edits).toBe(0);
    expect(bothWays('["He said "hi"", 1 2]').edits).toBe(0);
    expect(bothWays('{name: "x"\n age: 3,}').edits).toBe(0);
  });
});
