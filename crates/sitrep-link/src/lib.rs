//! Work across articles: entities merged into corpus-wide actors, articles grouped into stories,
//! the same remark carried by several outlets shown once, and the situation [`Report`] built
//! from it all.
//!
//! Everything here is a pure function of the annotated articles, so the report is the same
//! whichever order the articles were ingested in.
//!
//! ```
//! use sitrep_link::build_report;
//!
//! let report = build_report(&[]);
//! assert_eq!(report.n_articles, 0);
//! assert!(report.stories.is_empty());
//! ```

mod actors;
mod quotes;
mod report;
mod stories;
mod text;

pub use crate::actors::{ActorIndex, actor_id};
pub use crate::quotes::{QuoteFilter, speaker_quotes};
pub use crate::report::build_report;
pub use crate::stories::cluster_stories;
