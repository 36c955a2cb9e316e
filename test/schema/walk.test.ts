import { describe, expect, it } from "vitest";
import { indexPath, keyPath } from "../../src/json-path.js";
import { walkFields } from "../../src/schema/walk.js";
import { choice, choiceCase, list, object, scalar } from "./helpers.js";

describe("keyPath and indexPath", () => {
  it("use dots for identifiers and JSON-quoted brackets otherwise", () => {
    expect(keyPath("$", "fees")).toBe("$.fees");
    expect(keyPath("$.a", "odd key")).toBe('$.a["odd key"]');
    expect(keyPath("$", "it's \"\\")).toBe('$["it\'s \\"\\\\"]');
    expect(indexPath("$.fees", 2)).toBe("$.fees[2]");
  });
});

describe("walkFields", () => {
  it("visits parents before children with JSONPaths and element paths", () => {
    const root = object(undefined, [
      list("fees", object(undefined, [scalar("string", "name")])),
      choice("decision", [choiceCase("answer", [scalar("string", "text")])]),
      choice("action", [choiceCase("fight", [scalar("string", "fight")])], { style: "sibling" }),
    ]);
    const seen: string[] = [];
    walkFields(root, (_field, location) => seen.push(`${location.path} | ${location.elementPath}`));
    expect(seen).toEqual([
      "$ | output",
      '$.fees | output > list "fees"',
      '$.fees.* | output > list "fees" > object',
      '$.fees.*.name | output > list "fees" > object > string "name"',
      '$.decision | output > choice "decision"',
      '$.decision.text | output > choice "decision" > case "answer" > string "text"',
      '$.action | output > choice "action"',
      '$.fight | output > choice "action" > case "fight" > string "fight"',
    ]);
  });
});
