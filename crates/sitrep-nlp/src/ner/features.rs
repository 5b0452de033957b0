//! Features of each token for the tagger, as 64-bit hashes of (template, values): the word and
//! its neighbours, shapes, affixes, gazetteer matches, and two document-level signals: how the
//! article writes the same word elsewhere (a capitalised word that is lower case in running text
//! is no name; a headline in capitals is read through the body's casing), and whether it opens
//! a sentence.
//!
//! Hashing keeps the model a flat table without feature strings; the hash is FNV-1a, written
//! out here so that a model file means the same on every platform and toolchain.

use rustc_hash::FxHashMap as HashMap;

use crate::ner::gazetteer::Gazetteer;
use crate::ner::label::{NerSpan, NerType};

/// Feature keys of a sentence, token after token: token `t`'s keys are
/// `keys[starts[t]..starts[t + 1]]`.
#[derive(Debug, Default)]
pub(crate) struct SentenceFeatures {
    pub(crate) keys: Vec<u64>,
    pub(crate) starts: Vec<usize>,
}

impl SentenceFeatures {
    pub(crate) fn n_tokens(&self) -> usize {
        self.starts.len().saturating_sub(1)
    }

    pub(crate) fn of_token(&self, token_idx: usize) -> &[u64] {
        match (self.starts.get(token_idx), self.starts.get(token_idx + 1)) {
            (Some(&start), Some(&end)) => self.keys.get(start..end).unwrap_or_default(),
            _ => &[],
        }
    }
}

/// How a document writes each word (by its lower-case form), counted outside headlines and
/// sentence openings, where capitals say nothing about names.
#[derive(Debug, Default)]
pub(crate) struct DocumentCasing {
    counts: HashMap<String, CaseCounts>,
}

#[derive(Clone, Copy, Debug, Default)]
struct CaseCounts {
    lower: u32,
    capitalised: u32,
    upper: u32,
}

impl DocumentCasing {
    /// Counts the casing of every word of a document given as sentences of tokens.
    pub(crate) fn new<S: AsRef<str>>(sentences: &[Vec<S>]) -> DocumentCasing {
        let mut counts: HashMap<String, CaseCounts> = HashMap::default();
        let mut lower = String::new();
        for sentence in sentences {
            if is_headline(sentence) {
                continue;
            }
            for token in sentence.iter().skip(1) {
                let token = token.as_ref();
                let Some(case) = casing(token) else { continue };
                lowercase_into(token, &mut lower);
                let entry = match counts.get_mut(lower.as_str()) {
                    Some(entry) => entry,
                    None => counts.entry(lower.clone()).or_default(),
                };
                match case {
                    Casing::Lower => entry.lower += 1,
                    Casing::Capitalised => entry.capitalised += 1,
                    Casing::Upper => entry.upper += 1,
                }
            }
        }
        DocumentCasing { counts }
    }

    /// The casing the document mostly gives `lower` in running text, if it uses it there.
    fn usual(&self, lower: &str) -> Option<Casing> {
        let counts = self.counts.get(lower)?;
        let best =
            [(counts.lower, Casing::Lower), (counts.capitalised, Casing::Capitalised), (counts.upper, Casing::Upper)]
                .into_iter()
                .max_by_key(|&(count, _)| count)?;
        (best.0 > 0).then_some(best.1)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Casing {
    Lower,
    Capitalised,
    Upper,
}

impl Casing {
    fn as_str(self) -> &'static str {
        match self {
            Casing::Lower => "lower",
            Casing::Capitalised => "cap",
            Casing::Upper => "upper",
        }
    }
}

fn casing(token: &str) -> Option<Casing> {
    let mut letters = token.chars().filter(|c| c.is_alphabetic());
    let first = letters.next()?;
    if first.is_lowercase() {
        return Some(Casing::Lower);
    }
    let mut n_letters = 1;
    let mut all_upper = true;
    for c in letters {
        n_letters += 1;
        all_upper &= c.is_uppercase();
    }
    Some(if all_upper && n_letters > 1 { Casing::Upper } else { Casing::Capitalised })
}

/// A sentence written in capitals (a headline, a dateline): most of its words longer than one
/// letter are all upper case.
pub(crate) fn is_headline<S: AsRef<str>>(sentence: &[S]) -> bool {
    let mut n_words = 0;
    let mut n_upper = 0;
    for token in sentence {
        let token = token.as_ref();
        if token.chars().filter(|c| c.is_alphabetic()).count() < 2 {
            continue;
        }
        n_words += 1;
        if casing(token) == Some(Casing::Upper) {
            n_upper += 1;
        }
    }
    n_words > 0 && n_upper * 5 >= n_words * 4
}

/// The word's shape, runs of one character class collapsed: "Hegseth" -> "Xx", "U.S." -> "X.X.",
/// "1996-08-30" -> "d-d-d", "$66.5" -> "$d.d".
fn short_shape(token: &str, out: &mut String) {
    out.clear();
    let mut previous = None;
    for c in token.chars() {
        let class = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_ascii_digit() {
            'd'
        } else if c.is_alphabetic() {
            'a'
        } else {
            c
        };
        if previous != Some(class) {
            out.push(class);
        }
        previous = Some(class);
    }
}

/// Feature templates. The numbers are part of the model file's meaning: never renumber.
#[derive(Clone, Copy)]
#[repr(u8)]
enum Template {
    Bias = 0,
    Word = 1,
    Lower = 2,
    LowerPrev = 3,
    LowerNext = 4,
    LowerPrev2 = 5,
    LowerNext2 = 6,
    Shape = 7,
    ShapePrev = 8,
    ShapeNext = 9,
    ShapeTrigram = 10,
    Prefix = 11,
    Suffix = 12,
    BigramPrev = 13,
    BigramNext = 14,
    PrevWordShape = 15,
    ShapeNextWord = 16,
    FirstShape = 17,
    HeadlineShape = 18,
    Gazetteer = 19,
    DocumentCasing = 20,
    DocumentCasingPrev = 21,
    DocumentCasingNext = 22,
    Length = 23,
    HeadlineLower = 24,
    HistoryType = 25,
    HistoryMajority = 26,
    HistoryInLonger = 27,
    FirstStage = 28,
    FirstStagePrev = 29,
    FirstStageNext = 30,
    NumericSentence = 31,
    FirstStageWindow = 32,
}

/// FNV-1a over a template number and strings (each followed by a separator byte that UTF-8
/// never contains).
fn hash(template: Template, parts: &[&str]) -> u64 {
    const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0100_0000_01b3;
    let mut state = OFFSET;
    let mut eat = |byte: u8| {
        state ^= u64::from(byte);
        state = state.wrapping_mul(PRIME);
    };
    eat(template as u8);
    for part in parts {
        for &byte in part.as_bytes() {
            eat(byte);
        }
        eat(0xff);
    }
    state
}

/// Writes the lower-case form of `word` into `out`, reusing its allocation.
pub(crate) fn lowercase_into(word: &str, out: &mut String) {
    out.clear();
    if word.is_ascii() {
        out.push_str(word);
        out.make_ascii_lowercase();
    } else {
        out.extend(word.chars().flat_map(char::to_lowercase));
    }
}

/// What one token contributes to its own and its neighbours' features; `lower` and `shape`
/// are byte ranges of the sentence's scratch text, so that a sentence allocates once, not
/// twice a token.
struct TokenView<'a> {
    word: &'a str,
    lower: std::ops::Range<usize>,
    shape: std::ops::Range<usize>,
    /// The document's usual casing of the word, or `none`.
    usual_casing: &'static str,
}

const PAD_START: &str = "<s>";
const PAD_END: &str = "</s>";

/// Computes the features of every token of one sentence of a document.
pub(crate) fn sentence_features<S: AsRef<str>>(
    sentence: &[S],
    casing: &DocumentCasing,
    gazetteer: &Gazetteer,
    out: &mut SentenceFeatures,
) {
    out.keys.clear();
    out.starts.clear();
    let headline = is_headline(sentence);
    let mut scratch = String::new();
    let mut piece = String::new();
    let mut views: Vec<TokenView> = Vec::with_capacity(sentence.len());
    for token in sentence {
        let word = token.as_ref();
        lowercase_into(word, &mut piece);
        let usual_casing = casing.usual(&piece).map_or("none", Casing::as_str);
        let lower = scratch.len()..scratch.len() + piece.len();
        scratch.push_str(&piece);
        short_shape(word, &mut piece);
        let shape = scratch.len()..scratch.len() + piece.len();
        scratch.push_str(&piece);
        views.push(TokenView { word, lower, shape, usual_casing });
    }
    let text_of = |range: &std::ops::Range<usize>| scratch.get(range.clone()).unwrap_or_default();
    let lowers: Vec<&str> = views.iter().map(|view| text_of(&view.lower)).collect();
    let mut matches = gazetteer.matches(&lowers);
    matches.sort_by_key(|&(token, _, _)| token);
    let mut matches = matches.into_iter().peekable();
    let lower_at =
        |idx: isize| -> &str { if idx < 0 { PAD_START } else { lowers.get(idx as usize).copied().unwrap_or(PAD_END) } };
    // A row of a results table ("Ruch Chorzow 2 1 0 1 4 3"): names there are teams.
    let n_numbers = views.iter().filter(|view| view.word.bytes().next().is_some_and(|b| b.is_ascii_digit())).count();
    let numeric = n_numbers * 5 >= views.len() * 2;
    let shape_at = |idx: isize| -> &str {
        if idx < 0 { PAD_START } else { views.get(idx as usize).map_or(PAD_END, |view| text_of(&view.shape)) }
    };
    let casing_at = |idx: isize| -> &str {
        if idx < 0 { PAD_START } else { views.get(idx as usize).map_or(PAD_END, |view| view.usual_casing) }
    };
    for (idx, view) in views.iter().enumerate() {
        out.starts.push(out.keys.len());
        let i = idx as isize;
        let keys = &mut out.keys;
        let mut add = |template: Template, parts: &[&str]| keys.push(hash(template, parts));
        let lower = text_of(&view.lower);
        let shape = text_of(&view.shape);
        add(Template::Bias, &[]);
        // In a headline the word's own capitals say nothing; its lower-case form and the body's
        // casing of it stand in for the cased word.
        if headline {
            add(Template::HeadlineLower, &[lower]);
            add(Template::HeadlineShape, &[shape, view.usual_casing]);
        } else {
            add(Template::Word, &[view.word]);
        }
        add(Template::Lower, &[lower]);
        add(Template::LowerPrev, &[lower_at(i - 1)]);
        add(Template::LowerNext, &[lower_at(i + 1)]);
        add(Template::LowerPrev2, &[lower_at(i - 2)]);
        add(Template::LowerNext2, &[lower_at(i + 2)]);
        add(Template::Shape, &[shape]);
        add(Template::ShapePrev, &[shape_at(i - 1)]);
        add(Template::ShapeNext, &[shape_at(i + 1)]);
        add(Template::ShapeTrigram, &[shape_at(i - 1), shape, shape_at(i + 1)]);
        let word = view.word;
        let n_chars = word.chars().count();
        let prefix_ends = word.char_indices().map(|(byte, _)| byte).skip(1).chain(std::iter::once(word.len()));
        let suffix_starts = word.char_indices().rev().map(|(byte, _)| byte);
        for (n, (prefix_end, suffix_start)) in prefix_ends.zip(suffix_starts).take(4).enumerate() {
            let n_text = ["1", "2", "3", "4"][n];
            add(Template::Prefix, &[n_text, word.get(..prefix_end).unwrap_or_default()]);
            add(Template::Suffix, &[n_text, word.get(suffix_start..).unwrap_or_default()]);
        }
        add(Template::BigramPrev, &[lower_at(i - 1), lower]);
        add(Template::BigramNext, &[lower, lower_at(i + 1)]);
        add(Template::PrevWordShape, &[lower_at(i - 1), shape]);
        add(Template::ShapeNextWord, &[shape, lower_at(i + 1)]);
        if idx == 0 {
            add(Template::FirstShape, &[shape]);
        }
        if numeric {
            add(Template::NumericSentence, &[shape]);
        }

        let length = match n_chars {
            0..=1 => "1",
            2..=3 => "2-3",
            4..=6 => "4-6",
            _ => "7+",
        };
        add(Template::Length, &[length, shape]);
        add(Template::DocumentCasing, &[view.usual_casing, shape]);
        add(Template::DocumentCasingPrev, &[casing_at(i - 1), view.usual_casing]);
        add(Template::DocumentCasingNext, &[view.usual_casing, casing_at(i + 1)]);
        let capitalised = if shape.starts_with('X') { "cap" } else { "low" };
        while let Some((_, list, position)) = matches.next_if(|&(token, _, _)| token == idx) {
            add(Template::Gazetteer, &[list, position, capitalised]);
        }
    }
    out.starts.push(out.keys.len());
}

/// The second stage's features of a sentence: its first-stage features (`base`) and, for each
/// token, what `history` says of it.
pub(crate) fn with_history<S: AsRef<str>>(
    base: &SentenceFeatures,
    sentence: &[S],
    sentence_idx: usize,
    history: &DocumentHistory,
    out: &mut SentenceFeatures,
) {
    out.keys.clear();
    out.starts.clear();
    let mut lower = String::new();
    for (token_idx, token) in sentence.iter().enumerate() {
        out.starts.push(out.keys.len());
        out.keys.extend_from_slice(base.of_token(token_idx));
        let keys = &mut out.keys;
        let mut add = |template: Template, parts: &[&str]| keys.push(hash(template, parts));
        let word = token.as_ref();
        lowercase_into(word, &mut lower);
        history.features(sentence_idx, token_idx, word, &lower, &mut add);
    }
    out.starts.push(out.keys.len());
}

/// The first stage's labels over a whole document, read by the second stage: how the other
/// occurrences of a word were labelled (a name tagged PER three times is likely PER the fourth
/// time, whatever its own context says), whether it was part of a longer name ("Simmons" after
/// "Phil Simmons"), and the first stage's own label of the token and its neighbours. Training
/// reads these from first stages trained on other folds of the data, so that they are as
/// wrong as they will be on new text.
#[derive(Debug, Default)]
pub(crate) struct DocumentHistory {
    /// Per sentence, per token: the first stage's type, if inside an entity, and its position.
    labels: Vec<Vec<Option<(NerType, &'static str)>>>,
    /// Per lower-case word: how often each type (O last) was given to it.
    type_counts: HashMap<String, [u32; 5]>,
    /// Per lower-case word: how often it was inside a name of two or more words, by type.
    in_longer: HashMap<String, [u32; 4]>,
}

impl DocumentHistory {
    pub(crate) fn new<S: AsRef<str>>(sentences: &[Vec<S>], spans: &[Vec<NerSpan>]) -> DocumentHistory {
        let mut history = DocumentHistory::default();
        for (sentence, sentence_spans) in sentences.iter().zip(spans) {
            let mut labels: Vec<Option<(NerType, &'static str)>> = vec![None; sentence.len()];
            for span in sentence_spans {
                let end = span.end.min(sentence.len());
                for (offset, slot) in labels.iter_mut().enumerate().take(end).skip(span.start) {
                    let position = match (offset - span.start, span.end - span.start) {
                        (_, 1) => "U",
                        (0, _) => "B",
                        (offset, n) if offset + 1 == n => "L",
                        _ => "I",
                    };
                    *slot = Some((span.entity_type, position));
                }
            }
            for (token, label) in sentence.iter().zip(&labels) {
                if !token.as_ref().chars().next().is_some_and(char::is_uppercase) {
                    continue;
                }
                let lower = token.as_ref().to_lowercase();
                let type_idx = label.map_or(4, |(entity_type, _)| entity_type as usize);
                history.type_counts.entry(lower.clone()).or_default()[type_idx] += 1;
                if let Some((entity_type, position)) = label
                    && *position != "U"
                {
                    history.in_longer.entry(lower).or_default()[*entity_type as usize] += 1;
                }
            }
            history.labels.push(labels);
        }
        history
    }

    fn features(
        &self,
        sentence_idx: usize,
        token_idx: usize,
        word: &str,
        lower: &str,
        add: &mut impl FnMut(Template, &[&str]),
    ) {
        let capitalised = word.chars().next().is_some_and(char::is_uppercase);
        let labels = self.labels.get(sentence_idx);
        let label_at = |idx: Option<usize>| -> &str {
            match idx.and_then(|idx| labels.and_then(|labels| labels.get(idx))) {
                Some(Some((entity_type, _))) => entity_type.as_str(),
                Some(None) => "O",
                None => "-",
            }
        };
        let own = labels.and_then(|labels| labels.get(token_idx)).copied().flatten();
        let (own_position, own_type) =
            own.map_or(("O", ""), |(entity_type, position)| (position, entity_type.as_str()));
        add(Template::FirstStage, &[own_position, own_type]);
        add(Template::FirstStagePrev, &[label_at(token_idx.checked_sub(1)), own_position, own_type]);
        add(Template::FirstStageNext, &[own_position, own_type, label_at(Some(token_idx + 1))]);
        add(Template::FirstStageWindow, &[label_at(token_idx.checked_sub(2)), own_type, label_at(Some(token_idx + 2))]);
        const NAMES: [&str; 5] = ["PER", "ORG", "LOC", "MISC", "O"];
        if let Some(counts) = self.type_counts.get(lower) {
            let mut others = *counts;
            let own_idx = own.map_or(4, |(entity_type, _)| entity_type as usize);
            // The token's own label is no evidence about it (only capitalised tokens were counted).
            if capitalised && others[own_idx] > 0 {
                others[own_idx] -= 1;
            }
            let total: u32 = others.iter().sum();
            if total > 0 {
                for (name, &count) in NAMES.iter().zip(&others) {
                    if count > 0 {
                        add(Template::HistoryType, &[name]);
                    }
                }
                let majority = (0..5).max_by_key(|&idx| (others[idx], std::cmp::Reverse(idx))).unwrap_or(4);
                add(Template::HistoryMajority, &[NAMES[majority]]);
            }
        }
        if let Some(counts) = self.in_longer.get(lower) {
            for (name, &count) in NAMES.iter().zip(counts) {
                // More than the token's own occurrence: another, longer name holds the word.
                let own_counted = capitalised
                    && own
                        .is_some_and(|(entity_type, position)| position != "U" && NAMES[entity_type as usize] == *name);
                if count > u32::from(own_counted) {
                    add(Template::HistoryInLonger, &[name]);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_collapse_runs() {
        let mut shape = String::new();
        for (word, expected) in [("Hegseth", "Xx"), ("U.S.", "X.X."), ("1996-08-30", "d-d-d"), ("NATO", "X")] {
            short_shape(word, &mut shape);
            assert_eq!(shape, expected, "{word}");
        }
    }

    #[test]
    fn headlines_are_sentences_in_capitals() {
        assert!(is_headline(&["SOCCER", "-", "JAPAN", "GET", "LUCKY", "WIN"]));
        assert!(is_headline(&["LONDON", "1996-08-30"]));
        assert!(!is_headline(&["NATO", "said", "so", "."]));
    }

    #[test]
    fn casing_is_read_from_running_text() {
        let sentences = vec![
            vec!["LEICESTERSHIRE", "TAKE", "OVER"],
            vec!["Simmons", "took", "four", "for", "Leicestershire", "."],
            vec!["They", "take", "over", "."],
        ];
        let casing = DocumentCasing::new(&sentences);
        assert_eq!(casing.usual("leicestershire"), Some(Casing::Capitalised));
        assert_eq!(casing.usual("take"), Some(Casing::Lower));
        // Sentence openings do not count.
        assert_eq!(casing.usual("simmons"), None);
    }
}
