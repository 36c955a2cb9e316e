import { readFileSync, writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { defaultRegistry } from "../../src/validators/builtins.js";
import { validatorTable } from "../../src/validators/docs-table.js";

// Every RAIL alias of the reference's §4 catalogue.
const REFERENCE_ALIASES = [
  "valid-range",
  "valid-choices",
  "lower-case",
  "upper-case",
  "length",
  "two-words",
  "one-line",
  "valid-url",
  "is-reachable",
  "bug-free-python",
  "bug-free-sql",
  "sql-column-presence",
  "exclude-sql-predicates",
  "similar-to-document",
  "is-profanity-free",
  "is-high-quality-translation",
  "ends-with",
  "extracted-summary-sentences-match",
  "extractive-summary",
  "remove-redundant-sentences",
  "saliency-check",
  "reading-time",
  "qa-relevance-llm-eval",
  "choice",
  "pydantic",
  "pydantic_field_validator",
  "regex_match",
  "provenance-v0",
  "provenance-v1",
  "similar-to-list",
  "detect-secrets",
  "pii",
  "competitor-check",
  "toxic-language",
  "on_topic",
];

const README = "README.md";
const START = "<!-- validators:start -->";
const END = "<!-- validators:end -->";

describe("the validator catalogue", () => {
  it.each(REFERENCE_ALIASES)("registers %s", (alias) => {
    expect(defaultRegistry.has(alias)).toBe(true);
  });

  it.each(defaultRegistry.names())("documents %s (check, fix, advice)", (alias) => {
    const docs = defaultRegistry.get(alias)?.docs;
    expect(docs?.check.length).toBeGreaterThan(10);
    expect(docs?.fix.length).toBeGreaterThan(2);
    expect(docs?.advice.length).toBeGreaterThan(10);
  });

  it("is the README's validator table (UPDATE_README=1 regenerates it)", () => {
    const readme = readFileSync(README, "utf8");
    const start = readme.indexOf(START);
    const end = readme.indexOf(END);
    expect(start, `README.md needs ${START} … ${END}`).toBeGreaterThan(-1);
    const table = `${START}\n${validatorTable(defaultRegistry)}\n${END}`;
    const current = readme.slice(start, end + END.length);
    if (process.env.UPDATE_README && current !== table) {
      writeFileSync(README, readme.replace(current, table));
      return;
    }
    expect(current).toBe(table);
  });
});
