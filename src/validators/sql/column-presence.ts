import { closestName } from "../../closest-name.js";
import type { ValidatorDefinition, Verdict } from "../../contract/types.js";
import { fail, pass } from "../../contract/types.js";
import { maxLengthArg } from "../common.js";
import { nameList, sqlCheck } from "./check.js";
import { dialectArg, isMysqlLexed, parseSql, resolveDialect, type SqlDialect } from "./dialects.js";
import { referencesOf, type SqlReferences } from "./references.js";
import { renameIdentifier } from "./tokens.js";

export type ColumnPresenceArgs = {
  cols: unknown;
  tables?: unknown;
  dialect?: string;
  max_length?: number;
};

/** The allow-lists, lower-cased; `table.column` entries allow a column of that table only. */
interface AllowList {
  columns: string[];
  tables: string[] | undefined;
}

interface Offenders {
  columns: string[];
  tables: string[];
}

const lower = (names: string[]): string[] => names.map((name) => name.toLowerCase());

function offendersIn(references: SqlReferences, allowed: AllowList): Offenders {
  const columnAllowed = (table: string | undefined, column: string): boolean =>
    allowed.columns.includes(column.toLowerCase()) ||
    (table !== undefined && allowed.columns.includes(`${table}.${column}`.toLowerCase()));
  const columns = references.columns
    .filter(({ table, column }) => !columnAllowed(table, column))
    .map(({ column }) => column);
  const tables = references.tables.filter(
    (table) => allowed.tables !== undefined && !allowed.tables.includes(table.toLowerCase()),
  );
  return { columns: [...new Set(columns)], tables };
}

function offenceMessage({ columns, tables }: Offenders): string {
  const parts = [
    columns.length > 0 ? `columns not in the allowed list: ${columns.join(", ")}` : "",
    tables.length > 0 ? `tables not in the allowed list: ${tables.join(", ")}` : "",
  ];
  return parts.filter((part) => part !== "").join("; ");
}

/** Every offender renamed to its clearly closest allowed name, if each has one and that suffices. */
function renamedQuery(
  sql: string,
  offenders: Offenders,
  allowed: AllowList,
  dialect: SqlDialect,
): string | undefined {
  const allowedColumns = allowed.columns.map((entry) => entry.split(".").at(-1) ?? entry);
  const renames = [
    ...offenders.columns.map((name) => [name, closestName(name, allowedColumns)] as const),
    ...offenders.tables.map((name) => [name, closestName(name, allowed.tables ?? [])] as const),
  ];
  if (renames.some(([, to]) => to === undefined)) return undefined;
  const renamed = renames.reduce(
    (query, [from, to]) =>
      renameIdentifier(query, from, to ?? from, { mysqlLexing: isMysqlLexed(dialect) }),
    sql,
  );
  const verdict = checkPresence(renamed, allowed, dialect);
  return verdict.outcome === "pass" ? renamed : undefined;
}

function checkPresence(sql: string, allowed: AllowList, dialect: SqlDialect): Verdict {
  const parsed = parseSql(sql, dialect);
  if (!parsed.ok) return fail(parsed.message);
  const offenders = offendersIn(referencesOf(parsed.parsed), allowed);
  if (offenders.columns.length + offenders.tables.length === 0) return pass();
  return fail(offenceMessage(offenders), renamedQuery(sql, offenders, allowed, dialect));
}

export const sqlColumnPresence: ValidatorDefinition<ColumnPresenceArgs> = {
  name: "sql-column-presence",
  types: ["sql", "string"],
  args: [
    { name: "cols", type: "list", description: "Allowed columns: `title` or `episodes.title`." },
    {
      name: "tables",
      type: "list",
      optional: true,
      description: "Allowed tables; any when absent.",
    },
    dialectArg,
    maxLengthArg,
  ],
  description:
    "Every column (and, with `tables`, every table) the query references is allow-listed.",
  docs: {
    check:
      "every column referenced (CTE names and output aliases excepted; `*` allowed) is in `cols`, and with `tables` every table is in `tables`, case-insensitively; the message names the offenders; SQL over `max_length` characters (default 50000), SQL the parser would read otherwise than the database (MySQL `/*! */` comments, a backslash before a closing quote in SQLite…) and a parse over 2 s fail unchecked",
    fix: "each offender renamed to its clearly closest allowed name when every offender has one; otherwise none",
    advice: "`reask` so the model picks allowed columns; `fix` when offenders are likely typos",
  },
  validate: sqlCheck<ColumnPresenceArgs>((sql, { args }) => {
    const allowed = {
      columns: lower(nameList(args.cols)),
      tables:
        args.tables === undefined || args.tables === null
          ? undefined
          : lower(nameList(args.tables)),
    };
    return checkPresence(sql, allowed, resolveDialect(args.dialect));
  }),
};
