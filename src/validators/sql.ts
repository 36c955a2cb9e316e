import { bugFreeSql } from "./sql/bug-free-sql.js";
import { sqlColumnPresence } from "./sql/column-presence.js";
import { excludeSqlPredicates } from "./sql/exclude-predicates.js";

export { type BugFreeSqlArgs, bugFreeSql } from "./sql/bug-free-sql.js";
export { type ColumnPresenceArgs, sqlColumnPresence } from "./sql/column-presence.js";
export { resolveDialect, type SqlDialect } from "./sql/dialects.js";
export { SqlValidatorError } from "./sql/errors.js";
export { type ExcludePredicatesArgs, excludeSqlPredicates } from "./sql/exclude-predicates.js";
export {
  DEFAULT_TIMEOUT_MS,
  disposeSqlSandboxes,
  type QueryFailureReason,
  type QueryOutcome,
  type SqlCatalog,
  type SqlRunOptions,
  SqlSandbox,
  sandboxBuildCount,
  sqlSandbox,
} from "./sql/sandbox.js";

/** The SQL family: syntax and sandboxed execution, column/table allow-lists, forbidden predicates. */
export const sqlValidators = [bugFreeSql, sqlColumnPresence, excludeSqlPredicates];
