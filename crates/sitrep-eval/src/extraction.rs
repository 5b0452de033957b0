//! Main-content extraction: body text by token 4-gram shingles (precision and recall per page,
//! macro-averaged, F1 of the two means), exact-token accuracy, and metadata accuracy on pages with
//! gold metadata. Defined as in `../shared/scorers/extraction.py`.

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

use crate::text::{norm, tokens};

/// A gold page.
#[derive(Clone, Debug, Default)]
pub struct GoldPage {
    /// The page id.
    pub id: String,
    /// The collection it belongs to (`scrapinghub`, `wcxb-article`).
    pub source: String,
    /// The gold main text.
    pub text: String,
    /// Gold title, when the collection has one.
    pub title: Option<String>,
    /// Gold author, when the collection has one.
    pub author: Option<String>,
    /// Gold date `YYYY-MM-DD`, when the collection has one.
    pub date: Option<String>,
}

/// What an extractor produced for one page.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Prediction {
    /// The page id.
    pub id: String,
    /// The extracted main text.
    pub text: String,
    /// The extracted title.
    pub title: Option<String>,
    /// The extracted author(s), one string.
    pub author: Option<String>,
    /// The extracted date (any string holding `YYYY-MM-DD`).
    pub date: Option<String>,
}

/// Body-text figures over a set of pages.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct BodyScores {
    /// Pages scored.
    pub n: usize,
    /// Pages with an empty prediction.
    pub empty: usize,
    /// F1 of the macro precision and recall.
    pub f1: f64,
    /// Mean page precision over pages with a non-empty prediction.
    pub precision: f64,
    /// Mean page recall over pages with a non-empty gold text.
    pub recall: f64,
    /// Share of pages whose tokens equal the gold tokens exactly.
    pub accuracy: f64,
    /// Mean per-page F1, an empty prediction counting 0.
    pub mean_page_f1: f64,
}

/// Metadata figures over the pages whose gold value is present.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct MetadataScores {
    /// Title exact match after normalisation; `None` without gold titles.
    pub title: Option<f64>,
    /// Mean title token F1.
    pub title_f1: Option<f64>,
    /// Share of pages with a predicted title.
    pub title_coverage: Option<f64>,
    /// Author match (normalised token sets, one within the other).
    pub author: Option<f64>,
    /// Share of pages with a predicted author.
    pub author_coverage: Option<f64>,
    /// Date match (`YYYY-MM-DD`).
    pub date: Option<f64>,
    /// Share of pages with a predicted date.
    pub date_coverage: Option<f64>,
    /// Pages with a gold title, author and date.
    pub n_title: usize,
    /// See `n_title`.
    pub n_author: usize,
    /// See `n_title`.
    pub n_date: usize,
}

/// All figures: overall and per source.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct ExtractionScores {
    /// Body text over all pages.
    pub body: BodyScores,
    /// Metadata over all pages.
    pub metadata: MetadataScores,
    /// Body and metadata per source, by name.
    pub by_source: BTreeMap<String, SourceScores>,
}

/// Figures of one source.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct SourceScores {
    /// Body text.
    pub body: BodyScores,
    /// Metadata.
    pub metadata: MetadataScores,
}

/// Scores predictions against gold pages; a page without a prediction counts as empty.
pub fn score(gold: &[GoldPage], predictions: &[Prediction]) -> ExtractionScores {
    let by_id: HashMap<&str, &Prediction> =
        predictions.iter().map(|prediction| (prediction.id.as_str(), prediction)).collect();
    let mut sources: Vec<&str> = gold.iter().map(|page| page.source.as_str()).collect();
    sources.sort_unstable();
    sources.dedup();
    let by_source = sources
        .into_iter()
        .map(|source| {
            let pages: Vec<&GoldPage> = gold.iter().filter(|page| page.source == source).collect();
            (
                source.to_string(),
                SourceScores { body: body_scores(&pages, &by_id), metadata: metadata_scores(&pages, &by_id) },
            )
        })
        .collect();
    let all: Vec<&GoldPage> = gold.iter().collect();
    ExtractionScores { body: body_scores(&all, &by_id), metadata: metadata_scores(&all, &by_id), by_source }
}

/// (tp, fp, fn) of the shingle multisets of one page.
fn shingle_counts(gold: &str, predicted: &str) -> (usize, usize, usize) {
    let gold = shingles(gold);
    let predicted = shingles(predicted);
    let mut tp = 0;
    let mut fp = 0;
    for (shingle, &count) in &predicted {
        let in_gold = gold.get(shingle).copied().unwrap_or(0);
        tp += count.min(in_gold);
        fp += count.saturating_sub(in_gold);
    }
    let fn_ =
        gold.iter().map(|(shingle, &count)| count.saturating_sub(predicted.get(shingle).copied().unwrap_or(0))).sum();
    (tp, fp, fn_)
}

fn shingles(text: &str) -> HashMap<Vec<&str>, usize> {
    let tokens = tokens(text);
    let mut counts = HashMap::new();
    if tokens.is_empty() {
        return counts;
    }
    if tokens.len() < 4 {
        counts.insert(tokens, 1);
        return counts;
    }
    for window in tokens.windows(4) {
        *counts.entry(window.to_vec()).or_insert(0) += 1;
    }
    counts
}

fn page_precision((tp, fp, fn_): (usize, usize, usize)) -> f64 {
    if fp == 0 && fn_ == 0 {
        1.0
    } else if tp == 0 && fp == 0 {
        0.0
    } else {
        tp as f64 / (tp + fp) as f64
    }
}

fn page_recall((tp, fp, fn_): (usize, usize, usize)) -> f64 {
    if fp == 0 && fn_ == 0 {
        1.0
    } else if tp == 0 && fn_ == 0 {
        0.0
    } else {
        tp as f64 / (tp + fn_) as f64
    }
}

fn mean(values: &[f64]) -> f64 {
    if values.is_empty() { 0.0 } else { values.iter().sum::<f64>() / values.len() as f64 }
}

fn body_scores(pages: &[&GoldPage], predictions: &HashMap<&str, &Prediction>) -> BodyScores {
    let mut precisions = Vec::new();
    let mut recalls = Vec::new();
    let mut page_f1s = Vec::new();
    let mut exact = Vec::new();
    let mut empty = 0;
    for page in pages {
        let predicted = predictions.get(page.id.as_str()).map_or("", |prediction| prediction.text.as_str());
        if tokens(predicted).is_empty() {
            empty += 1;
        }
        let counts = shingle_counts(&page.text, predicted);
        let (tp, fp, fn_) = counts;
        if tp + fp > 0 {
            precisions.push(page_precision(counts));
        }
        if tp + fn_ > 0 {
            recalls.push(page_recall(counts));
        }
        let (p, r) = (page_precision(counts), page_recall(counts));
        page_f1s.push(if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 });
        exact.push(if tokens(&page.text) == tokens(predicted) { 1.0 } else { 0.0 });
    }
    let precision = mean(&precisions);
    let recall = mean(&recalls);
    BodyScores {
        n: pages.len(),
        empty,
        f1: if precision + recall > 0.0 { 2.0 * precision * recall / (precision + recall) } else { 0.0 },
        precision,
        recall,
        accuracy: mean(&exact),
        mean_page_f1: mean(&page_f1s),
    }
}

fn metadata_scores(pages: &[&GoldPage], predictions: &HashMap<&str, &Prediction>) -> MetadataScores {
    let mut title = Vec::new();
    let mut title_f1 = Vec::new();
    let mut title_coverage = Vec::new();
    let mut author = Vec::new();
    let mut author_coverage = Vec::new();
    let mut date = Vec::new();
    let mut date_coverage = Vec::new();
    let flag = |value: bool| if value { 1.0 } else { 0.0 };
    for page in pages {
        let prediction = predictions.get(page.id.as_str());
        let predicted = |field: fn(&Prediction) -> &Option<String>| {
            prediction.and_then(|p| field(p).as_deref()).filter(|v| !v.is_empty())
        };
        if let Some(gold) = page.title.as_deref().filter(|t| !t.is_empty()) {
            let guess = predicted(|p| &p.title);
            title.push(flag(guess.is_some_and(|guess| norm(gold) == norm(guess))));
            title_f1.push(token_f1(gold, guess.unwrap_or("")));
            title_coverage.push(flag(guess.is_some()));
        }
        if let Some(gold) = page.author.as_deref().filter(|a| !a.is_empty()) {
            let guess = predicted(|p| &p.author);
            author.push(flag(author_match(gold, guess.unwrap_or(""))));
            author_coverage.push(flag(guess.is_some()));
        }
        if let Some(gold) = page.date.as_deref().and_then(ymd) {
            let guess = predicted(|p| &p.date).and_then(ymd);
            date.push(flag(guess.as_deref() == Some(gold.as_str())));
            date_coverage.push(flag(guess.is_some()));
        }
    }
    let mean_or_none = |values: &[f64]| (!values.is_empty()).then(|| mean(values));
    MetadataScores {
        title: mean_or_none(&title),
        title_f1: mean_or_none(&title_f1),
        title_coverage: mean_or_none(&title_coverage),
        author: mean_or_none(&author),
        author_coverage: mean_or_none(&author_coverage),
        date: mean_or_none(&date),
        date_coverage: mean_or_none(&date_coverage),
        n_title: title.len(),
        n_author: author.len(),
        n_date: date.len(),
    }
}

fn token_f1(gold: &str, predicted: &str) -> f64 {
    let count = |text: &str| {
        let mut counts: HashMap<String, usize> = HashMap::new();
        for word in norm(text).split(' ').filter(|w| !w.is_empty()) {
            *counts.entry(word.to_string()).or_insert(0) += 1;
        }
        counts
    };
    let (gold, predicted) = (count(gold), count(predicted));
    let overlap: usize = gold.iter().map(|(word, &n)| n.min(predicted.get(word).copied().unwrap_or(0))).sum();
    if gold.is_empty() || predicted.is_empty() || overlap == 0 {
        return 0.0;
    }
    let p = overlap as f64 / predicted.values().sum::<usize>() as f64;
    let r = overlap as f64 / gold.values().sum::<usize>() as f64;
    2.0 * p * r / (p + r)
}

fn author_match(gold: &str, predicted: &str) -> bool {
    let set = |text: &str| {
        norm(text).split(' ').filter(|w| !w.is_empty()).map(String::from).collect::<std::collections::BTreeSet<_>>()
    };
    let (gold, predicted) = (set(gold), set(predicted));
    !gold.is_empty() && !predicted.is_empty() && (gold.is_subset(&predicted) || predicted.is_subset(&gold))
}

/// The first `YYYY-M-D` in a string, as `YYYY-MM-DD`.
fn ymd(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    for start in 0..bytes.len() {
        let digits = |from: usize, min: usize, max: usize| {
            let n = bytes[from.min(bytes.len())..].iter().take(max).take_while(|b| b.is_ascii_digit()).count();
            (n >= min).then_some(n)
        };
        let Some(4) = digits(start, 4, 4) else { continue };
        if bytes.get(start + 4) != Some(&b'-') {
            continue;
        }
        let Some(month_len) = digits(start + 5, 1, 2) else { continue };
        if bytes.get(start + 5 + month_len) != Some(&b'-') {
            continue;
        }
        let day_start = start + 6 + month_len;
        let Some(day_len) = digits(day_start, 1, 2) else { continue };
        let number = |from: usize, len: usize| text.get(from..from + len).and_then(|s| s.parse::<u32>().ok());
        let (year, month, day) = (number(start, 4)?, number(start + 5, month_len)?, number(day_start, day_len)?);
        return Some(format!("{year:04}-{month:02}-{day:02}"));
    }
    None
}

#[cfg(test)]
mod tests {
    use crate::extraction::{GoldPage, Prediction, author_match, score, ymd};

    fn page(id: &str, text: &str) -> GoldPage {
        GoldPage { id: id.into(), source: "s".into(), text: text.into(), ..Default::default() }
    }

    #[test]
    fn shingle_metric() {
        let gold = vec![page("a", "one two three four five six"), page("b", "alpha beta"), page("c", "x y z w v")];
        let predictions = vec![
            Prediction { id: "a".into(), text: "one two three four five six seven".into(), ..Default::default() },
            Prediction { id: "b".into(), text: "alpha beta".into(), ..Default::default() },
        ];
        let scores = score(&gold, &predictions);
        // a: tp 3, fp 1 -> P 0.75, R 1; b: exact; c: empty (not in P), R 0.
        assert!((scores.body.precision - 0.875).abs() < 1e-12);
        assert!((scores.body.recall - 2.0 / 3.0).abs() < 1e-12);
        assert_eq!(scores.body.empty, 1);
        assert!((scores.body.accuracy - 1.0 / 3.0).abs() < 1e-12);
    }

    #[test]
    fn metadata_rules() {
        assert_eq!(ymd("Published 2019-11-18T10:00"), Some("2019-11-18".into()));
        assert_eq!(ymd("2019-3-5"), Some("2019-03-05".into()));
        assert_eq!(ymd("March 5, 2019"), None);
        assert!(author_match("Christian Roth", "By Christian Roth"));
        assert!(!author_match("Christian Roth", ""));
    }
}
