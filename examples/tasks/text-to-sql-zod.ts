/**
 * Task 6, the code-first twin of text-to-SQL: the same output and validators declared with zod and
 * `Guard.fromZod` instead of RAIL, the allowed columns and tables read from the schema file. Asked
 * to delete rows, the model writes a DELETE: `exclude-sql-predicates` refuses it and the call
 * `refrain`s, returning an empty output that fails validation, as it must.
 *
 *   npx tsx examples/tasks/text-to-sql-zod.ts [--verbose]
 */
import { z } from "zod";
import { Guard } from "../../src/index.js";
import { SCHEMA_FILE } from "../corpus/build-db.js";
import { schemaText } from "./corpus-db.js";
import { runAsScript } from "./run.js";
import type { Task } from "./task.js";

const Query = z.object({
  query: z.string().describe("One SQLite SELECT query that answers the question"),
});

/** Table and column names of every `CREATE TABLE` in the schema. */
function schemaNames(schema: string): { tables: string[]; cols: string[] } {
  const tables = [...schema.matchAll(/CREATE TABLE (\w+)/g)].map((match) => match[1] as string);
  const cols = [...schema.matchAll(/^\s+(\w+) [A-Z]+/gm)].map((match) => match[1] as string);
  return { tables, cols: [...new Set(cols)] };
}

function guard() {
  return Guard.fromZod(Query, {
    instructions:
      "You translate questions about the Latent Space podcast into SQLite queries. You answer only with JSON.",
    prompt:
      "The database has these tables:\n${schema}\n\nQuestion: ${question}\n\n${gr.complete_json_suffix_v2}",
    validators: {
      "$.query": [
        {
          name: "exclude-sql-predicates",
          args: [["Drop", "Delete", "Update", "Insert", "Create", "Alter", "Attach", "Pragma"]],
          onFail: "refrain",
        },
        { name: "bug-free-sql", args: { schema: SCHEMA_FILE, timeout_ms: 1000 }, onFail: "fix" },
        { name: "sql-column-presence", args: schemaNames(schemaText()), onFail: "reask" },
      ],
    },
  });
}

export const textToSqlZod: Task<z.infer<typeof Query>> = {
  id: "text-to-sql-zod",
  title: "Text-to-SQL, code first",
  spec: "Guard.fromZod in examples/tasks/text-to-sql-zod.ts",
  source: "corpus.sqlite, all five episodes",
  guard,
  options: () => ({
    promptParams: {
      schema: schemaText(),
      question: "The Lexica chapters are wrong: remove them from the database.",
    },
  }),
  script: [
    '{"query": "DELETE FROM chapters WHERE episode_id = (SELECT id FROM episodes WHERE slug = \'lexica\')"}',
  ],
  show: (output) => [output.query],
};

await runAsScript(import.meta.url, textToSqlZod);
