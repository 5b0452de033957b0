//! Features of each token for the attribution tagger, as 64-bit hashes of (template, values):
//! the word and its neighbours, whether it or a word nearby is a cue of the lexicons (speech,
//! thought, intention, stance, "according to") and how far, whether "that" or a comma stands
//! between, quotation marks, the entities found, and where the token sits in its sentence.
//! PolNeAR's relations are clauses around a cue, so most of what tells content from source is
//! the token's position relative to the nearest cue.

use std::ops::Range;

use crate::doc::Doc;
use crate::lexicon::Lexicon;
use crate::marks::Region;
use crate::ner::{NameMention, fold, hash_str};

/// The feature keys of one sentence, token after token: token `t`'s keys are
/// `keys[starts[t]..starts[t + 1]]`.
#[derive(Debug, Default)]
pub(crate) struct SentenceKeys {
    pub(crate) keys: Vec<u64>,
    pub(crate) starts: Vec<usize>,
}

/// What a document tells every sentence's features, computed once: each token's cue class,
/// entity label and whether quotation marks hold it.
pub(crate) struct DocumentView<'d, 'a> {
    doc: &'d Doc<'a>,
    /// The hash of each token's lower-case form.
    lower_hashes: Vec<u64>,
    cue_classes: Vec<CueClass>,
    /// The hash of each token's place in an entity ("B", "I", its type at the end, "-").
    entity_labels: Vec<u64>,
    quoted: Vec<bool>,
    /// Whether each token is a personal or relative pronoun.
    pronouns: Vec<bool>,
    /// Whether each token is a comma, semicolon or colon.
    clause_marks: Vec<bool>,
    hashes: FixedHashes,
}

/// The hashes of the fixed values the features use, computed once per document.
struct FixedHashes {
    that: u64,
    start_pad: u64,
    end_pad: u64,
    /// No cue on that side.
    no_cue: u64,
    /// No token there, for the entity labels around a token.
    no_token: u64,
    classes: [u64; CLASSES.len()],
}

impl FixedHashes {
    fn new() -> FixedHashes {
        FixedHashes {
            that: hash_str("that"),
            start_pad: hash_str("<s>"),
            end_pad: hash_str("</s>"),
            no_cue: hash_str("none"),
            no_token: hash_str("<>"),
            classes: CLASSES.map(|class| hash_str(class.name())),
        }
    }
}

/// What a lexicon says a word can cue.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
enum CueClass {
    None,
    Speech,
    Thought,
    Intention,
    Stance,
    According,
}

const CLASSES: [CueClass; 6] =
    [CueClass::None, CueClass::Speech, CueClass::Thought, CueClass::Intention, CueClass::Stance, CueClass::According];

impl CueClass {
    fn name(self) -> &'static str {
        match self {
            CueClass::None => "-",
            CueClass::Speech => "speech",
            CueClass::Thought => "thought",
            CueClass::Intention => "intention",
            CueClass::Stance => "stance",
            CueClass::According => "according",
        }
    }
}

const PRONOUNS: &[&str] = &["he", "she", "they", "we", "i", "you", "it", "who"];

impl<'d, 'a> DocumentView<'d, 'a> {
    pub(crate) fn new(doc: &'d Doc<'a>, lexicon: &Lexicon, mentions: &[NameMention], regions: &[Region]) -> Self {
        Self::of_tokens(doc, lexicon, mentions, regions, std::slice::from_ref(&(0..doc.tokens.len())))
    }

    /// The view the features of the sentences `read` need: each token's own values are
    /// computed for the tokens of those ranges only (a sentence's features read no token
    /// outside it).
    pub(crate) fn of_tokens(
        doc: &'d Doc<'a>,
        lexicon: &Lexicon,
        mentions: &[NameMention],
        regions: &[Region],
        read: &[Range<usize>],
    ) -> Self {
        let n = doc.tokens.len();
        let mut lower_hashes = vec![0; n];
        let mut cue_classes = vec![CueClass::None; n];
        let mut pronouns = vec![false; n];
        let mut clause_marks = vec![false; n];
        for idx in read.iter().flat_map(Range::clone).filter(|&idx| idx < n) {
            let word = doc.lower(idx);
            lower_hashes[idx] = hash_str(word);
            pronouns[idx] = PRONOUNS.contains(&word);
            clause_marks[idx] = is_clause_mark(doc.word(idx));
            let verb = lexicon.verb_classes(word);
            cue_classes[idx] = if !doc.is_word(idx) {
                CueClass::None
            } else if word == "according" && doc.lower(idx + 1) == "to" {
                CueClass::According
            } else if verb.speech {
                CueClass::Speech
            } else if verb.thought {
                CueClass::Thought
            } else if verb.intention {
                CueClass::Intention
            } else if verb.stance {
                CueClass::Stance
            } else {
                CueClass::None
            };
        }
        let mut labels = vec!["-"; n];
        for mention in mentions {
            for idx in mention.tokens.clone() {
                if let Some(slot) = labels.get_mut(idx) {
                    *slot = if idx == mention.tokens.start { "B" } else { "I" };
                }
            }
            if let Some(slot) = labels.get_mut(mention.tokens.end.saturating_sub(1)) {
                *slot = match mention.entity_type {
                    sitrep_model::EntityType::Person => "PER",
                    sitrep_model::EntityType::Org => "ORG",
                    _ => "PLACE",
                };
            }
        }
        let entity_labels = labels.into_iter().map(hash_str).collect();
        let mut quoted = vec![false; n];
        for region in regions {
            let first = doc.token_at_or_after(region.outer.start);
            for (token, slot) in doc.tokens.iter().zip(&mut quoted).skip(first) {
                if token.end > region.outer.end {
                    break;
                }
                *slot = true;
            }
        }
        DocumentView {
            doc,
            lower_hashes,
            cue_classes,
            entity_labels,
            quoted,
            pronouns,
            clause_marks,
            hashes: FixedHashes::new(),
        }
    }

    /// The features of every token of `sentence` into `out`; with `first`, the first stage's
    /// labels of the sentence, the second stage's features besides.
    pub(crate) fn sentence_keys(&self, sentence: Range<usize>, first: Option<&[usize]>, out: &mut SentenceKeys) {
        out.keys.clear();
        out.starts.clear();
        let doc = self.doc;
        let FixedHashes { that, start_pad, end_pad, no_cue, no_token, classes: class_hashes } = self.hashes;
        let lower = |idx: isize| -> u64 {
            if idx < sentence.start as isize {
                start_pad
            } else if idx >= sentence.end as isize {
                end_pad
            } else {
                self.lower_hashes[idx as usize]
            }
        };
        let cues: Vec<usize> = sentence.clone().filter(|&idx| self.cue_classes[idx] != CueClass::None).collect();
        let has_quote = sentence.clone().any(|idx| self.quoted[idx]);
        let paragraph_start =
            doc.paragraphs.get(doc.paragraph_of[sentence.start]).is_some_and(|p| p.start == sentence.start);
        // Whether a "that" or a clause mark stands between two tokens, by counts up to each.
        let thats = RunningCount::new(sentence.clone(), |at| self.lower_hashes[at] == that);
        let marks = RunningCount::new(sentence.clone(), |at| self.clause_marks[at]);
        let mut cues_before = 0;
        let first = first.map(FirstLabels::new);
        for idx in sentence.clone() {
            out.starts.push(out.keys.len());
            let i = idx as isize;
            let keys = &mut out.keys;
            let mut add = |template: u8, parts: &[u64]| keys.push(feature_key(template, parts));
            let class = |at: usize| class_hashes[self.cue_classes[at] as usize];
            let this = lower(i);
            add(0, &[]);
            add(1, &[this]);
            add(2, &[lower(i - 1)]);
            add(3, &[lower(i + 1)]);
            add(4, &[lower(i - 2)]);
            add(5, &[lower(i + 2)]);
            add(6, &[lower(i - 1), this]);
            add(7, &[this, lower(i + 1)]);
            add(8, &[hash_str(shape(doc.word(idx)))]);
            add(9, &[class(idx), lower(i + 1)]);
            add(10, &[class(idx)]);
            if idx > sentence.start {
                add(11, &[class(idx - 1)]);
            }
            if idx + 1 < sentence.end {
                add(12, &[class(idx + 1)]);
            }
            // The nearest cues on either side, how far, and what stands between.
            while cues.get(cues_before).is_some_and(|&cue| cue < idx) {
                cues_before += 1;
            }
            let left = cues_before.checked_sub(1).map(|at| cues[at]);
            let right = cues[cues_before..].iter().find(|&&cue| cue > idx).copied();
            let quoted = u64::from(self.quoted[idx]);
            if let Some(cue) = left {
                let that = thats.any_in(cue + 1..idx);
                let comma = marks.any_in(cue + 1..idx);
                let distance = bucket(idx - cue);
                add(13, &[class(cue), distance]);
                add(14, &[class(cue), u64::from(that), u64::from(comma), quoted]);
                add(15, &[self.lower_hashes[cue], distance.min(3)]);
            } else {
                add(13, &[no_cue]);
            }
            if let Some(cue) = right {
                let comma = marks.any_in(idx + 1..cue);
                let distance = bucket(cue - idx);
                add(16, &[class(cue), distance]);
                add(17, &[class(cue), u64::from(comma), quoted]);
                add(18, &[self.lower_hashes[cue], distance.min(3)]);
            } else {
                add(16, &[no_cue]);
            }
            add(19, &[quoted, u64::from(has_quote)]);
            add(20, &[self.entity_labels[idx]]);
            add(21, &[self.entity_labels[idx], class(idx.saturating_add(1).min(sentence.end - 1))]);
            add(22, &[u64::from(self.pronouns[idx]), u64::from(idx == sentence.start)]);
            add(
                23,
                &[
                    u64::from(idx == sentence.start),
                    u64::from(paragraph_start),
                    u64::from(doc.is_heading(doc.paragraph_of[idx])),
                ],
            );
            add(24, &[u64::from(marks.before(idx)).min(3), class(left.unwrap_or(idx))]);
            // The cue's own frame: "said that", "expected to", "the report said".
            if let Some(cue) = left {
                add(25, &[self.lower_hashes[cue], lower(cue as isize + 1)]);
                add(28, &[lower(i - 1), class(cue)]);
                if cue + 1 == idx {
                    add(30, &[this, class(cue)]);
                }
            }
            if let Some(cue) = right {
                add(26, &[lower(cue as isize - 1), self.entity_labels[idx]]);
            }
            add(27, &[bucket(sentence.end - idx), class(left.unwrap_or(idx))]);
            let entity_at = |at: isize| {
                if at < sentence.start as isize || at >= sentence.end as isize {
                    no_token
                } else {
                    self.entity_labels[at as usize]
                }
            };
            add(29, &[entity_at(i - 1), self.entity_labels[idx], entity_at(i + 1)]);
            if let Some(first) = &first {
                stacked_features(first, idx - sentence.start, &mut add);
            }
        }
        out.starts.push(out.keys.len());
    }
}

/// How many tokens of a sentence from its start up to each have some property, so that
/// whether one stands in a range is a subtraction instead of a walk over it.
struct RunningCount {
    first: usize,
    /// `upto[k]`: the tokens with the property among the sentence's first `k`.
    upto: Vec<u32>,
}

impl RunningCount {
    fn new(sentence: Range<usize>, has: impl Fn(usize) -> bool) -> RunningCount {
        let mut upto = Vec::with_capacity(sentence.len() + 1);
        let mut count = 0;
        upto.push(count);
        for at in sentence.clone() {
            count += u32::from(has(at));
            upto.push(count);
        }
        RunningCount { first: sentence.start, upto }
    }

    /// The tokens with the property among the sentence's tokens before document token `idx`.
    fn before(&self, idx: usize) -> u32 {
        self.upto[idx - self.first]
    }

    /// Whether a token of `range` (within the sentence, maybe empty) has the property.
    fn any_in(&self, range: Range<usize>) -> bool {
        range.start < range.end && self.before(range.end) > self.before(range.start)
    }
}

fn is_clause_mark(word: &str) -> bool {
    matches!(word, "," | ";" | ":")
}

/// The second stage's features of a sentence beyond the first stage's (which it reads too):
/// what the first stage's labels `first` tell it, token after token.
pub(crate) fn stacked_keys(first: &[usize], out: &mut SentenceKeys) {
    out.keys.clear();
    out.starts.clear();
    let first = FirstLabels::new(first);
    for at in 0..first.labels.len() {
        out.starts.push(out.keys.len());
        stacked_features(&first, at, &mut |template, parts| out.keys.push(feature_key(template, parts)));
    }
    out.starts.push(out.keys.len());
}

/// The first stage's labels of a sentence, with each token's distance to the nearest cue and
/// source the first stage found on either side (`None` for none), found in one pass each way.
struct FirstLabels<'f> {
    labels: &'f [usize],
    /// Per part (cue, source): where its nearest runs are.
    nearest: [Nearest; 2],
}

/// Per token of a sentence, how far back and how far ahead the nearest token of some part is.
struct Nearest {
    behind: Vec<Option<usize>>,
    ahead: Vec<Option<usize>>,
}

/// The parts whose nearest runs the second stage reads, by their "begin" labels (cue,
/// source), with the templates of their features.
const NEAREST_PARTS: [(u8, usize); 2] = [(45, 5), (47, 3)];

impl<'f> FirstLabels<'f> {
    fn new(labels: &'f [usize]) -> FirstLabels<'f> {
        let nearest = NEAREST_PARTS.map(|(_, begin)| {
            let is_part = |label: usize| label == begin || label == begin + 1;
            let mut behind = Vec::with_capacity(labels.len());
            let mut last = None;
            for (at, &label) in labels.iter().enumerate() {
                behind.push(last.map(|idx| at - idx));
                if is_part(label) {
                    last = Some(at);
                }
            }
            let mut ahead = vec![None; labels.len()];
            let mut next = None;
            for (at, &label) in labels.iter().enumerate().rev() {
                ahead[at] = next.map(|idx: usize| idx - at);
                if is_part(label) {
                    next = Some(at);
                }
            }
            Nearest { behind, ahead }
        });
        FirstLabels { labels, nearest }
    }
}

/// What the first stage's labels of a sentence tell the second stage about token `at`: its
/// own label and its neighbours', and the parts the first stage found on either side (the
/// cues it learnt beyond the word lists above all) and how far.
fn stacked_features(first: &FirstLabels<'_>, at: usize, add: &mut impl FnMut(u8, &[u64])) {
    let labels = first.labels;
    let label = |offset: isize| -> u64 {
        let idx = at as isize + offset;
        if idx < 0 || idx >= labels.len() as isize { 99 } else { labels[idx as usize] as u64 }
    };
    let own = label(0);
    add(40, &[own]);
    add(41, &[label(-1), own]);
    add(42, &[own, label(1)]);
    add(43, &[label(-2), label(-1), own]);
    add(44, &[own, label(1), label(2)]);
    // The nearest cue and source the first stage found on each side.
    for ((template, _), nearest) in NEAREST_PARTS.iter().zip(&first.nearest) {
        add(*template, &[nearest.behind[at].map_or(9, bucket), own]);
        add(template + 1, &[nearest.ahead[at].map_or(9, bucket), own]);
    }
}

/// Distances in tokens, in classes: 1, 2, 3, 4–6, 7–10, 11–20, farther.
fn bucket(distance: usize) -> u64 {
    match distance {
        0..=3 => distance as u64,
        4..=6 => 4,
        7..=10 => 5,
        11..=20 => 6,
        _ => 7,
    }
}

/// A coarse shape: capitalised, lower case, upper case, number, or the punctuation itself.
fn shape(word: &str) -> &str {
    let mut chars = word.chars();
    match chars.next() {
        Some(c) if c.is_uppercase() => {
            if word.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase) && word.chars().count() > 1 {
                "X"
            } else {
                "Xx"
            }
        }
        Some(c) if c.is_lowercase() => "x",
        Some(c) if c.is_ascii_digit() => "d",
        Some(_) => word,
        None => "",
    }
}

/// A feature's key: its template and its values' hashes, folded, then mixed (SplitMix64's
/// finaliser). These keys are what the model file stores.
fn feature_key(template: u8, parts: &[u64]) -> u64 {
    let mut state = (u64::from(template) + 101).wrapping_mul(0xd6e8_feb8_6659_fd93);
    for &part in parts {
        state = fold(state, part);
    }
    state = (state ^ (state >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    state = (state ^ (state >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    state ^ (state >> 31)
}
