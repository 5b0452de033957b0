//! The full-text index: tantivy over article titles and texts, in an mmap directory on disk or in
//! RAM, with plain-text snippets for each hit.

use std::fs;
use std::io;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::thread;
use std::time::{Duration, Instant};

use sitrep_model::{AnnotatedArticle, ArticleId, SourceTime};
use tantivy::collector::TopDocs;
use tantivy::directory::MmapDirectory;
use tantivy::query::QueryParser;
use tantivy::schema::{Field, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions, Value};
use tantivy::snippet::SnippetGenerator;
use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy, TantivyDocument, TantivyError, Term};
use tracing::{debug, warn};

use crate::record::IndexRow;
use crate::{Error, Result};

/// One search result, best first in [`crate::Store::search`]'s answer.
#[derive(Clone, Debug, PartialEq)]
pub struct SearchHit {
    /// The matching article; [`crate::Store::get`] returns it in full.
    pub article: ArticleId,
    /// Its headline.
    pub title: Option<String>,
    /// Its outlet.
    pub site: Option<String>,
    /// Its publication time.
    pub published: Option<SourceTime>,
    /// The BM25 relevance score: higher is better, comparable only within one answer.
    pub score: f32,
    /// A passage of the text (or the title, when only the title matched) on one line, with each
    /// matched term wrapped in `[` and `]`. Plain text, not HTML.
    pub snippet: String,
}

/// Memory the index writer may use before it flushes a segment.
const WRITER_MEMORY_BUDGET: usize = 50_000_000;

/// How long [`SearchIndex::writing`] waits for another process to release the index lock, as
/// SQLite waits for its write lock.
const LOCK_WAIT: Duration = Duration::from_secs(10);

/// Pause between two attempts at the index lock.
const LOCK_RETRY: Duration = Duration::from_millis(50);

/// Title matches weigh this much more than text matches.
const TITLE_BOOST: f32 = 2.0;

/// Longest snippet before it is widened to whole words (tantivy counts bytes, the opening shown
/// when nothing is highlighted counts code points).
const SNIPPET_MAX_CHARS: usize = 200;

/// Tokenizer for title and text: lower-cased words with English stemming, so `tariffs` finds
/// `tariff`. The query parser and the snippet generator use the same one.
const TEXT_TOKENIZER: &str = "en_stem";

/// What [`Error::Index`] names as the path of an in-memory index.
const RAM_LOCATION: &str = "<ram>";

/// The tantivy index and a reader that is reloaded after every commit.
pub(crate) struct SearchIndex {
    index: Index,
    reader: IndexReader,
    fields: Fields,
    /// The index directory, or `<ram>`.
    path: PathBuf,
}

/// The fields of the tantivy schema.
#[derive(Clone, Copy, Debug)]
struct Fields {
    id: Field,
    title: Field,
    text: Field,
    site: Field,
    published: Field,
}

/// The parts of an article the index holds, borrowed from a new article or a stored row.
#[derive(Clone, Copy, Debug)]
pub(crate) struct SearchDoc<'a> {
    id: &'a ArticleId,
    title: Option<&'a str>,
    site: Option<&'a str>,
    published: Option<SourceTime>,
    text: &'a str,
}

impl<'a> From<&'a AnnotatedArticle> for SearchDoc<'a> {
    fn from(annotated: &'a AnnotatedArticle) -> SearchDoc<'a> {
        let article = &annotated.article;
        SearchDoc {
            id: &article.id,
            title: article.title.as_deref(),
            site: article.site.as_deref(),
            published: article.published,
            text: &article.text,
        }
    }
}

impl<'a> From<&'a IndexRow> for SearchDoc<'a> {
    fn from(row: &'a IndexRow) -> SearchDoc<'a> {
        SearchDoc {
            id: &row.id,
            title: row.title.as_deref(),
            site: row.site.as_deref(),
            published: row.published,
            text: &row.text,
        }
    }
}

impl SearchIndex {
    /// An empty index in RAM.
    pub(crate) fn in_ram() -> Result<SearchIndex> {
        let path = PathBuf::from(RAM_LOCATION);
        let (schema, fields) = build_schema();
        let index = Index::create_in_ram(schema);
        let reader = manual_reader(&index).map_err(index_error(&path))?;
        Ok(SearchIndex { index, reader, fields, path })
    }

    /// Opens the index in `path`, creating it when absent. An index that cannot be opened
    /// (corrupt files, an older schema) is deleted and created empty; the caller refills it from
    /// the record.
    pub(crate) fn open_in_dir(path: &Path) -> Result<SearchIndex> {
        let (schema, fields) = build_schema();
        create_dir(path)?;
        let (index, reader) = match open_mmap(path, &schema) {
            Ok(opened) => opened,
            Err(error) => {
                warn!(path = %path.display(), %error,
                    "search index unreadable; recreating it to rebuild from the record");
                reset_dir(path)?;
                open_mmap(path, &schema).map_err(index_error(path))?
            }
        };
        Ok(SearchIndex { index, reader, fields, path: path.to_path_buf() })
    }

    /// Number of documents in the index as of its latest commit, by any process.
    pub(crate) fn num_docs(&self) -> Result<u64> {
        self.reader.reload().map_err(index_error(&self.path))?;
        Ok(self.reader.searcher().num_docs())
    }

    /// Starts writing; the index stays locked until the writing is finished or dropped. While
    /// another process holds the lock, waits for it up to [`LOCK_WAIT`].
    pub(crate) fn writing(&self) -> Result<IndexWriting<'_>> {
        let started = Instant::now();
        loop {
            if let Some(writing) = self.try_writing()? {
                return Ok(writing);
            }
            if started.elapsed() >= LOCK_WAIT {
                // One more try, so the error is tantivy's own lock message.
                let writer = self.index.writer(WRITER_MEMORY_BUDGET).map_err(index_error(&self.path))?;
                return Ok(IndexWriting { search_index: self, writer });
            }
            thread::sleep(LOCK_RETRY);
        }
    }

    /// Starts writing, or `None` when another process holds the index lock.
    pub(crate) fn try_writing(&self) -> Result<Option<IndexWriting<'_>>> {
        match self.index.writer(WRITER_MEMORY_BUDGET) {
            Ok(writer) => Ok(Some(IndexWriting { search_index: self, writer })),
            Err(TantivyError::LockFailure(..)) => Ok(None),
            Err(error) => Err(index_error(&self.path)(error)),
        }
    }

    /// The best `limit` hits for a query in tantivy's query language, parsed leniently: syntax
    /// errors drop the broken part rather than fail.
    pub(crate) fn search(&self, query: &str, limit: usize) -> Result<Vec<SearchHit>> {
        let fields = self.fields;
        let searcher = self.reader.searcher();
        // tantivy allocates for `limit` hits up front, so a huge limit is cut to what exists.
        let limit = limit.min(usize::try_from(searcher.num_docs()).unwrap_or(usize::MAX));
        if limit == 0 {
            return Ok(Vec::new());
        }
        let mut parser = QueryParser::for_index(&self.index, vec![fields.title, fields.text]);
        // Every word must match, as in a web search; `OR` is still available.
        parser.set_conjunction_by_default();
        parser.set_field_boost(fields.title, TITLE_BOOST);
        let (parsed, errors) = parser.parse_query_lenient(query);
        if let Some(first_error) = errors.first() {
            debug!(query, n_errors = errors.len(), error = %first_error,
                "query parsed leniently");
        }
        let on_error = index_error(&self.path);
        let top_docs = searcher.search(&parsed, &TopDocs::with_limit(limit).order_by_score()).map_err(&on_error)?;
        let mut text_snippets = SnippetGenerator::create(&searcher, &*parsed, fields.text).map_err(&on_error)?;
        text_snippets.set_max_num_chars(SNIPPET_MAX_CHARS);
        let mut title_snippets = SnippetGenerator::create(&searcher, &*parsed, fields.title).map_err(&on_error)?;
        title_snippets.set_max_num_chars(SNIPPET_MAX_CHARS);

        let mut hits = Vec::with_capacity(top_docs.len());
        for (score, address) in top_docs {
            let doc: TantivyDocument = searcher.doc(address).map_err(&on_error)?;
            let stored = |field: Field| doc.get_first(field).and_then(|value| value.as_str());
            let Some(id) = stored(fields.id) else {
                warn!(path = %self.path.display(), "search hit without an article id; skipped");
                continue;
            };
            let text = stored(fields.text).unwrap_or_default();
            let mut snippet = text_snippets.snippet(text.trim());
            let mut source = text;
            if snippet.is_empty() {
                source = stored(fields.title).unwrap_or_default();
                snippet = title_snippets.snippet(source.trim());
            }
            let snippet = if snippet.is_empty() {
                // Nothing to highlight (a `site:` query, say): show the opening words.
                render_snippet(text.trim(), 0..0, &[])
            } else {
                render_snippet(source.trim(), snippet.fragment_range(), snippet.highlighted())
            };
            hits.push(SearchHit {
                article: ArticleId(id.to_string()),
                title: stored(fields.title).map(str::to_string),
                site: stored(fields.site).map(str::to_string),
                published: stored(fields.published).and_then(|published| published.parse().ok()),
                score,
                snippet,
            });
        }
        Ok(hits)
    }
}

/// An open index writer. Each commit is visible to searches at once.
pub(crate) struct IndexWriting<'a> {
    search_index: &'a SearchIndex,
    writer: IndexWriter,
}

impl IndexWriting<'_> {
    /// Adds an article, first deleting any document with its id, so that indexing an article
    /// again (after a crash between the record and index commits) never duplicates it.
    pub(crate) fn add(&mut self, doc: SearchDoc<'_>) -> Result<()> {
        let fields = self.search_index.fields;
        self.writer.delete_term(Term::from_field_text(fields.id, &doc.id.0));
        let mut document = TantivyDocument::default();
        document.add_text(fields.id, &doc.id.0);
        if let Some(title) = doc.title {
            document.add_text(fields.title, title);
        }
        document.add_text(fields.text, doc.text);
        if let Some(site) = doc.site {
            document.add_text(fields.site, site);
        }
        if let Some(published) = doc.published {
            document.add_text(fields.published, published.to_string());
        }
        self.writer.add_document(document).map_err(index_error(&self.search_index.path))?;
        Ok(())
    }

    /// Deletes every document (effective at the next commit).
    pub(crate) fn delete_all(&mut self) -> Result<()> {
        self.writer.delete_all_documents().map_err(index_error(&self.search_index.path))?;
        Ok(())
    }

    /// Commits what was added and makes it searchable.
    pub(crate) fn commit(&mut self) -> Result<()> {
        let on_error = index_error(&self.search_index.path);
        self.writer.commit().map_err(&on_error)?;
        self.search_index.reader.reload().map_err(&on_error)
    }

    /// Waits for background segment merges and releases the index lock.
    pub(crate) fn finish(self) -> Result<()> {
        self.writer.wait_merging_threads().map_err(index_error(&self.search_index.path))
    }
}

fn build_schema() -> (Schema, Fields) {
    let mut builder = Schema::builder();
    let text_options = TextOptions::default()
        .set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(TEXT_TOKENIZER)
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        )
        .set_stored();
    let fields = Fields {
        id: builder.add_text_field("id", STRING | STORED),
        title: builder.add_text_field("title", text_options.clone()),
        text: builder.add_text_field("text", text_options),
        site: builder.add_text_field("site", STRING | STORED),
        published: builder.add_text_field("published", STORED),
    };
    (builder.build(), fields)
}

fn open_mmap(path: &Path, schema: &Schema) -> tantivy::Result<(Index, IndexReader)> {
    let directory = MmapDirectory::open(path)?;
    let index = Index::open_or_create(directory, schema.clone())?;
    // On disk another process (an ingest beside `sitrep serve`) may commit too; the reader
    // watches for that, and our own commits still reload it by hand at once.
    let reader = index.reader_builder().reload_policy(ReloadPolicy::OnCommitWithDelay).try_into()?;
    Ok((index, reader))
}

/// Reloaded by hand after each commit, so a search right after an insert sees it.
fn manual_reader(index: &Index) -> tantivy::Result<IndexReader> {
    index.reader_builder().reload_policy(ReloadPolicy::Manual).try_into()
}

fn create_dir(path: &Path) -> Result<()> {
    fs::create_dir_all(path).map_err(|source| Error::CreateDir { path: path.to_path_buf(), source })
}

fn reset_dir(path: &Path) -> Result<()> {
    match fs::remove_dir_all(path) {
        Ok(()) => {}
        Err(error) if error.kind() == io::ErrorKind::NotFound => {}
        Err(source) => {
            return Err(Error::ResetIndex { path: path.to_path_buf(), source });
        }
    }
    create_dir(path)
}

/// The fragment `fragment_range` of `source` on one line, with each `highlighted` range
/// (relative to the fragment) wrapped in `[` `]`, and `…` where text was cut.
///
/// tantivy cuts fragments at token edges, which drops the punctuation around the first and
/// last words (an opening quotation mark, a full stop); the fragment is widened to the
/// surrounding whitespace to keep it. An empty range means no fragment: the opening of
/// `source` is shown.
fn render_snippet(source: &str, fragment_range: Range<usize>, highlighted: &[Range<usize>]) -> String {
    let mut fragment_range = fragment_range;
    if fragment_range.is_empty() {
        fragment_range = 0..source.char_indices().nth(SNIPPET_MAX_CHARS).map_or(source.len(), |(byte, _)| byte);
    }
    let start = source
        .get(..fragment_range.start)
        .and_then(|before| before.rfind(char::is_whitespace))
        .map_or(0, |space| space + 1);
    let end = source
        .get(fragment_range.end..)
        .and_then(|after| after.find(char::is_whitespace))
        .map_or(source.len(), |space| fragment_range.end + space);
    let shift = fragment_range.start.saturating_sub(start);

    let mut ranges: Vec<Range<usize>> =
        highlighted.iter().map(|range| range.start + shift..range.end + shift).collect();
    ranges.sort_by_key(|range| (range.start, range.end));
    // Overlapping or touching highlights become one bracketed run.
    let mut merged: Vec<Range<usize>> = Vec::with_capacity(ranges.len());
    for range in ranges {
        match merged.last_mut() {
            Some(last) if range.start <= last.end => last.end = last.end.max(range.end),
            _ => merged.push(range),
        }
    }

    let fragment = source.get(start..end).unwrap_or_default();
    let mut rendered = String::with_capacity(fragment.len() + 2 * merged.len() + 8);
    if start > 0 {
        rendered.push_str("… ");
    }
    let mut from = 0;
    for range in merged {
        let (Some(before), Some(highlighted)) = (fragment.get(from..range.start), fragment.get(range.clone())) else {
            continue;
        };
        rendered.push_str(before);
        rendered.push('[');
        rendered.push_str(highlighted);
        rendered.push(']');
        from = range.end;
    }
    rendered.push_str(fragment.get(from..).unwrap_or_default());
    if end < source.len() {
        rendered.push_str(" …");
    }
    one_line(&rendered)
}

/// Collapses every run of whitespace (paragraph breaks included) into one space.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Wraps a tantivy error with the index it happened in.
fn index_error(path: &Path) -> impl Fn(TantivyError) -> Error + '_ {
    move |source| Error::Index { path: path.to_path_buf(), source: Box::new(source) }
}

#[cfg(test)]
mod tests {
    use crate::search::{SearchIndex, render_snippet};

    #[test]
    fn a_second_writer_waits_its_turn() -> Result<(), crate::Error> {
        let index = SearchIndex::in_ram()?;
        let writing = index.try_writing()?;
        assert!(writing.is_some());
        assert!(index.try_writing()?.is_none());
        drop(writing);
        assert!(index.try_writing()?.is_some());
        Ok(())
    }

    #[test]
    fn renders_snippets_on_one_line_with_brackets() {
        let source = "“No,” he said.\n\nThe talks go on, he said.";
        // Fragment `No,” he said` (bytes 3..17); highlights are relative to it. The fragment
        // widens to the quotation mark before it and the full stop after it.
        let rendered = render_snippet(source, 3..17, &[7..9, 7..9, 10..14]);
        assert_eq!(rendered, "“No,” [he] [said]. …");
        // Overlapping highlights merge.
        assert_eq!(render_snippet(source, 3..17, &[10..12, 11..14]), "“No,” he [said]. …");
        assert_eq!(render_snippet(source, 0..0, &[]), "“No,” he said. The talks go on, he said.");
        // Out-of-range highlights from a broken snippet are skipped, not sliced.
        assert_eq!(render_snippet("short", 0..5, &[0..1, 3..99]), "[s]hort");
    }
}
