//! The trained tagger: a linear-chain model over BILOU labels (emission weights per feature,
//! transition weights per label pair), decoded exactly by Viterbi under the BILOU constraints,
//! and its file format.
//!
//! Two stages run one after the other: the first tags from the sentence and the document's
//! casing; the second sees, besides, how the first labelled every other occurrence of each word
//! in the document (see `features::DocumentHistory`), which makes names consistent within an
//! article.
//!
//! The file is little-endian: the magic `SITREPNER`, a format version (u32), the number of
//! labels (u32), the number of stages (u32), then each stage: the weight scale (f32), the start,
//! end and transition weights (f32 each), the number of feature rows (u32), then each row sorted
//! by feature key: the key (u64), its number of non-zero weights (u8) and each as a label (u8)
//! and a weight (i16, times the scale). Quantising to 16 bits keeps the file small; a model just
//! trained is quantised the same way, so it tags exactly as the file it writes.

use crate::lexicon::Lexicon;
use crate::model_file::{BadByte, Reader};
use crate::ner::features::{
    DocumentCasing, DocumentHistory, SentenceFeatures, SentenceWords, sentence_features, with_history,
};
use crate::ner::gazetteer::Gazetteer;
use crate::ner::label::{N_LABELS, NerSpan, may_end, may_follow, spans_of};
use crate::ner::table::{FeatureTable, Layer, Row};

const MAGIC: &[u8] = b"SITREPNER";
const FORMAT_VERSION: u32 = 2;

/// Why a model file could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ModelError {
    /// The bytes do not start like a model file.
    #[error("not a sitrep NER model file (it does not start with {magic:?})", magic = "SITREPNER")]
    NotAModel,
    /// The file was written by another version of the format.
    #[error(
        "NER model format version {found} is not the supported version {FORMAT_VERSION}; rebuild it with `sitrep train ner`"
    )]
    Version {
        /// The version in the file.
        found: u32,
    },
    /// The file ends early or its counts disagree with its size.
    #[error("NER model file is truncated or corrupt at byte {offset}")]
    Corrupt {
        /// Where reading failed.
        offset: usize,
    },
}

impl From<BadByte> for ModelError {
    fn from(bad: BadByte) -> ModelError {
        ModelError::Corrupt { offset: bad.offset }
    }
}

/// A trained named-entity tagger with its features' gazetteer.
pub struct NerModel {
    weights: Weights,
    gazetteer: Gazetteer,
}

impl std::fmt::Debug for NerModel {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NerModel").field("n_features", &self.n_features()).finish_non_exhaustive()
    }
}

/// One trained stage, before its rows are laid out with the other stage's.
pub(crate) struct Stage {
    layer: Layer,
    scores: TransitionScores,
}

impl Stage {
    /// A stage from weight rows (`keys[row]` is the feature of row `row` of `weights`). The
    /// weights are quantised as the model file stores them, so that a model just trained tags
    /// exactly as the file it writes.
    pub(crate) fn new(keys: &[u64], weights: &[f32], scores: TransitionScores) -> Stage {
        let mut entries: Vec<(u64, [f32; N_LABELS])> = keys
            .iter()
            .zip(weights.chunks_exact(N_LABELS))
            .filter_map(|(&key, row)| Some((key, row.try_into().ok()?)))
            .collect();
        entries.sort_unstable_by_key(|&(key, _)| key);
        Stage { layer: Layer::quantise(entries), scores }
    }
}

/// The stages' weights laid out in one table, and their transition scores.
pub(crate) struct Weights {
    table: FeatureTable,
    /// Per stage: the transition scores, and the same with the BILOU constraints folded in
    /// (minus infinity where a label may not follow another), for decoding.
    scores: Vec<(TransitionScores, TransitionScores)>,
}

impl Weights {
    /// One or two stages (the first stage, then the second).
    pub(crate) fn new(stages: Vec<Stage>) -> Weights {
        let mut layers = Vec::with_capacity(stages.len());
        let mut scores = Vec::with_capacity(stages.len());
        for stage in stages {
            let constrained = stage.scores.constrained();
            scores.push((stage.scores, constrained));
            layers.push(stage.layer);
        }
        Weights { table: FeatureTable::new(layers), scores }
    }

    /// Tags a document: the first stage, then (if there is one) the second, which reads the
    /// first stage's labels of the whole document.
    pub(crate) fn tag<S: AsRef<str>>(&self, sentences: &[Vec<S>], gazetteer: &Gazetteer) -> Vec<Vec<NerSpan>> {
        let base = base_features(sentences, gazetteer);
        let first = self.first_stage(&base);
        let Some((_, second_scores)) = self.scores.get(1) else { return first.spans };
        let history = DocumentHistory::new(&base, &first.spans);
        let mut emissions = Vec::new();
        let mut history_features = SentenceFeatures::default();
        let mut history_rows = Vec::new();
        base.iter()
            .zip(&first.rows)
            .enumerate()
            .map(|(sentence_idx, (features, rows))| {
                with_history(features, false, sentence_idx, &history, &mut history_features);
                self.table.find_all(&history_features.keys, &mut history_rows);
                self.emissions(1, &[(features, rows), (&history_features, &history_rows)], &mut emissions);
                spans_of(&viterbi(&emissions, second_scores))
            })
            .collect()
    }

    /// The first stage over a document's features: each sentence's entities and feature rows
    /// (which the second stage reads again).
    pub(crate) fn first_stage(&self, base: &[SentenceFeatures]) -> FirstStage {
        let mut emissions = Vec::new();
        let mut rows = Vec::with_capacity(base.len());
        let mut spans = Vec::with_capacity(base.len());
        for features in base {
            let mut sentence_rows = Vec::new();
            self.table.find_all(&features.keys, &mut sentence_rows);
            let labels = match self.scores.first() {
                Some((_, first_scores)) => {
                    self.emissions(0, &[(features, &sentence_rows)], &mut emissions);
                    viterbi(&emissions, first_scores)
                }
                None => Vec::new(),
            };
            spans.push(spans_of(&labels));
            rows.push(sentence_rows);
        }
        FirstStage { spans, rows }
    }

    /// The emission scores of a sentence by one layer's weights, summed over groups of
    /// features (each with the row indices `find_all` gave for its keys).
    fn emissions(&self, layer: usize, groups: &[(&SentenceFeatures, &Vec<u32>)], out: &mut Vec<f32>) {
        let n_tokens = groups.first().map_or(0, |(features, _)| features.n_tokens());
        out.clear();
        out.resize(n_tokens * N_LABELS, 0.0);
        let scale = self.table.scale(layer);
        let layer_rows = self.table.layer(layer);
        for (token_idx, scores) in out.chunks_exact_mut(N_LABELS).enumerate() {
            // Integer sums: exact, and the rows stay 16-bit in the cache.
            let mut sums = [0i32; N_LABELS];
            for (features, rows) in groups {
                let token_rows = match (features.starts.get(token_idx), features.starts.get(token_idx + 1)) {
                    (Some(&start), Some(&end)) => rows.get(start..end).unwrap_or_default(),
                    _ => &[],
                };
                // Unknown features (`u32::MAX`) fall outside the layer and add nothing.
                for weights in token_rows.iter().filter_map(|&row| layer_rows.get(row as usize)) {
                    for (sum, &weight) in sums.iter_mut().zip(weights) {
                        *sum += i32::from(weight);
                    }
                }
            }
            for (score, sum) in scores.iter_mut().zip(sums) {
                *score = sum as f32 * scale;
            }
        }
    }
}

/// What the first stage gives a document.
pub(crate) struct FirstStage {
    /// Each sentence's entities.
    pub(crate) spans: Vec<Vec<NerSpan>>,
    /// Each sentence's feature rows (`FeatureTable::find_all`).
    rows: Vec<Vec<u32>>,
}

/// Start, end and label-to-label weights.
#[derive(Clone, Debug)]
pub(crate) struct TransitionScores {
    pub(crate) start: Vec<f32>,
    pub(crate) end: Vec<f32>,
    /// `transitions[previous * N_LABELS + next]`.
    pub(crate) transitions: Vec<f32>,
}

impl TransitionScores {
    pub(crate) fn zero() -> TransitionScores {
        TransitionScores {
            start: vec![0.0; N_LABELS],
            end: vec![0.0; N_LABELS],
            transitions: vec![0.0; N_LABELS * N_LABELS],
        }
    }

    /// The same scores with minus infinity wherever the BILOU constraints forbid a label: what
    /// [`viterbi`] decodes with.
    pub(crate) fn constrained(&self) -> TransitionScores {
        let mut constrained = self.clone();
        for label in 0..N_LABELS {
            if !may_follow(None, label) {
                constrained.start[label] = f32::NEG_INFINITY;
            }
            if !may_end(label) {
                constrained.end[label] = f32::NEG_INFINITY;
            }
            for previous in 0..N_LABELS {
                if !may_follow(Some(previous), label) {
                    constrained.transitions[previous * N_LABELS + label] = f32::NEG_INFINITY;
                }
            }
        }
        constrained
    }
}

impl NerModel {
    pub(crate) fn new(weights: Weights, gazetteer: Gazetteer) -> NerModel {
        NerModel { weights, gazetteer }
    }

    /// Number of distinct features with weights, over both stages.
    pub fn n_features(&self) -> usize {
        self.weights.table.n_keys()
    }

    /// Tags a document given as sentences of tokens; returns each sentence's entities.
    pub fn tag_document<S: AsRef<str>>(&self, sentences: &[Vec<S>]) -> Vec<Vec<NerSpan>> {
        self.weights.tag(sentences, &self.gazetteer)
    }

    /// The model as a file (see the module doc for the layout). Deterministic: rows are
    /// written in key order.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
        out.extend_from_slice(&(N_LABELS as u32).to_le_bytes());
        out.extend_from_slice(&(self.weights.scores.len() as u32).to_le_bytes());
        for (layer, (scores, _)) in self.weights.scores.iter().enumerate() {
            write_stage(&self.weights.table, layer, scores, &mut out);
        }
        out
    }

    /// Reads a model file.
    pub fn from_bytes(bytes: &[u8]) -> Result<NerModel, ModelError> {
        let mut reader = Reader::new(bytes);
        if reader.take(MAGIC.len())? != MAGIC {
            return Err(ModelError::NotAModel);
        }
        let version = reader.u32()?;
        if version != FORMAT_VERSION {
            return Err(ModelError::Version { found: version });
        }
        if reader.u32()? as usize != N_LABELS {
            return Err(reader.bad().into());
        }
        let n_stages = reader.u32()?;
        if !(1..=2).contains(&n_stages) {
            return Err(reader.bad().into());
        }
        let stages = (0..n_stages).map(|_| read_stage(&mut reader)).collect::<Result<Vec<_>, _>>()?;
        if !reader.at_end() {
            return Err(reader.bad().into());
        }
        Ok(NerModel::new(Weights::new(stages), Gazetteer::builtin(&Lexicon::builtin())))
    }
}

fn write_stage(table: &FeatureTable, layer: usize, scores: &TransitionScores, out: &mut Vec<u8>) {
    let mut keyed: Vec<(u64, &Row)> = table.iter(layer).collect();
    keyed.sort_unstable_by_key(|&(key, _)| key);
    out.extend_from_slice(&table.scale(layer).to_le_bytes());
    for weight in scores.start.iter().chain(&scores.end).chain(&scores.transitions) {
        out.extend_from_slice(&weight.to_le_bytes());
    }
    out.extend_from_slice(&(keyed.len() as u32).to_le_bytes());
    for (key, weights) in keyed {
        let non_zero: Vec<(u8, i16)> = weights
            .iter()
            .enumerate()
            .filter(|&(_, &weight)| weight != 0)
            .map(|(label, &weight)| (label as u8, weight))
            .collect();
        out.extend_from_slice(&key.to_le_bytes());
        out.push(non_zero.len() as u8);
        for (label, weight) in non_zero {
            out.push(label);
            out.extend_from_slice(&weight.to_le_bytes());
        }
    }
}

fn read_stage(reader: &mut Reader<'_>) -> Result<Stage, ModelError> {
    let scale = reader.f32()?;
    let mut scores = TransitionScores::zero();
    for weight in scores.start.iter_mut().chain(&mut scores.end).chain(&mut scores.transitions) {
        *weight = reader.f32()?;
    }
    let n_rows = reader.u32()? as usize;
    // Each row takes at least 12 bytes: a corrupt count cannot make us allocate much more
    // than the file's size.
    if n_rows > reader.bytes.len() / 12 {
        return Err(reader.bad().into());
    }
    let mut entries = Vec::with_capacity(n_rows);
    for _ in 0..n_rows {
        let key = reader.u64()?;
        let n_weights = reader.u8()?;
        let mut row: Row = [0; N_LABELS];
        for _ in 0..n_weights {
            let label = reader.u8()? as usize;
            let weight = reader.i16()?;
            let Some(slot) = row.get_mut(label) else { return Err(reader.bad().into()) };
            *slot = weight;
        }
        entries.push((key, row));
    }
    Ok(Stage { layer: Layer { entries, scale }, scores })
}

/// The first stage's features of every sentence of a document.
pub(crate) fn base_features<S: AsRef<str>>(sentences: &[Vec<S>], gazetteer: &Gazetteer) -> Vec<SentenceFeatures> {
    let words: Vec<SentenceWords> = sentences.iter().map(|sentence| SentenceWords::new(sentence)).collect();
    let casing = DocumentCasing::new(sentences, &words);
    sentences
        .iter()
        .enumerate()
        .map(|(sentence_idx, sentence)| {
            let mut features = SentenceFeatures::default();
            sentence_features(sentence, &words[sentence_idx], sentence_idx, &casing, gazetteer, &mut features);
            features
        })
        .collect()
}

/// The best label sequence for `emissions` (`n_tokens * N_LABELS` scores) given constrained
/// transition scores (see [`TransitionScores::constrained`]).
pub(crate) fn viterbi(emissions: &[f32], scores: &TransitionScores) -> Vec<usize> {
    crate::sequence::viterbi::<N_LABELS>(emissions, &scores.start, &scores.end, &scores.transitions)
}
