import { afterAll, describe, expect, it } from "vitest";
import { Guard } from "../../../src/guard/index.js";
import type { LLM } from "../../../src/llm/types.js";
import { disposeSqlSandboxes } from "../../../src/validators/sql.js";

afterAll(disposeSqlSandboxes);

const SCHEMA = "test/fixtures/sql/corpus-schema.sql";

const textToSql = (validators: string, onFail: string): string => `<rail version="0.1">
<output>
  <sql name="query" description="SQLite query answering the question"
       validators="${validators}" ${onFail}/>
</output>
<prompt>
Question: \${question}

\${output_schema}
</prompt>
</rail>`;

const bugFree = (action: string): string =>
  textToSql(`bug-free-sql: schema='${SCHEMA}'`, `on-fail-bug-free-sql="${action}"`);

/** A model that always gives the same answer and records each prompt it was sent. */
function scriptedModel(answer: string): { llm: LLM; prompts: string[] } {
  const prompts: string[] = [];
  return {
    prompts,
    llm: (prompt) => {
      prompts.push(prompt);
      return answer;
    },
  };
}

describe("bug-free-sql in a RAIL spec", () => {
  it("done when: a text-to-SQL spec with a wrong table name is fixed without a model call", async () => {
    const model = scriptedModel(
      '{"query": "SELECT title FROM episode WHERE duration_minutes > 50"}',
    );
    const outcome = await Guard.fromRailString(bugFree("fix")).call(model.llm, {
      promptParams: { question: "Which episodes run longer than 50 minutes?" },
    });
    expect(outcome.validatedOutput).toEqual({
      query: "SELECT title FROM episodes WHERE duration_minutes > 50",
    });
    expect(outcome.validationPassed).toBe(true);
    expect(model.prompts).toHaveLength(1);
    expect(outcome.call.iterations[0]?.validatorLogs).toContainEqual(
      expect.objectContaining({
        validator: "bug-free-sql",
        message: "no such table: episode",
        actionTaken: "fixed",
      }),
    );
  });

  it("shows the model the dialect, not the schema file", async () => {
    const model = scriptedModel('{"query": "SELECT title FROM episodes"}');
    await Guard.fromRailString(bugFree("fix")).call(model.llm, { promptParams: { question: "?" } });
    expect(model.prompts[0]).toContain('format="bug-free-sql: dialect=sqlite"');
    expect(model.prompts[0]).not.toContain("corpus-schema.sql");
  });

  it("keeps the query and reports the database error with noop", async () => {
    const outcome = await Guard.fromRailString(bugFree("noop")).parse(
      '{"query": "SELECT title FROM episode"}',
    );
    expect(outcome.validatedOutput).toEqual({ query: "SELECT title FROM episode" });
    expect(outcome.validationPassed).toBe(false);
    expect(outcome.failures).toMatchObject([
      { path: "$.query", validator: "bug-free-sql", message: "no such table: episode" },
    ]);
  });

  it("raises the database error with exception", async () => {
    const outcome = await Guard.fromRailString(bugFree("exception")).parse(
      '{"query": "SELECT title FROM episode"}',
    );
    expect(outcome.error?.message).toContain("no such table: episode");
    expect(outcome.validationPassed).toBe(false);
  });

  it("refrains from passing on a hostile query", async () => {
    const outcome = await Guard.fromRailString(bugFree("refrain")).parse(
      '{"query": "ATTACH DATABASE \'/tmp/x\' AS x"}',
    );
    expect(outcome.refrained).toBe(true);
    expect(outcome.failures[0]?.message).toBe("refused by the SQL sandbox: ATTACH is not allowed");
  });
});

describe("the other SQL validators in a RAIL spec", () => {
  it("drops a query with a forbidden predicate (fix is an empty string)", async () => {
    const rail = textToSql(
      "exclude-sql-predicates: {['Drop', 'Delete']}",
      'on-fail-exclude-sql-predicates="fix"',
    );
    const outcome = await Guard.fromRailString(rail).parse('{"query": "DROP TABLE episodes"}');
    expect(outcome.validatedOutput).toEqual({ query: "" });
  });

  it("corrects a column outside the allow-list when one allowed name is clearly meant", async () => {
    const rail = textToSql(
      "sql-column-presence: {['title', 'guest']} tables={['episodes']}",
      'on-fail-sql-column-presence="fix"',
    );
    const outcome = await Guard.fromRailString(rail).parse(
      '{"query": "SELECT gust FROM episodes"}',
    );
    expect(outcome.validatedOutput).toEqual({ query: "SELECT guest FROM episodes" });
  });

  it("reports columns outside the allow-list with noop", async () => {
    const rail = textToSql(
      "sql-column-presence: {['title', 'guest']}",
      'on-fail-sql-column-presence="noop"',
    );
    const outcome = await Guard.fromRailString(rail).parse(
      '{"query": "SELECT published FROM episodes"}',
    );
    expect(outcome.failures).toMatchObject([
      { validator: "sql-column-presence", message: "columns not in the allowed list: published" },
    ]);
  });
});
