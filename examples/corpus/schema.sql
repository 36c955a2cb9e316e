-- The episode corpus as SQLite: built from examples/corpus/episodes.json by build-db.ts.
-- Times are in seconds from the start of the recording; dates are ISO (YYYY-MM-DD).
CREATE TABLE episodes (
  id INTEGER PRIMARY KEY,
  slug TEXT NOT NULL UNIQUE,
  title TEXT NOT NULL,
  published TEXT NOT NULL,
  duration_seconds INTEGER NOT NULL
);

CREATE TABLE guests (
  id INTEGER PRIMARY KEY,
  episode_id INTEGER NOT NULL REFERENCES episodes(id),
  name TEXT NOT NULL,
  company TEXT NOT NULL
);

CREATE TABLE speakers (
  id INTEGER PRIMARY KEY,
  episode_id INTEGER NOT NULL REFERENCES episodes(id),
  name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('host', 'guest'))
);

CREATE TABLE chapters (
  id INTEGER PRIMARY KEY,
  episode_id INTEGER NOT NULL REFERENCES episodes(id),
  position INTEGER NOT NULL,
  start_seconds INTEGER NOT NULL,
  title TEXT NOT NULL
);

CREATE TABLE turns (
  id INTEGER PRIMARY KEY,
  episode_id INTEGER NOT NULL REFERENCES episodes(id),
  position INTEGER NOT NULL,
  speaker_id INTEGER NOT NULL REFERENCES speakers(id),
  start_seconds INTEGER, -- the turn's first time mark; NULL when it has none
  text TEXT NOT NULL
);
