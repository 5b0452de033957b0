//! The situation report over a set of articles: stories, actors, who said what, numbers and a
//! timeline. Written as JSON by `sitrep report --format json` and the HTTP API.

use crate::time::SourceTime;
use serde::{Deserialize, Serialize};

use crate::annotation::{EntityType, QuoteKind};
use crate::article::ArticleId;
use crate::span::Span;

/// The whole report.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// Contract version, the same as the article contract's.
    pub schema: u32,
    /// How many articles the report covers.
    pub n_articles: usize,
    /// Stories, largest first.
    pub stories: Vec<Story>,
    /// People, organisations and places, most mentioned first.
    pub actors: Vec<Actor>,
    /// Quotations grouped by speaker, most quoted first.
    pub speakers: Vec<SpeakerQuotes>,
    /// Quotations no speaker could be found for.
    pub unattributed: Vec<ReportedQuote>,
    /// Numbers the articles state, in article order.
    pub numbers: Vec<ReportedNumber>,
    /// Articles and dated statements in time order.
    pub timeline: Vec<TimelineEntry>,
}

/// Where a piece of the report was read: one article.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceRef {
    /// The article.
    pub article: ArticleId,
    /// Its outlet, when known.
    pub site: Option<String>,
    /// Its headline, when known.
    pub title: Option<String>,
    /// Its publication time, when known.
    pub published: Option<SourceTime>,
}

/// Articles about one event or development, across outlets and time.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Story {
    /// Stable id: the smallest member article id.
    pub id: String,
    /// A representative headline.
    pub title: String,
    /// Member articles, oldest first.
    pub articles: Vec<SourceRef>,
    /// Distinct outlets carrying the story.
    pub outlets: Vec<String>,
    /// Earliest publication time among members.
    pub start: Option<SourceTime>,
    /// Latest publication time among members.
    pub end: Option<SourceTime>,
    /// The most mentioned entities in the story, by name.
    pub key_entities: Vec<String>,
}

/// One entity across all articles.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Actor {
    /// Corpus-wide id: type and normalised name, `person:pete-hegseth`.
    pub id: String,
    /// The fullest name used.
    pub name: String,
    /// The entity's type.
    #[serde(rename = "type")]
    pub entity_type: EntityType,
    /// Other names used for it.
    pub aliases: Vec<String>,
    /// Distinct roles stated for it.
    pub roles: Vec<String>,
    /// Mentions across all articles.
    pub n_mentions: usize,
    /// Articles mentioning it.
    pub n_articles: usize,
}

/// One speaker's quotations across all articles.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SpeakerQuotes {
    /// The speaker's actor id.
    pub actor: String,
    /// The speaker's name.
    pub name: String,
    /// Roles stated for the speaker.
    pub roles: Vec<String>,
    /// Distinct remarks, each with every outlet that carried it.
    pub quotes: Vec<ReportedQuote>,
}

/// One remark, carried by one or more articles.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReportedQuote {
    /// The words, as the first source has them.
    pub text: String,
    /// How it appears in the first source.
    pub kind: QuoteKind,
    /// The reporting phrase in the first source.
    pub cue: Option<String>,
    /// Every article carrying the remark (exactly or with small changes), with where it stands.
    pub sources: Vec<QuoteSource>,
}

/// One article's rendering of a remark.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct QuoteSource {
    /// The article.
    #[serde(flatten)]
    pub source: SourceRef,
    /// Where the quote stands in that article's text.
    pub span: Span,
    /// The words as that article has them.
    pub text: String,
}

/// A number stated in an article.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReportedNumber {
    /// As written: "more than $66.5 billion".
    pub text: String,
    /// The value with scale applied.
    pub value: f64,
    /// Unit: currency code, `%`, `count`.
    pub unit: String,
    /// "more than", "about", ...
    pub qualifier: Option<String>,
    /// What it measures, when stated.
    pub of: Option<String>,
    /// The article stating it.
    pub source: SourceRef,
}

/// One point on the timeline.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TimelineEntry {
    /// The date, `YYYY-MM-DD`, or a coarser TIMEX3 value (`2025-W11`, `2022`).
    pub date: String,
    /// What happened: an article's headline, a sentence mentioning the date, or a speaker and
    /// the start of what they said.
    pub what: String,
    /// Whether the entry is a publication or a date stated in the text.
    pub kind: TimelineKind,
    /// The article.
    pub source: SourceRef,
}

/// What a timeline entry marks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TimelineKind {
    /// An article's publication.
    Published,
    /// A date a sentence of an article refers to.
    Mentioned,
    /// A quotation placed on the day its reporting clause gives ("Hegseth said on Thursday").
    Stated,
}
