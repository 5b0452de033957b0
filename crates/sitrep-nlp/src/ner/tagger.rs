//! The trained tagger: a linear-chain model over BILOU labels (emission weights per feature,
//! transition weights per label pair), decoded exactly by Viterbi under the BILOU constraints,
//! and its file format.
//!
//! Two stages run one after the other: the first tags from the sentence and the document's
//! casing; the second sees, besides, how the first labelled every other occurrence of each word
//! in the document (see `features::DocumentHistory`), which makes names consistent within an
//! article.
//!
//! The file has the layout of [`crate::weights`], after the magic `SITREPNER`.

use crate::lexicon::Lexicon;
use crate::ner::features::{
    DocumentCasing, DocumentHistory, DocumentInputs, OwnFeatures, SentenceFeatures, SentenceWords, sentence_features,
    with_history,
};
use crate::ner::gazetteer::Gazetteer;
use crate::ner::label::{N_LABELS, NerSpan, may_end, may_follow, spans_of};
use crate::ner::own_sums::{self, ModelId, OwnSums};
use crate::weights::{Constraints, FileError, Weights};

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

/// A trained named-entity tagger with its features' gazetteer.
pub struct NerModel {
    weights: Weights<N_LABELS>,
    gazetteer: Gazetteer,
    /// Names this model's sums of own features in a thread's store.
    id: ModelId,
}

impl std::fmt::Debug for NerModel {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NerModel").field("n_features", &self.n_features()).finish_non_exhaustive()
    }
}

/// The BILOU scheme's constraints.
pub(crate) const CONSTRAINTS: Constraints = Constraints { may_follow, may_end };

/// Tags a document with `model`: the first stage, then (if there is one) the second, which
/// reads the first stage's labels of the whole document. `own` says whether each token's own
/// features are looked up apart, once per word (see [`own_sums`]), or with the others.
fn tag<S: AsRef<str>>(model: &NerModel, sentences: &[Vec<S>], scoring: Scoring, own: Own) -> Vec<Vec<NerSpan>> {
    let weights = &model.weights;
    match own {
        Own::Summed => own_sums::with_store(model.id, weights.n_stages(), |store| {
            let base = base_features(sentences, &model.gazetteer, scoring, OwnFeatures::summed(&weights.table, store));
            tag_stages(weights, &base, store)
        }),
        #[cfg(test)]
        Own::Inline => {
            let base = base_features(sentences, &model.gazetteer, scoring, OwnFeatures::Inline);
            tag_stages(weights, &base, &OwnSums::default())
        }
    }
}

/// Whether [`tag`] sums each word's own features once ([`OwnFeatures::Summed`]) or reads them
/// with the others.
#[derive(Clone, Copy)]
enum Own {
    Summed,
    #[cfg(test)]
    Inline,
}

/// The stages over a document's first-stage features, whose own sums (if any) are in `store`.
fn tag_stages(weights: &Weights<N_LABELS>, base: &[SentenceFeatures], store: &OwnSums) -> Vec<Vec<NerSpan>> {
    let first = first_stage(weights, base, store);
    if weights.n_stages() < 2 {
        return first.spans;
    }
    let history = DocumentHistory::new(base, &first.spans);
    let mut emissions = Vec::new();
    let mut history_features = SentenceFeatures::default();
    let mut history_rows = Vec::new();
    base.iter()
        .zip(&first.rows)
        .enumerate()
        .map(|(sentence_idx, (features, rows))| {
            with_history(features, false, sentence_idx, &history, &mut history_features);
            weights.table.find_all(&history_features.keys, &mut history_rows);
            let groups = [(features.starts.as_slice(), rows.as_slice()), (&history_features.starts, &history_rows)];
            let own = (features.own.as_slice(), store.stage(1));
            weights.table.emissions(1, features.n_tokens(), &groups, own, &mut emissions);
            spans_of(&weights.decode(1, &emissions, &features.outside))
        })
        .collect()
}

/// The first stage over a document's features, whose own sums (if any) are in `store`: each
/// sentence's entities and feature rows (which the second stage reads again).
pub(crate) fn first_stage(weights: &Weights<N_LABELS>, base: &[SentenceFeatures], store: &OwnSums) -> FirstStage {
    let mut emissions = Vec::new();
    let mut rows = Vec::with_capacity(base.len());
    let mut spans = Vec::with_capacity(base.len());
    for features in base {
        let mut sentence_rows = Vec::new();
        weights.table.find_all(&features.keys, &mut sentence_rows);
        let own = (features.own.as_slice(), store.stage(0));
        weights.table.emissions(0, features.n_tokens(), &[(&features.starts, &sentence_rows)], own, &mut emissions);
        spans.push(spans_of(&weights.decode(0, &emissions, &features.outside)));
        rows.push(sentence_rows);
    }
    FirstStage { spans, rows }
}

/// What the first stage gives a document.
pub(crate) struct FirstStage {
    /// Each sentence's entities.
    pub(crate) spans: Vec<Vec<NerSpan>>,
    /// Each sentence's feature rows (`FeatureTable::find_all`).
    rows: Vec<Vec<u32>>,
}

impl NerModel {
    pub(crate) fn new(weights: Weights<N_LABELS>, gazetteer: Gazetteer) -> NerModel {
        NerModel { weights, gazetteer, id: ModelId::new() }
    }

    /// Number of distinct features with weights, over both stages.
    pub fn n_features(&self) -> usize {
        self.weights.table.n_keys()
    }

    /// Tags a document given as sentences of tokens; returns each sentence's entities.
    pub fn tag_document<S: AsRef<str>>(&self, sentences: &[Vec<S>]) -> Vec<Vec<NerSpan>> {
        tag(self, sentences, Scoring::SkipOutside, Own::Summed)
    }

    /// The model as a file (see [`crate::weights`] for the layout, after the magic
    /// `SITREPNER`). Deterministic: rows are written in key order.
    pub fn to_bytes(&self) -> Vec<u8> {
        self.weights.to_bytes(MAGIC, FORMAT_VERSION)
    }

    /// Reads a model file.
    pub fn from_bytes(bytes: &[u8]) -> Result<NerModel, ModelError> {
        let weights = Weights::from_bytes(bytes, MAGIC, FORMAT_VERSION, CONSTRAINTS).map_err(|error| match error {
            FileError::NotAModel => ModelError::NotAModel,
            FileError::Version(found) => ModelError::Version { found },
            FileError::Corrupt(offset) => ModelError::Corrupt { offset },
        })?;
        Ok(NerModel::new(weights, Gazetteer::builtin(&Lexicon::builtin())))
    }
}

/// Which tokens get features and scores.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Scoring {
    /// Every token (training).
    AllTokens,
    /// All but the tokens certainly outside every name, which are labelled Outside unscored
    /// (tagging): where the tagger would label them Outside anyway, the labels are the same.
    SkipOutside,
}

/// The first stage's features of every sentence of a document.
pub(crate) fn base_features<S: AsRef<str>>(
    sentences: &[Vec<S>],
    gazetteer: &Gazetteer,
    scoring: Scoring,
    mut own: OwnFeatures<'_>,
) -> Vec<SentenceFeatures> {
    let words: Vec<SentenceWords> = sentences.iter().map(|sentence| SentenceWords::new(sentence)).collect();
    let casing = DocumentCasing::new(sentences, &words);
    let document = DocumentInputs { casing: &casing, gazetteer, skip_outside: scoring == Scoring::SkipOutside };
    sentences
        .iter()
        .enumerate()
        .map(|(sentence_idx, sentence)| {
            let mut features = SentenceFeatures::default();
            sentence_features(sentence, &words[sentence_idx], sentence_idx, &document, &mut own, &mut features);
            features
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const EXAMPLES: &[&str] = &[
        include_str!("../../../../examples/articles/01-geneva-talks-agreed-meridian-post.txt"),
        include_str!("../../../../examples/articles/03-ferreira-navy-funding-coastal-ledger.txt"),
        include_str!("../../../../examples/articles/05-kestria-mine-accusation-harbour-daily.txt"),
    ];

    #[test]
    fn skipping_the_tokens_certainly_outside_changes_no_label() {
        let model = crate::Model::builtin();
        let tagger = model.ner();
        let mut n_names = 0;
        for article in EXAMPLES {
            let sentences = crate::sentence_tokens(article);
            let all = tag(tagger, &sentences, Scoring::AllTokens, Own::Inline);
            let skipping = tag(tagger, &sentences, Scoring::SkipOutside, Own::Inline);
            assert_eq!(all, skipping);
            // Summing each word's own features once (twice over: the second time from the
            // sums the first left in this thread's store) gives the same labels.
            for _ in 0..2 {
                assert_eq!(tag(tagger, &sentences, Scoring::SkipOutside, Own::Summed), all);
            }
            n_names += all.concat().len();
        }
        assert!(n_names > 20, "{n_names} names: the articles must hold names for the test to mean anything");
    }

    #[test]
    fn a_text_in_lower_case_is_scored_whole() {
        let sentences = vec![vec!["talks", "in", "geneva", "resumed", "."]];
        let gazetteer = Gazetteer::builtin(&Lexicon::builtin());
        let base = base_features(&sentences, &gazetteer, Scoring::SkipOutside, OwnFeatures::Inline);
        assert_eq!(base[0].outside, vec![false; 5]);
        let cased = vec![vec!["Talks", "in", "Geneva", "resumed", "on", "time", "."]];
        let base = base_features(&cased, &gazetteer, Scoring::SkipOutside, OwnFeatures::Inline);
        // "resumed" beside "Geneva" is a plain word not flanked by capitals; "in", which names
        // hold ("Ministry of the Interior"), is scored beside one.
        assert_eq!(base[0].outside, vec![false, false, false, true, true, true, true]);
        assert!(base[0].of_token(5).is_empty() && !base[0].of_token(1).is_empty());
        // Between two capitalised words a plain word may be inside a name; beside one, a token
        // that is no plain word ("'s", "-") is scored too.
        let flanked = vec![vec!["Boatmen", "'s", "Bank", "bought", "Ostmark", "-", "based", "units", "."]];
        let base = base_features(&flanked, &gazetteer, Scoring::SkipOutside, OwnFeatures::Inline);
        assert_eq!(base[0].outside, vec![false, false, false, false, false, false, true, true, true]);
        // A number may close a name ("the Fair Sentencing Act of 2010"): it is scored.
        let numbered = vec![vec!["It", "was", "signed", "in", "2010", "by", "law", "."]];
        let base = base_features(&numbered, &gazetteer, Scoring::SkipOutside, OwnFeatures::Inline);
        assert_eq!(base[0].outside, vec![false, true, true, true, false, true, true, true]);
    }
}
