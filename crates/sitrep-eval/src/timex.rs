//! Time expressions, TempEval-3 style, over code-point spans: strict and relaxed extraction
//! precision, recall and F1, type and value accuracy over relaxed matches, and type and value F1.
//! Defined as in `../shared/scorers/timex.py`.
//!
//! Gold and system expressions of a document are paired one to one, greedily, largest overlap
//! first (ties: smaller summed distance of the two ends, then gold order, then system order). A
//! relaxed match is any pair (overlap of at least one code point); a strict match a pair with the
//! same start and end. Value precision and recall are the relaxed ones times value accuracy,
//! which is what TempEval-3's `evaluate_entities.py` reports as value P and R.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

/// One time expression, gold or predicted: a code-point span of the document text with its
/// TIMEX3 type and value.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Timex {
    /// First code point, inclusive.
    pub start: usize,
    /// End code point, exclusive.
    pub end: usize,
    /// TIMEX3 type: DATE, TIME, DURATION or SET.
    #[serde(rename = "type")]
    pub time_type: String,
    /// TIMEX3 value (`2013-03-22`, `P1M`, `PRESENT_REF`, ...).
    pub value: String,
    /// The text the span covers, for reading; not scored.
    #[serde(default)]
    pub text: String,
}

/// The time expressions of one document, gold or predicted.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimexDocument {
    /// The document id.
    pub id: String,
    /// Its expressions.
    pub timexes: Vec<Timex>,
}

/// Every figure of the TempEval-3 time-expression task.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct TimexScores {
    /// Gold expressions.
    pub gold: usize,
    /// Predicted expressions.
    pub system: usize,
    /// Pairs with overlapping spans.
    pub relaxed_match: usize,
    /// Pairs with identical spans.
    pub strict_match: usize,
    /// Relaxed pairs whose values are equal.
    pub value_match: usize,
    /// Relaxed pairs whose types are equal.
    pub type_match: usize,
    /// Strict precision.
    pub strict_p: f64,
    /// Strict recall.
    pub strict_r: f64,
    /// Strict F1.
    pub strict_f1: f64,
    /// Relaxed precision.
    pub relaxed_p: f64,
    /// Relaxed recall.
    pub relaxed_r: f64,
    /// Relaxed F1.
    pub relaxed_f1: f64,
    /// Share of relaxed matches with the gold value.
    pub value_accuracy: f64,
    /// Share of relaxed matches with the gold type.
    pub type_accuracy: f64,
    /// F1 of value precision and recall (relaxed P and R times value accuracy).
    pub value_f1: f64,
    /// F1 of type precision and recall.
    pub type_f1: f64,
}

/// Scores predictions against gold documents. A gold document without a prediction counts as
/// one with no expressions; predictions for documents not in the gold are ignored.
pub fn score(gold: &[TimexDocument], predictions: &[TimexDocument]) -> TimexScores {
    let by_id: HashMap<&str, &[Timex]> =
        predictions.iter().map(|document| (document.id.as_str(), document.timexes.as_slice())).collect();
    let mut scores = TimexScores::default();
    for document in gold {
        let system = by_id.get(document.id.as_str()).copied().unwrap_or_default();
        scores.gold += document.timexes.len();
        scores.system += system.len();
        for (gold_timex, system_timex) in pair(&document.timexes, system) {
            scores.relaxed_match += 1;
            scores.strict_match +=
                usize::from(gold_timex.start == system_timex.start && gold_timex.end == system_timex.end);
            scores.value_match += usize::from(gold_timex.value == system_timex.value);
            scores.type_match += usize::from(gold_timex.time_type == system_timex.time_type);
        }
    }
    let precision = |n: usize| ratio(n, scores.system);
    let recall = |n: usize| ratio(n, scores.gold);
    TimexScores {
        strict_p: precision(scores.strict_match),
        strict_r: recall(scores.strict_match),
        strict_f1: f1(precision(scores.strict_match), recall(scores.strict_match)),
        relaxed_p: precision(scores.relaxed_match),
        relaxed_r: recall(scores.relaxed_match),
        relaxed_f1: f1(precision(scores.relaxed_match), recall(scores.relaxed_match)),
        value_accuracy: ratio(scores.value_match, scores.relaxed_match),
        type_accuracy: ratio(scores.type_match, scores.relaxed_match),
        value_f1: f1(precision(scores.value_match), recall(scores.value_match)),
        type_f1: f1(precision(scores.type_match), recall(scores.type_match)),
        ..scores
    }
}

/// One-to-one pairs of overlapping expressions, largest overlap first.
fn pair<'a>(gold: &'a [Timex], system: &'a [Timex]) -> Vec<(&'a Timex, &'a Timex)> {
    let mut candidates = Vec::new();
    for (gold_idx, gold_timex) in gold.iter().enumerate() {
        for (system_idx, system_timex) in system.iter().enumerate() {
            let overlap = gold_timex.end.min(system_timex.end) as i64 - gold_timex.start.max(system_timex.start) as i64;
            if overlap > 0 {
                let distance =
                    gold_timex.start.abs_diff(system_timex.start) + gold_timex.end.abs_diff(system_timex.end);
                candidates.push((std::cmp::Reverse(overlap), distance, gold_idx, system_idx));
            }
        }
    }
    candidates.sort_unstable();
    let mut gold_used = vec![false; gold.len()];
    let mut system_used = vec![false; system.len()];
    let mut pairs = Vec::new();
    for (_, _, gold_idx, system_idx) in candidates {
        if !gold_used[gold_idx] && !system_used[system_idx] {
            gold_used[gold_idx] = true;
            system_used[system_idx] = true;
            pairs.push((&gold[gold_idx], &system[system_idx]));
        }
    }
    pairs
}

fn ratio(numerator: usize, denominator: usize) -> f64 {
    if denominator == 0 { 0.0 } else { numerator as f64 / denominator as f64 }
}

fn f1(precision: f64, recall: f64) -> f64 {
    if precision + recall == 0.0 { 0.0 } else { 2.0 * precision * recall / (precision + recall) }
}

#[cfg(test)]
mod tests {
    use crate::timex::{Timex, TimexDocument, score};

    fn timex(start: usize, end: usize, time_type: &str, value: &str) -> Timex {
        Timex { start, end, time_type: time_type.into(), value: value.into(), text: String::new() }
    }

    fn document(id: &str, timexes: Vec<Timex>) -> TimexDocument {
        TimexDocument { id: id.into(), timexes }
    }

    #[test]
    fn strict_relaxed_and_attribute_figures() {
        let gold = vec![
            document("a", vec![timex(0, 6, "DATE", "1998-08-07"), timex(10, 20, "DURATION", "P3Y")]),
            document("b", vec![timex(5, 9, "DATE", "1989")]),
        ];
        let predictions = vec![
            // One exact match, one overlapping with the wrong value, one spurious.
            document(
                "a",
                vec![timex(0, 6, "DATE", "1998-08-07"), timex(12, 20, "DURATION", "P2Y"), timex(30, 31, "DATE", "X")],
            ),
            document("unknown", vec![timex(0, 1, "DATE", "X")]),
        ];
        let scores = score(&gold, &predictions);
        assert_eq!((scores.gold, scores.system, scores.relaxed_match, scores.strict_match), (3, 3, 2, 1));
        assert!((scores.relaxed_f1 - 2.0 / 3.0).abs() < 1e-12);
        assert!((scores.strict_f1 - 1.0 / 3.0).abs() < 1e-12);
        assert!((scores.value_accuracy - 0.5).abs() < 1e-12);
        assert!((scores.type_accuracy - 1.0).abs() < 1e-12);
        assert!((scores.value_f1 - 1.0 / 3.0).abs() < 1e-12);
    }

    #[test]
    fn pairs_are_one_to_one_by_largest_overlap() {
        // Two system spans overlap one gold span: only the larger overlap counts.
        let gold = vec![document("a", vec![timex(0, 10, "DATE", "1")])];
        let predictions = vec![document("a", vec![timex(0, 3, "DATE", "2"), timex(2, 10, "DATE", "1")])];
        let scores = score(&gold, &predictions);
        assert_eq!((scores.relaxed_match, scores.value_match), (1, 1));
        assert!((scores.relaxed_p - 0.5).abs() < 1e-12);
    }
}
