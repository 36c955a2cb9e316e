/** The six example tasks, in the order the demo runs them. */
import { episodeSummary } from "./episode-summary.js";
import { lightningRound } from "./lightning-round.js";
import { quotes } from "./quotes.js";
import { showNotes } from "./show-notes.js";
import type { AnyTask } from "./task.js";
import { textToSql } from "./text-to-sql.js";
import { textToSqlZod } from "./text-to-sql-zod.js";

export const TASKS: readonly AnyTask[] = [
  episodeSummary,
  showNotes,
  quotes,
  textToSql,
  lightningRound,
  textToSqlZod,
];
