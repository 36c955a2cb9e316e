import { describe, expect, it } from "vitest";
import { formatPath, type Path, type Segment } from "../../src/guard/paths.js";
import { mergeReaskAnswer } from "../../src/guard/reask/merge.js";
import { fullReaskPayload, reaskPayload } from "../../src/guard/reask/payload.js";
import { pruneSpec } from "../../src/guard/reask/prune-spec.js";
import { inTreeOrder, type ReaskSlot, replaceAtSlots } from "../../src/guard/reask/slot.js";
import { parseRail } from "../../src/rail/index.js";
import type { Field, ObjectField } from "../../src/rail/types.js";

const leaf: Field = { kind: "string", name: "x", required: true, validators: [] };
/** A value asked again: the tree holds `value` at `path`, the slot says why. */
const slot = (path: Path, value: unknown): ReaskSlot => ({
  path,
  loggedAt: formatPath(path),
  field: leaf,
  validator: "v",
  incorrectValue: value,
  errorMessages: [`bad ${String(value)}`],
});

/** A value asked again, as the merge tests write it in place: `asked` splits tree and slots. */
class Asked {
  constructor(readonly value: unknown) {}
}
const marker = (value: unknown) => new Asked(value);

/** The plain tree (each marked value in place) and its slots, in document order. */
function asked(marked: unknown, path: Segment[] = [], slots: ReaskSlot[] = []) {
  const plain = (node: unknown, at: Segment[]): unknown => {
    if (node instanceof Asked) {
      slots.push(slot(at, node.value));
      return node.value;
    }
    if (Array.isArray(node)) return node.map((item, index) => plain(item, [...at, index]));
    if (typeof node !== "object" || node === null) return node;
    return Object.fromEntries(
      Object.entries(node).map(([key, value]) => [key, plain(value, [...at, key])]),
    );
  };
  return { tree: plain(marked, path), slots };
}

const mergeAsked = (marked: unknown, answer: unknown) => {
  const { tree, slots } = asked(marked);
  return mergeReaskAnswer(tree, slots, answer);
};

describe("paths", () => {
  it("formats keys and indices as JSONPath, quoting keys that are not identifiers", () => {
    expect(formatPath([])).toBe("$");
    expect(formatPath(["fees", 2, "name"])).toBe("$.fees[2].name");
    expect(formatPath(["two words"])).toBe('$["two words"]');
  });
});

describe("slots", () => {
  const tree = { a: 1, list: [3, 4, { b: 5 }], ok: "x" };
  const slots = [slot(["a"], 1), slot(["list", 1], 4), slot(["list", 2, "b"], 5)];

  it("are put in document order: an object's keys as the tree holds them, a list's by index", () => {
    const shuffled = [slots[2], slots[0], slots[1]] as ReaskSlot[];
    const order = (t: unknown) => inTreeOrder(t, shuffled).map(({ path }) => formatPath(path));
    expect(order(tree)).toEqual(["$.a", "$.list[1]", "$.list[2].b"]);
    expect(order({ list: tree.list, a: 1 })).toEqual(["$.list[1]", "$.list[2].b", "$.a"]);
  });

  it("are replaced along their paths only, the tree left as it was", () => {
    const replaced = replaceAtSlots(tree, slots, ({ incorrectValue }) => `new ${incorrectValue}`);
    expect(replaced).toEqual({ a: "new 1", list: [3, "new 4", { b: "new 5" }], ok: "x" });
    expect(tree).toEqual({ a: 1, list: [3, 4, { b: 5 }], ok: "x" });
    const untouched = { deep: { c: 1 } };
    const beside = replaceAtSlots({ a: 1, untouched }, [slot(["a"], 1)], () => 2);
    expect(beside).toEqual({ a: 2, untouched });
    expect((beside as { untouched: unknown }).untouched).toBe(untouched);
  });

  it("give the reask payload: failing leaves only, lists compressed to failing items, their slots named", () => {
    expect(reaskPayload(tree, slots)).toEqual({
      a: { incorrect_value: 1, error_messages: ["bad 1"] },
      list: [
        { path: "$.list[1]", incorrect_value: 4, error_messages: ["bad 4"] },
        { b: { path: "$.list[2].b", incorrect_value: 5, error_messages: ["bad 5"] } },
      ],
    });
    expect(reaskPayload({ ok: 1 }, [])).toBeUndefined();
  });

  it("give the full payload: everything, failures inline", () => {
    expect(fullReaskPayload(tree, slots)).toEqual({
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
  const merged = (tree: unknown, answer: unknown) => mergeAsked(tree, answer).value;

  it("puts answers back by path, a list answer with one item per re-asked slot in order", () => {
    const tree = { a: marker(1), list: [3, marker(4), { b: marker(5), c: 6 }], ok: "x" };
    const answer = { a: 10, list: [40, { b: 50, c: 999 }] };
    expect(mergeAsked(tree, answer)).toEqual({
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
    const { value, unmatched } = mergeAsked(tree, { list: ["Dee Jones"] });
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
    const { value, unmatched } = mergeAsked(tree, { list: [{ a: 10 }, { b: 40 }] });
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
    expect(mergeAsked(tree, { list: [20, 30] }).unmatched).toEqual([
      { path: "$.a", reason: "the reask's answer left it out" },
    ]);
  });

  it("adds the keys the answer brings beside a re-asked key (a 0.1 choice's case)", () => {
    const tree = { action: marker("run"), ok: "x" };
    const answer = { action: "flight", flight: "north" };
    expect(merged(tree, answer)).toEqual({ action: "flight", ok: "x", flight: "north" });
  });

  it("replaces the whole value for a root slot", () => {
    expect(merged(marker("old"), "new")).toBe("new");
  });

  it("copies only along the slots' paths: the tree asked from is left as it was", () => {
    const { tree, slots } = asked({ a: marker(1), list: [{ b: 2 }, marker(3)], ok: { c: 4 } });
    const before = structuredClone(tree);
    const { value } = mergeReaskAnswer(tree, slots, { a: 10, list: [30] });
    expect(value).toEqual({ a: 10, list: [{ b: 2 }, 30], ok: { c: 4 } });
    expect(tree).toEqual(before);
    const { list, ok } = tree as { list: unknown[]; ok: unknown };
    expect((value as { ok: unknown }).ok).toBe(ok);
    expect((value as { list: unknown[] }).list[0]).toBe(list[0]);
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
