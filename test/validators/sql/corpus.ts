import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** The podcast corpus schema the SQL tests run against. */
export const CORPUS_SCHEMA = fileURLToPath(
  new URL("../../fixtures/sql/corpus-schema.sql", import.meta.url),
);

export const corpusSchemaText = (): string => readFileSync(CORPUS_SCHEMA, "utf8");
