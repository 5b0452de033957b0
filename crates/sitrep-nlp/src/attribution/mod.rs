//! The attribution tagger: a linear-chain model, trained by the project on PolNeAR's
//! attribution relations (`sitrep train attribution`), that labels each token as part of a
//! relation's source, cue or content (BIO), or outside any. The quote rules read its contents
//! where they found no relation themselves: PolNeAR's reported speech has several hundred
//! cues ("is expected to", "seemed to", "backed"), a tail no word list covers.
//!
//! Two stages run one after the other: the first labels from the words, the lexicons' cues and
//! the entities; the second also reads the first one's labels of the sentence (where it put
//! cues and sources), trained on first-stage labels of folds it did not see.
//!
//! The file has the layout of [`crate::weights`], after the magic `SITREPATTR`.

mod features;
mod train;

use std::ops::Range;

pub use train::{AttributionExample, AttributionRelation, AttributionTrainConfig, train_attribution};

use crate::doc::Doc;
use crate::lexicon::Lexicon;
use crate::marks::Region;
use crate::ner::NameMention;
use crate::weights::{Constraints, FileError, Stage, Weights};
pub(crate) use features::{DocumentView, SentenceKeys};

/// Labels: outside, then begin and inside of content, source and cue.
pub(crate) const N_ROLE_LABELS: usize = 7;
const OUTSIDE: usize = 0;

/// A relation's part a token can be.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Role {
    Content,
    Source,
    Cue,
}

impl Role {
    fn begin(self) -> usize {
        match self {
            Role::Content => 1,
            Role::Source => 3,
            Role::Cue => 5,
        }
    }

    fn of_label(label: usize) -> Option<(Role, bool)> {
        match label {
            1 => Some((Role::Content, true)),
            2 => Some((Role::Content, false)),
            3 => Some((Role::Source, true)),
            4 => Some((Role::Source, false)),
            5 => Some((Role::Cue, true)),
            6 => Some((Role::Cue, false)),
            _ => None,
        }
    }
}

/// An "inside" label continues only its own part.
fn may_follow(previous: Option<usize>, next: usize) -> bool {
    match Role::of_label(next) {
        Some((role, false)) => {
            previous.is_some_and(|previous| previous == role.begin() || previous == role.begin() + 1)
        }
        _ => true,
    }
}

/// One run of tokens the tagger gave one part.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct RoleSpan {
    pub(crate) role: Role,
    pub(crate) tokens: Range<usize>,
}

const MAGIC: &[u8] = b"SITREPATTR";
const FORMAT_VERSION: u32 = 2;

/// Why an attribution model file could not be read.
#[derive(Debug, thiserror::Error)]
pub enum AttributionModelError {
    /// The bytes do not start like a model file.
    #[error("not a sitrep attribution model file (it does not start with \"SITREPATTR\")")]
    NotAModel,
    /// Another version of the format.
    #[error(
        "attribution model format version {found} is not the supported version {FORMAT_VERSION}; rebuild it with `sitrep train attribution`"
    )]
    Version {
        /// The version in the file.
        found: u32,
    },
    /// The file ends early or its counts disagree with its size.
    #[error("attribution model file is truncated or corrupt at byte {offset}")]
    Corrupt {
        /// Where reading failed.
        offset: usize,
    },
}

/// What tagging one sentence after another reuses: its features, their weight rows and the
/// emission scores.
#[derive(Default)]
pub(crate) struct Buffers {
    keys: SentenceKeys,
    rows: Vec<u32>,
    stacked: SentenceKeys,
    stacked_rows: Vec<u32>,
    emissions: Vec<f32>,
}

/// A trained attribution tagger: a first stage, and a second that reads the first one's
/// labels besides (stacking: the cues the first stage learnt beyond the word lists tell the
/// second where content lies).
pub struct AttributionModel {
    weights: Weights<N_ROLE_LABELS>,
}

/// The BIO scheme's constraints: an "inside" label continues its own part; any label ends.
pub(crate) const CONSTRAINTS: Constraints = Constraints { may_follow, may_end: |_| true };

impl std::fmt::Debug for AttributionModel {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AttributionModel").field("n_features", &self.n_features()).finish_non_exhaustive()
    }
}

impl AttributionModel {
    pub(crate) fn new(stages: Vec<Stage<N_ROLE_LABELS>>) -> AttributionModel {
        AttributionModel { weights: Weights::new(stages, CONSTRAINTS) }
    }

    /// Number of features with weights, over the stages.
    pub fn n_features(&self) -> usize {
        (0..self.weights.n_stages()).map(|stage| self.weights.table.len(stage)).sum()
    }

    /// The parts of relations in the sentences `wanted` holds for, in document token indices.
    /// Each sentence is tagged apart from the others, so its parts are the same whichever
    /// others are tagged.
    pub(crate) fn tag(
        &self,
        doc: &Doc<'_>,
        lexicon: &Lexicon,
        mentions: &[NameMention],
        regions: &[Region],
        wanted: impl Fn(&Range<usize>) -> bool,
    ) -> Vec<RoleSpan> {
        let sentences: Vec<Range<usize>> =
            doc.sentences.iter().filter(|sentence| !sentence.is_empty() && wanted(sentence)).cloned().collect();
        if sentences.is_empty() {
            return Vec::new();
        }
        let view = DocumentView::of_tokens(doc, lexicon, mentions, regions, &sentences);
        let mut buffers = Buffers::default();
        let mut spans = Vec::new();
        for sentence in &sentences {
            let labels = self.tag_sentence(&view, sentence.clone(), &mut buffers);
            spans.extend(spans_of(&labels, sentence.start));
        }
        spans
    }

    /// One sentence's labels: the first stage, then the second, which reads the first one's
    /// features again (looked up once) and its labels.
    pub(crate) fn tag_sentence(
        &self,
        view: &DocumentView<'_, '_>,
        sentence: Range<usize>,
        buffers: &mut Buffers,
    ) -> Vec<usize> {
        let Buffers { keys, rows, stacked, stacked_rows, emissions } = buffers;
        let table = &self.weights.table;
        let n_tokens = sentence.len();
        view.sentence_keys(sentence, None, keys);
        table.find_all(&keys.keys, rows);
        table.emissions(0, n_tokens, &[(&keys.starts, rows)], (&[], &[]), emissions);
        let first = self.weights.decode(0, emissions, &[]);
        // A sentence in which the first stage found no part of a relation is left as it is: in
        // PolNeAR's 610 articles the second stage never found one there either, and skipping it
        // saves a tenth of the tagger's work.
        if self.weights.n_stages() < 2 || first.iter().all(|&label| label == OUTSIDE) {
            return first;
        }
        features::stacked_keys(&first, stacked);
        table.find_all(&stacked.keys, stacked_rows);
        table.emissions(1, n_tokens, &[(&keys.starts, rows), (&stacked.starts, stacked_rows)], (&[], &[]), emissions);
        self.weights.decode(1, emissions, &[])
    }

    /// The model as a file (see [`crate::weights`] for the layout, after the magic
    /// `SITREPATTR`). Deterministic: rows in key order.
    pub fn to_bytes(&self) -> Vec<u8> {
        self.weights.to_bytes(MAGIC, FORMAT_VERSION)
    }

    /// Reads a model file.
    pub fn from_bytes(bytes: &[u8]) -> Result<AttributionModel, AttributionModelError> {
        let weights = Weights::from_bytes(bytes, MAGIC, FORMAT_VERSION, CONSTRAINTS).map_err(|error| match error {
            FileError::NotAModel => AttributionModelError::NotAModel,
            FileError::Version(found) => AttributionModelError::Version { found },
            FileError::Corrupt(offset) => AttributionModelError::Corrupt { offset },
        })?;
        Ok(AttributionModel { weights })
    }
}

/// The runs of a sentence's labels, in document token indices (the sentence starts at `first`).
fn spans_of(labels: &[usize], first: usize) -> Vec<RoleSpan> {
    let mut spans: Vec<RoleSpan> = Vec::new();
    for (offset, &label) in labels.iter().enumerate() {
        let idx = first + offset;
        match Role::of_label(label) {
            Some((role, false)) if spans.last().is_some_and(|span| span.role == role && span.tokens.end == idx) => {
                if let Some(span) = spans.last_mut() {
                    span.tokens.end = idx + 1;
                }
            }
            Some((role, _)) => spans.push(RoleSpan { role, tokens: idx..idx + 1 }),
            None => {}
        }
    }
    spans
}

/// The gold labels of a sentence (`sentence` in document tokens) from its parts.
fn labels_of(spans: &[RoleSpan], sentence: Range<usize>) -> Vec<usize> {
    let mut labels = vec![OUTSIDE; sentence.len()];
    for span in spans {
        let start = span.tokens.start.max(sentence.start);
        let end = span.tokens.end.min(sentence.end);
        for idx in start..end {
            labels[idx - sentence.start] = if idx == start { span.role.begin() } else { span.role.begin() + 1 };
        }
    }
    labels
}
