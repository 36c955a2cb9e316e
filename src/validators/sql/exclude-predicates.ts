import type { ValidatorDefinition } from "../../contract/types.js";
import { fail, pass } from "../../contract/types.js";
import { maxLengthArg } from "../common.js";
import { nameList, sqlCheck } from "./check.js";
import { dialectArg, resolveDialect } from "./dialects.js";
import { forbiddenFound, scanFeatures } from "./predicates.js";

export type ExcludePredicatesArgs = {
  predicates: unknown;
  dialect?: string;
  max_length?: number;
};

export const excludeSqlPredicates: ValidatorDefinition<ExcludePredicatesArgs> = {
  name: "exclude-sql-predicates",
  types: ["sql", "string"],
  args: [
    {
      name: "predicates",
      type: "list",
      description: "Forbidden statements, clauses and functions, e.g. Drop, Delete, Union, Join.",
    },
    dialectArg,
    maxLengthArg,
  ],
  description: "The query contains none of the forbidden statements, clauses or functions.",
  docs: {
    check:
      "no forbidden predicate in the query: statements (`Drop`, `Delete`, `Update`, `Insert`, `Create`, `Alter`, `Attach`, `Pragma`…), clauses (`Where`, `Join`, `Union`, `Group`, `Order`, `Limit`, `With`, `Subquery`, `Star`) or function names, case-insensitive, Guardrails' sqlglot class names accepted; a query that does not parse fails (fail closed); SQL over `max_length` characters (default 50000), SQL the parser would read otherwise than the database (MySQL `/*! */` comments, a backslash before a closing quote in SQLite…) and a parse over 2 s fail unchecked",
    fix: '`""` (drop the query), as in Guardrails',
    advice: "`fix` or `refrain` to never pass a forbidden query on; `reask` to get a compliant one",
  },
  validate: sqlCheck<ExcludePredicatesArgs>((sql, { args }) => {
    const { features, parseError } = scanFeatures(sql, resolveDialect(args.dialect));
    const found = forbiddenFound(nameList(args.predicates), features);
    if (found.length > 0)
      return fail(`the SQL contains forbidden predicates: ${found.join(", ")}`, "");
    if (parseError)
      return fail(`the SQL cannot be checked for forbidden predicates: ${parseError}`, "");
    return pass();
  }),
};
