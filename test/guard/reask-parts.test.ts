import { describe, expect, it } from "vitest";
import { formatPath } from "../../src/guard/paths.js";
import { collectMarkers, ReaskMarker, replaceMarkers } from "../../src/guard/reask/marker.js";
import { mergeReaskAnswer } from "../../src/guard/reask/merge.js";
import { fullReaskPayload, reaskPayload } from "../../src/guard/reask/payload.js";
import { pruneSpec } from "../../src/guard/reask/prune-spec.js";
import { parseRail } from "../../src/rail/index.js";
import type { Field, ObjectField } from "../../src/rail/types.js";

const leaf: Field = { kind: "string", name: "x", required: true, validators: [] };
const marker = (value: unknown) => new ReaskMarker(leaf, "v", value, [`bad ${String(value)}`]);

describe("paths", () => {
  it("formats keys and indices as JSONPath, quoting keys that are not identifiers", () => {
    expect(formatPath([])).toBe("$");
    expect(formatPath(["fees", 2, "name"])).toBe("$.fees[2].name");
    expect(formatPath(["two words"])).toBe('$["two words"]');
  });
});

describe("markers", () => {
  const tree = { a: marker(1), list: [3, marker(4), { b: marker(5) }], ok: "x" };

  it("are found with their concrete paths, in document order", () => {
    expect(collectMarkers(tree).map(({ path }) => formatPath(path))).toEqual([
      "$.a",
      "$.list[1]",
      "$.list[2].b",
    ]);
  });

  it("are replaced by their incorrect value by default", () => {
    expect(replaceMarkers(tree)).toEqual({ a: 1, list: [3, 4, { b: 5 }], ok: "x" });
  });

  it("give the reask payload: failing leaves only, lists compressed to failing items, their slots named", () => {
    expect(reaskPayload(tree)).toEqual({
      a: { incorrect_value: 1, error_messages: ["bad 1"] },
      list: [
        { path: "$.list[1]", incorrect_value: 4, error_messages: ["bad 4"] },
        { b: { path: "$.list[2].b", incorrect_value: 5, error_messages: ["bad 5"] } },
      ],
    });
    expect(reaskPayload({ ok: 1 })).toBeUndefined();
  });

  it("give the full payload: everything, failures inline", () => {
    expect(fullReaskPayload(tree)).toEqual({
      a: { incorrect_value: 1, error_messages: ["bad 1"] },
      list: [
        3,
        { incorrect_value: 4, error_messages: ["bad 4"] },
        { b: { incorrect_value: 5, error_messages: ["bad 5"] } },
      ],
      ok: "x",
    });
  });
});

describe("mergeReaskAnswer", () => {
  const merged = (tree: unknown, answer: unknown) => mergeReaskAnswer(tree, answer).value;

  it("puts answers back by path, a list answer with one item per re-asked slot in order", () => {
    const tree = { a: marker(1), list: [3, marker(4), { b: marker(5), c: 6 }], ok: "x" };
    const answer = { a: 10, list: [40, { b: 50, c: 999 }] };
    expect(mergeReaskAnswer(tree, answer)).toEqual({
      value: { a: 10, list: [3, 40, { b: 50, c: 6 }], ok: "x" },
      unmatched: [],
    });
  });

  it("takes a list answer as long as the whole list by index", () => {
    const tree = { list: ["Ann Lee", marker("Bob"), "Cy Young", marker("Dee")] };
    const answer = { list: ["Ann Lee", "Bob Smith", "Cy Young", "Dee Jones"] };
    expect(merged(tree, answer)).toEqual({
      list: ["Ann Lee", "Bob Smith", "Cy Young", "Dee Jones"],
    });
  });

  it("takes nothing from a list answer of any other length, and says so per slot", () => {
    const tree = { list: ["Ann Lee", marker("Bob"), "Cy Young", marker("Dee")] };
    const { value, unmatched } = mergeReaskAnswer(tree, { list: ["Dee Jones"] });
    expect(value).toEqual({ list: ["Ann Lee", "Bob", "Cy Young", "Dee"] });
    expect(unmatched.map((slot) => slot.path)).toEqual(["$.list[1]", "$.list[3]"]);
    expect(unmatched[0]?.reason).toContain("1 item for 2 re-asked (of 4 in the list)");
  });

  it("says a matched list item left a slot out, not that the list could not be matched", () => {
    const tree = {
      list: [
        { a: marker(1), b: 2 },
        { a: marker(3), b: 4 },
      ],
    };
    const { value, unmatched } = mergeReaskAnswer(tree, { list: [{ a: 10 }, { b: 40 }] });
    expect(value).toEqual({
      list: [
        { a: 10, b: 2 },
        { a: 3, b: 4 },
      ],
    });
    expect(unmatched).toEqual([{ path: "$.list[1].a", reason: "the reask's answer left it out" }]);
  });

  it("keeps the incorrect value where the answer says nothing, and says so", () => {
    const tree = { a: marker(1), list: [marker(2), marker(3)] };
    expect(merged(tree, { list: [20] })).toEqual({ a: 1, list: [2, 3] });
    expect(merged(tree, "not an object")).toEqual({ a: 1, list: [2, 3] });
    expect(mergeReaskAnswer(tree, { list: [20, 30] }).unmatched).toEqual([
      { path: "$.a", reason: "the reask's answer left it out" },
    ]);
  });

  it("adds the keys the answer brings beside a re-asked key (a 0.1 choice's case)", () => {
    const tree = { action: marker("run"), ok: "x" };
    const answer = { action: "flight", flight: "north" };
    expect(merged(tree, answer)).toEqual({ action: "flight", ok: "x", flight: "north" });
  });

  it("replaces the whole value for a root marker", () => {
    expect(merged(marker("old"), "new")).toBe("new");
  });
});

describe("pruneSpec", () => {
  const spec = parseRail(`<rail version="0.1"><output>
    <string name="title"/>
    <list name="fees"><object><string name="name"/><integer name="amount"/></object></list>
    <choice name="act" discriminator="type">
      <case name="a"><string name="p"/><string name="q"/></case>
      <case name="b"><string name="r"/></case>
    </choice>
  </output></rail>`);
  const root = spec.output.root as ObjectField;
  const [, fees, act] = root.children;
  const name =
    fees?.kind === "list" && fees.item?.kind === "object" ? fees.item.children[0] : undefined;
  const q = act?.kind === "choice" ? act.cases[0]?.children[1] : undefined;

  it("keeps only the failing fields and their ancestors, all optional", () => {
    const pruned = pruneSpec(root, new Set([name as Field]));
    expect(pruned).toMatchObject({
      kind: "object",
      children: [
        {
          name: "fees",
          required: false,
          kind: "list",
          item: { kind: "object", children: [{ name: "name" }] },
        },
      ],
    });
  });

  it("turns a discriminated choice into an object of its failing case children", () => {
    const pruned = pruneSpec(root, new Set([q as Field])) as ObjectField;
    expect(pruned.children).toMatchObject([
      { name: "act", kind: "object", required: false, children: [{ name: "q", required: false }] },
    ]);
  });

  it("keeps the root when the root itself fails", () => {
    expect(pruneSpec(root, new Set<Field>([root]))).toBe(root);
  });
});
