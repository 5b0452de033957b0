//! Scoring sitrep's output against gold data: pure functions from gold records and predictions
//! to figures, each defined exactly as the shared reference scorer of its data set defines it, so
//! that `sitrep eval ...` and `../shared/scorers/*.py` print the same numbers for the same
//! predictions.
//!
//! Reading the data and running the extractors is the caller's job (the CLI); this crate only
//! counts. [`extraction`] scores main-content extraction with the token 4-gram shingle metric of
//! the Scrapinghub article extraction benchmark; [`timex`] scores time expressions as TempEval-3
//! does (strict and relaxed extraction, type and value); [`quotes`] scores quotations and their
//! speakers on PolNeAR (strict and lenient spans, speaker accuracy, end to end); [`ner`] reads and
//! writes CoNLL and scores entities as conlleval does.
//!
//! ```
//! use sitrep_eval::extraction::{GoldPage, Prediction, score};
//!
//! let gold = vec![GoldPage { id: "a".into(), source: "s".into(), text: "one two three four five".into(),
//!                            title: None, author: None, date: None }];
//! let predictions = vec![Prediction { id: "a".into(), text: "one two three four".into(), ..Default::default() }];
//! let scores = score(&gold, &predictions);
//! assert_eq!(scores.body.precision, 1.0);
//! assert_eq!(scores.body.recall, 0.5);
//! ```

pub mod extraction;
pub mod ner;
pub mod quotes;
mod text;
pub mod timex;
