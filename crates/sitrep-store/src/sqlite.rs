//! The SQLite record: one database file (or `:memory:`) holding every article, its JSON contract
//! and normalised tables of its quotes, entities and mentions.

use std::path::{Path, PathBuf};
use std::time::Duration;

use jiff::Timestamp;
use rusqlite::{CachedStatement, Connection, OptionalExtension, TransactionBehavior, params};
use sitrep_model::{AnnotatedArticle, ArticleId, QuoteKind};
use tracing::{debug, info, warn};

use crate::record::{IndexRow, Record};
use crate::{Error, Result};

/// The schema version this crate writes and reads, kept in `PRAGMA user_version`.
pub(crate) const SCHEMA_VERSION: i64 = 1;

/// The schema, applied in one transaction to a database whose `user_version` is 0.
const SCHEMA_SQL: &str = include_str!("schema.sql");

/// How long a writer waits for another process's transaction before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// The SQLite implementation of [`Record`].
pub(crate) struct SqliteRecord {
    conn: Connection,
    /// The database file, or `:memory:`.
    path: PathBuf,
}

impl SqliteRecord {
    /// Opens or creates the database file at `path`, in WAL mode.
    pub(crate) fn open(path: &Path) -> Result<SqliteRecord> {
        let conn = Connection::open(path).map_err(sqlite_error(path))?;
        SqliteRecord::init(conn, path.to_path_buf(), true)
    }

    /// A fresh database in memory, for tests.
    pub(crate) fn open_in_memory() -> Result<SqliteRecord> {
        let path = PathBuf::from(":memory:");
        let conn = Connection::open_in_memory().map_err(sqlite_error(&path))?;
        SqliteRecord::init(conn, path, false)
    }

    fn init(conn: Connection, path: PathBuf, on_disk: bool) -> Result<SqliteRecord> {
        let mut record = SqliteRecord { conn, path };
        record.configure(on_disk).map_err(sqlite_error(&record.path))?;
        record.migrate()?;
        Ok(record)
    }

    fn configure(&self, on_disk: bool) -> rusqlite::Result<()> {
        self.conn.busy_timeout(BUSY_TIMEOUT)?;
        self.conn.pragma_update(None, "foreign_keys", "ON")?;
        if on_disk {
            // WAL lets readers (a running server) go on while an ingest writes.
            let mode: String = self.conn.pragma_update_and_check(None, "journal_mode", "WAL", |row| row.get(0))?;
            if !mode.eq_ignore_ascii_case("wal") {
                warn!(path = %self.path.display(), mode, "sqlite refused WAL journal mode");
            }
        }
        // In WAL mode NORMAL stays crash-safe (a power cut may lose the last commits, never
        // corrupt the file) and avoids an fsync per transaction.
        self.conn.pragma_update(None, "synchronous", "NORMAL")
    }

    /// Brings the schema to [`SCHEMA_VERSION`], refusing a database written by a newer sitrep.
    fn migrate(&mut self) -> Result<()> {
        let path = &self.path;
        let found: i64 =
            self.conn.pragma_query_value(None, "user_version", |row| row.get(0)).map_err(sqlite_error(path))?;
        if found > SCHEMA_VERSION {
            return Err(Error::NewerSchema { path: path.clone(), found, supported: SCHEMA_VERSION });
        }
        if found == SCHEMA_VERSION {
            return Ok(());
        }
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate).map_err(sqlite_error(path))?;
        tx.execute_batch(SCHEMA_SQL).map_err(sqlite_error(path))?;
        tx.pragma_update(None, "user_version", SCHEMA_VERSION).map_err(sqlite_error(path))?;
        tx.commit().map_err(sqlite_error(path))?;
        info!(path = %path.display(), from = found, to = SCHEMA_VERSION, "store schema created");
        Ok(())
    }

    fn decode(&self, id: String, contract: &str) -> Result<AnnotatedArticle> {
        serde_json::from_str(contract).map_err(|source| Error::Decode {
            path: self.path.clone(),
            article: ArticleId(id),
            source,
        })
    }

    fn count_where(&self, sql: &str) -> Result<usize> {
        let n: i64 = self.conn.query_row(sql, [], |row| row.get(0)).map_err(sqlite_error(&self.path))?;
        Ok(usize::try_from(n).unwrap_or_default())
    }
}

impl Record for SqliteRecord {
    fn location(&self) -> &Path {
        &self.path
    }

    fn insert_batch(&mut self, articles: &[AnnotatedArticle]) -> Result<Vec<usize>> {
        let path = &self.path;
        let ingested_at = Timestamp::now().to_string();
        // IMMEDIATE takes the write lock up front, so a concurrent writer waits (busy timeout)
        // instead of failing halfway through the batch.
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate).map_err(sqlite_error(path))?;
        let mut new_positions = Vec::new();
        {
            let mut statements = Statements::prepare(&tx).map_err(sqlite_error(path))?;
            for (position, annotated) in articles.iter().enumerate() {
                let contract = encode(annotated)?;
                let stored = statements.write(annotated, &contract, &ingested_at).map_err(|source| Error::Write {
                    path: path.clone(),
                    article: annotated.article.id.clone(),
                    source,
                })?;
                if stored {
                    new_positions.push(position);
                }
            }
        }
        tx.commit().map_err(sqlite_error(path))?;
        debug!(
            path = %path.display(),
            n_new = new_positions.len(),
            n_duplicate = articles.len().saturating_sub(new_positions.len()),
            "batch stored"
        );
        Ok(new_positions)
    }

    fn contains(&self, id: &ArticleId) -> Result<bool> {
        self.conn
            .prepare_cached("SELECT 1 FROM articles WHERE id = ?1")
            .and_then(|mut statement| statement.exists([&id.0]))
            .map_err(sqlite_error(&self.path))
    }

    fn get(&self, id: &ArticleId) -> Result<Option<AnnotatedArticle>> {
        let contract: Option<String> = self
            .conn
            .prepare_cached("SELECT contract FROM articles WHERE id = ?1")
            .and_then(|mut statement| statement.query_row([&id.0], |row| row.get(0)).optional())
            .map_err(sqlite_error(&self.path))?;
        contract.map(|contract| self.decode(id.0.clone(), &contract)).transpose()
    }

    fn count(&self) -> Result<usize> {
        self.count_where("SELECT COUNT(*) FROM articles")
    }

    fn for_each(&self, f: &mut dyn FnMut(AnnotatedArticle) -> Result<()>) -> Result<()> {
        let path = &self.path;
        // The ORDER BY matches the articles_by_published index, so rows stream in order.
        let mut statement = self
            .conn
            .prepare(
                "SELECT id, contract FROM articles \
                 ORDER BY published_ts IS NULL, published_ts, id",
            )
            .map_err(sqlite_error(path))?;
        let mut rows = statement.query([]).map_err(sqlite_error(path))?;
        while let Some(row) = rows.next().map_err(sqlite_error(path))? {
            let id: String = row.get(0).map_err(sqlite_error(path))?;
            let contract: String = row.get(1).map_err(sqlite_error(path))?;
            f(self.decode(id, &contract)?)?;
        }
        Ok(())
    }

    fn count_indexed(&self) -> Result<usize> {
        self.count_where("SELECT COUNT(*) FROM articles WHERE indexed = 1")
    }

    fn unindexed_page(&self, after: Option<&ArticleId>, limit: usize) -> Result<Vec<IndexRow>> {
        let path = &self.path;
        let mut statement = self
            .conn
            .prepare_cached(
                "SELECT id, title, site, published, text FROM articles \
                 WHERE indexed = 0 AND (?1 IS NULL OR id > ?1) ORDER BY id LIMIT ?2",
            )
            .map_err(sqlite_error(path))?;
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let rows = statement
            .query_map(params![after.map(|id| id.0.as_str()), limit], |row| {
                Ok((
                    row.get::<_, String>(0)?,
                    row.get::<_, Option<String>>(1)?,
                    row.get::<_, Option<String>>(2)?,
                    row.get::<_, Option<String>>(3)?,
                    row.get::<_, String>(4)?,
                ))
            })
            .map_err(sqlite_error(path))?;
        let mut page = Vec::new();
        for row in rows {
            let (id, title, site, published, text) = row.map_err(sqlite_error(path))?;
            let published = published.and_then(|published| match published.parse() {
                Ok(timestamp) => Some(timestamp),
                Err(error) => {
                    warn!(path = %path.display(), article = id, published, %error,
                        "stored publication time is unreadable; indexing without it");
                    None
                }
            });
            page.push(IndexRow { id: ArticleId(id), title, site, published, text });
        }
        Ok(page)
    }

    fn mark_indexed(&mut self, ids: &[ArticleId]) -> Result<()> {
        let path = &self.path;
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate).map_err(sqlite_error(path))?;
        {
            let mut statement =
                tx.prepare_cached("UPDATE articles SET indexed = 1 WHERE id = ?1").map_err(sqlite_error(path))?;
            for id in ids {
                statement.execute([&id.0]).map_err(sqlite_error(path))?;
            }
        }
        tx.commit().map_err(sqlite_error(path))
    }

    fn mark_all_unindexed(&mut self) -> Result<()> {
        self.conn.execute("UPDATE articles SET indexed = 0", []).map(drop).map_err(sqlite_error(&self.path))
    }
}

/// The prepared inserts of one batch.
struct Statements<'conn> {
    article: CachedStatement<'conn>,
    quote: CachedStatement<'conn>,
    entity: CachedStatement<'conn>,
    mention: CachedStatement<'conn>,
}

impl<'conn> Statements<'conn> {
    fn prepare(conn: &'conn Connection) -> rusqlite::Result<Statements<'conn>> {
        Ok(Statements {
            article: conn.prepare_cached(
                "INSERT INTO articles (id, url, site, title, published, published_ts, language, \
                 format, text, contract, ingested_at) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11) \
                 ON CONFLICT (id) DO NOTHING",
            )?,
            quote: conn.prepare_cached(
                "INSERT INTO quotes (article_id, idx, \"start\", \"end\", text, kind, speaker_name, \
                 speaker_entity, speaker_mention, cue, confidence) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
            )?,
            entity: conn.prepare_cached(
                "INSERT INTO entities (article_id, local_id, name, type, aliases_json, roles_json) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?,
            mention: conn.prepare_cached(
                "INSERT INTO mentions (article_id, \"start\", \"end\", text, type, entity) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?,
        })
    }

    /// Writes one article and its normalised rows; false when its id was already stored.
    fn write(&mut self, annotated: &AnnotatedArticle, contract: &str, ingested_at: &str) -> rusqlite::Result<bool> {
        let article = &annotated.article;
        let id = article.id.0.as_str();
        let n_inserted = self.article.execute(params![
            id,
            article.url,
            article.site,
            article.title,
            article.published.map(|published| published.to_string()),
            article.published.map(|published| published.instant().as_second()),
            article.language,
            article.format.as_str(),
            article.text,
            contract,
            ingested_at,
        ])?;
        if n_inserted == 0 {
            return Ok(false);
        }
        let annotations = &annotated.annotations;
        for (quote_idx, quote) in annotations.quotes.iter().enumerate() {
            let speaker = quote.speaker.as_ref();
            self.quote.execute(params![
                id,
                sql_int(quote_idx),
                sql_int(quote.span.start.0),
                sql_int(quote.span.end.0),
                quote.text,
                quote_kind_name(quote.kind),
                speaker.map(|speaker| speaker.name.as_str()),
                speaker.and_then(|speaker| speaker.entity.as_ref()).map(|entity| entity.0.as_str()),
                speaker.map(|speaker| speaker.mention_text.as_str()),
                quote.cue.as_ref().map(|cue| cue.text.as_str()),
                f64::from(quote.confidence),
            ])?;
        }
        for entity in &annotations.entities {
            self.entity.execute(params![
                id,
                entity.id.0,
                entity.name,
                entity.entity_type.as_str(),
                serde_json::to_string(&entity.aliases).map_err(json_column_error)?,
                serde_json::to_string(&entity.roles).map_err(json_column_error)?,
            ])?;
        }
        for mention in &annotations.mentions {
            self.mention.execute(params![
                id,
                sql_int(mention.span.start.0),
                sql_int(mention.span.end.0),
                mention.text,
                mention.entity_type.as_str(),
                mention.entity.0,
            ])?;
        }
        Ok(true)
    }
}

/// The article's JSON contract, refused when it would not read back: serde_json writes a
/// non-finite float as `null`, which then fails to decode and would make the stored article
/// unreadable forever.
fn encode(annotated: &AnnotatedArticle) -> Result<String> {
    let article = || annotated.article.id.clone();
    let contract = serde_json::to_string(annotated).map_err(|source| Error::Encode { article: article(), source })?;
    serde_json::from_str::<AnnotatedArticle>(&contract)
        .map_err(|source| Error::Encode { article: article(), source })?;
    Ok(contract)
}

/// Lets a JSON column that fails to serialise abort the article's insert like any SQL error.
fn json_column_error(error: serde_json::Error) -> rusqlite::Error {
    rusqlite::Error::ToSqlConversionFailure(error.into())
}

/// The name a quote kind has in the JSON contract.
fn quote_kind_name(kind: QuoteKind) -> &'static str {
    match kind {
        QuoteKind::Direct => "direct",
        QuoteKind::Partial => "partial",
        QuoteKind::Headline => "headline",
        QuoteKind::Indirect => "indirect",
    }
}

/// An offset or index as a SQLite integer; no text is long enough to overflow it.
fn sql_int(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

/// Wraps a SQLite error with the database it happened in.
fn sqlite_error(path: &Path) -> impl Fn(rusqlite::Error) -> Error + '_ {
    move |source| Error::Sqlite { path: path.to_path_buf(), source }
}

#[cfg(test)]
mod tests {
    use sitrep_model::ArticleId;

    use crate::fixtures::article;
    use crate::record::Record;
    use crate::sqlite::{SCHEMA_VERSION, SqliteRecord};

    type TestResult = Result<(), Box<dyn std::error::Error>>;

    /// Every row of a query, its columns rendered and joined by ` | `.
    fn rows(record: &SqliteRecord, sql: &str) -> Result<Vec<String>, rusqlite::Error> {
        let mut statement = record.conn.prepare(sql)?;
        let n_columns = statement.column_count();
        let rows = statement.query_map([], |row| {
            let mut columns = Vec::with_capacity(n_columns);
            for column_idx in 0..n_columns {
                let value: rusqlite::types::Value = row.get(column_idx)?;
                columns.push(match value {
                    rusqlite::types::Value::Null => "NULL".to_string(),
                    rusqlite::types::Value::Integer(n) => n.to_string(),
                    rusqlite::types::Value::Real(x) => format!("{x:.2}"),
                    rusqlite::types::Value::Text(text) => text,
                    rusqlite::types::Value::Blob(_) => "<blob>".to_string(),
                });
            }
            Ok(columns.join(" | "))
        })?;
        rows.collect()
    }

    #[test]
    fn writes_normalised_rows_in_the_same_transaction() -> TestResult {
        let mut record = SqliteRecord::open_in_memory()?;
        let annotated = article(
            "Hegseth presses allies",
            "Pete Hegseth said: “NATO allies must spend more.”",
            Some("2025-06-05T09:30:00Z"),
        );
        assert_eq!(record.insert_batch(std::slice::from_ref(&annotated))?, [0]);
        let id = &annotated.article.id.0;
        let quotes = rows(
            &record,
            "SELECT article_id, idx, \"start\", \"end\", text, kind, speaker_name, speaker_entity, \
             speaker_mention, cue, confidence FROM quotes",
        )?;
        assert_eq!(
            quotes,
            [format!(
                "{id} | 0 | 20 | 48 | NATO allies must spend more. | direct | Pete Hegseth | e1 | \
                 Pete Hegseth | said | 0.90"
            )]
        );
        let entities =
            rows(&record, "SELECT article_id, local_id, name, type, aliases_json, roles_json FROM entities")?;
        assert_eq!(
            entities,
            [format!(
                "{id} | e1 | Pete Hegseth | PERSON | [\"Pete Hegseth\"] | \
                 [{{\"title\":\"Minister\",\"org\":null,\"span\":{{\"start\":0,\"end\":0}}}}]"
            )]
        );
        let mentions = rows(&record, "SELECT article_id, \"start\", \"end\", text, type, entity FROM mentions")?;
        assert_eq!(mentions, [format!("{id} | 0 | 12 | Pete Hegseth | PERSON | e1")]);
        let articles = rows(
            &record,
            "SELECT id, url, site, title, published, published_ts, language, format, indexed \
             FROM articles",
        )?;
        assert_eq!(
            articles,
            [format!(
                "{id} | https://example.org/Hegseth-presses-allies | example.org | \
                 Hegseth presses allies | 2025-06-05T09:30:00Z | 1749115800 | en | text | 0"
            )]
        );
        // A duplicate adds no rows anywhere.
        assert_eq!(record.insert_batch(std::slice::from_ref(&annotated))?, Vec::<usize>::new());
        assert_eq!(rows(&record, "SELECT COUNT(*) FROM quotes")?, ["1"]);
        assert_eq!(rows(&record, "SELECT COUNT(*) FROM mentions")?, ["1"]);
        Ok(())
    }

    #[test]
    fn pages_through_unindexed_articles_by_id() -> TestResult {
        let mut record = SqliteRecord::open_in_memory()?;
        let batch: Vec<_> =
            (0..5).map(|n| article(&format!("Title {n}"), &format!("Text number {n}."), None)).collect();
        record.insert_batch(&batch)?;
        let mut ids: Vec<ArticleId> = batch.iter().map(|a| a.article.id.clone()).collect();
        ids.sort();

        let ids_of =
            |page: Vec<crate::record::IndexRow>| -> Vec<ArticleId> { page.into_iter().map(|row| row.id).collect() };
        let first = ids_of(record.unindexed_page(None, 2)?);
        assert_eq!(first, ids.get(..2).ok_or("five ids")?);
        let second = ids_of(record.unindexed_page(first.last(), 2)?);
        assert_eq!(second, ids.get(2..4).ok_or("five ids")?);

        record.mark_indexed(&first)?;
        assert_eq!(record.count_indexed()?, 2);
        assert_eq!(ids_of(record.unindexed_page(None, 10)?), ids.get(2..).ok_or("five ids")?);
        record.mark_all_unindexed()?;
        assert_eq!(record.count_indexed()?, 0);

        let row = record.unindexed_page(None, 1)?.into_iter().next().ok_or("one row")?;
        let stored = batch.iter().find(|a| a.article.id == row.id).ok_or("a known id")?;
        assert_eq!(row.title, stored.article.title);
        assert_eq!(row.text, stored.article.text);
        Ok(())
    }

    #[test]
    fn streams_articles_in_order_without_sorting() -> TestResult {
        let record = SqliteRecord::open_in_memory()?;
        let plan = rows(
            &record,
            "EXPLAIN QUERY PLAN SELECT id, contract FROM articles \
             ORDER BY published_ts IS NULL, published_ts, id",
        )?
        .join("\n");
        assert!(plan.contains("articles_by_published"), "{plan}");
        assert!(!plan.contains("TEMP B-TREE"), "{plan}");
        Ok(())
    }

    #[test]
    fn creates_a_versioned_wal_database_on_disk() -> TestResult {
        let dir = tempfile::tempdir()?;
        let record = SqliteRecord::open(&dir.path().join("sitrep.sqlite3"))?;
        assert_eq!(rows(&record, "PRAGMA user_version")?, [SCHEMA_VERSION.to_string()]);
        assert_eq!(rows(&record, "PRAGMA journal_mode")?, ["wal"]);
        assert_eq!(rows(&record, "PRAGMA foreign_keys")?, ["1"]);
        assert_eq!(rows(&record, "PRAGMA synchronous")?, ["1"]);
        let indices =
            rows(&record, "SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE '%by%' ORDER BY name")?;
        assert_eq!(
            indices,
            [
                "articles_by_published",
                "entities_by_article",
                "entities_by_name",
                "mentions_by_article",
                "quotes_by_speaker"
            ]
        );
        Ok(())
    }
}
