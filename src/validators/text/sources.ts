import { statSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import type { MetadataRequirement } from "../../contract/types.js";
import { errorMessage } from "../../errors.js";
import { specRelativePath } from "../common.js";
import { TextValidationError } from "./errors.js";

/** A source text a summary is checked against; `label` names it in citations and messages. */
export interface SourceText {
  label: string;
  text: string;
}

/** Where sources may come from besides metadata: validator arguments that name a document or dir. */
export interface SourceArgs {
  document?: unknown;
  docs_dir?: unknown;
}

/** The metadata keys a source may come from, any one of which will do. */
const SOURCE_KEYS = ["document", "documents", "filepaths", "docs_dir"] as const;

/**
 * What a summary validator needs from the call's metadata (its `requiredMetadata`): one of the
 * source keys, unless one of `unlessArgs` (`document`, `docs_dir`) names the source instead.
 */
export const sourceRequirement = (
  unlessArgs: readonly (keyof SourceArgs)[] = [],
): MetadataRequirement => ({
  oneOf: SOURCE_KEYS,
  unlessArgs,
});

/**
 * Every source text given to a validator, arguments first, then `metadata.document`,
 * `metadata.documents`, `metadata.filepaths` and `metadata.docs_dir` (files read by us, never by
 * the model). A `docs_dir` argument is written in the spec, so a relative one is looked up next
 * to the spec file (`specDir`) first; metadata paths come from code and stay relative to the
 * working directory. Throws a `TextValidationError` naming the key or file when none is usable.
 */
export async function loadSources(
  metadata: Record<string, unknown>,
  args: SourceArgs = {},
  specDir?: string,
): Promise<SourceText[]> {
  const dir =
    args.docs_dir != null
      ? specRelativePath(expectString("docs_dir", args.docs_dir), specDir, isDirectory)
      : metadata.docs_dir;
  const sources = [
    ...inlineDocument("document", args.document ?? metadata.document),
    ...inlineDocuments(metadata.documents),
    ...(await readFiles(pathList("metadata.filepaths", metadata.filepaths))),
    ...(await readDirectory(dir)),
  ];
  if (sources.length === 0) {
    const keys = SOURCE_KEYS.map((key) => `metadata.${key}`).join(", ");
    throw new TextValidationError("missing-source", `No source text: pass one of ${keys}.`);
  }
  return sources;
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path, { throwIfNoEntry: false })?.isDirectory() ?? false;
  } catch {
    return false; // unreadable: reported when it is listed
  }
}

function inlineDocument(label: string, document: unknown): SourceText[] {
  if (document === undefined || document === null) return [];
  return [{ label, text: expectString(label, document) }];
}

function inlineDocuments(documents: unknown): SourceText[] {
  if (documents === undefined || documents === null) return [];
  return expectArray("metadata.documents", documents).map((text, index) => ({
    label: `documents[${index}]`,
    text: expectString(`metadata.documents[${index}]`, text),
  }));
}

function pathList(key: string, paths: unknown): string[] {
  if (paths === undefined || paths === null) return [];
  return expectArray(key, paths).map((path, index) => expectString(`${key}[${index}]`, path));
}

async function readFiles(paths: string[]): Promise<SourceText[]> {
  return Promise.all(paths.map(async (path) => ({ label: path, text: await readText(path) })));
}

async function readDirectory(dir: unknown): Promise<SourceText[]> {
  if (dir === undefined || dir === null) return [];
  const path = expectString("docs_dir", dir);
  return readFiles(await listFiles(path));
}

async function listFiles(dir: string): Promise<string[]> {
  try {
    const entries = await readdir(dir, { withFileTypes: true });
    return entries
      .filter((entry) => entry.isFile())
      .map((entry) => join(dir, entry.name))
      .sort();
  } catch (error) {
    throw new TextValidationError(
      "unreadable-source",
      `Cannot read docs_dir "${dir}": ${errorMessage(error)}`,
    );
  }
}

async function readText(path: string): Promise<string> {
  try {
    return await readFile(path, "utf8");
  } catch (error) {
    throw new TextValidationError(
      "unreadable-source",
      `Cannot read "${path}": ${errorMessage(error)}`,
    );
  }
}

function expectString(key: string, value: unknown): string {
  if (typeof value === "string") return value;
  throw new TextValidationError("invalid-source", `${key} must be a string, got ${typeof value}.`);
}

function expectArray(key: string, value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  throw new TextValidationError("invalid-source", `${key} must be a list, got ${typeof value}.`);
}
