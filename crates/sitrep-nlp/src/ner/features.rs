//! Features of each token for the tagger, as 64-bit hashes of (template, values): the word and
//! its neighbours, shapes, affixes, gazetteer matches, and two document-level signals: how the
//! article writes the same word elsewhere (a capitalised word that is lower case in running text
//! is no name; a headline in capitals is read through the body's casing), and whether it opens
//! a sentence.
//!
//! Hashing keeps the model a flat table without feature strings. Each token's values are hashed
//! once (`hash_str`, eight bytes at a time) and combined per template (`key`); both are written
//! out here so that a model file means the same on every platform and toolchain.

use rustc_hash::FxHashMap as HashMap;

use crate::ner::gazetteer::Gazetteer;
use crate::ner::label::{N_LABELS, NerSpan, NerType, position_name};
use crate::ner::own_sums::{OwnSums, OwnWord};
use crate::weights::FeatureTable;

/// Feature keys of a sentence, token after token: token `t`'s keys are
/// `keys[starts[t]..starts[t + 1]]`.
#[derive(Debug, Default)]
pub(crate) struct SentenceFeatures {
    pub(crate) keys: Vec<u64>,
    pub(crate) starts: Vec<usize>,
    /// Per token, the hash of its lower-case form and whether it is capitalised, for the
    /// second stage's view of the document.
    lowers: Vec<u64>,
    capitalised: Vec<bool>,
    /// Per token, whether the tagger labels it Outside without scoring it (see
    /// [`certainly_outside`]); such a token has no keys.
    pub(crate) outside: Vec<bool>,
    /// Per token, where its own features' sums are in the thread's store when they were looked
    /// up apart ([`OwnFeatures::Summed`]; `u32::MAX` for a token without): such a token's keys
    /// leave them out. Empty when they are among the keys.
    pub(crate) own: Vec<u32>,
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
    /// By the hash of the lower-case word (`hash_str`): no string is kept per word.
    counts: HashMap<u64, CaseCounts>,
    /// Per sentence, whether it is written in capitals.
    headlines: Vec<bool>,
    /// Whether any word of the document has a capital letter: a text in lower case only gives
    /// no word the benefit of [`certainly_outside`].
    cased: bool,
}

#[derive(Clone, Copy, Debug, Default)]
struct CaseCounts {
    lower: u32,
    capitalised: u32,
    upper: u32,
}

impl DocumentCasing {
    /// Counts the casing of every word of a document given as sentences of tokens, with their
    /// lower-case forms (`words`, one per sentence).
    pub(crate) fn new<S: AsRef<str>>(sentences: &[Vec<S>], words: &[SentenceWords]) -> DocumentCasing {
        let mut counts: HashMap<u64, CaseCounts> = HashMap::default();
        let mut headlines = Vec::with_capacity(sentences.len());
        // Each token's letters and casing, read once for the headline test and the counts.
        let mut cases = Vec::new();
        for (sentence, words) in sentences.iter().zip(words) {
            cases.clear();
            cases.extend(sentence.iter().map(|token| letters_and_casing(token.as_ref())));
            let headline = is_headline_by_cases(&cases);
            headlines.push(headline);
            if headline {
                continue;
            }
            for (&(_, case), &lower) in cases.iter().zip(&words.lower_hashes).skip(1) {
                let Some(case) = case else { continue };
                let entry = counts.entry(lower).or_default();
                match case {
                    Casing::Lower => entry.lower += 1,
                    Casing::Capitalised => entry.capitalised += 1,
                    Casing::Upper => entry.upper += 1,
                }
            }
        }
        let cased = sentences.iter().flatten().any(|token| has_capital(token.as_ref()));
        DocumentCasing { counts, headlines, cased }
    }

    /// The casing the document mostly gives `lower` in running text, if it uses it there.
    #[cfg(test)]
    fn usual(&self, lower: &str) -> Option<Casing> {
        self.usual_by_hash(hash_str(lower))
    }

    /// [`DocumentCasing::usual`] for a word given by the hash of its lower-case form.
    fn usual_by_hash(&self, lower_hash: u64) -> Option<Casing> {
        let counts = self.counts.get(&lower_hash)?;
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

/// The number of letters of a word and its casing.
fn letters_and_casing(token: &str) -> (usize, Option<Casing>) {
    // An ASCII character is alphabetic, lower or upper case exactly when it is so in ASCII.
    if token.is_ascii() {
        let letters = token.bytes().filter(u8::is_ascii_alphabetic);
        casing_of(letters.map(|b| (b.is_ascii_lowercase(), b.is_ascii_uppercase())))
    } else {
        let letters = token.chars().filter(|c| c.is_alphabetic());
        casing_of(letters.map(|c| (c.is_lowercase(), c.is_uppercase())))
    }
}

/// [`letters_and_casing`] of a word given as whether each of its letters is lower and upper
/// case: lower if the first is, upper if there are several and all are, else capitalised.
fn casing_of(mut letters: impl Iterator<Item = (bool, bool)>) -> (usize, Option<Casing>) {
    let Some((first_lower, _)) = letters.next() else { return (0, None) };
    let mut n_letters = 1;
    let mut all_upper = true;
    for (_, upper) in letters {
        n_letters += 1;
        all_upper &= upper;
    }
    let casing = if first_lower {
        Casing::Lower
    } else if all_upper && n_letters > 1 {
        Casing::Upper
    } else {
        Casing::Capitalised
    };
    (n_letters, Some(casing))
}

/// A sentence written in capitals (a headline, a dateline): most of its words longer than one
/// letter are all upper case.
pub(crate) fn is_headline<S: AsRef<str>>(sentence: &[S]) -> bool {
    let cases: Vec<(usize, Option<Casing>)> = sentence.iter().map(|token| letters_and_casing(token.as_ref())).collect();
    is_headline_by_cases(&cases)
}

/// [`is_headline`] of a sentence given as each token's [`letters_and_casing`], all counted.
fn is_headline_by_cases(cases: &[(usize, Option<Casing>)]) -> bool {
    let mut n_words = 0;
    let mut n_upper = 0;
    for &(n_letters, token_casing) in cases {
        if n_letters < 2 {
            continue;
        }
        n_words += 1;
        if token_casing == Some(Casing::Upper) {
            n_upper += 1;
        }
    }
    n_words > 0 && n_upper * 5 >= n_words * 4
}

fn has_capital(token: &str) -> bool {
    if token.is_ascii() { token.bytes().any(|b| b.is_ascii_uppercase()) } else { token.chars().any(char::is_uppercase) }
}

/// What [`certainly_outside`] reads of each token of a sentence, from one pass over its bytes.
#[derive(Clone, Copy, Default)]
struct TokenClass {
    capital: bool,
    digit: bool,
    /// A word of lower-case letters only.
    lower_letters: bool,
    /// The hash of its lower-case form.
    lower_hash: u64,
}

impl TokenClass {
    fn of(token: &str, lower_hash: u64) -> TokenClass {
        let (mut capital, mut digit, mut other, mut ascii) = (false, false, false, true);
        for b in token.bytes() {
            match b {
                b'a'..=b'z' => {}
                b'A'..=b'Z' => capital = true,
                b'0'..=b'9' => digit = true,
                0x80.. => ascii = false,
                _ => other = true,
            }
        }
        if !ascii {
            capital = has_capital(token);
            other = !token.chars().all(|c| c.is_alphabetic() && c.is_lowercase());
        }
        let lower_letters = !token.is_empty() && !capital && !digit && !other;
        TokenClass { capital, digit, lower_letters, lower_hash }
    }
}

/// Whether a word (by the hash of its lower-case form) is one of those of lower-case letters
/// that names hold: in the training data (`data/words_inside_names.txt`: "of", "de", "van") or
/// as the particles of people's names (`data/name_particles.txt`: "von", "la", "dos").
fn is_inside_name_word(lower_hash: u64) -> bool {
    static WORDS: std::sync::LazyLock<rustc_hash::FxHashSet<u64>> = std::sync::LazyLock::new(|| {
        let lists = [include_str!("../../data/words_inside_names.txt"), include_str!("../../data/name_particles.txt")];
        lists.into_iter().flat_map(crate::lexicon::lines).map(hash_str).collect()
    });
    WORDS.contains(&lower_hash)
}

/// Whether token `idx` of a sentence is certainly no part of a name, in a document that uses
/// capitals: a token with neither a capital nor a digit ("Act of 2000", "Fight for 15") whose
/// neighbours have no capital either, or a plain word of lower-case letters ("said", "talks";
/// not one of the words found inside names, [`is_inside_name_word`]) that is not flanked by
/// capitalised tokens on both sides. The tagger labels such a token Outside without computing
/// its features or scores: 57.6% of the tokens of CoNLL's training data (50.2% by the first
/// clause alone), and 39 of its 34,043 name tokens (22), about one in 900 ("Jackson
/// Hole symposium"); in its dev data 7 of 8,603 name tokens (4). `bench/ner_skip_rule.py`
/// counts them.
fn certainly_outside(classes: &[TokenClass], idx: usize, casing: &DocumentCasing) -> bool {
    let class_at = |idx: usize| classes.get(idx).copied().unwrap_or_default();
    let this = class_at(idx);
    if !casing.cased || this.capital || this.digit {
        return false;
    }
    let capital_before = idx.checked_sub(1).is_some_and(|before| class_at(before).capital);
    let capital_after = class_at(idx + 1).capital;
    match (capital_before, capital_after) {
        (false, false) => true,
        (true, true) => false,
        _ => this.lower_letters && !is_inside_name_word(this.lower_hash),
    }
}

/// The word's shape, runs of one character class collapsed: "Hegseth" -> "Xx", "U.S." -> "X.X.",
/// "1996-08-30" -> "d-d-d", "$66.5" -> "$d.d".
fn short_shape(token: &str, out: &mut String) {
    out.clear();
    if token.is_ascii() {
        // The same classes by bytes: an ASCII letter is upper or lower case, never 'a'.
        let mut previous = None;
        for b in token.bytes() {
            let class = match b {
                b'A'..=b'Z' => b'X',
                b'a'..=b'z' => b'x',
                b'0'..=b'9' => b'd',
                _ => b,
            };
            if previous != Some(class) {
                out.push(char::from(class));
            }
            previous = Some(class);
        }
        return;
    }
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

impl Template {
    /// Whether the feature reads nothing but the token itself, the document's usual casing of
    /// it and whether its sentence is a headline: the same wherever the word comes back (see
    /// [`crate::ner::own_sums`]).
    fn is_own(self) -> bool {
        matches!(
            self,
            Template::Bias
                | Template::Word
                | Template::HeadlineLower
                | Template::HeadlineShape
                | Template::Lower
                | Template::Shape
                | Template::Prefix
                | Template::Suffix
                | Template::Length
                | Template::DocumentCasing
        )
    }
}

/// Where a token's own features ([`Template::is_own`]) go.
pub(crate) enum OwnFeatures<'a> {
    /// Among its keys, in the order of the templates (training, which updates each one).
    Inline,
    /// Looked up in `table` once per word and summed into `store` (tagging).
    Summed { table: &'a FeatureTable<N_LABELS>, store: &'a mut OwnSums, keys: Vec<u64>, rows: Vec<u32> },
}

impl<'a> OwnFeatures<'a> {
    pub(crate) fn summed(table: &'a FeatureTable<N_LABELS>, store: &'a mut OwnSums) -> OwnFeatures<'a> {
        OwnFeatures::Summed { table, store, keys: Vec::new(), rows: Vec::new() }
    }
}

/// The hash of a string: eight bytes at a time (read little-endian, so the same on every
/// platform), each folded in by a multiply and a shift.
pub(crate) fn hash_str(text: &str) -> u64 {
    hash_words(text.as_bytes(), |word| word)
}

/// [`hash_str`] of `bytes`, each eight-byte word (the last padded with zeros) passed through
/// `map` before it is folded in.
fn hash_words(bytes: &[u8], map: impl Fn(u64) -> u64) -> u64 {
    let mut state = 0x243f_6a88_85a3_08d3 ^ bytes.len() as u64;
    let mut chunks = bytes.chunks_exact(8);
    for chunk in &mut chunks {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        state = fold(state, map(u64::from_le_bytes(word)));
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        // Byte by byte: a copy of a slice this short costs more than the shifts.
        let word = rest.iter().rev().fold(0u64, |word, &byte| word << 8 | u64::from(byte));
        state = fold(state, map(word));
    }
    state
}

/// Eight ASCII bytes with the capitals among them in lower case, all at once: a byte between
/// 'A' and 'Z' gets its 0x20 bit.
fn ascii_word_lowercase(word: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // Every byte is below 0x80, so no sum below carries into the next byte.
    let at_least_a = word + ONES * (0x80 - u64::from(b'A'));
    let above_z = word + ONES * (0x7f - u64::from(b'Z'));
    let upper = at_least_a & !above_z & HIGH;
    word | upper >> 2
}

pub(crate) fn fold(state: u64, value: u64) -> u64 {
    let mixed = (state ^ value).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    mixed ^ (mixed >> 29)
}

/// A feature's key: its template and the hashes of its values, folded in order, then mixed
/// well (SplitMix64's finaliser), since the weight table takes its slots and fingerprints from
/// the key's bits. These keys are what a model file stores: changing this function means
/// training the model again.
fn key(template: Template, parts: &[u64]) -> u64 {
    let mut state = (template as u64 + 1).wrapping_mul(0xd6e8_feb8_6659_fd93);
    for &part in parts {
        state = fold(state, part);
    }
    state = (state ^ (state >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    state = (state ^ (state >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    state ^ (state >> 31)
}

/// The hash of `word`'s lower-case form (written into `buffer`, reused, for a word that is not
/// ASCII): how the features and the gazetteer both know a word, so that they always agree.
pub(crate) fn lower_hash(word: &str, buffer: &mut String) -> u64 {
    if word.is_ascii() {
        // Lower-cased eight bytes at a time, without writing the lower-case form out.
        return hash_words(word.as_bytes(), ascii_word_lowercase);
    }
    buffer.clear();
    buffer.extend(word.chars().flat_map(char::to_lowercase));
    hash_str(buffer)
}

/// The hashes of a sentence's words in lower case, computed once for the document's casing
/// counts, the gazetteer's matches and the sentence's features.
pub(crate) struct SentenceWords {
    lower_hashes: Vec<u64>,
}

impl SentenceWords {
    pub(crate) fn new<S: AsRef<str>>(sentence: &[S]) -> SentenceWords {
        let mut lower = String::new();
        let lower_hashes = sentence.iter().map(|token| lower_hash(token.as_ref(), &mut lower)).collect();
        SentenceWords { lower_hashes }
    }
}

/// What one token contributes to its own and its neighbours' features, hashed once: most
/// values (the lower-case word, the shape) appear in several templates of several tokens.
#[derive(Clone, Copy)]
struct TokenHashes {
    word: u64,
    lower: u64,
    shape: u64,
    /// The document's usual casing of the word (or none).
    casing: u64,
}

/// Where [`sentence_features`] puts a token's keys: its own features' with the others unless
/// they are summed apart (`own`), and none of them when their sums are known (`wants_own`
/// false).
struct KeySink<'a> {
    keys: &'a mut Vec<u64>,
    own: Option<&'a mut Vec<u64>>,
    wants_own: bool,
}

impl KeySink<'_> {
    fn add(&mut self, template: Template, parts: &[u64]) {
        let own = template.is_own();
        if own && !self.wants_own {
            return;
        }
        let keys = match &mut self.own {
            Some(own_keys) if own => own_keys,
            _ => &mut *self.keys,
        };
        keys.push(key(template, parts));
    }
}

/// What [`sentence_features`] reads of the whole document: its casing, the gazetteer, and
/// whether the tokens certainly outside every name are skipped ([`certainly_outside`]).
#[derive(Clone, Copy)]
pub(crate) struct DocumentInputs<'a> {
    pub(crate) casing: &'a DocumentCasing,
    pub(crate) gazetteer: &'a Gazetteer,
    pub(crate) skip_outside: bool,
}

/// Computes the features of every token of one sentence of a document.
pub(crate) fn sentence_features<S: AsRef<str>>(
    sentence: &[S],
    words: &SentenceWords,
    sentence_idx: usize,
    document: &DocumentInputs<'_>,
    own: &mut OwnFeatures<'_>,
    out: &mut SentenceFeatures,
) {
    let DocumentInputs { casing, gazetteer, skip_outside } = *document;
    out.keys.clear();
    out.starts.clear();
    out.lowers.clear();
    out.capitalised.clear();
    out.outside.clear();
    out.own.clear();
    // About forty features a token: one allocation, not a doubling series.
    out.keys.reserve(sentence.len() * 40);
    out.starts.reserve(sentence.len() + 1);
    out.lowers.reserve(sentence.len());
    out.capitalised.reserve(sentence.len());
    out.outside.reserve(sentence.len());
    let headline = casing.headlines.get(sentence_idx).copied().unwrap_or_else(|| is_headline(sentence));
    let classes: Vec<TokenClass> = if skip_outside {
        sentence.iter().zip(&words.lower_hashes).map(|(token, &lower)| TokenClass::of(token.as_ref(), lower)).collect()
    } else {
        Vec::new()
    };
    out.outside.extend((0..sentence.len()).map(|idx| skip_outside && certainly_outside(&classes, idx, casing)));
    // A token's shape, word and casing are read by its own features and its neighbours': one
    // far from every scored token goes without.
    let read = |idx: usize| {
        let scored = |idx: usize| out.outside.get(idx).is_some_and(|&outside| !outside);
        scored(idx) || idx.checked_sub(1).is_some_and(scored) || scored(idx + 1)
    };
    let mut shape = String::new();
    let mut hashes: Vec<TokenHashes> = Vec::with_capacity(sentence.len());
    // The hashes of the usual casings, by `Casing as usize`, then of none.
    let casing_hashes = [Some(Casing::Lower), Some(Casing::Capitalised), Some(Casing::Upper), None]
        .map(|usual| hash_str(usual.map_or("none", Casing::as_str)));
    for (idx, (token, &lower)) in sentence.iter().zip(&words.lower_hashes).enumerate() {
        let word = token.as_ref();
        out.lowers.push(lower);
        out.capitalised.push(word.chars().next().is_some_and(char::is_uppercase));
        if !read(idx) {
            hashes.push(TokenHashes { word: 0, lower, shape: 0, casing: 0 });
            continue;
        }
        let usual_casing = casing_hashes[casing.usual_by_hash(lower).map_or(3, |usual| usual as usize)];
        short_shape(word, &mut shape);
        hashes.push(TokenHashes { word: hash_str(word), lower, shape: hash_str(&shape), casing: usual_casing });
    }
    let mut matches = gazetteer.matches(&words.lower_hashes);
    matches.sort_by_key(|&(token, _, _)| token);
    let mut matches = matches.into_iter().peekable();
    // Before the first token and after the last, every value is a padding mark.
    let (start_pad, end_pad) = (hash_str("<s>"), hash_str("</s>"));
    let pad = |value: u64| TokenHashes { word: value, lower: value, shape: value, casing: value };
    let at = |idx: isize| -> TokenHashes {
        if idx < 0 { pad(start_pad) } else { hashes.get(idx as usize).copied().unwrap_or(pad(end_pad)) }
    };
    // A row of a results table ("Ruch Chorzow 2 1 0 1 4 3"): names there are teams.
    let n_numbers =
        sentence.iter().filter(|token| token.as_ref().bytes().next().is_some_and(|b| b.is_ascii_digit())).count();
    let numeric = n_numbers * 5 >= sentence.len() * 2;
    let capitalised_values = [hash_str("cap"), hash_str("low")];
    for (idx, token) in sentence.iter().enumerate() {
        out.starts.push(out.keys.len());
        let outside = out.outside[idx];
        let i = idx as isize;
        let (previous2, previous, this, next, next2) = (at(i - 2), at(i - 1), at(i), at(i + 1), at(i + 2));
        let word = token.as_ref();
        let own_word = OwnWord { word_hash: this.word, headline, casing: this.casing };
        let mut sink = match own {
            OwnFeatures::Inline => KeySink { keys: &mut out.keys, own: None, wants_own: true },
            OwnFeatures::Summed { store, keys, .. } => {
                // A word whose own features are summed already needs only its context's.
                let known = if outside { None } else { store.find(&own_word) };
                out.own.push(known.unwrap_or(u32::MAX));
                keys.clear();
                KeySink { keys: &mut out.keys, own: Some(keys), wants_own: known.is_none() }
            }
        };
        if outside {
            // Its gazetteer matches (a lower-case "will" or "may") are read by nobody.
            while matches.next_if(|&(token, _, _)| token == idx).is_some() {}
            continue;
        }
        sink.add(Template::Bias, &[]);
        // In a headline the word's own capitals say nothing; its lower-case form and the body's
        // casing of it stand in for the cased word.
        if headline {
            sink.add(Template::HeadlineLower, &[this.lower]);
            sink.add(Template::HeadlineShape, &[this.shape, this.casing]);
        } else {
            sink.add(Template::Word, &[this.word]);
        }
        sink.add(Template::Lower, &[this.lower]);
        sink.add(Template::LowerPrev, &[previous.lower]);
        sink.add(Template::LowerNext, &[next.lower]);
        sink.add(Template::LowerPrev2, &[previous2.lower]);
        sink.add(Template::LowerNext2, &[next2.lower]);
        sink.add(Template::Shape, &[this.shape]);
        sink.add(Template::ShapePrev, &[previous.shape]);
        sink.add(Template::ShapeNext, &[next.shape]);
        sink.add(Template::ShapeTrigram, &[previous.shape, this.shape, next.shape]);
        if sink.wants_own {
            let prefix_ends = word.char_indices().map(|(byte, _)| byte).skip(1).chain(std::iter::once(word.len()));
            let suffix_starts = word.char_indices().rev().map(|(byte, _)| byte);
            for (prefix_end, suffix_start) in prefix_ends.zip(suffix_starts).take(4) {
                sink.add(Template::Prefix, &[hash_str(word.get(..prefix_end).unwrap_or_default())]);
                sink.add(Template::Suffix, &[hash_str(word.get(suffix_start..).unwrap_or_default())]);
            }
        }
        sink.add(Template::BigramPrev, &[previous.lower, this.lower]);
        sink.add(Template::BigramNext, &[this.lower, next.lower]);
        sink.add(Template::PrevWordShape, &[previous.lower, this.shape]);
        sink.add(Template::ShapeNextWord, &[this.shape, next.lower]);
        if idx == 0 {
            sink.add(Template::FirstShape, &[this.shape]);
        }
        if numeric {
            sink.add(Template::NumericSentence, &[this.shape]);
        }
        if sink.wants_own {
            let length = match word.chars().count() {
                0..=1 => 1,
                2..=3 => 2,
                4..=6 => 4,
                _ => 7,
            };
            sink.add(Template::Length, &[length, this.shape]);
        }
        sink.add(Template::DocumentCasing, &[this.casing, this.shape]);
        sink.add(Template::DocumentCasingPrev, &[previous.casing, this.casing]);
        sink.add(Template::DocumentCasingNext, &[this.casing, next.casing]);
        let capitalised = capitalised_values[usize::from(!out.capitalised[idx])];
        while let Some((_, list, position)) = matches.next_if(|&(token, _, _)| token == idx) {
            sink.add(Template::Gazetteer, &[hash_str(list), hash_str(position), capitalised]);
        }
        if sink.wants_own
            && let OwnFeatures::Summed { table, store, keys, rows } = &mut *own
        {
            let entry = store.add(&own_word, keys, table, rows);
            if let Some(slot) = out.own.last_mut() {
                *slot = entry;
            }
        }
    }
    out.starts.push(out.keys.len());
}

/// What `history` says of each token of a sentence (whose first-stage features are `base`),
/// after those features when `include_base`: the second stage's features.
pub(crate) fn with_history(
    base: &SentenceFeatures,
    include_base: bool,
    sentence_idx: usize,
    history: &DocumentHistory,
    out: &mut SentenceFeatures,
) {
    out.keys.clear();
    out.starts.clear();
    out.outside.clone_from(&base.outside);
    for (token_idx, (&lower, &capitalised)) in base.lowers.iter().zip(&base.capitalised).enumerate() {
        out.starts.push(out.keys.len());
        if base.outside.get(token_idx).copied().unwrap_or(false) {
            continue;
        }
        if include_base {
            out.keys.extend_from_slice(base.of_token(token_idx));
        }
        let keys = &mut out.keys;
        let mut add = |template: Template, parts: &[u64]| keys.push(key(template, parts));
        history.features(sentence_idx, token_idx, capitalised, lower, &mut add);
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
    type_counts: HashMap<u64, [u32; 5]>,
    /// Per lower-case word: how often it was inside a name of two or more words, by type.
    in_longer: HashMap<u64, [u32; 4]>,
    names: LabelHashes,
}

/// The hashes of the label names the second stage's features use, computed once.
#[derive(Debug)]
struct LabelHashes {
    /// PER, ORG, LOC, MISC, O, and "-" for no token.
    types: [u64; 6],
    /// B, I, L, U.
    positions: [u64; 4],
}

impl Default for LabelHashes {
    fn default() -> LabelHashes {
        LabelHashes {
            types: ["PER", "ORG", "LOC", "MISC", "O", "-"].map(hash_str),
            positions: ["B", "I", "L", "U"].map(hash_str),
        }
    }
}

impl LabelHashes {
    fn position(&self, position: &str) -> u64 {
        match position {
            "B" => self.positions[0],
            "I" => self.positions[1],
            "L" => self.positions[2],
            _ => self.positions[3],
        }
    }
}

impl DocumentHistory {
    /// The history of a document from its sentences' first-stage features and entities.
    pub(crate) fn new(sentences: &[SentenceFeatures], spans: &[Vec<NerSpan>]) -> DocumentHistory {
        let mut history = DocumentHistory::default();
        for (sentence, sentence_spans) in sentences.iter().zip(spans) {
            let n_tokens = sentence.n_tokens();
            let mut labels: Vec<Option<(NerType, &'static str)>> = vec![None; n_tokens];
            for span in sentence_spans {
                let end = span.end.min(n_tokens);
                for (offset, slot) in labels.iter_mut().enumerate().take(end).skip(span.start) {
                    *slot = Some((span.entity_type, position_name(offset - span.start, span.end - span.start)));
                }
            }
            for ((&lower, &capitalised), label) in sentence.lowers.iter().zip(&sentence.capitalised).zip(&labels) {
                if !capitalised {
                    continue;
                }
                let type_idx = label.map_or(4, |(entity_type, _)| entity_type as usize);
                history.type_counts.entry(lower).or_default()[type_idx] += 1;
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
        capitalised: bool,
        lower: u64,
        add: &mut impl FnMut(Template, &[u64]),
    ) {
        let labels = self.labels.get(sentence_idx);
        let names = &self.names;
        // A type's index in `names.types`: the four types, then O, then "no token here".
        let label_at = |idx: Option<usize>| -> u64 {
            match idx.and_then(|idx| labels.and_then(|labels| labels.get(idx))) {
                Some(Some((entity_type, _))) => names.types[*entity_type as usize],
                Some(None) => names.types[4],
                None => names.types[5],
            }
        };
        let own = labels.and_then(|labels| labels.get(token_idx)).copied().flatten();
        // Outside a name, the position and the type are both "O".
        let (own_position, own_type) = own.map_or((names.types[4], names.types[4]), |(entity_type, position)| {
            (names.position(position), names.types[entity_type as usize])
        });
        add(Template::FirstStage, &[own_position, own_type]);
        add(Template::FirstStagePrev, &[label_at(token_idx.checked_sub(1)), own_position, own_type]);
        add(Template::FirstStageNext, &[own_position, own_type, label_at(Some(token_idx + 1))]);
        add(Template::FirstStageWindow, &[label_at(token_idx.checked_sub(2)), own_type, label_at(Some(token_idx + 2))]);
        if let Some(counts) = self.type_counts.get(&lower) {
            let mut others = *counts;
            let own_idx = own.map_or(4, |(entity_type, _)| entity_type as usize);
            // The token's own label is no evidence about it (only capitalised tokens were counted).
            if capitalised && others[own_idx] > 0 {
                others[own_idx] -= 1;
            }
            let total: u32 = others.iter().sum();
            if total > 0 {
                for (name, &count) in names.types.iter().zip(&others) {
                    if count > 0 {
                        add(Template::HistoryType, &[*name]);
                    }
                }
                let majority = (0..5).max_by_key(|&idx| (others[idx], std::cmp::Reverse(idx))).unwrap_or(4);
                add(Template::HistoryMajority, &[names.types[majority]]);
            }
        }
        if let Some(counts) = self.in_longer.get(&lower) {
            for (type_idx, (name, &count)) in names.types.iter().zip(counts).enumerate() {
                // More than the token's own occurrence: another, longer name holds the word.
                let own_counted = capitalised
                    && own.is_some_and(|(entity_type, position)| position != "U" && entity_type as usize == type_idx);
                if count > u32::from(own_counted) {
                    add(Template::HistoryInLonger, &[*name]);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    proptest::proptest! {
        #[test]
        fn the_lower_case_hash_is_the_hash_of_the_lower_case_form(word in "[ -~]{0,20}|\\PC{0,8}") {
            let lower: String = word.chars().flat_map(char::to_lowercase).collect();
            proptest::prop_assert_eq!(super::lower_hash(&word, &mut String::new()), super::hash_str(&lower));
        }
    }

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
        let words: Vec<SentenceWords> = sentences.iter().map(|sentence| SentenceWords::new(sentence)).collect();
        let casing = DocumentCasing::new(&sentences, &words);
        assert_eq!(casing.usual("leicestershire"), Some(Casing::Capitalised));
        assert_eq!(casing.usual("take"), Some(Casing::Lower));
        // Sentence openings do not count.
        assert_eq!(casing.usual("simmons"), None);
    }
}
