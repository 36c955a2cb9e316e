import { afterAll, describe, expect, it } from "vitest";
import { defaultRegistry } from "../../src/validators/builtins.js";
import { disposeSqlSandboxes } from "../../src/validators/sql.js";
import { run } from "./run.js";

afterAll(disposeSqlSandboxes);

// `validate` returns a verdict for whatever value it is handed: the guard passes model output
// through it, and a library user may pass anything at all.

/** Arguments a validator cannot go without (the rest take their defaults). */
const REQUIRED_ARGS: Record<string, Record<string, unknown>> = {
  "ends-with": { end: "x" },
  "valid-choices": { choices: ["a"] },
  regex_match: { regex: "(a+)+b" },
  "competitor-check": { competitors: ["Acme"] },
  "bug-free-sql": { schema: "test/fixtures/sql/corpus-schema.sql" },
  "sql-column-presence": { cols: ["title"] },
  "exclude-sql-predicates": { predicates: ["Drop"] },
  "reading-time": { reading_time: 1 },
  "on-topic": { valid_topics: ["cooking"] },
  pydantic: { model: "NotRegistered" },
  pydantic_field_validator: { validator: "not-registered" },
};

const circular: Record<string, unknown> = { name: "loop" };
circular.self = circular;

const HOSTILE: [string, unknown][] = [
  ["undefined", undefined],
  ["null", null],
  ["NaN", Number.NaN],
  ["Infinity", Number.POSITIVE_INFINITY],
  ["a negative number", -1],
  ["a bigint", 10n],
  ["a boolean", true],
  ["a symbol", Symbol("s")],
  ["a function", () => "x"],
  ["an empty list", []],
  ["a list of nulls", [null, undefined]],
  ["a circular object", circular],
  ["a list ending in a circular object", [circular]],
  ["an empty string", ""],
  ["whitespace", " \n\t "],
  ["NUL and a lone surrogate", "a\u0000b\ud800"],
  ["SQL injection", "'; DROP TABLE episodes; --"],
  [
    "a recursive CTE",
    "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) SELECT n FROM r",
  ],
  ["markup", "<script>alert(1)</script>"],
  ["a long string", "ab ".repeat(7_000)],
];

const aliasesOf = (): string[] => defaultRegistry.names();

const argsFor = (alias: string): Record<string, unknown> => {
  const definition = defaultRegistry.get(alias);
  const name = Object.keys(REQUIRED_ARGS).find((key) => defaultRegistry.get(key) === definition);
  return name ? (REQUIRED_ARGS[name] as Record<string, unknown>) : {};
};

const METADATA: [string, Record<string, unknown>][] = [
  ["no metadata", {}],
  [
    "metadata of the wrong types",
    {
      document: 3,
      documents: "x",
      sources: [1],
      question: {},
      prev_values: "x",
      pii_entities: 7,
      embed: "not a function",
    },
  ],
];

describe.each(aliasesOf())("%s never throws", (alias) => {
  const definition = defaultRegistry.get(alias);

  it.each(HOSTILE)("for %s", async (_label, value) => {
    for (const [, metadata] of METADATA) {
      const verdict = await run(definition as never, value, argsFor(alias), {
        metadata,
        kind: "string",
      });
      expect(["pass", "fail"]).toContain(verdict.outcome);
      if (verdict.outcome === "fail") expect(verdict.message.length).toBeGreaterThan(0);
    }
  });
});
