import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { fail } from "../../src/contract/types.js";
import { Guard } from "../../src/guard/index.js";
import type { LLM } from "../../src/llm/types.js";
import { defaultRegistry } from "../../src/validators/builtins.js";
import { registerFieldFunction, registerModel } from "../../src/validators/custom.js";
import { NO_RELEVANT_ANSWER } from "../../src/validators/llm-judged.js";
import { disposeSqlSandboxes } from "../../src/validators/sql.js";
import { fixture } from "./text-support.js";

// Every registered alias, used from a RAIL snippet through the guard with every on-fail action.

/** One validator in a RAIL spec: a value it rejects, the fix it gives (if any), a value it accepts. */
interface Row {
  /** The registered names this row runs under (a validator and its Hub-style aliases). */
  aliases: readonly string[];
  /** The arguments after `alias:`, as written in `validators="…"`. */
  args?: string;
  element?: (attributes: string) => string;
  bad: unknown;
  /** The fix value; absent when the validator has none for `bad`. */
  fixed?: unknown;
  good: unknown;
  metadata?: Record<string, unknown>;
  /** Answers the inner guard of a model-judged validator; undefined for any other prompt. */
  judge?: (prompt: string) => string | undefined;
  /** The fix fails the validator again (e.g. an empty summary), so fix_reask has to reask. */
  fixFailsRecheck?: true;
}

const string = (attributes: string) => `<string name="value" ${attributes}/>`;
const integer = (attributes: string) => `<integer name="value" ${attributes}/>`;
const list = (attributes: string) => `<list name="value" ${attributes}><string/></list>`;
const object = (attributes: string) => `<object name="value" ${attributes}/>`;

// is-reachable is opt-in network access: it is exercised against a server on 127.0.0.1.
const server = createServer((request, response) => {
  response.statusCode = request.url === "/up" ? 200 : 404;
  response.end();
});
await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await disposeSqlSandboxes();
});

registerModel("CatalogueGuest", z.object({ name: z.string().min(2) }));
registerFieldFunction("catalogue-quiet", (value) =>
  value === String(value).toLowerCase() ? true : fail("too loud", String(value).toLowerCase()),
);

const episode = fixture("guardrails-episode.txt");
const SOURCED = "Each RAIL is also model-agnostic.";
const INVENTED = "Guardrails AI was acquired by Google in 2019.";
const SCHEMA = "test/fixtures/sql/corpus-schema.sql";

/** A judge for an inner guard whose answer is `key`: `yes` when the prompt shows `good`. */
const judgeBy =
  (key: string, yes: unknown, no: unknown, good: string) =>
  (prompt: string): string | undefined => {
    if (!prompt.includes(`name="${key}"`)) return undefined;
    return JSON.stringify({ [key]: prompt.includes(good) ? yes : no });
  };

const ROWS: Row[] = [
  { aliases: ["length", "valid_length"], args: "1 3", bad: "abcdef", fixed: "abc", good: "ab" },
  {
    aliases: ["two-words", "two_words"],
    bad: "oneWord",
    fixed: "one Word",
    good: "two words",
  },
  { aliases: ["one-line", "one_line"], bad: "a\nb", fixed: "a", good: "a" },
  { aliases: ["lower-case", "lowercase"], bad: "ABC", fixed: "abc", good: "abc" },
  { aliases: ["upper-case", "uppercase"], bad: "abc", fixed: "ABC", good: "ABC" },
  {
    aliases: ["ends-with", "ends_with"],
    args: "end",
    element: list,
    bad: ["a"],
    fixed: ["a", "end"],
    good: ["a", "end"],
  },
  {
    aliases: ["valid-range", "valid_range"],
    args: "0 10",
    element: integer,
    bad: 12,
    fixed: 10,
    good: 5,
  },
  {
    aliases: ["valid-choices", "valid_choices"],
    args: "{['red', 'blue']}",
    bad: " RED",
    fixed: "red",
    good: "blue",
  },
  { aliases: ["valid-choices"], args: "{['red', 'blue']}", bad: "green", good: "red" },
  { aliases: ["valid-url", "valid_url"], bad: "example.com", good: "https://example.com" },
  {
    aliases: ["is-reachable", "endpoint_is_reachable"],
    args: "2000 allow_private=True",
    bad: `${origin}/gone`,
    good: `${origin}/up`,
  },
  { aliases: ["valid-email"], bad: "Bob <Bob@X.ORG>", fixed: "Bob@x.org", good: "a@b.co" },
  {
    aliases: ["regex_match"],
    args: "{'[A-Z]{2}-[0-9]{3}'}",
    bad: "ab-12",
    fixed: "AA-000",
    good: "QX-123",
  },
  { aliases: ["regex_match"], args: "{'(?!a)[a-z]'}", bad: "a", good: "b" },
  { aliases: ["is-iso-date"], bad: "March 5, 2024", fixed: "2024-03-05", good: "2024-01-31" },
  { aliases: ["is-iso-time"], bad: "3:04 PM", fixed: "15:04:00", good: "15:04:05" },
  {
    aliases: ["is-iso-datetime"],
    bad: "2024-3-5 9:30",
    fixed: "2024-03-05T09:30:00",
    good: "2024-03-05T09:30:00Z",
  },
  { aliases: ["bug-free-python", "valid_python"], bad: "def f(:", good: "def f(): pass" },
  { aliases: ["bug-free-javascript"], bad: "let = ;", good: "let a = 1;" },
  {
    aliases: ["is-profanity-free", "profanity_free"],
    bad: "oh shit",
    fixed: "oh ****",
    good: "oh no",
  },
  {
    aliases: ["detect-secrets", "secrets_present"],
    bad: "key AKIAIOSFODNN7EXAMPLE",
    fixed: "key ********",
    good: "key none",
  },
  {
    aliases: ["pii", "detect_pii"],
    args: "{['EMAIL_ADDRESS']}",
    bad: "mail a@b.co now",
    fixed: "mail <EMAIL_ADDRESS> now",
    good: "no mail",
  },
  {
    aliases: ["pii"],
    bad: "call +44 20 7946 0958",
    fixed: "call <PHONE_NUMBER>",
    good: "call me",
    metadata: { pii_entities: "pii" },
  },
  {
    aliases: ["competitor-check", "competitor_check"],
    args: "{['Acme']}",
    bad: "Buy ours. Not Acme.",
    fixed: "Buy ours.",
    good: "Buy ours.",
  },
  {
    aliases: ["toxic-language", "toxic_language"],
    args: "0.5 sentence",
    bad: "Hi. You are an idiot.",
    fixed: "Hi.",
    good: "Hi.",
  },
  {
    aliases: ["similar-to-document"],
    bad: "Bananas ripen faster in a paper bag.",
    good: "Guardrails AI validates the structure and quality of LLM output.",
    metadata: { document: episode },
  },
  {
    aliases: ["extractive-summary"],
    args: "85",
    bad: `${SOURCED} ${INVENTED}`,
    fixed: `${SOURCED} [1]\n\n[1] document`,
    good: SOURCED,
    metadata: { document: episode },
  },
  {
    aliases: ["extracted-summary-sentences-match"],
    args: "0.7",
    bad: `${SOURCED} ${INVENTED}`,
    fixed: `${SOURCED} [1]\n\n[1] documents[0]`,
    good: SOURCED,
    metadata: { documents: [episode] },
  },
  {
    aliases: ["remove-redundant-sentences"],
    bad: "Rails guard output. Rails guard outputs. Tests pass.",
    fixed: "Rails guard output. Tests pass.",
    good: "Rails guard output. Tests pass.",
  },
  {
    aliases: ["saliency-check"],
    args: "threshold=0.5",
    bad: "Bananas are yellow.",
    fixed: "",
    good: "Guardrails validates structure and output of LLM models with a RAIL guard.",
    metadata: { document: "Guardrails validates LLM output. A RAIL guard checks structure." },
    fixFailsRecheck: true,
  },
  {
    aliases: ["reading-time"],
    args: "0.02",
    bad: "One two three. Four five six seven eight nine ten.",
    fixed: "One two three.",
    good: "One two three.",
  },
  {
    aliases: ["provenance", "provenance-v0"],
    args: "0.8 sentence",
    bad: `${SOURCED} ${INVENTED}`,
    fixed: SOURCED,
    good: SOURCED,
    metadata: { sources: [episode] },
  },
  {
    aliases: ["provenance-v1"],
    args: "sentence",
    bad: `${SOURCED} ${INVENTED}`,
    fixed: SOURCED,
    good: SOURCED,
    metadata: { sources: [episode] },
    judge: (prompt) =>
      prompt.includes('name="supported"')
        ? JSON.stringify({ supported: !prompt.includes(INVENTED) })
        : undefined,
  },
  {
    aliases: ["similar-to-list"],
    element: integer,
    bad: 100,
    good: 11,
    metadata: { prev_values: [10, 11, 12, 11, 10] },
  },
  {
    aliases: ["qa-relevance-llm-eval"],
    bad: "Purdue is in Indiana.",
    fixed: NO_RELEVANT_ANSWER,
    good: "It validates LLM output.",
    metadata: { question: "What does Guardrails AI validate?" },
    judge: (prompt) =>
      prompt.includes('name="relevant"')
        ? JSON.stringify({ relevant: !prompt.includes("Purdue") })
        : undefined,
  },
  {
    aliases: ["on-topic", "on_topic"],
    args: "{['cooking']} {['politics']}",
    bad: "Who wins the election?",
    good: "Boil the pasta.",
    judge: judgeBy("topic", "cooking", "politics", "Boil the pasta."),
  },
  {
    aliases: ["on-topic"],
    args: "{['cooking']} {['politics']} disable_llm=true",
    bad: "Politics, politics and more politics.",
    good: "Cooking tips for cooking pasta.",
  },
  {
    aliases: ["is-high-quality-translation"],
    bad: "Le chien.",
    fixed: "",
    good: "The cat sleeps.",
    metadata: { source_text: "Le chat dort." },
    judge: judgeBy("score", 0.9, 0.1, "The cat sleeps."),
    fixFailsRecheck: true,
  },
  {
    aliases: ["bug-free-sql"],
    args: `schema='${SCHEMA}'`,
    bad: "SELECT title FROM episode",
    fixed: "SELECT title FROM episodes",
    good: "SELECT title FROM episodes",
  },
  {
    aliases: ["bug-free-sql"],
    args: `schema='${SCHEMA}'`,
    bad: "DROP TABLE episodes",
    good: "SELECT count(*) FROM episodes",
  },
  {
    aliases: ["sql-column-presence"],
    args: "{['title', 'guest']} tables={['episodes']}",
    bad: "SELECT gust FROM episodes",
    fixed: "SELECT guest FROM episodes",
    good: "SELECT title FROM episodes",
  },
  {
    aliases: ["exclude-sql-predicates"],
    args: "{['Drop', 'Delete']}",
    bad: "DELETE FROM episodes",
    fixed: "",
    good: "SELECT title FROM episodes",
  },
  {
    aliases: ["pydantic"],
    args: "CatalogueGuest",
    element: object,
    bad: { name: "A" },
    good: { name: "Ada" },
  },
  {
    aliases: ["pydantic_field_validator"],
    args: "catalogue-quiet",
    bad: "LOUD",
    fixed: "loud",
    good: "quiet",
  },
];

const ACTIONS = ["noop", "fix", "filter", "refrain", "exception", "reask", "fix_reask"] as const;

function railFor(row: Row, alias: string, action: string): string {
  const validators = row.args ? `${alias}: ${row.args}` : alias;
  const attributes = `validators="${validators}" on-fail-${alias}="${action}"`;
  const element = (row.element ?? string)(attributes);
  return `<rail version="0.1"><output>${element}<string name="other"/></output></rail>`;
}

/** A model that judges for the row's inner guard and answers every reask with the good value. */
function modelFor(row: Row): { llm: LLM; reasks: () => number } {
  let reasks = 0;
  const llm: LLM = (prompt) => {
    const judgement = row.judge?.(prompt);
    if (judgement !== undefined) return judgement;
    reasks += 1;
    return JSON.stringify({ value: row.good });
  };
  return { llm, reasks: () => reasks };
}

const output = (value: unknown): string => JSON.stringify({ value, other: "x" });

const cases = ROWS.flatMap((row) => row.aliases.map((alias) => ({ alias, row })));

describe.each(cases)("$alias: $row.args, rejecting $row.bad", ({ alias, row }) => {
  const hasFix = row.fixed !== undefined;
  const parse = (action: string, value: unknown, llm?: LLM) =>
    Guard.fromRailString(railFor(row, alias, action)).parse(output(value), {
      ...(llm ? { llm } : {}),
      metadata: row.metadata ?? {},
    });

  it("passes the accepted value untouched", async () => {
    const outcome = await parse("exception", row.good, modelFor(row).llm);
    expect(outcome.error).toBeUndefined();
    expect(outcome.validatedOutput).toEqual({ value: row.good, other: "x" });
    expect(outcome.validationPassed).toBe(true);
  });

  it.each(ACTIONS)("on-fail %s", async (action) => {
    const model = modelFor(row);
    const outcome = await parse(action, row.bad, model.llm);
    const failure = outcome.failures[0];
    switch (action) {
      case "noop":
        expect(outcome.validatedOutput).toEqual({ value: row.bad, other: "x" });
        expect(failure).toMatchObject({ path: "$.value", validator: alias, reason: "noop" });
        break;
      case "fix":
        if (hasFix) expect(outcome.validatedOutput).toEqual({ value: row.fixed, other: "x" });
        else expect(failure).toMatchObject({ validator: alias, reason: "fix-unavailable" });
        // A fix its own validator rejects does not pass: the final check runs it again.
        if (row.fixFailsRecheck) {
          expect(failure).toMatchObject({ validator: alias, reason: "rejected-after-actions" });
        }
        expect(outcome.validationPassed).toBe(hasFix && !row.fixFailsRecheck);
        break;
      case "filter":
        expect(outcome.validatedOutput).toEqual({ other: "x" });
        break;
      case "refrain":
        expect(outcome.refrained).toBe(true);
        expect(outcome.validatedOutput).toEqual({});
        break;
      case "exception":
        expect(outcome.error?.name).toBe("ValidationError");
        expect(outcome.error?.message).toContain(`validator "${alias}"`);
        expect(outcome.validationPassed).toBe(false);
        break;
      case "reask":
        expect(outcome.validatedOutput).toEqual({ value: row.good, other: "x" });
        expect(model.reasks()).toBe(1);
        break;
      case "fix_reask": {
        const fixHolds = hasFix && !row.fixFailsRecheck;
        expect(outcome.validatedOutput).toEqual({
          value: fixHolds ? row.fixed : row.good,
          other: "x",
        });
        expect(model.reasks()).toBe(fixHolds ? 0 : 1);
        break;
      }
    }
  });
});

describe("the catalogue in RAIL", () => {
  it("uses every registered alias in the matrix above", () => {
    const used = new Set(cases.map(({ alias }) => alias));
    const unused = defaultRegistry.names().filter((name) => name !== "choice" && !used.has(name));
    expect(unused).toEqual([]);
  });

  it("resolves Hub ids to the same validators", async () => {
    const rail = `<rail version="0.1"><output><string name="value" validators="hub://guardrails/valid_length: 1 3" on-fail-guardrails_valid_length="fix"/></output></rail>`;
    const outcome = await Guard.fromRailString(rail).parse(output("abcdef"));
    expect(outcome.validatedOutput).toEqual({ value: "abc" });
  });

  it("reads a bare valid-choices argument as a one-item list, not a substring test", async () => {
    const rail = `<rail version="0.1"><output><string name="value" validators="valid-choices: apple" on-fail-valid-choices="noop"/></output></rail>`;
    const guard = Guard.fromRailString(rail);
    expect((await guard.parse(output("app"))).validationPassed).toBe(false);
    expect((await guard.parse(output("apple"))).validationPassed).toBe(true);
  });

  // The output's shape is checked before any validator runs, and it already knows the case names:
  // a wrong case is a shape mismatch (reasked as such), so `on-fail-choice` never comes into play.
  describe("choice", () => {
    const choiceRail = `<rail version="0.1"><output>
  <choice name="action" validators="choice" on-fail-choice="fix">
    <case name="fight"><string name="fight"/></case>
    <case name="flight"><string name="flight"/></case>
  </choice>
</output></rail>`;

    it("binds to a choice field and passes a listed case", async () => {
      const guard = Guard.fromRailString(choiceRail);
      expect(guard.compiled.bindings.map((binding) => binding.ref.name)).toEqual(["choice"]);
      const outcome = await guard.parse('{"action": "fight", "fight": "punch"}');
      expect(outcome.validatedOutput).toEqual({ action: "fight", fight: "punch" });
    });

    it("fails an unknown case, which the parser leaves in place for it", async () => {
      const outcome = await Guard.fromRailString(choiceRail).parse('{"action": "run"}');
      expect(outcome.validationPassed).toBe(false);
      expect(outcome.failures).toEqual([
        {
          path: "$.action",
          validator: "choice",
          message: '"run" is not one of the cases: "fight", "flight"',
          reason: "fix-unavailable",
        },
      ]);
    });
  });
});
