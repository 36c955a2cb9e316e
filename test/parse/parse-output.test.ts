import { describe, expect, it } from "vitest";
import { parseOutput } from "../../src/parse/index.js";
import type { ParseResult } from "../../src/parse/types.js";
import {
  FEES,
  FREE_LIST,
  FREE_OBJECT,
  list,
  PERSON,
  STRING_OUTPUT,
  str,
} from "../fixtures/malformed/specs.js";

function parsed(result: ParseResult): unknown {
  if (!result.ok) throw new Error(result.error);
  return result.value;
}

const kinds = (result: ParseResult) => result.repairs.map((repair) => repair.kind);
const messages = (result: ParseResult) => result.repairs.map((repair) => repair.message).join("\n");

describe("parseOutput for string outputs", () => {
  it("returns the text untouched when there is nothing to remove", () => {
    const text = '  {"not": "parsed"} \n';
    expect(parseOutput(text, STRING_OUTPUT)).toEqual({ ok: true, value: text, repairs: [] });
  });

  it("removes <think> blocks and records each one", () => {
    const result = parseOutput("<think>a</think> Hi <think>b</think>there", STRING_OUTPUT);
    expect(parsed(result)).toEqual("Hi there");
    expect(kinds(result)).toEqual(["strip-think", "strip-think"]);
  });

  it("records up to three <think> blocks one by one, and more in one repair that counts them", () => {
    const three = parseOutput("<think>a</think>1<think>b</think>2<think>c</think>3", STRING_OUTPUT);
    expect(parsed(three)).toBe("123");
    expect(kinds(three)).toEqual(["strip-think", "strip-think", "strip-think"]);
    const text =
      "<think>a</think>\n<thinking>bb</thinking>Hi <THINK>c</THINK>\n<think>d</think>there";
    const four = parseOutput(text, STRING_OUTPUT);
    expect(parsed(four)).toBe("Hi there");
    expect(four.repairs).toEqual([
      {
        kind: "strip-think",
        message:
          "removed a <think> or <thinking> block ×4 (71 characters in all) at line 1, column 1; line 2, column 1; line 2, column 27; and 1 more",
      },
    ]);
  });

  it("removes only the tag of an unclosed leading <think>", () => {
    const result = parseOutput("<think>\nThe answer is 4.", STRING_OUTPUT);
    expect(parsed(result)).toBe("The answer is 4.");
    expect(messages(result)).toContain("unclosed <think>");
  });
});

describe("parseOutput for JSON outputs", () => {
  it("takes valid JSON as JSON.parse does, even when it does not fit the spec", () => {
    expect(parseOutput("42", PERSON)).toEqual({ ok: true, value: 42, repairs: [] });
    expect(parseOutput('"text"', FEES)).toEqual({ ok: true, value: "text", repairs: [] });
  });

  it("reports text without JSON as not parseable, saying what it found", () => {
    const result = parseOutput("I could not find any fees in the document.", FEES);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toContain("no JSON object or array found in 42 characters of text");
    expect(result.error).toContain('"I could not find any fees');
  });

  it("never turns prose into a list (jsonrepair only sees bracketed candidates)", () => {
    const result = parseOutput("The fees are wire, card and cash.", FREE_LIST);
    expect(result.ok).toBe(false);
  });

  it("reports an empty output", () => {
    const result = parseOutput("  \n", PERSON);
    expect(result).toEqual({ ok: false, error: "the output is empty", repairs: [] });
  });

  it("keeps the <think> repair when nothing usable follows", () => {
    const result = parseOutput("<think>hmm</think>Sorry, no.", PERSON);
    expect(result.ok).toBe(false);
    expect(kinds(result)).toEqual(["strip-think"]);
  });

  it("says where a fragment could not be repaired", () => {
    const result = parseOutput("Use the {name} placeholder.", PERSON);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toMatch(
      /^found 1 JSON-like fragment but none could be repaired: at line 1, column 9: /,
    );
  });

  it("deletes stray commas itself rather than letting jsonrepair nest lists", () => {
    const result = parseOutput("[1,, 2, , 3]", FREE_LIST);
    expect(parsed(result)).toEqual([1, 2, 3]);
    expect(messages(result)).toContain("removed a stray comma ×2");
  });

  it("lists every candidate it ignored, with its place", () => {
    const result = parseOutput('{"a": 1}\nthen\n{"name": "Ann"}\n[3]', PERSON);
    expect(parsed(result)).toEqual({ name: "Ann" });
    const pick = result.repairs.find((repair) => repair.kind === "pick-candidate");
    expect(pick?.message).toBe(
      'found 3 JSON values; used the one at line 3, column 1 because it has more of the spec\'s keys; ignored {"a":1} at line 1, column 1; [3] at line 4, column 1',
    );
  });

  it("prefers a fenced candidate when the spec cannot tell them apart", () => {
    const result = parseOutput('```\n{"x": 1}\n```\n{"y": 2}', FREE_OBJECT);
    expect(parsed(result)).toEqual({ x: 1 });
    expect(messages(result)).toContain("because it is in a code fence");
  });

  it("prefers a complete candidate over a truncated one", () => {
    const result = parseOutput('{"x": 1}\n{"y": 2, "z": [', FREE_OBJECT);
    expect(parsed(result)).toEqual({ x: 1 });
    expect(messages(result)).toContain("because it is complete");
  });

  it("collects objects into a list output only when they share the item's keys", () => {
    const people = list(PERSON);
    const result = parseOutput('{"name": "Ann"}\n{"debug": true}\n{"name": "Bo"}', people);
    expect(parsed(result)).toEqual([{ name: "Ann" }, { name: "Bo" }]);
    expect(messages(result)).toContain("collected 2 separate JSON objects");
  });

  it("does not collect objects when a list candidate exists", () => {
    const result = parseOutput('{"name": "x", "rate": 1}\n[{"name": "y", "rate": 2}]', FEES);
    expect(parsed(result)).toEqual([{ name: "y", rate: 2 }]);
  });

  it("records syntax repairs with line and column in the model's own text", () => {
    const result = parseOutput("<think>\nx\n</think>\n{'name': 'Ann',}", PERSON);
    expect(parsed(result)).toEqual({ name: "Ann" });
    expect(messages(result)).toContain(
      "replaced single quotes with double quotes ×2 at line 4, column 2",
    );
    expect(messages(result)).toContain("removed a trailing comma at line 4, column 15");
  });

  it("keeps the newlines of back-to-back <think> blocks, so positions stay in the model's text", () => {
    const result = parseOutput("<think>a\n</think><think>\nb</think>{'name': 'Ann',}", PERSON);
    expect(parsed(result)).toEqual({ name: "Ann" });
    expect(messages(result)).toContain("removed a trailing comma at line 3, column 24");
  });

  it("counts thousands of <think> blocks before the JSON in one repair", () => {
    const result = parseOutput(`${"<think>x</think>".repeat(5000)}{'name': 'Ann'}`, PERSON);
    expect(parsed(result)).toEqual({ name: "Ann" });
    const think = result.repairs.filter((repair) => repair.kind === "strip-think");
    expect(think.map((repair) => repair.message)).toEqual([
      "removed a <think> block ×5000 (80000 characters in all) at line 1, column 1; line 1, column 17; line 1, column 33; and 4997 more",
    ]);
    expect(messages(result)).toContain(
      "replaced single quotes with double quotes ×2 at line 1, column 80002",
    );
  });

  it("names bare words it had to repair", () => {
    const result = parseOutput('Answer: {"a": 0x1F}', FREE_OBJECT);
    expect(parsed(result)).toEqual({ a: "0x1F" });
    expect(messages(result)).toContain("repaired a bare word that is not a JSON value (`0x1F`)");
  });

  it("reports a repair it cannot name with the JSON.parse reason", () => {
    const result = parseOutput(String.raw`Answer: {"a": "\x41"}`, FREE_OBJECT);
    expect(result.ok).toBe(true);
    expect(messages(result)).toMatch(
      /repaired invalid JSON at line 1, column 9 \(Bad escaped character/,
    );
  });

  it("reads a list of strings for a list root", () => {
    const result = parseOutput("Tags: ['a', 'b']", list(str()));
    expect(parsed(result)).toEqual(["a", "b"]);
  });
});
