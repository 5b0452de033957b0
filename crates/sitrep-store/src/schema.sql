-- sitrep store schema, version 1 (PRAGMA user_version).
--
-- `articles.contract` holds the full AnnotatedArticle as JSON and is the source of truth; the other
-- columns and tables are derived from it in the same transaction, for querying. `indexed` is 1 once
-- the article is committed to the tantivy index.

CREATE TABLE IF NOT EXISTS articles (
    id           TEXT PRIMARY KEY NOT NULL,
    url          TEXT,
    site         TEXT,
    title        TEXT,
    published    TEXT,              -- RFC 3339
    published_ts INTEGER,           -- seconds since the Unix epoch, for ordering
    language     TEXT,
    format       TEXT NOT NULL,
    text         TEXT NOT NULL,
    contract     TEXT NOT NULL,     -- the full AnnotatedArticle as JSON
    ingested_at  TEXT NOT NULL,     -- RFC 3339
    indexed      INTEGER NOT NULL DEFAULT 0
);

-- Matches the ORDER BY of a full scan exactly, so reading every article streams without a sort.
CREATE INDEX IF NOT EXISTS articles_by_published
    ON articles (published_ts IS NULL, published_ts, id);
CREATE INDEX IF NOT EXISTS articles_unindexed ON articles (indexed, id);

CREATE TABLE IF NOT EXISTS quotes (
    article_id      TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    idx             INTEGER NOT NULL,  -- position in the article's quote list
    "start"         INTEGER NOT NULL,  -- code points into articles.text, inclusive
    "end"           INTEGER NOT NULL,  -- code points into articles.text, exclusive
    text            TEXT NOT NULL,
    kind            TEXT NOT NULL,     -- direct | partial | headline | indirect
    speaker_name    TEXT,
    speaker_entity  TEXT,              -- local entity id within the article
    speaker_mention TEXT,              -- the mention the attribution rests on
    cue             TEXT,
    confidence      REAL NOT NULL,
    PRIMARY KEY (article_id, idx)
);
CREATE INDEX IF NOT EXISTS quotes_by_speaker ON quotes (speaker_name);

CREATE TABLE IF NOT EXISTS entities (
    article_id   TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    local_id     TEXT NOT NULL,
    name         TEXT NOT NULL,
    type         TEXT NOT NULL,     -- PERSON | ORG | GPE | LOC | NORP | MISC
    aliases_json TEXT NOT NULL,
    roles_json   TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS entities_by_article ON entities (article_id);
CREATE INDEX IF NOT EXISTS entities_by_name ON entities (name);

CREATE TABLE IF NOT EXISTS mentions (
    article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    "start"    INTEGER NOT NULL,
    "end"      INTEGER NOT NULL,
    text       TEXT NOT NULL,
    type       TEXT NOT NULL,
    entity     TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS mentions_by_article ON mentions (article_id);
