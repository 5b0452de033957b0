//! The JSON output contract: one [`AnnotatedArticle`] per article, one per line in JSON Lines.
//!
//! A line looks like this (abridged; `docs/schema.md` documents every field):
//!
//! ```json
//! {"schema":1,"id":"3f725c14a15dcf55","url":null,"site":null,"title":"...","authors":[],
//!  "published":"2025-06-05T00:00:00Z","language":"en","format":"text","text":"...",
//!  "entities":[{"id":"e1","name":"Pete Hegseth","type":"PERSON","aliases":["Hegseth"],
//!               "roles":[{"title":"U.S. Defense Secretary","org":"U.S.","span":{"start":0,"end":22}}]}],
//!  "mentions":[...],"quotes":[...],"quantities":[...],"times":[...]}
//! ```
//!
//! The contract is versioned by `schema`; a change that could break a consumer bumps
//! [`SCHEMA_VERSION`] and `docs/schema.md` together.

use serde::{Deserialize, Serialize};

use crate::annotation::Annotations;
use crate::article::Article;
use crate::span::{Span, slice_chars};

/// The version of the JSON contract this crate writes.
pub const SCHEMA_VERSION: u32 = 1;

/// One article with all its annotations: the unit of the JSON contract.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AnnotatedArticle {
    /// Contract version, [`SCHEMA_VERSION`] when written by this crate.
    pub schema: u32,
    /// The article and its metadata.
    #[serde(flatten)]
    pub article: Article,
    /// What the NLP stage found in it.
    #[serde(flatten)]
    pub annotations: Annotations,
}

/// A span in an [`AnnotatedArticle`] that does not slice its text to the string it claims.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("{field} span {start}..{end} of article {article} covers {found:?}, not {claimed:?}")]
pub struct SpanMismatch {
    /// The article's id.
    pub article: String,
    /// Which field holds the span: "quotes[3]", "mentions[0]".
    pub field: String,
    /// Span start in code points.
    pub start: usize,
    /// Span end in code points.
    pub end: usize,
    /// The text the field claims.
    pub claimed: String,
    /// What the span actually covers (empty when out of bounds).
    pub found: String,
}

impl AnnotatedArticle {
    /// Joins an article and its annotations under the current schema version.
    pub fn new(article: Article, annotations: Annotations) -> AnnotatedArticle {
        AnnotatedArticle { schema: SCHEMA_VERSION, article, annotations }
    }

    /// Checks that every span slices `text` to exactly the string stored beside it.
    pub fn validate(&self) -> Result<(), SpanMismatch> {
        let annotations = &self.annotations;
        let mut checks: Vec<(String, Span, &str)> = Vec::new();
        for (idx, mention) in annotations.mentions.iter().enumerate() {
            checks.push((format!("mentions[{idx}]"), mention.span, &mention.text));
        }
        for (idx, quote) in annotations.quotes.iter().enumerate() {
            checks.push((format!("quotes[{idx}]"), quote.span, &quote.text));
            if let Some(speaker) = &quote.speaker {
                checks.push((format!("quotes[{idx}].speaker"), speaker.mention, &speaker.mention_text));
            }
            if let Some(cue) = &quote.cue {
                checks.push((format!("quotes[{idx}].cue"), cue.span, &cue.text));
            }
        }
        for (idx, quantity) in annotations.quantities.iter().enumerate() {
            checks.push((format!("quantities[{idx}]"), quantity.span, &quantity.text));
        }
        for (idx, time) in annotations.times.iter().enumerate() {
            checks.push((format!("times[{idx}]"), time.span, &time.text));
        }
        for (field, span, claimed) in checks {
            let found = slice_chars(&self.article.text, span);
            if found != Some(claimed) {
                return Err(SpanMismatch {
                    article: self.article.id.0.clone(),
                    field,
                    start: span.start.0,
                    end: span.end.0,
                    claimed: claimed.to_string(),
                    found: found.unwrap_or_default().to_string(),
                });
            }
        }
        Ok(())
    }
}
