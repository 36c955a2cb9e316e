import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Guard } from "../../src/guard/index.js";
import { formatPath, type Segment } from "../../src/guard/paths.js";
import type { LLM } from "../../src/llm/types.js";
import { ON_FAIL_ACTIONS, type OnFailAction } from "../../src/rail/types.js";

// The truth invariant of issue 7, over random small specs and random model outputs: whenever
// `validationPassed` is true, the guard's compiled zod schema accepts the value and, for every
// value returned, each validator that applies to it has a last logged verdict that is a pass on
// that very value. And a call that does not pass always says why.

/** A built-in validator as written in RAIL, with the alias its `on-fail-…` key uses. */
interface Use {
  alias: string;
  written: string;
  action: OnFailAction;
}

type Node =
  | { kind: "string" | "integer" | "enum"; name: string; required: boolean; uses: Use[] }
  | { kind: "object"; name: string; required: boolean; uses: Use[]; children: Node[] }
  | { kind: "list"; name: string; required: boolean; uses: Use[]; item: Node }
  | { kind: "choice"; name: string; required: boolean; uses: Use[]; cases: [Node[], Node[]] };

const VALIDATORS: Record<"string" | "integer" | "enum" | "list", [string, string][]> = {
  string: [
    ["two-words", "two-words"],
    ["lower-case", "lower-case"],
    ["upper-case", "upper-case"],
    ["length", "length: 1 6"],
    ["ends-with", "ends-with: y"],
  ],
  integer: [["valid-range", "valid-range: 0 5"]],
  enum: [["valid-choices", "valid-choices: {['a', 'c']}"]],
  list: [["length", "length: 1 2"]],
};

const usesFor = (kind: keyof typeof VALIDATORS): fc.Arbitrary<Use[]> =>
  fc
    .subarray(VALIDATORS[kind], { maxLength: Math.min(2, VALIDATORS[kind].length) })
    .chain((picked) =>
      fc.tuple(...picked.map(() => fc.constantFrom(...ON_FAIL_ACTIONS))).map((actions) =>
        picked.map(([alias, written], i) => ({
          alias,
          written,
          action: actions[i] as OnFailAction,
        })),
      ),
    );

const names = ["a", "b", "c"];

function nodeArb(name: string, depth: number): fc.Arbitrary<Node> {
  const required = fc.boolean();
  const scalar = fc.constantFrom("string" as const, "integer" as const, "enum" as const);
  const leaf = fc
    .tuple(scalar, required)
    .chain(([kind, req]) =>
      usesFor(kind).map((uses): Node => ({ kind, name, required: req, uses })),
    );
  if (depth <= 0) return leaf;
  const children = childrenArb(depth - 1);
  return fc.oneof(
    { weight: 3, arbitrary: leaf },
    {
      weight: 1,
      arbitrary: fc.tuple(required, children).map(
        ([req, kids]): Node => ({
          kind: "object",
          name,
          required: req,
          uses: [],
          children: kids,
        }),
      ),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(required, nodeArb("", depth - 1), usesFor("list"))
        .map(([req, item, uses]): Node => ({ kind: "list", name, required: req, uses, item })),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(required, children, children)
        .map(
          ([req, x, y]): Node => ({ kind: "choice", name, required: req, uses: [], cases: [x, y] }),
        ),
    },
  );
}

const childrenArb = (depth: number): fc.Arbitrary<Node[]> =>
  fc
    .integer({ min: 1, max: 3 })
    .chain((count) => fc.tuple(...names.slice(0, count).map((name) => nodeArb(name, depth))));

function xml(node: Node): string {
  const attrs = [
    node.name ? `name="${node.name}"` : "",
    `required="${node.required}"`,
    node.uses.length > 0 ? `validators="${node.uses.map((u) => u.written).join("; ")}"` : "",
    ...node.uses.map((u) => `on-fail-${u.alias}="${u.action}"`),
  ].join(" ");
  switch (node.kind) {
    case "string":
    case "integer":
      return `<${node.kind} ${attrs}/>`;
    case "enum":
      return `<enum ${attrs} values="a,b,C"/>`;
    case "object":
      return `<object ${attrs}>${node.children.map(xml).join("")}</object>`;
    case "list":
      return `<list ${attrs}>${xml(node.item)}</list>`;
    case "choice":
      return `<choice ${attrs} discriminator="type">${node.cases
        .map((kids, i) => `<case name="k${i}">${kids.map(xml).join("")}</case>`)
        .join("")}</choice>`;
  }
}

const STRINGS = ["Ann Lee", "ann lee", "ANN", "bob", "x y z", "", "Tidy", "ab\ncd"];

function valueArb(node: Node): fc.Arbitrary<unknown> {
  const wrong = fc.constantFrom(null, 7, "7", true, ["x"], {});
  const right = ((): fc.Arbitrary<unknown> => {
    switch (node.kind) {
      case "string":
        return fc.constantFrom(...STRINGS);
      case "integer":
        return fc.integer({ min: -2, max: 8 });
      case "enum":
        return fc.constantFrom("a", "b", "C", "c");
      case "object":
        return objectArb(node.children);
      case "list":
        return fc.array(valueArb(node.item), { maxLength: 3 });
      case "choice":
        return fc
          .integer({ min: 0, max: 1 })
          .chain((i) =>
            objectArb(node.cases[i] as Node[]).map((o) => ({ type: `k${i}`, ...(o as object) })),
          );
    }
  })();
  return fc.oneof({ weight: 6, arbitrary: right }, { weight: 1, arbitrary: wrong });
}

function objectArb(children: readonly Node[]): fc.Arbitrary<unknown> {
  const entries = children.map((child) =>
    fc.option(valueArb(child), { freq: 6, nil: undefined }).map((v) => [child.name, v] as const),
  );
  return fc
    .tuple(...entries)
    .map((pairs) => Object.fromEntries(pairs.filter(([, v]) => v !== undefined)));
}

/** Every value the guard validates in `value`, with the node it answers to. */
function* validated(
  node: Node,
  value: unknown,
  path: Segment[],
): Generator<[string, Node, unknown]> {
  yield* childrenOf(node, value, path);
  yield [formatPath(path), node, value];
}

function* childrenOf(
  node: Node,
  value: unknown,
  path: Segment[],
): Generator<[string, Node, unknown]> {
  if (node.kind === "list" && Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      // An optional item's null is not validated, as an optional key's is not (see below).
      if (item === null && !node.item.required) continue;
      yield* validated(node.item, item, [...path, i]);
    }
    return;
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) return;
  const record = value as Record<string, unknown>;
  const picked = record.type === "k0" ? 0 : record.type === "k1" ? 1 : undefined;
  const kids =
    node.kind === "object"
      ? node.children
      : node.kind === "choice" && picked !== undefined
        ? node.cases[picked]
        : [];
  for (const child of kids) {
    if (!Object.hasOwn(record, child.name)) continue;
    if (record[child.name] === null && !child.required) continue;
    yield* validated(child, record[child.name], [...path, child.name]);
  }
}

const json = (value: unknown) => JSON.stringify(value);

const specArb = fc.oneof(
  childrenArb(2).map(
    (children): Node => ({ kind: "object", name: "", required: true, uses: [], children }),
  ),
  usesFor("string").map((uses): Node => ({ kind: "string", name: "", required: true, uses })),
);

const caseArb = specArb.chain((root) =>
  fc.record({
    root: fc.constant(root),
    first: valueArb(root),
    answers: fc.array(fc.oneof(valueArb(root), fc.constant("not json {")), { maxLength: 2 }),
    numReasks: fc.integer({ min: 0, max: 2 }),
  }),
);

function railOf(root: Node): string {
  const body =
    root.kind === "string"
      ? `<output type="string" ${xml(root).slice("<string ".length, -2)}/>`
      : `<output>${(root.kind === "object" ? root.children : []).map(xml).join("")}</output>`;
  return `<rail version="0.1">${body}<prompt>Answer.</prompt></rail>`;
}

const asText = (value: unknown): string =>
  typeof value === "string" ? value : (json(value) ?? "");

describe("the truth invariant", () => {
  it("a passed call's value fits the schema and every validator's last verdict on it is a pass", async () => {
    await fc.assert(
      fc.asyncProperty(caseArb, async ({ root, first, answers, numReasks }) => {
        const guard = Guard.fromRailString(railOf(root));
        const replies = [first, ...answers].map(asText);
        let asked = 0;
        const llm: LLM = () => replies[asked++] ?? replies.at(-1) ?? "";
        const outcome = await guard.call(llm, { numReasks });
        if (!outcome.validationPassed) {
          expect(outcome.failures.length > 0 || outcome.error !== undefined).toBe(true);
          return;
        }
        expect(outcome.error).toBeUndefined();
        expect(outcome.refrained).toBe(false);
        expect(outcome.failures).toEqual([]);
        expect(outcome.unansweredFixes).toEqual([]);
        const value = outcome.validatedOutput;
        expect(guard.compiled.zodSchema.safeParse(value).success).toBe(true);
        const logs = outcome.call.iterations.at(-1)?.validatorLogs ?? [];
        const last = new Map(logs.map((log) => [`${log.validator} ${log.path}`, log]));
        for (const [path, node, at] of validated(root, value, [])) {
          for (const use of node.uses) {
            const verdict = last.get(`${use.alias} ${path}`);
            expect(verdict, `${use.alias} at ${path}`).toBeDefined();
            expect(verdict?.outcome).toBe("pass");
            expect([json(verdict?.valueBefore), json(verdict?.valueAfter)]).toContain(json(at));
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});
