//! What the trained linear-chain taggers (entities, attribution) share once trained: each
//! stage's feature weights, laid out together in one [`FeatureTable`], its transition scores,
//! the label constraints decoding obeys, and the file layout.
//!
//! A model file is little-endian: its magic, a format version (u32), the number of labels
//! (u32), the number of stages (u32), then each stage: the weight scale (f32), the start, end
//! and transition weights (f32 each), the number of feature rows (u32), then each row sorted by
//! feature key: the key (u64), its number of non-zero weights (u8), and each as a label (u8) and
//! a weight (i16, times the scale). Quantising to 16 bits keeps the file small; a model just
//! trained is quantised the same way, so it tags exactly as the file it writes.

mod table;

pub(crate) use table::FeatureTable;
use table::{Layer, Row};

use crate::model_file::{BadByte, Reader};

/// Which labels a tagger's scheme lets start a sentence, follow another and end a sentence.
#[derive(Clone, Copy)]
pub(crate) struct Constraints {
    pub(crate) may_follow: fn(Option<usize>, usize) -> bool,
    pub(crate) may_end: fn(usize) -> bool,
}

impl Constraints {
    /// Start, end and transition scores with minus infinity wherever a label is not allowed:
    /// what [`crate::sequence::viterbi`] decodes with.
    pub(crate) fn apply(&self, start: &[f32], end: &[f32], transitions: &[f32]) -> TransitionScores {
        let n_labels = start.len();
        let mut scores =
            TransitionScores { start: start.to_vec(), end: end.to_vec(), transitions: transitions.to_vec() };
        for label in 0..n_labels {
            if !(self.may_follow)(None, label) {
                scores.start[label] = f32::NEG_INFINITY;
            }
            if !(self.may_end)(label) {
                scores.end[label] = f32::NEG_INFINITY;
            }
            for previous in 0..n_labels {
                if !(self.may_follow)(Some(previous), label) {
                    scores.transitions[previous * n_labels + label] = f32::NEG_INFINITY;
                }
            }
        }
        scores
    }
}

/// Start, end and label-to-label weights.
#[derive(Clone, Debug)]
pub(crate) struct TransitionScores {
    pub(crate) start: Vec<f32>,
    pub(crate) end: Vec<f32>,
    /// `transitions[previous * n_labels + next]`.
    pub(crate) transitions: Vec<f32>,
}

/// One trained stage over `N` labels, before its rows are laid out with the other stages'.
pub(crate) struct Stage<const N: usize> {
    layer: Layer<N>,
    scores: TransitionScores,
}

impl<const N: usize> Stage<N> {
    /// A stage from weight rows (`keys[row]` is the feature of row `row` of `weights`),
    /// quantised as the model file stores them.
    pub(crate) fn new(keys: &[u64], weights: &[f32], scores: TransitionScores) -> Stage<N> {
        let mut entries: Vec<(u64, [f32; N])> = keys
            .iter()
            .zip(weights.chunks_exact(N))
            .filter_map(|(&key, row)| Some((key, row.try_into().ok()?)))
            .collect();
        entries.sort_unstable_by_key(|&(key, _)| key);
        Stage { layer: Layer::quantise(entries), scores }
    }
}

/// The stages' weights laid out in one table (the later stages read most of the first one's
/// features, so one lookup serves all), and their transition scores.
pub(crate) struct Weights<const N: usize> {
    pub(crate) table: FeatureTable<N>,
    /// Per stage: the transition scores, and the same with the constraints applied.
    scores: Vec<(TransitionScores, TransitionScores)>,
}

/// Why the stages of a model file could not be read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum FileError {
    /// The bytes do not start with the magic.
    NotAModel,
    /// Another version of the format.
    Version(u32),
    /// Truncated, or a field holds what no model writes, at this byte.
    Corrupt(usize),
}

impl From<BadByte> for FileError {
    fn from(bad: BadByte) -> FileError {
        FileError::Corrupt(bad.offset)
    }
}

impl<const N: usize> Weights<N> {
    /// One or two stages, in the order they run.
    pub(crate) fn new(stages: Vec<Stage<N>>, constraints: Constraints) -> Weights<N> {
        let mut layers = Vec::with_capacity(stages.len());
        let mut scores = Vec::with_capacity(stages.len());
        for stage in stages {
            let TransitionScores { start, end, transitions } = &stage.scores;
            let constrained = constraints.apply(start, end, transitions);
            scores.push((stage.scores, constrained));
            layers.push(stage.layer);
        }
        Weights { table: FeatureTable::new(layers), scores }
    }

    pub(crate) fn n_stages(&self) -> usize {
        self.scores.len()
    }

    /// The best labels given a sentence's emission scores by stage `stage`'s weights; the
    /// tokens marked in `outside` (none if it is empty) take label 0 unscored.
    pub(crate) fn decode(&self, stage: usize, emissions: &[f32], outside: &[bool]) -> Vec<usize> {
        match self.scores.get(stage) {
            Some((_, constrained)) => crate::sequence::viterbi::<N>(
                emissions,
                &constrained.start,
                &constrained.end,
                &constrained.transitions,
                outside,
            ),
            None => Vec::new(),
        }
    }

    /// The weights as a model file (see the module doc). Deterministic: rows in key order.
    pub(crate) fn to_bytes(&self, magic: &[u8], version: u32) -> Vec<u8> {
        let mut out = Vec::new();
        out.extend_from_slice(magic);
        out.extend_from_slice(&version.to_le_bytes());
        out.extend_from_slice(&(N as u32).to_le_bytes());
        out.extend_from_slice(&(self.scores.len() as u32).to_le_bytes());
        for (layer, (scores, _)) in self.scores.iter().enumerate() {
            self.write_stage(layer, scores, &mut out);
        }
        out
    }

    fn write_stage(&self, layer: usize, scores: &TransitionScores, out: &mut Vec<u8>) {
        let mut keyed: Vec<(u64, &Row<N>)> = self.table.iter(layer).collect();
        keyed.sort_unstable_by_key(|&(key, _)| key);
        out.extend_from_slice(&self.table.scale(layer).to_le_bytes());
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

    /// Reads a model file of one or two stages written by [`Weights::to_bytes`].
    pub(crate) fn from_bytes(
        bytes: &[u8],
        magic: &[u8],
        version: u32,
        constraints: Constraints,
    ) -> Result<Weights<N>, FileError> {
        let mut reader = Reader::new(bytes);
        if reader.take(magic.len())? != magic {
            return Err(FileError::NotAModel);
        }
        let found = reader.u32()?;
        if found != version {
            return Err(FileError::Version(found));
        }
        if reader.u32()? as usize != N {
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
        Ok(Weights::new(stages, constraints))
    }
}

fn read_stage<const N: usize>(reader: &mut Reader<'_>) -> Result<Stage<N>, FileError> {
    let scale = reader.f32()?;
    let mut read_floats = |n: usize| (0..n).map(|_| reader.f32()).collect::<Result<Vec<f32>, _>>();
    let scores = TransitionScores { start: read_floats(N)?, end: read_floats(N)?, transitions: read_floats(N * N)? };
    let n_rows = reader.u32()? as usize;
    // Each row takes at least 9 bytes: a corrupt count cannot make us allocate much more than
    // the file's size.
    if n_rows > reader.bytes.len() / 9 {
        return Err(reader.bad().into());
    }
    let mut entries = Vec::with_capacity(n_rows);
    for _ in 0..n_rows {
        let key = reader.u64()?;
        let n_weights = reader.u8()?;
        let mut row: Row<N> = [0; N];
        for _ in 0..n_weights {
            let label = reader.u8()? as usize;
            let weight = reader.i16()?;
            *row.get_mut(label).ok_or_else(|| reader.bad())? = weight;
        }
        entries.push((key, row));
    }
    Ok(Stage { layer: Layer { entries, scale }, scores })
}
