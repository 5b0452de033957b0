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
//! The file is little-endian: the magic `SITREPATTR`, a format version (u32), the number of
//! labels (u32), the number of stages (u32), then each stage: the weight scale (f32), the
//! start, end and transition weights (f32 each), the number of feature rows (u32), then each row
//! sorted by key: the key (u64), its number of non-zero weights (u8), and each as a label (u8)
//! and a weight (i16, times the scale).

mod features;
mod train;

use std::ops::Range;

use rustc_hash::FxHashMap;

pub use train::{AttributionExample, AttributionRelation, AttributionTrainConfig, train_attribution};

use crate::doc::Doc;
use crate::lexicon::Lexicon;
use crate::marks::Region;
use crate::model_file::{BadByte, Reader};
use crate::ner::NameMention;
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

impl From<BadByte> for AttributionModelError {
    fn from(bad: BadByte) -> AttributionModelError {
        AttributionModelError::Corrupt { offset: bad.offset }
    }
}

/// What tagging one sentence after another reuses: its features and emission scores.
#[derive(Default)]
pub(crate) struct Buffers {
    keys: SentenceKeys,
    emissions: Vec<f32>,
}

/// A trained attribution tagger: a first stage, and a second that reads the first one's
/// labels besides (stacking: the cues the first stage learnt beyond the word lists tell the
/// second where content lies).
pub struct AttributionModel {
    stages: Vec<Stage>,
}

/// One stage's quantised weights and its transition scores.
pub(crate) struct Stage {
    weights: FxHashMap<u64, [i16; N_ROLE_LABELS]>,
    scale: f32,
    start: Vec<f32>,
    end: Vec<f32>,
    transitions: Vec<f32>,
    /// The same scores with the BIO constraints folded in, which decoding reads.
    constrained: (Vec<f32>, Vec<f32>, Vec<f32>),
}

impl std::fmt::Debug for AttributionModel {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AttributionModel").field("n_features", &self.n_features()).finish_non_exhaustive()
    }
}

impl Stage {
    /// A stage from float weights (`keys[row]` is the feature of `weights`' row `row`),
    /// quantised as the file stores them.
    pub(crate) fn new(keys: &[u64], weights: &[f32], start: Vec<f32>, end: Vec<f32>, transitions: Vec<f32>) -> Stage {
        let max_weight = weights.iter().fold(0.0f32, |max, weight| max.max(weight.abs()));
        let scale = if max_weight > 0.0 { max_weight / f32::from(i16::MAX) } else { 1.0 };
        let weights = keys
            .iter()
            .zip(weights.chunks_exact(N_ROLE_LABELS))
            .filter_map(|(&key, row)| {
                let row: [i16; N_ROLE_LABELS] = std::array::from_fn(|label| (row[label] / scale).round() as i16);
                row.iter().any(|&weight| weight != 0).then_some((key, row))
            })
            .collect();
        Stage::with_scores(weights, scale, start, end, transitions)
    }

    fn with_scores(
        weights: FxHashMap<u64, [i16; N_ROLE_LABELS]>,
        scale: f32,
        start: Vec<f32>,
        end: Vec<f32>,
        transitions: Vec<f32>,
    ) -> Stage {
        let constrained = constrained(&start, &end, &transitions);
        Stage { weights, scale, start, end, transitions, constrained }
    }

    /// The best labels of a sentence whose features are `keys`.
    fn decode(&self, keys: &SentenceKeys, n_tokens: usize, emissions: &mut Vec<f32>) -> Vec<usize> {
        emissions.clear();
        emissions.resize(n_tokens * N_ROLE_LABELS, 0.0);
        for (token_idx, scores) in emissions.chunks_exact_mut(N_ROLE_LABELS).enumerate() {
            let mut sums = [0i32; N_ROLE_LABELS];
            for row in keys.of_token(token_idx).iter().filter_map(|key| self.weights.get(key)) {
                for (sum, &weight) in sums.iter_mut().zip(row) {
                    *sum += i32::from(weight);
                }
            }
            for (score, sum) in scores.iter_mut().zip(sums) {
                *score = sum as f32 * self.scale;
            }
        }
        let (start, end, transitions) = &self.constrained;
        crate::sequence::viterbi::<N_ROLE_LABELS>(emissions, start, end, transitions)
    }

    fn write(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(&self.scale.to_le_bytes());
        for weight in self.start.iter().chain(&self.end).chain(&self.transitions) {
            out.extend_from_slice(&weight.to_le_bytes());
        }
        let mut rows: Vec<(&u64, &[i16; N_ROLE_LABELS])> = self.weights.iter().collect();
        rows.sort_unstable_by_key(|&(key, _)| *key);
        out.extend_from_slice(&(rows.len() as u32).to_le_bytes());
        for (key, row) in rows {
            out.extend_from_slice(&key.to_le_bytes());
            let non_zero: Vec<(usize, i16)> =
                row.iter().copied().enumerate().filter(|&(_, weight)| weight != 0).collect();
            out.push(non_zero.len() as u8);
            for (label, weight) in non_zero {
                out.push(label as u8);
                out.extend_from_slice(&weight.to_le_bytes());
            }
        }
    }

    fn read(reader: &mut Reader<'_>) -> Result<Stage, AttributionModelError> {
        let scale = reader.f32()?;
        let mut read_floats = |n: usize| (0..n).map(|_| reader.f32()).collect::<Result<Vec<f32>, _>>();
        let start = read_floats(N_ROLE_LABELS)?;
        let end = read_floats(N_ROLE_LABELS)?;
        let transitions = read_floats(N_ROLE_LABELS * N_ROLE_LABELS)?;
        let n_rows = reader.u32()? as usize;
        // Each row takes at least 9 bytes: a corrupt count cannot make us allocate much.
        if n_rows > reader.bytes.len() / 9 {
            return Err(reader.bad().into());
        }
        let mut weights = FxHashMap::default();
        weights.reserve(n_rows);
        for _ in 0..n_rows {
            let key = reader.u64()?;
            let n_weights = reader.u8()?;
            let mut row = [0i16; N_ROLE_LABELS];
            for _ in 0..n_weights {
                let label = reader.u8()? as usize;
                let weight = reader.i16()?;
                *row.get_mut(label).ok_or_else(|| reader.bad())? = weight;
            }
            weights.insert(key, row);
        }
        Ok(Stage::with_scores(weights, scale, start, end, transitions))
    }
}

impl AttributionModel {
    pub(crate) fn new(stages: Vec<Stage>) -> AttributionModel {
        AttributionModel { stages }
    }

    /// Number of features with weights, over the stages.
    pub fn n_features(&self) -> usize {
        self.stages.iter().map(|stage| stage.weights.len()).sum()
    }

    /// The parts of relations in every sentence, in document token indices.
    pub(crate) fn tag(
        &self,
        doc: &Doc<'_>,
        lexicon: &Lexicon,
        mentions: &[NameMention],
        regions: &[Region],
    ) -> Vec<RoleSpan> {
        let view = DocumentView::new(doc, lexicon, mentions, regions);
        let mut buffers = Buffers::default();
        let mut spans = Vec::new();
        for sentence in doc.sentences.iter().filter(|sentence| !sentence.is_empty()) {
            let labels = self.tag_sentence(&view, sentence.clone(), &mut buffers);
            spans.extend(spans_of(&labels, sentence.start));
        }
        spans
    }

    /// One sentence's labels: each stage in turn, the second reading the first's.
    pub(crate) fn tag_sentence(
        &self,
        view: &DocumentView<'_, '_>,
        sentence: Range<usize>,
        buffers: &mut Buffers,
    ) -> Vec<usize> {
        let mut labels: Option<Vec<usize>> = None;
        for stage in &self.stages {
            view.sentence_keys(sentence.clone(), labels.as_deref(), &mut buffers.keys);
            labels = Some(stage.decode(&buffers.keys, sentence.len(), &mut buffers.emissions));
        }
        labels.unwrap_or_default()
    }

    /// The model as a file (see the module doc). Deterministic: rows in key order.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
        out.extend_from_slice(&(N_ROLE_LABELS as u32).to_le_bytes());
        out.extend_from_slice(&(self.stages.len() as u32).to_le_bytes());
        for stage in &self.stages {
            stage.write(&mut out);
        }
        out
    }

    /// Reads a model file.
    pub fn from_bytes(bytes: &[u8]) -> Result<AttributionModel, AttributionModelError> {
        let mut reader = Reader::new(bytes);
        if reader.take(MAGIC.len())? != MAGIC {
            return Err(AttributionModelError::NotAModel);
        }
        let version = reader.u32()?;
        if version != FORMAT_VERSION {
            return Err(AttributionModelError::Version { found: version });
        }
        if reader.u32()? as usize != N_ROLE_LABELS {
            return Err(reader.bad().into());
        }
        let n_stages = reader.u32()?;
        if !(1..=2).contains(&n_stages) {
            return Err(reader.bad().into());
        }
        let stages = (0..n_stages).map(|_| Stage::read(&mut reader)).collect::<Result<Vec<_>, _>>()?;
        if !reader.at_end() {
            return Err(reader.bad().into());
        }
        Ok(AttributionModel { stages })
    }
}

/// Start, end and transition scores with the BIO constraints folded in.
fn constrained(start: &[f32], end: &[f32], transitions: &[f32]) -> (Vec<f32>, Vec<f32>, Vec<f32>) {
    let mut start = start.to_vec();
    let mut transitions = transitions.to_vec();
    for label in 0..N_ROLE_LABELS {
        if !may_follow(None, label) {
            start[label] = f32::NEG_INFINITY;
        }
        for previous in 0..N_ROLE_LABELS {
            if !may_follow(Some(previous), label) {
                transitions[previous * N_ROLE_LABELS + label] = f32::NEG_INFINITY;
            }
        }
    }
    (start, end.to_vec(), transitions)
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
