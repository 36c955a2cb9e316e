/**
 * Text-to-SQL: `bug-free-sql` runs the model's query in a read-only SQLite sandbox built once from
 * a schema file, and fixes a misspelt table name client-side, without another model call.
 * `exclude-sql-predicates` refuses anything that writes.
 *
 *   npx tsx examples/text-to-sql.ts
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { disposeSqlSandboxes, Guard, type LLM, modelFromEnv } from "../src/index.js";

// The spec's `schema` argument resolves next to the spec, so this runs from any folder.
const guard = Guard.fromRail<{ query: string }>(join(import.meta.dirname, "text-to-sql.rail"));
const schemaFile = join(import.meta.dirname, "../test/fixtures/sql/corpus-schema.sql");
const tables = readFileSync(schemaFile, "utf8").split("INSERT")[0];

// A stand-in model that gets the table name wrong: `episode` instead of `episodes`.
let modelCalls = 0;
const offlineModel: LLM = () => {
  modelCalls += 1;
  return '{"query": "SELECT title FROM episode WHERE duration_minutes > 50 ORDER BY title"}';
};

const outcome = await guard.call(modelFromEnv() ?? offlineModel, {
  promptParams: { tables, question: "Which episodes run longer than 50 minutes?" },
});
console.log("query:", outcome.validationPassed ? outcome.validatedOutput.query : "(none)");
console.log("validation passed:", outcome.validationPassed, "· model calls:", modelCalls);
for (const log of outcome.call.iterations[0]?.validatorLogs ?? []) {
  console.log(`- ${log.validator}: ${log.outcome}${log.message ? ` (${log.message})` : ""}`);
  console.log(`  ${JSON.stringify(log.valueBefore)} → ${JSON.stringify(log.valueAfter)}`);
}

// A query that writes never gets through: `refrain` returns the empty output and says so.
const hostile = await guard.parse('{"query": "DROP TABLE episodes"}');
console.log("hostile:", JSON.stringify(hostile.validatedOutput), "refrained:", hostile.refrained);
console.log(`- ${hostile.failures[0]?.validator}: ${hostile.failures[0]?.message}`);

// The sandbox keeps idle worker processes (they never hold the process open); stop them now.
await disposeSqlSandboxes();
