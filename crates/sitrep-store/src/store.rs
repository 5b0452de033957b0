//! [`Store`]: the record and the search index composed, and the crash recovery that keeps the
//! index in step with the record.

use std::fmt;
use std::fs;
use std::path::Path;

use sitrep_model::{AnnotatedArticle, ArticleId};
use tracing::{info, warn};

use crate::record::Record;
use crate::search::{SearchDoc, SearchHit, SearchIndex};
use crate::sqlite::SqliteRecord;
use crate::{Error, Result};

/// The store: every article with its annotations, and a full-text index over them.
///
/// The record (SQLite) is the source of truth; the index is derived from it and rebuilt from it
/// when it falls behind, so a process killed mid-ingest loses nothing the record committed.
pub struct Store {
    record: Box<dyn Record + Send>,
    index: SearchIndex,
}

/// What [`Store::insert_batch`] did with a batch.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct BatchSummary {
    /// Articles stored by this batch.
    pub new: usize,
    /// Articles whose id was already stored, by an earlier batch or earlier in this one.
    pub duplicate: usize,
}

/// The SQLite file inside the data directory.
const DATABASE_FILE: &str = "sitrep.sqlite3";

/// The tantivy index directory inside the data directory.
const INDEX_DIR: &str = "index";

/// Articles re-indexed per index commit when catching up on open: bounds memory while keeping
/// the number of commits (and so segments) low.
const CATCH_UP_PAGE: usize = 2_000;

impl Store {
    /// Opens or creates the store in `dir` (creating the directory): the record in
    /// `dir/sitrep.sqlite3`, the search index in `dir/index/`.
    ///
    /// Articles the record holds but the index does not (a crash between the two commits) are
    /// indexed now; a missing, corrupt or inconsistent index is rebuilt from the record. Fails
    /// with [`Error::NewerSchema`] on a store written by a newer sitrep.
    pub fn open(dir: &Path) -> Result<Store> {
        fs::create_dir_all(dir).map_err(|source| Error::CreateDir { path: dir.to_path_buf(), source })?;
        let record = SqliteRecord::open(&dir.join(DATABASE_FILE))?;
        let index = SearchIndex::open_in_dir(&dir.join(INDEX_DIR))?;
        let mut store = Store { record: Box::new(record), index };
        store.catch_up_index()?;
        Ok(store)
    }

    /// An empty store in memory (SQLite `:memory:`, a RAM index), for tests and one-off runs.
    pub fn open_in_memory() -> Result<Store> {
        let record = SqliteRecord::open_in_memory()?;
        let index = SearchIndex::in_ram()?;
        Ok(Store { record: Box::new(record), index })
    }

    /// Stores a batch in one record transaction, skipping (and counting as duplicates) articles
    /// whose id is already stored, then indexes the new ones and commits the index.
    ///
    /// An article that cannot be stored fails the whole batch, naming it, and nothing of the
    /// batch is written. Should indexing fail after the record committed, the batch is stored
    /// and the error returned; the next [`Store::open`] indexes it.
    pub fn insert_batch(&mut self, articles: &[AnnotatedArticle]) -> Result<BatchSummary> {
        let new_positions = self.record.insert_batch(articles)?;
        let summary =
            BatchSummary { new: new_positions.len(), duplicate: articles.len().saturating_sub(new_positions.len()) };
        if new_positions.is_empty() {
            return Ok(summary);
        }
        let new_articles: Vec<&AnnotatedArticle> =
            new_positions.iter().filter_map(|&position| articles.get(position)).collect();
        let mut writing = self.index.writing()?;
        for annotated in &new_articles {
            writing.add(SearchDoc::from(*annotated))?;
        }
        writing.commit()?;
        writing.finish()?;
        let ids: Vec<ArticleId> = new_articles.iter().map(|annotated| annotated.article.id.clone()).collect();
        self.record.mark_indexed(&ids)?;
        Ok(summary)
    }

    /// True when an article with this id is stored.
    pub fn contains(&self, id: &ArticleId) -> Result<bool> {
        self.record.contains(id)
    }

    /// The stored article with this id, exactly as it was inserted.
    pub fn get(&self, id: &ArticleId) -> Result<Option<AnnotatedArticle>> {
        self.record.get(id)
    }

    /// Number of stored articles.
    pub fn n_articles(&self) -> Result<usize> {
        self.record.count()
    }

    /// Calls `f` with every stored article, ordered by publication time (articles without one
    /// last), then by id, so the order is the same on every run. Rows are streamed, not
    /// collected; the first error from `f` stops the scan and is returned.
    pub fn for_each_article(&self, f: &mut dyn FnMut(AnnotatedArticle) -> Result<()>) -> Result<()> {
        self.record.for_each(f)
    }

    /// Every stored article, in the order of [`Store::for_each_article`].
    pub fn articles(&self) -> Result<Vec<AnnotatedArticle>> {
        let mut articles = Vec::new();
        self.record.for_each(&mut |annotated| {
            articles.push(annotated);
            Ok(())
        })?;
        Ok(articles)
    }

    /// Full-text search over titles and texts: at most `limit` hits, best first, each with a
    /// snippet. The query uses tantivy's syntax (`nato summit`, `"defense spending"`,
    /// `title:hegseth`, `site:example.org`, `a OR b`, `-excluded`); every plain word must
    /// match. Syntax errors never fail the search: the broken part is dropped.
    pub fn search(&self, query: &str, limit: usize) -> Result<Vec<SearchHit>> {
        self.index.search(query, limit)
    }

    /// Indexes every article the record has not flagged as indexed, after rebuilding the index
    /// from scratch when it is out of step with the record.
    fn catch_up_index(&mut self) -> Result<()> {
        if self.index_state()? == IndexState::InStep {
            return Ok(());
        }
        let location = self.record.location().display().to_string();
        // Another process writing the index (an ingest beside a server) indexes its own
        // articles; this one catches up on a later open rather than block or fail.
        let Some(mut writing) = self.index.try_writing()? else {
            warn!(location, "search index locked by another process; not catching up now");
            return Ok(());
        };
        // Looked at again under the lock, now that no other process can commit to the index.
        match self.index_state()? {
            IndexState::InStep => return writing.finish(),
            IndexState::Behind => {}
            IndexState::OutOfStep { n_flagged, n_docs, n_articles } => {
                warn!(
                    location,
                    n_flagged, n_docs, n_articles, "search index out of step with the record; rebuilding it"
                );
                writing.delete_all()?;
                writing.commit()?;
                self.record.mark_all_unindexed()?;
            }
        }
        let mut n_indexed = 0;
        let mut after: Option<ArticleId> = None;
        loop {
            let page = self.record.unindexed_page(after.as_ref(), CATCH_UP_PAGE)?;
            let Some(last) = page.last() else {
                break;
            };
            after = Some(last.id.clone());
            for row in &page {
                writing.add(SearchDoc::from(row))?;
            }
            writing.commit()?;
            let ids: Vec<ArticleId> = page.into_iter().map(|row| row.id).collect();
            self.record.mark_indexed(&ids)?;
            n_indexed += ids.len();
        }
        writing.finish()?;
        if n_indexed > 0 {
            info!(location, n_indexed, "indexed articles the search index was missing");
        }
        Ok(())
    }

    /// How the index compares with the record.
    ///
    /// The counts are read in an order that a concurrent writer cannot fool: the record commits
    /// an article before the index does and flags it only after, so every flagged article read
    /// first is among the documents read next, and every document among the articles read last.
    fn index_state(&self) -> Result<IndexState> {
        let n_flagged = self.record.count_indexed()?;
        let n_docs = self.index.num_docs()?;
        let n_articles = self.record.count()?;
        let state = if n_docs < as_u64(n_flagged) || n_docs > as_u64(n_articles) {
            IndexState::OutOfStep { n_flagged, n_docs, n_articles }
        } else if n_flagged < n_articles {
            IndexState::Behind
        } else {
            IndexState::InStep
        };
        Ok(state)
    }
}

/// How the search index compares with the record.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum IndexState {
    /// Every article is flagged as indexed.
    InStep,
    /// Some articles are not flagged as indexed: a crash between the commits, or a concurrent
    /// writer mid-batch.
    Behind,
    /// The index holds fewer documents than flagged articles (lost, replaced or corrupt index)
    /// or more documents than articles (an index of another record).
    OutOfStep {
        /// Articles flagged as indexed.
        n_flagged: usize,
        /// Documents in the index.
        n_docs: u64,
        /// Articles in the record.
        n_articles: usize,
    },
}

impl fmt::Debug for Store {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Store").field("record", &self.record.location()).finish_non_exhaustive()
    }
}

fn as_u64(n: usize) -> u64 {
    u64::try_from(n).unwrap_or(u64::MAX)
}

#[cfg(test)]
mod tests {
    use std::fs;
    use std::path::Path;

    use sitrep_model::{AnnotatedArticle, ArticleId};

    use crate::fixtures::article;
    use crate::record::Record;
    use crate::sqlite::SqliteRecord;
    use crate::{BatchSummary, Error, Store};

    type TestResult = Result<(), Box<dyn std::error::Error>>;

    fn hegseth() -> AnnotatedArticle {
        article(
            "Hegseth presses allies",
            "Pete Hegseth said: “NATO allies must spend five percent.”\n\nMinisters met in Brussels.",
            Some("2025-06-05T09:30:00Z"),
        )
    }

    fn rutte() -> AnnotatedArticle {
        article(
            "Rutte on spending",
            "Mark Rutte told reporters: “We will get there.” The summit opens in The Hague.",
            Some("2025-06-04T12:00:00Z"),
        )
    }

    fn weather() -> AnnotatedArticle {
        article("Weather in Brussels", "Rain is expected all week in the Belgian capital.", None)
    }

    /// The hits for `query`, best first, as `title | snippet`.
    fn search_lines(store: &Store, query: &str) -> Result<Vec<String>, Error> {
        let hits = store.search(query, 10)?;
        Ok(hits.into_iter().map(|hit| format!("{} | {}", hit.title.unwrap_or_default(), hit.snippet)).collect())
    }

    fn n_hits(store: &Store, query: &str) -> Result<usize, Error> {
        Ok(store.search(query, 10)?.len())
    }

    #[test]
    fn can_move_to_another_thread() {
        fn assert_send<T: Send>() {}
        assert_send::<Store>();
    }

    #[test]
    fn round_trips_articles() -> TestResult {
        let mut store = Store::open_in_memory()?;
        let batch = [hegseth(), rutte()];
        let summary = store.insert_batch(&batch)?;
        assert_eq!(summary, BatchSummary { new: 2, duplicate: 0 });
        assert_eq!(store.n_articles()?, 2);
        for annotated in &batch {
            assert!(store.contains(&annotated.article.id)?);
            assert_eq!(store.get(&annotated.article.id)?.as_ref(), Some(annotated));
        }
        let unknown = ArticleId("0000000000000000".to_string());
        assert!(!store.contains(&unknown)?);
        assert_eq!(store.get(&unknown)?, None);
        Ok(())
    }

    #[test]
    fn counts_duplicates_within_and_across_batches() -> TestResult {
        let mut store = Store::open_in_memory()?;
        let summary = store.insert_batch(&[hegseth(), hegseth(), rutte()])?;
        assert_eq!(summary, BatchSummary { new: 2, duplicate: 1 });
        let summary = store.insert_batch(&[rutte(), weather(), hegseth()])?;
        assert_eq!(summary, BatchSummary { new: 1, duplicate: 2 });
        let summary = store.insert_batch(&[])?;
        assert_eq!(summary, BatchSummary::default());
        assert_eq!(store.n_articles()?, 3);
        // Stored once means indexed once.
        assert_eq!(n_hits(&store, "hegseth")?, 1);
        assert_eq!(n_hits(&store, "rain")?, 1);
        Ok(())
    }

    #[test]
    fn refuses_an_article_that_would_not_read_back() -> TestResult {
        let mut store = Store::open_in_memory()?;
        let mut broken = hegseth();
        if let Some(quote) = broken.annotations.quotes.first_mut() {
            quote.confidence = f32::NAN;
        }
        let error = store.insert_batch(&[rutte(), broken.clone()]);
        assert!(matches!(&error, Err(Error::Encode { article, .. }) if *article == broken.article.id), "{error:?}");
        // The whole batch was rolled back, the good article with it.
        assert_eq!(store.n_articles()?, 0);
        assert_eq!(n_hits(&store, "rutte")?, 0);
        Ok(())
    }

    #[test]
    fn orders_articles_by_published_time_then_id() -> TestResult {
        let mut store = Store::open_in_memory()?;
        let same_time_a = article("Same time A", "First text.", Some("2025-06-05T09:30:00Z"));
        let same_time_b = article("Same time B", "Second text.", Some("2025-06-05T09:30:00Z"));
        let undated = article("Undated", "No date here.", None);
        store.insert_batch(&[
            weather(),
            hegseth(),
            same_time_b.clone(),
            undated.clone(),
            rutte(),
            same_time_a.clone(),
        ])?;

        let mut same_time = [same_time_a.article.id, same_time_b.article.id, hegseth().article.id];
        same_time.sort();
        let mut undated_ids = [weather().article.id, undated.article.id];
        undated_ids.sort();
        let mut expected = vec![rutte().article.id];
        expected.extend(same_time);
        expected.extend(undated_ids);

        let ids: Vec<ArticleId> = store.articles()?.into_iter().map(|annotated| annotated.article.id).collect();
        assert_eq!(ids, expected);

        let mut streamed = Vec::new();
        store.for_each_article(&mut |annotated| {
            streamed.push(annotated.article.id);
            Ok(())
        })?;
        assert_eq!(streamed, expected);
        Ok(())
    }

    #[test]
    fn for_each_stops_at_the_first_error() -> TestResult {
        let mut store = Store::open_in_memory()?;
        store.insert_batch(&[hegseth(), rutte(), weather()])?;
        let mut n_calls = 0;
        let result = store.for_each_article(&mut |_| {
            n_calls += 1;
            Err(Error::CreateDir { path: "stop".into(), source: std::io::Error::other("stop here") })
        });
        assert!(matches!(result, Err(Error::CreateDir { .. })), "{result:?}");
        assert_eq!(n_calls, 1);
        Ok(())
    }

    #[test]
    fn finds_a_word_with_a_highlighted_snippet() -> TestResult {
        let mut store = Store::open_in_memory()?;
        store.insert_batch(&[hegseth(), rutte(), weather()])?;
        let hits = store.search("summit", 10)?;
        assert_eq!(hits.len(), 1);
        let hit = hits.first().ok_or("no hit")?;
        assert_eq!(hit.article, rutte().article.id);
        assert_eq!(hit.title.as_deref(), Some("Rutte on spending"));
        assert_eq!(hit.site.as_deref(), Some("example.org"));
        assert_eq!(hit.published, rutte().article.published);
        assert!(hit.score > 0.0);
        insta::assert_snapshot!(hit.snippet, @"Mark Rutte told reporters: “We will get there.” The [summit] opens in The Hague.");
        // Paragraph breaks become spaces; stemming finds `allies` from `ally`.
        insta::assert_snapshot!(
            search_lines(&store, "ally")?.join("\n"),
            @"Hegseth presses allies | Pete Hegseth said: “NATO [allies] must spend five percent.” Ministers met in Brussels."
        );
        Ok(())
    }

    #[test]
    fn cuts_long_snippets_around_the_match() -> TestResult {
        let mut store = Store::open_in_memory()?;
        let filler = "Delegates arrived from every capital in the morning. ".repeat(8);
        let text = format!("{filler}The treaty was signed at noon. {filler}");
        store.insert_batch(&[article("Signing day", &text, None)])?;
        insta::assert_snapshot!(
            search_lines(&store, "treaty")?.join("\n"),
            @"Signing day | … capital in the morning. The [treaty] was signed at noon. Delegates arrived from every capital in the morning. Delegates arrived from every capital in the morning. Delegates arrived from every capital in …"
        );
        Ok(())
    }

    #[test]
    fn ranks_a_title_match_first() -> TestResult {
        let mut store = Store::open_in_memory()?;
        let in_text = article("Officials meet", "Officials met on Monday. Tariffs were discussed.", None);
        let in_title = article("Steel tariffs rise", "Officials met on Monday. Tariffs were discussed.", None);
        store.insert_batch(&[in_text.clone(), in_title.clone()])?;
        let hits = store.search("tariffs", 10)?;
        let ids: Vec<&ArticleId> = hits.iter().map(|hit| &hit.article).collect();
        assert_eq!(ids, [&in_title.article.id, &in_text.article.id]);
        assert!(hits.iter().all(|hit| hit.snippet.contains("[Tariffs]")), "{hits:?}");

        // A match in the title alone shows the highlighted title.
        let hits = store.search("steel", 10)?;
        let snippets: Vec<&str> = hits.iter().map(|hit| hit.snippet.as_str()).collect();
        assert_eq!(snippets, ["[Steel] tariffs rise"]);
        Ok(())
    }

    #[test]
    fn every_word_must_match_and_fields_can_be_named() -> TestResult {
        let mut store = Store::open_in_memory()?;
        store.insert_batch(&[hegseth(), rutte(), weather()])?;
        assert_eq!(n_hits(&store, "brussels")?, 2);
        assert_eq!(n_hits(&store, "brussels rain")?, 1);
        assert_eq!(n_hits(&store, "brussels OR hague")?, 3);
        assert_eq!(n_hits(&store, "title:brussels")?, 1);
        assert_eq!(n_hits(&store, "site:example.org")?, 3);
        assert_eq!(n_hits(&store, "site:other.org")?, 0);
        assert_eq!(n_hits(&store, "\"five percent\"")?, 1);
        assert_eq!(n_hits(&store, "\"percent five\"")?, 0);
        Ok(())
    }

    #[test]
    fn limits_the_number_of_hits() -> TestResult {
        let mut store = Store::open_in_memory()?;
        assert_eq!(store.search("brussels", 10)?, Vec::new());
        store.insert_batch(&[hegseth(), rutte(), weather()])?;
        assert_eq!(store.search("brussels", 1)?.len(), 1);
        assert_eq!(store.search("brussels", 0)?.len(), 0);
        assert_eq!(store.search("brussels", usize::MAX)?.len(), 2);
        Ok(())
    }

    #[test]
    fn survives_malformed_queries() -> TestResult {
        let mut store = Store::open_in_memory()?;
        store.insert_batch(&[hegseth(), rutte(), weather()])?;
        let queries = [
            "\"unbalanced",
            "\"brussels",
            "AND",
            "title:",
            "nosuchfield:brussels",
            "brussels AND",
            "(brussels",
            "brussels)",
            "[a TO",
            "+-",
            "*",
            "^2",
            "brussels~",
            "\\",
            "",
            "   ",
            "“Brüssel” 🇪🇺",
        ];
        let mut lines = Vec::new();
        for query in queries {
            let outcome = match store.search(query, 10) {
                Ok(hits) => format!("{} hits", hits.len()),
                Err(error) => format!("error: {error}"),
            };
            lines.push(format!("{query:?} -> {outcome}"));
        }
        insta::assert_snapshot!(lines.join("\n"), @r#"
        "\"unbalanced" -> 0 hits
        "\"brussels" -> 2 hits
        "AND" -> 0 hits
        "title:" -> 0 hits
        "nosuchfield:brussels" -> 0 hits
        "brussels AND" -> 0 hits
        "(brussels" -> 2 hits
        "brussels)" -> 2 hits
        "[a TO" -> 0 hits
        "+-" -> 0 hits
        "*" -> 3 hits
        "^2" -> 0 hits
        "brussels~" -> 2 hits
        "\\" -> 0 hits
        "" -> 0 hits
        "   " -> 0 hits
        "“Brüssel” 🇪🇺" -> 0 hits
        "#);
        Ok(())
    }

    #[test]
    fn keeps_data_across_reopening() -> TestResult {
        let dir = tempfile::tempdir()?;
        let data = dir.path().join("data");
        {
            let mut store = Store::open(&data)?;
            store.insert_batch(&[hegseth(), rutte()])?;
        }
        assert!(data.join("sitrep.sqlite3").is_file());
        assert!(data.join("index").join("meta.json").is_file());
        let mut store = Store::open(&data)?;
        assert_eq!(store.n_articles()?, 2);
        assert_eq!(store.get(&hegseth().article.id)?, Some(hegseth()));
        assert_eq!(n_hits(&store, "hegseth")?, 1);
        let summary = store.insert_batch(&[hegseth(), weather()])?;
        assert_eq!(summary, BatchSummary { new: 1, duplicate: 1 });
        drop(store);
        let store = Store::open(&data)?;
        assert_eq!(store.n_articles()?, 3);
        assert_eq!(n_hits(&store, "brussels")?, 2);
        Ok(())
    }

    /// Runs a raw SQL statement on a closed store's database.
    fn sql(data: &Path, statement: &str) -> TestResult {
        let conn = rusqlite::Connection::open(data.join("sitrep.sqlite3"))?;
        conn.execute_batch(statement)?;
        Ok(())
    }

    fn n_flagged(data: &Path) -> Result<i64, Box<dyn std::error::Error>> {
        let conn = rusqlite::Connection::open(data.join("sitrep.sqlite3"))?;
        Ok(conn.query_row("SELECT COUNT(*) FROM articles WHERE indexed = 1", [], |row| row.get(0))?)
    }

    #[test]
    fn indexes_on_open_what_a_crash_left_out_of_the_index() -> TestResult {
        let dir = tempfile::tempdir()?;
        let data = dir.path();
        Store::open(data)?.insert_batch(&[weather()])?;
        // The process dies after the record commit, before the index commit.
        {
            let mut record = SqliteRecord::open(&data.join("sitrep.sqlite3"))?;
            assert_eq!(record.insert_batch(&[hegseth(), rutte()])?, [0, 1]);
        }
        assert_eq!(n_flagged(data)?, 1);
        let store = Store::open(data)?;
        assert_eq!(n_flagged(data)?, 3);
        assert_eq!(n_hits(&store, "hegseth")?, 1);
        assert_eq!(n_hits(&store, "brussels")?, 2);
        Ok(())
    }

    #[test]
    fn never_indexes_an_article_twice_after_a_crash() -> TestResult {
        let dir = tempfile::tempdir()?;
        let data = dir.path();
        Store::open(data)?.insert_batch(&[hegseth(), rutte()])?;
        // The process dies after the index commit, before the record marks the rows indexed.
        sql(data, "UPDATE articles SET indexed = 0")?;
        let store = Store::open(data)?;
        assert_eq!(n_flagged(data)?, 2);
        assert_eq!(n_hits(&store, "hegseth")?, 1);
        assert_eq!(n_hits(&store, "example.org OR brussels OR hague")?, 2);
        Ok(())
    }

    #[test]
    fn rebuilds_a_missing_index() -> TestResult {
        let dir = tempfile::tempdir()?;
        let data = dir.path();
        Store::open(data)?.insert_batch(&[hegseth(), rutte()])?;
        fs::remove_dir_all(data.join("index"))?;
        let store = Store::open(data)?;
        assert_eq!(n_hits(&store, "hegseth")?, 1);
        assert_eq!(n_hits(&store, "summit")?, 1);
        Ok(())
    }

    #[test]
    fn rebuilds_a_corrupt_index() -> TestResult {
        let dir = tempfile::tempdir()?;
        let data = dir.path();
        Store::open(data)?.insert_batch(&[hegseth(), rutte()])?;
        fs::write(data.join("index").join("meta.json"), "{ not json")?;
        let store = Store::open(data)?;
        assert_eq!(n_hits(&store, "hegseth")?, 1);
        assert_eq!(n_hits(&store, "summit")?, 1);
        Ok(())
    }

    #[test]
    fn rebuilds_an_index_holding_articles_the_record_lacks() -> TestResult {
        let dir = tempfile::tempdir()?;
        let data = dir.path();
        Store::open(data)?.insert_batch(&[hegseth(), rutte()])?;
        let id = rutte().article.id;
        sql(data, &format!("DELETE FROM articles WHERE id = '{id}'"))?;
        let store = Store::open(data)?;
        assert_eq!(n_hits(&store, "summit")?, 0);
        assert_eq!(n_hits(&store, "hegseth")?, 1);
        Ok(())
    }

    #[test]
    fn opens_while_another_process_holds_the_index_lock() -> TestResult {
        let dir = tempfile::tempdir()?;
        let data = dir.path();
        Store::open(data)?.insert_batch(&[hegseth()])?;
        SqliteRecord::open(&data.join("sitrep.sqlite3"))?.insert_batch(&[rutte()])?;
        // Another writer, as an ingest running beside this process would hold.
        let other = tantivy::Index::open_in_dir(data.join("index"))?;
        let writer: tantivy::IndexWriter = other.writer(15_000_000)?;
        let store = Store::open(data)?;
        assert_eq!(store.n_articles()?, 2);
        assert_eq!(n_hits(&store, "hegseth")?, 1);
        assert_eq!(n_hits(&store, "summit")?, 0, "not caught up while locked");
        drop(writer);
        drop(store);
        let store = Store::open(data)?;
        assert_eq!(n_hits(&store, "summit")?, 1);
        assert_eq!(n_flagged(data)?, 2);
        Ok(())
    }

    #[test]
    fn refuses_a_store_from_a_newer_sitrep() -> TestResult {
        let dir = tempfile::tempdir()?;
        let data = dir.path();
        Store::open(data)?.insert_batch(&[hegseth()])?;
        sql(data, "PRAGMA user_version = 2")?;
        let error = Store::open(data).err().ok_or("a newer store must not open")?;
        assert!(matches!(&error, Error::NewerSchema { found: 2, supported: 1, .. }), "{error:?}");
        let message = error.to_string();
        assert!(message.contains("schema version 2"), "{message}");
        assert!(message.contains("sitrep.sqlite3"), "{message}");
        assert!(message.contains("upgrade sitrep"), "{message}");
        Ok(())
    }
}
