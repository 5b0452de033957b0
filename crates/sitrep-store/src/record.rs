//! The record backend boundary: what [`crate::Store`] needs from the database that holds every
//! article, so a PostgreSQL backend can replace SQLite without touching callers.

use std::path::Path;

use sitrep_model::{AnnotatedArticle, ArticleId, SourceTime};

use crate::Result;

/// The source of truth: every article with all its annotations, and whether it is in the search
/// index yet.
///
/// Implementations keep the index flag per article so a crash between the record commit and the
/// index commit is repaired on the next open (see [`crate::Store::open`]).
pub(crate) trait Record {
    /// Where the record lives, for messages: a file path or `:memory:`.
    fn location(&self) -> &Path;

    /// Stores the articles not stored yet, all in one transaction, with the index flag unset.
    /// Returns the positions in `articles` of those newly stored, in order; every other position
    /// was a duplicate, of an earlier batch or of an earlier position in this one.
    fn insert_batch(&mut self, articles: &[AnnotatedArticle]) -> Result<Vec<usize>>;

    /// True when an article with this id is stored.
    fn contains(&self, id: &ArticleId) -> Result<bool>;

    /// The stored article with this id.
    fn get(&self, id: &ArticleId) -> Result<Option<AnnotatedArticle>>;

    /// Number of stored articles.
    fn count(&self) -> Result<usize>;

    /// Calls `f` for every article ordered by publication time (unknown last), then id; stops at
    /// the first error.
    fn for_each(&self, f: &mut dyn FnMut(AnnotatedArticle) -> Result<()>) -> Result<()>;

    /// Number of articles flagged as indexed.
    fn count_indexed(&self) -> Result<usize>;

    /// Up to `limit` articles not flagged as indexed, ordered by id, starting after `after`.
    fn unindexed_page(&self, after: Option<&ArticleId>, limit: usize) -> Result<Vec<IndexRow>>;

    /// Flags these articles as indexed, in one transaction.
    fn mark_indexed(&mut self, ids: &[ArticleId]) -> Result<()>;

    /// Clears every index flag, so that every article is indexed again.
    fn mark_all_unindexed(&mut self) -> Result<()>;
}

/// The fields of a stored article that go into the search index, read back without decoding the
/// whole contract.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct IndexRow {
    /// The article's id.
    pub id: ArticleId,
    /// The headline.
    pub title: Option<String>,
    /// The outlet.
    pub site: Option<String>,
    /// Publication time.
    pub published: Option<SourceTime>,
    /// The article body.
    pub text: String,
}
