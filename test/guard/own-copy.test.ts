import { afterEach, describe, expect, it } from "vitest";
import { ownCopy } from "../../src/guard/validate/own-copy.js";

describe("ownCopy", () => {
  it("copies every list, plain object and date, and keeps other values as they are", () => {
    const date = new Date(0);
    const map = new Map([["a", 1]]);
    const value = { list: [1, { a: [2] }], date, map, text: "t", none: null };
    const copy = ownCopy(value) as typeof value;
    expect(copy).toEqual(value);
    expect(copy).not.toBe(value);
    expect(copy.list).not.toBe(value.list);
    expect(copy.list[1]).not.toBe(value.list[1]);
    // A date is copied (setTime changes it); a map keeps its insides its own.
    expect(copy.date).not.toBe(date);
    expect(copy.date.getTime()).toBe(0);
    expect(copy.map).toBe(map);
  });

  it("keeps a key named __proto__ as a key, not as the copy's prototype", () => {
    const value = JSON.parse('{"__proto__": {"x": 1}, "y": [{"__proto__": 2}]}');
    const copy = ownCopy(value) as Record<string, unknown>;
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(Object.keys(copy)).toEqual(["__proto__", "y"]);
    expect(JSON.stringify(copy)).toBe(JSON.stringify(value));
  });

  it("copies a cycle as a cycle, and a value of any depth", () => {
    const cyclic: Record<string, unknown> = { name: "loop" };
    cyclic.self = cyclic;
    const copy = ownCopy(cyclic) as Record<string, unknown>;
    expect(copy).not.toBe(cyclic);
    expect(copy.self).toBe(copy);
    let deep: unknown = "bottom";
    for (let level = 0; level < 100_000; level++) deep = [deep];
    let copied = ownCopy(deep);
    for (let level = 0; level < 100_000; level++) copied = (copied as unknown[])[0];
    expect(copied).toBe("bottom");
  });

  describe("with a key made enumerable on Object.prototype", () => {
    afterEach(() => {
      delete (Object.prototype as Record<string, unknown>).polluted;
    });

    it("copies own keys only", () => {
      Object.defineProperty(Object.prototype, "polluted", {
        value: { inherited: true },
        writable: true,
        enumerable: true,
        configurable: true,
      });
      const copy = ownCopy({ a: { b: 1 } }) as Record<string, unknown>;
      expect(Object.keys(copy)).toEqual(["a"]);
      expect(Object.keys(copy.a as object)).toEqual(["b"]);
    });
  });
});

describe("ownCopy of what only looks like a plain value", () => {
  it("keeps a subclass of Date, and an object that only claims to be a date, without throwing", () => {
    class Stamp extends Date {
      readonly zone = "UTC";
    }
    const stamp = new Stamp(0);
    const fake = Object.create(Date.prototype) as Date;
    const copy = ownCopy({ stamp, fake }) as { stamp: Stamp; fake: Date };
    expect(copy.stamp).toBe(stamp);
    expect(copy.fake).toBe(fake);
  });

  it("gives up with a RangeError on a getter that makes a new object at each read", () => {
    const endless = (): object => ({
      get next() {
        return endless();
      },
    });
    expect(() => ownCopy(endless(), 5_000)).toThrow(RangeError);
  });

  it("keeps enumerable symbol keys whichever copy runs (past the recursive one's depth too)", () => {
    const tag = Symbol("tag");
    let deep: Record<string | symbol, unknown> = { [tag]: "bottom" };
    for (let level = 0; level < 1_500; level++) deep = { next: deep, [tag]: level };
    const copy = ownCopy(deep) as Record<string | symbol, unknown>;
    expect(copy[tag]).toBe(1_499);
    let node = copy;
    for (let level = 0; level < 1_500; level++)
      node = node.next as Record<string | symbol, unknown>;
    expect(node[tag]).toBe("bottom");
  });
});
