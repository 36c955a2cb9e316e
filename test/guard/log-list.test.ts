import { describe, expect, it } from "vitest";
import { ValidatorLogList } from "../../src/guard/history/log-list.js";
import type { ValidatorLog } from "../../src/guard/history/validator-log.js";
import { Guard } from "../../src/index.js";

const failed: ValidatorLog = {
  validator: "two-words",
  path: "$.name",
  valueBefore: "Rex",
  valueAfter: "Rex Rex",
  outcome: "fail",
  message: "must be exactly two words, got 1",
  onFail: "fix",
  actionTaken: "fixed",
};

const plain = (validator: string, path: string, value: unknown): ValidatorLog => ({
  validator,
  path,
  valueBefore: value,
  valueAfter: value,
  outcome: "pass",
  actionTaken: "none",
});

describe("ValidatorLogList", () => {
  it("reads plain passes and whole logs back in the order given", () => {
    const list = new ValidatorLogList();
    list.pass("lower-case", "$.email", "a@b.c");
    list.push(failed);
    list.pass("length", "$.name", "Rex Rex");
    expect(list.length).toBe(3);
    // Only the failure changed anything: a walk reads "altered" from this count.
    expect(list.changes).toBe(1);
    expect(list.last()).toEqual(plain("length", "$.name", "Rex Rex"));
    expect(list.toArray()).toEqual([
      plain("lower-case", "$.email", "a@b.c"),
      failed,
      plain("length", "$.name", "Rex Rex"),
    ]);
  });

  it("is the same array once read, so a change to a log is seen by every later reader", () => {
    const list = new ValidatorLogList();
    list.push(failed);
    list.pass("length", "$.name", "Rex");
    const first = list.toArray();
    (first[1] as ValidatorLog).actionTaken = "rechecked";
    list.pass("lower-case", "$.email", "x");
    expect(list.toArray()).toBe(first);
    expect(first.map((log) => log.actionTaken)).toEqual(["fixed", "rechecked", "none"]);
    expect(list.length).toBe(3);
  });

  it("appends another list, read or not", () => {
    const light = new ValidatorLogList();
    light.pass("a", "$.x", 1);
    const read = new ValidatorLogList();
    read.pass("b", "$.y", 2);
    read.toArray();
    const all = new ValidatorLogList();
    all.append(light);
    all.append(read);
    all.append([failed]);
    expect(all.toArray().map((log) => log.validator)).toEqual(["a", "b", "two-words"]);
    expect(all.changes).toBe(1);
    expect(new ValidatorLogList().last()).toBeUndefined();
  });

  describe("items folded into a range of passed items", () => {
    const items = ["Ada", "Alan", "Grace"];
    const made: number[] = [];
    const logsOf = (index: number) => {
      made.push(index);
      return [plain("length", `$.items[${index}]`, items[index])];
    };
    /** Item `index` walked: its plain pass written, then folded. */
    const walkItem = (list: ValidatorLogList, index: number, source = items) => {
      const mark = list.mark();
      list.pass("length", `$.items[${index}]`, source[index]);
      list.foldItem(mark, source, "$.items", index, logsOf);
    };

    it("are one range, made again item by item when read, in order with the rest", () => {
      made.length = 0;
      const list = new ValidatorLogList();
      list.pass("lower-case", "$.title", "t");
      walkItem(list, 0);
      walkItem(list, 1);
      list.push({ ...failed, path: "$.items[2]" });
      walkItem(list, 2);
      // Folding changes what is kept, not what is counted.
      expect(list.length).toBe(5);
      expect(list.changes).toBe(1);
      expect(made).toEqual([]);
      expect(list.last()).toEqual(plain("length", "$.items[2]", "Grace"));
      expect(list.toArray().map((log) => log.path)).toEqual([
        "$.title",
        "$.items[0]",
        "$.items[1]",
        "$.items[2]",
        "$.items[2]",
      ]);
      expect(made).toEqual([2, 0, 1, 2]);
    });

    it("grow only over the next item of the same list at the same path", () => {
      made.length = 0;
      const list = new ValidatorLogList();
      walkItem(list, 0);
      walkItem(list, 1, ["Ada", "Alan"]); // another array: a range of its own
      walkItem(list, 2);
      expect(list.toArray()).toHaveLength(3);
      expect(made).toEqual([0, 1, 2]);
    });

    it("are not folded once the list is read, nor lost when appended", () => {
      const list = new ValidatorLogList();
      walkItem(list, 0);
      const all = new ValidatorLogList();
      all.append(list);
      expect(all.length).toBe(1);
      expect(all.toArray()).toEqual([plain("length", "$.items[0]", "Ada")]);
      expect(all.mark()).toBe(-1);
      walkItem(all, 1);
      expect(all.toArray().map((log) => log.path)).toEqual(["$.items[0]", "$.items[1]"]);
    });

    it("once appended, do not grow with the list they came from", () => {
      const walking = new ValidatorLogList();
      walkItem(walking, 0);
      const history = new ValidatorLogList();
      history.append(walking);
      // A walk given up on goes on folding items into its own list: not into the history's.
      walkItem(walking, 1);
      expect(walking.length).toBe(2);
      expect(history.length).toBe(1);
      expect(history.toArray().map((log) => log.path)).toEqual(["$.items[0]"]);
    });

    it("make only the last item again for the last log", () => {
      made.length = 0;
      const list = new ValidatorLogList();
      walkItem(list, 0);
      walkItem(list, 1);
      walkItem(list, 2);
      expect(list.last()).toEqual(plain("length", "$.items[2]", "Grace"));
      expect(made).toEqual([2]);
    });
  });
});

describe("a round's validator logs in the history", () => {
  const guard = Guard.fromRailString(
    `<rail version="0.1"><output><list name="items"><object>
      <string name="name" validators="two-words; length: 1 20"/>
    </object></list></output></rail>`,
  );

  it("are every verdict, in the history's JSON as in the array", async () => {
    const outcome = await guard.parse(
      '{"items": [{"name": "Ada Lovelace"}, {"name": "Alan Turing"}]}',
    );
    const [round] = outcome.call.iterations;
    const logs = round?.validatorLogs;
    expect(logs).toEqual([
      plain("two-words", "$.items[0].name", "Ada Lovelace"),
      plain("length", "$.items[0].name", "Ada Lovelace"),
      plain("two-words", "$.items[1].name", "Alan Turing"),
      plain("length", "$.items[1].name", "Alan Turing"),
    ]);
    expect(round?.validatorLogs).toBe(logs);
    const json = JSON.parse(JSON.stringify(outcome.call)) as {
      iterations: Record<string, unknown>[];
    };
    expect(json.iterations[0]?.validatorLogs).toEqual(logs);
    // Where a plain object had them.
    expect(Object.keys(json.iterations[0] ?? {}).slice(2, 6)).toEqual([
      "repairs",
      "mismatches",
      "unmatchedSlots",
      "validatorLogs",
    ]);
  });
});
