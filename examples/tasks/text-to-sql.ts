/**
 * Task 4, text-to-SQL over the corpus database: rails/text-to-sql.rail. The model writes
 * `FROM guest` for the table `guests`; `bug-free-sql` finds the closest table in its sandbox and
 * renames it, without a model call (`fix`), and the fixed query then runs on
 * examples/corpus/corpus.sqlite.
 *
 *   npx tsx examples/tasks/text-to-sql.ts [--verbose]
 */
import { Guard } from "../../src/index.js";
import { queryRows, schemaText } from "./corpus-db.js";
import { runAsScript } from "./run.js";
import { railFile, type Task } from "./task.js";

type Output = { query: string };

export const textToSql: Task<Output> = {
  id: "text-to-sql",
  title: "Text-to-SQL",
  spec: "rails/text-to-sql.rail",
  source: "corpus.sqlite, all five episodes",
  guard: () => Guard.fromRail<Output>(railFile("text-to-sql.rail")),
  options: () => ({
    promptParams: {
      schema: schemaText(),
      question: "Which guests were on episodes longer than an hour, and from which company?",
    },
  }),
  script: [
    '{"query": "SELECT g.name, g.company FROM guest g JOIN episodes e ON e.id = g.episode_id WHERE e.duration_seconds > 3600 ORDER BY g.name"}',
  ],
  show: (output) => [output.query],
  after: async (outcome) =>
    outcome.validationPassed && outcome.validatedOutput
      ? queryRows(outcome.validatedOutput.query)
      : [],
};

await runAsScript(import.meta.url, textToSql);
