//! The sitrep document model: the types every stage exchanges and the JSON contract they produce.
//!
//! Stages talk only through these types. [`RawDocument`] is what ingest frames, [`Article`] what
//! extract cleans, [`Annotations`] what the NLP stage finds, [`AnnotatedArticle`] the versioned
//! JSON contract that joins the two, and [`Report`] the situation report over many articles.
//! This crate does no IO and holds no heuristics.
//!
//! Every span is a [`Span`] of code-point offsets into `Article::text`; [`CharIndex`] is the one
//! place that turns byte offsets into code points.
//!
//! ```
//! use sitrep_model::{CharIndex, Span, slice_chars};
//!
//! let text = "“Not a betrayal,” Hegseth said.";
//! let byte_start = text.find("Hegseth").unwrap();
//! let span = CharIndex::new(text).span_of_bytes(byte_start, byte_start + "Hegseth".len());
//! assert_eq!(span, Span::new(18, 25));
//! assert_eq!(slice_chars(text, span), Some("Hegseth"));
//! ```

mod annotation;
mod article;
mod contract;
mod report;
mod span;
mod time;

pub use crate::annotation::{
    Annotations, Cue, Entity, EntityId, EntityType, Mention, Quantity, Quote, QuoteKind, Role, Speaker, TimeExpr,
    TimeType,
};
pub use crate::article::{Article, ArticleId, Origin, RawDocument, SourceFormat};
pub use crate::contract::{AnnotatedArticle, SCHEMA_VERSION, SpanMismatch};
pub use crate::report::{
    Actor, QuoteSource, Report, ReportedNumber, ReportedQuote, SourceRef, SpeakerQuotes, Story, TimelineEntry,
    TimelineKind,
};
pub use crate::span::{CharIndex, CharOffset, Span, slice_chars};
pub use crate::time::{SourceTime, SourceTimeError};
