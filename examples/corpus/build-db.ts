/**
 * Builds the corpus database (examples/corpus/corpus.sqlite) from episodes.json and schema.sql,
 * with sql.js: the same engine the `bug-free-sql` sandbox runs, so a query that passes there
 * runs here. Rows are inserted in corpus order, so the file is the same on every build.
 *
 *   npx tsx examples/corpus/build-db.ts
 */
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import initSqlJs, { type Database } from "sql.js";
import { markSeconds } from "./parse.js";
import type { Corpus } from "./types.js";

export const CORPUS_DIR = import.meta.dirname;
export const SCHEMA_FILE = join(CORPUS_DIR, "schema.sql");
export const DATABASE_FILE = join(CORPUS_DIR, "corpus.sqlite");

export function loadSqlJs() {
  const wasm = createRequire(import.meta.url).resolve("sql.js/dist/sql-wasm.wasm");
  return initSqlJs({ locateFile: () => wasm });
}

/** A fresh in-memory database holding the corpus; the caller closes it. */
export async function buildDatabase(corpus: Corpus, schema: string): Promise<Database> {
  const db = new (await loadSqlJs()).Database();
  db.run(schema);
  db.run("BEGIN");
  corpus.episodes.forEach((episode, index) => {
    const episodeId = index + 1;
    db.run("INSERT INTO episodes VALUES (?, ?, ?, ?, ?)", [
      episodeId,
      episode.slug,
      episode.title,
      episode.date,
      episode.durationSeconds,
    ]);
    for (const guest of episode.guests) {
      db.run("INSERT INTO guests (episode_id, name, company) VALUES (?, ?, ?)", [
        episodeId,
        guest.name,
        guest.company,
      ]);
    }
    const speakerIds = new Map<string, number>();
    for (const speaker of episode.speakers) {
      db.run("INSERT INTO speakers (episode_id, name, role) VALUES (?, ?, ?)", [
        episodeId,
        speaker.name,
        speaker.role,
      ]);
      speakerIds.set(speaker.name, lastId(db));
    }
    episode.chapters.forEach((chapter, position) => {
      db.run(
        "INSERT INTO chapters (episode_id, position, start_seconds, title) VALUES (?, ?, ?, ?)",
        [episodeId, position + 1, chapter.seconds, chapter.title],
      );
    });
    episode.turns.forEach((turn, position) => {
      const speakerId = speakerIds.get(turn.speaker);
      if (speakerId === undefined)
        throw new Error(`${episode.slug}: unknown speaker ${turn.speaker}`);
      db.run(
        "INSERT INTO turns (episode_id, position, speaker_id, start_seconds, text) VALUES (?, ?, ?, ?, ?)",
        [
          episodeId,
          position + 1,
          speakerId,
          turn.time === undefined ? null : markSeconds(turn.time),
          turn.text,
        ],
      );
    });
  });
  db.run("COMMIT");
  return db;
}

function lastId(db: Database): number {
  return Number(db.exec("SELECT last_insert_rowid()")[0]?.values[0]?.[0]);
}

export function readCorpus(): Corpus {
  return JSON.parse(readFileSync(join(CORPUS_DIR, "episodes.json"), "utf8")) as Corpus;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const db = await buildDatabase(readCorpus(), readFileSync(SCHEMA_FILE, "utf8"));
  writeFileSync(DATABASE_FILE, db.export());
  db.close();
  console.log(`wrote ${DATABASE_FILE}`);
}
