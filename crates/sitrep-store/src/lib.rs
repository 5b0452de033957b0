//! The embedded sitrep store: every article with all its annotations, and full-text search over
//! them, in one data directory with nothing to install.
//!
//! [`Store`] composes two parts. The record, a SQLite database (`sitrep.sqlite3`), is the
//! source of truth: each article's full JSON contract ([`sitrep_model::AnnotatedArticle`]) plus
//! normalised tables of its quotes, entities and mentions for querying. The search index, a
//! tantivy index (`index/`), is derived from the record and rebuilt from it whenever it falls
//! behind, so a process killed between the two commits loses nothing and leaves nothing
//! half-written. Inserting is idempotent: an article whose id is stored is counted in
//! [`BatchSummary::duplicate`] and skipped. Searches return [`SearchHit`]s with plain-text
//! snippets. Failures are [`Error`]s naming the store and, where one is involved, the article.
//!
//! Only this crate knows SQL and tantivy; the record sits behind an internal trait so that a
//! PostgreSQL backend can be added without touching callers.
//!
//! ```
//! use sitrep_model::{AnnotatedArticle, Annotations, Article, ArticleId, SourceFormat};
//! use sitrep_store::Store;
//!
//! let title = "Ministers meet";
//! let text = "NATO defence ministers met in Brussels on Thursday.";
//! let article = Article {
//!     id: ArticleId::from_content(Some(title), text),
//!     url: None,
//!     site: Some("example.org".to_string()),
//!     title: Some(title.to_string()),
//!     authors: Vec::new(),
//!     published: None,
//!     modified: None,
//!     language: Some("en".to_string()),
//!     text: text.to_string(),
//!     format: SourceFormat::Text,
//! };
//! let annotated = AnnotatedArticle::new(article, Annotations::default());
//!
//! let mut store = Store::open_in_memory()?;
//! let summary = store.insert_batch(&[annotated.clone(), annotated.clone()])?;
//! assert_eq!((summary.new, summary.duplicate), (1, 1));
//! assert_eq!(store.get(&annotated.article.id)?, Some(annotated));
//!
//! let hits = store.search("brussels", 10)?;
//! assert_eq!(hits.len(), 1);
//! assert_eq!(hits[0].snippet, "NATO defence ministers met in [Brussels] on Thursday.");
//! # Ok::<(), sitrep_store::Error>(())
//! ```

mod error;
#[cfg(test)]
mod fixtures;
mod record;
mod search;
mod sqlite;
mod store;

pub use crate::error::{Error, Result};
pub use crate::search::SearchHit;
pub use crate::store::{BatchSummary, Store};
