//! Quote extraction and speaker attribution, scored as `../shared/scorers/quotes.py` scores them.
//!
//! Gold units are quote records (content fragments) of the chosen kinds. Spans are matched one to
//! one, greedily by overlap: *strict* when identical after trimming whitespace, quotation marks and
//! edge punctuation, *lenient* when they overlap by at least half of the longer span. A prediction
//! that only matches a gold record of an excluded kind is ignored. Among lenient matches with a
//! gold speaker, the speaker is right when the two share a name token (lower case, titles and
//! determiners dropped, the gold cut at its first appositive); end to end, a prediction is right
//! when its span matches and its speaker is right. Offsets are Unicode code points.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

/// One gold quote record.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct GoldQuote {
    /// Where the content starts (code points into the article's text).
    pub quote_start: usize,
    /// Where it ends.
    pub quote_end: usize,
    /// The source as the article mentions it, or null.
    pub speaker: Option<String>,
    /// `direct`, `mixed` or `indirect`.
    pub kind: String,
    /// Where the source starts and ends (outer extent when discontinuous), if given.
    #[serde(default)]
    pub speaker_start: Option<usize>,
    #[serde(default)]
    #[allow(missing_docs)]
    pub speaker_end: Option<usize>,
    /// Where the cue starts and ends, if given.
    #[serde(default)]
    pub cue_start: Option<usize>,
    #[serde(default)]
    #[allow(missing_docs)]
    pub cue_end: Option<usize>,
    /// The relation the record is a fragment of.
    #[serde(default)]
    pub attr_id: Option<String>,
}

/// One article of the gold file.
#[derive(Clone, Debug, Deserialize)]
pub struct GoldArticle {
    /// The article's id.
    pub id: String,
    /// The article's text, which every offset indexes.
    pub text: String,
    /// Its quote records.
    pub quotes: Vec<GoldQuote>,
}

/// One predicted quote, as the reference scorer reads it.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct PredictedQuote {
    /// Where the quote starts (code points into the gold text).
    pub quote_start: usize,
    /// Where it ends.
    pub quote_end: usize,
    /// The speaker as the article mentions them.
    pub speaker: Option<String>,
    /// The resolved speaker's name, for reading the predictions (the scorer ignores it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speaker_name: Option<String>,
    /// sitrep's kind (`direct`, `partial`, `headline`, `indirect`), for reading the predictions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// The cue's start and end (code points), for reading the predictions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cue: Option<(usize, usize)>,
    /// sitrep's confidence in the attribution, for reading the predictions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confidence: Option<f32>,
}

/// The predictions for one article.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct PredictedArticle {
    /// The gold article's id.
    pub id: String,
    /// The quotes found in it.
    pub quotes: Vec<PredictedQuote>,
}

/// Precision, recall and F1.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Prf {
    /// Precision.
    #[serde(rename = "P")]
    pub precision: f64,
    /// Recall.
    #[serde(rename = "R")]
    pub recall: f64,
    /// F1.
    #[serde(rename = "F1")]
    pub f1: f64,
}

impl Prf {
    fn of(tp: usize, n_predicted: usize, n_gold: usize) -> Prf {
        let precision = if n_predicted == 0 { 0.0 } else { tp as f64 / n_predicted as f64 };
        let recall = if n_gold == 0 { 0.0 } else { tp as f64 / n_gold as f64 };
        let f1 = if precision + recall == 0.0 { 0.0 } else { 2.0 * precision * recall / (precision + recall) };
        Prf { precision, recall, f1 }
    }
}

/// Every figure the reference scorer prints.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct QuoteScores {
    /// Gold records of the kinds scored.
    pub gold: usize,
    /// Predictions scored.
    pub pred: usize,
    /// Predictions ignored because they match only a gold record of an excluded kind.
    pub ignored_pred: usize,
    /// Identical spans once quote marks and edge punctuation are trimmed.
    pub strict: Prf,
    /// Spans overlapping by at least half of the longer one.
    pub lenient: Prf,
    /// Speaker accuracy over lenient matches whose gold speaker is present.
    pub speaker_acc_all: Option<f64>,
    /// The same where the gold speaker holds a proper name.
    pub speaker_acc_named: Option<f64>,
    /// Lenient matches with a gold speaker.
    pub speaker_n: usize,
    /// Those whose gold speaker holds a proper name.
    pub speaker_named_n: usize,
    /// Lenient span and right speaker.
    pub e2e: Prf,
}

/// Scores predictions against gold articles; `kinds` = `None` scores every kind.
pub fn score(gold: &[GoldArticle], predictions: &[PredictedArticle], kinds: Option<&[&str]>) -> QuoteScores {
    let by_id: std::collections::HashMap<&str, &PredictedArticle> =
        predictions.iter().map(|article| (article.id.as_str(), article)).collect();
    let mut counts = Counts::default();
    for article in gold {
        let predicted = by_id.get(article.id.as_str()).map(|article| article.quotes.as_slice()).unwrap_or_default();
        score_article(article, predicted, kinds, &mut counts);
    }
    let ratio = |ok: usize, n: usize| (n > 0).then(|| ok as f64 / n as f64);
    QuoteScores {
        gold: counts.gold,
        pred: counts.pred,
        ignored_pred: counts.ignored,
        strict: Prf::of(counts.tp_strict, counts.pred, counts.gold),
        lenient: Prf::of(counts.tp_lenient, counts.pred, counts.gold),
        speaker_acc_all: ratio(counts.speaker_ok, counts.speaker_n),
        speaker_acc_named: ratio(counts.speaker_named_ok, counts.speaker_named_n),
        speaker_n: counts.speaker_n,
        speaker_named_n: counts.speaker_named_n,
        e2e: Prf::of(counts.e2e_tp, counts.pred, counts.gold),
    }
}

#[derive(Default)]
struct Counts {
    gold: usize,
    pred: usize,
    ignored: usize,
    tp_strict: usize,
    tp_lenient: usize,
    speaker_n: usize,
    speaker_ok: usize,
    speaker_named_n: usize,
    speaker_named_ok: usize,
    e2e_tp: usize,
}

fn score_article(article: &GoldArticle, predicted: &[PredictedQuote], kinds: Option<&[&str]>, counts: &mut Counts) {
    let text: Vec<char> = article.text.chars().collect();
    let wanted = |quote: &GoldQuote| kinds.is_none_or(|kinds| kinds.contains(&quote.kind.as_str()));
    let kept: Vec<&GoldQuote> = article.quotes.iter().filter(|quote| wanted(quote)).collect();
    let excluded: Vec<&GoldQuote> = article.quotes.iter().filter(|quote| !wanted(quote)).collect();
    let predicted: Vec<&PredictedQuote> =
        predicted.iter().filter(|quote| quote.quote_end > quote.quote_start).collect();
    let spans = |quotes: &[&GoldQuote]| quotes.iter().map(|q| (q.quote_start, q.quote_end)).collect::<Vec<_>>();
    let predicted_spans: Vec<(usize, usize)> = predicted.iter().map(|q| (q.quote_start, q.quote_end)).collect();
    // Predictions that only match an excluded gold record are neither right nor wrong.
    let matched: HashSet<usize> =
        match_spans(&text, &spans(&kept), &predicted_spans, false).into_iter().map(|(_, p)| p).collect();
    let rest: Vec<usize> = (0..predicted.len()).filter(|idx| !matched.contains(idx)).collect();
    let rest_spans: Vec<(usize, usize)> = rest.iter().map(|&idx| predicted_spans[idx]).collect();
    let ignored: HashSet<usize> =
        match_spans(&text, &spans(&excluded), &rest_spans, false).into_iter().map(|(_, p)| rest[p]).collect();
    let scored: Vec<&PredictedQuote> =
        predicted.iter().enumerate().filter(|(idx, _)| !ignored.contains(idx)).map(|(_, quote)| *quote).collect();
    let scored_spans: Vec<(usize, usize)> = scored.iter().map(|q| (q.quote_start, q.quote_end)).collect();
    counts.ignored += ignored.len();
    counts.gold += kept.len();
    counts.pred += scored.len();
    let kept_spans = spans(&kept);
    counts.tp_strict += match_spans(&text, &kept_spans, &scored_spans, true).len();
    let lenient = match_spans(&text, &kept_spans, &scored_spans, false);
    counts.tp_lenient += lenient.len();
    for (gold_idx, predicted_idx) in lenient {
        let Some(gold_speaker) = kept[gold_idx].speaker.as_deref() else {
            // No gold source: the span match suffices.
            counts.e2e_tp += 1;
            continue;
        };
        let right = speaker_ok(scored[predicted_idx].speaker.as_deref(), gold_speaker);
        counts.speaker_n += 1;
        counts.speaker_ok += usize::from(right);
        if is_named(gold_speaker) {
            counts.speaker_named_n += 1;
            counts.speaker_named_ok += usize::from(right);
        }
        counts.e2e_tp += usize::from(right);
    }
}

/// Characters trimmed from both ends of a span before comparing strictly.
fn is_edge(c: char) -> bool {
    "\"'\u{201c}\u{201d}\u{2018}\u{2019}\u{ab}\u{bb}\u{201e}.,;:!?\u{2014}\u{2013}- \t\r\n()[]".contains(c)
}

fn trim(text: &[char], mut start: usize, mut end: usize) -> (usize, usize) {
    let end_limit = end.min(text.len());
    end = end_limit;
    while start < end && is_edge(text[start]) {
        start += 1;
    }
    while end > start && is_edge(text[end - 1]) {
        end -= 1;
    }
    (start, end)
}

/// Greedy one-to-one matching by overlap, best first (ties in gold-then-prediction order).
fn match_spans(
    text: &[char],
    gold: &[(usize, usize)],
    predicted: &[(usize, usize)],
    strict: bool,
) -> Vec<(usize, usize)> {
    let mut candidates: Vec<(f64, usize, usize)> = Vec::new();
    for (gold_idx, &(gold_start, gold_end)) in gold.iter().enumerate() {
        let gold_trimmed = trim(text, gold_start, gold_end);
        for (predicted_idx, &(start, end)) in predicted.iter().enumerate() {
            let same_trimmed = gold_trimmed == trim(text, start, end);
            if strict {
                if same_trimmed && gold_trimmed.1 > gold_trimmed.0 {
                    candidates.push((1.0, gold_idx, predicted_idx));
                }
                continue;
            }
            let overlap = gold_end.min(end) as i64 - gold_start.max(start) as i64;
            if overlap <= 0 {
                continue;
            }
            let longer = (gold_end - gold_start).max(end - start) as f64;
            if same_trimmed || overlap as f64 >= 0.5 * longer {
                candidates.push((overlap as f64 / longer, gold_idx, predicted_idx));
            }
        }
    }
    // A stable sort keeps Python's order among equal overlaps.
    candidates.sort_by(|a, b| b.0.total_cmp(&a.0));
    let (mut used_gold, mut used_predicted, mut pairs) = (HashSet::new(), HashSet::new(), Vec::new());
    for (_, gold_idx, predicted_idx) in candidates {
        if used_gold.contains(&gold_idx) || used_predicted.contains(&predicted_idx) {
            continue;
        }
        used_gold.insert(gold_idx);
        used_predicted.insert(predicted_idx);
        pairs.push((gold_idx, predicted_idx));
    }
    pairs
}

const STOP: &[&str] = &[
    "the",
    "a",
    "an",
    "of",
    "and",
    "'s",
    "s",
    "his",
    "her",
    "their",
    "its",
    "our",
    "my",
    "your",
    "this",
    "that",
    "these",
    "those",
    "mr",
    "mrs",
    "ms",
    "miss",
    "dr",
    "sen",
    "senator",
    "rep",
    "representative",
    "gov",
    "governor",
    "president",
    "vice",
    "secretary",
    "gen",
    "general",
    "former",
    "presidential",
    "candidate",
    "nominee",
    "rev",
    "sir",
    "lord",
    "lady",
    "jr",
    "sr",
    "chairman",
    "chairwoman",
    "spokesman",
    "spokeswoman",
    "spokesperson",
];
const PRONOUNS: &[&str] = &[
    "i", "me", "we", "us", "you", "he", "him", "she", "her", "they", "them", "it", "his", "hers", "their", "theirs",
    "its", "who",
];

/// Lower case, `’` as `'`, `'s` at a word's end dropped: the scorer's view of a speaker.
fn normalised(text: &str) -> String {
    let lower: Vec<char> = text.to_lowercase().replace('\u{2019}', "'").chars().collect();
    let mut out = String::with_capacity(lower.len());
    let mut idx = 0;
    while idx < lower.len() {
        let ends_word = lower.get(idx + 2).is_none_or(|&next| !(next.is_alphanumeric() || next == '_'));
        if lower[idx] == '\'' && lower.get(idx + 1) == Some(&'s') && ends_word {
            out.push(' ');
            idx += 2;
        } else {
            out.push(lower[idx]);
            idx += 1;
        }
    }
    out
}

/// Runs of ASCII letters and digits.
fn ascii_words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_ascii_alphanumeric()).filter(|word| !word.is_empty())
}

fn tokens(text: Option<&str>) -> HashSet<String> {
    let normal = normalised(text.unwrap_or_default());
    ascii_words(&normal).filter(|word| !STOP.contains(word)).map(str::to_string).collect()
}

fn raw_tokens(text: Option<&str>) -> HashSet<String> {
    let normal = normalised(text.unwrap_or_default());
    ascii_words(&normal).filter(|word| !["the", "a", "an", "of"].contains(word)).map(str::to_string).collect()
}

/// The gold speaker before its first appositive (`,`, `(`, ` who `, ` which `, ` that `), unless
/// nothing is left.
fn head(gold: &str) -> &str {
    let cut = [",", "(", " who ", " which ", " that "].iter().filter_map(|separator| gold.find(separator)).min();
    let head = cut.map_or(gold, |at| &gold[..at]);
    if !tokens(Some(head)).is_empty() || !raw_tokens(Some(head)).is_empty() { head } else { gold }
}

fn speaker_ok(predicted: Option<&str>, gold: &str) -> bool {
    let full = gold;
    let gold = head(gold);
    let (predicted_tokens, gold_tokens) = (tokens(predicted), tokens(Some(gold)));
    if !predicted_tokens.is_empty() && !predicted_tokens.is_disjoint(&gold_tokens) {
        return true;
    }
    // The name may sit in the appositive ("another friend, Mariam Emara").
    if !predicted_tokens.is_empty()
        && !is_named(gold)
        && is_named(full)
        && !predicted_tokens.is_disjoint(&tokens(Some(full)))
    {
        return true;
    }
    // Both only titles or determiners ("the president"): compare the raw words.
    predicted_tokens.is_empty() && gold_tokens.is_empty() && !raw_tokens(predicted).is_disjoint(&raw_tokens(Some(gold)))
}

/// Whether a gold speaker holds a proper name: a capitalised word other than a title,
/// determiner or pronoun.
fn is_named(gold: &str) -> bool {
    let chars: Vec<char> = gold.chars().collect();
    let mut idx = 0;
    while idx < chars.len() {
        if !chars[idx].is_ascii_alphabetic() {
            idx += 1;
            continue;
        }
        let start = idx;
        idx += 1;
        while idx < chars.len() && (chars[idx].is_ascii_alphabetic() || matches!(chars[idx], '\'' | '-' | '.')) {
            idx += 1;
        }
        let word: String = chars[start..idx].iter().collect();
        let base = word.trim_matches('.').to_lowercase();
        if chars[start].is_ascii_uppercase()
            && !STOP.contains(&base.as_str())
            && !PRONOUNS.contains(&base.as_str())
            && !["the", "a", "an"].contains(&base.as_str())
        {
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use crate::quotes::{GoldArticle, GoldQuote, PredictedArticle, PredictedQuote, head, is_named, score, speaker_ok};

    #[test]
    fn speakers_as_the_scorer_compares_them() {
        assert!(speaker_ok(Some("President Barack Obama"), "Mr. Obama"));
        assert!(speaker_ok(Some("He"), "he"));
        assert!(speaker_ok(Some("Brazile"), "Donna Brazile, the interim chairwoman of the DNC"));
        assert!(speaker_ok(Some("Mariam Emara"), "another friend, Mariam Emara"));
        assert!(speaker_ok(Some("the president"), "The President"));
        assert!(!speaker_ok(Some("Trump"), "Clinton"));
        assert!(!speaker_ok(None, "Clinton"));
        assert!(speaker_ok(Some("Trump’s aide"), "Trump"));
        assert_eq!(head("Donna Brazile, the interim chairwoman"), "Donna Brazile");
        assert!(is_named("the Clinton campaign") && !is_named("he") && !is_named("the president"));
    }

    #[test]
    fn spans_match_one_to_one() {
        let text = "“We will win,” Trump said. Clinton said that she would fight.";
        let gold = GoldArticle {
            id: "a".into(),
            text: text.into(),
            quotes: vec![
                GoldQuote {
                    quote_start: 0,
                    quote_end: 14,
                    speaker: Some("Trump".into()),
                    kind: "direct".into(),
                    ..Default::default()
                },
                GoldQuote {
                    quote_start: 40,
                    quote_end: 61,
                    speaker: Some("Clinton".into()),
                    kind: "indirect".into(),
                    ..Default::default()
                },
            ],
        };
        let predicted = PredictedArticle {
            id: "a".into(),
            quotes: vec![
                PredictedQuote { quote_start: 1, quote_end: 12, speaker: Some("Trump".into()), ..Default::default() },
                PredictedQuote {
                    quote_start: 45,
                    quote_end: 61,
                    speaker: Some("Clinton".into()),
                    ..Default::default()
                },
            ],
        };
        let scores = score(std::slice::from_ref(&gold), std::slice::from_ref(&predicted), Some(&["direct", "mixed"]));
        assert_eq!((scores.gold, scores.pred, scores.ignored_pred), (1, 1, 1));
        assert_eq!((scores.strict.f1, scores.lenient.f1, scores.e2e.f1), (1.0, 1.0, 1.0));
        let all = score(&[gold], &[predicted], None);
        assert_eq!((all.gold, all.pred, all.speaker_acc_all), (2, 2, Some(1.0)));
        assert_eq!(all.strict.f1, 0.5);
    }
}
