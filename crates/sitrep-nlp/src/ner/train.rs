//! Training the tagger: a structured averaged perceptron (Collins 2002). Each epoch visits the
//! training sentences in an order shuffled by a seeded generator, decodes each with the current
//! weights and, where the best sequence differs from the gold one, moves the weights of the
//! tokens and label pairs that differ toward gold. The averaged weights (Daumé's trick: keep the
//! sum of updates weighted by time, subtract it once at the end) generalise far better than
//! the last ones. Same data, same configuration: the same model, byte for byte.

use crate::lexicon::Lexicon;
use crate::ner::features::{DocumentHistory, OwnFeatures, SentenceFeatures, with_history};
use crate::ner::gazetteer::Gazetteer;
use crate::ner::label::{N_LABELS, NerSpan, labels_of};
use crate::ner::own_sums::OwnSums;
use crate::ner::tagger::{CONSTRAINTS, NerModel, Scoring, base_features, first_stage};
use crate::sequence::{Example, KeyedSentence, number_rows, train_perceptron};
use crate::weights::{Stage, TransitionScores, Weights};

/// A document of gold-labelled sentences: the unit whose casing the features read.
#[derive(Clone, Debug, Default)]
pub struct TrainingDocument {
    /// Its sentences, in order.
    pub sentences: Vec<TrainingSentence>,
}

/// One sentence of tokens and its gold entities.
#[derive(Clone, Debug, Default)]
pub struct TrainingSentence {
    /// The tokens.
    pub tokens: Vec<String>,
    /// The entities, in token indices; they must not overlap.
    pub spans: Vec<NerSpan>,
}

/// How to train.
#[derive(Clone, Debug)]
pub struct TrainConfig {
    /// Passes over the training data.
    pub epochs: usize,
    /// Seed of the shuffling.
    pub seed: u64,
    /// Features seen fewer times than this in training are dropped.
    pub min_count: u32,
    /// Folds of the training documents for the second stage's view of the first (0: train the
    /// first stage only). Each fold is labelled by a first stage trained on the others.
    pub folds: usize,
}

impl Default for TrainConfig {
    fn default() -> TrainConfig {
        TrainConfig { epochs: 12, seed: 20_261_201, min_count: 3, folds: 5 }
    }
}

/// What one epoch did, for progress reports.
#[derive(Clone, Copy, Debug)]
pub struct EpochReport {
    /// What is being trained: "first stage, fold 2 of 5", "first stage", "second stage".
    pub part: &'static str,
    /// The fold, for the folds' first stages.
    pub fold: Option<usize>,
    /// 1-based epoch number.
    pub epoch: usize,
    /// Tokens the current weights labelled wrongly before their update.
    pub n_wrong: usize,
    /// Tokens seen.
    pub n_tokens: usize,
}

/// Trains a tagger on `documents`; `on_epoch` hears after every epoch.
pub fn train_ner(
    documents: &[TrainingDocument],
    config: &TrainConfig,
    on_epoch: &mut dyn FnMut(EpochReport),
) -> NerModel {
    let gazetteer = Gazetteer::builtin(&Lexicon::builtin());
    let all: Vec<&TrainingDocument> = documents.iter().collect();
    let first = train_stage(&all, None, &gazetteer, config, &mut |report| {
        on_epoch(EpochReport { part: "first stage", ..report })
    });
    if config.folds < 2 {
        return NerModel::new(Weights::new(vec![first], CONSTRAINTS), gazetteer);
    }
    // Jackknifing: the second stage must learn how far to trust the first stage's labels on
    // text that stage never saw, so each fold's labels come from a stage trained without it.
    let mut histories: Vec<DocumentHistory> = (0..documents.len()).map(|_| DocumentHistory::default()).collect();
    for fold in 0..config.folds {
        let in_fold = |idx: usize| idx % config.folds == fold;
        let others: Vec<&TrainingDocument> =
            documents.iter().enumerate().filter(|&(idx, _)| !in_fold(idx)).map(|(_, document)| document).collect();
        let stage = train_stage(&others, None, &gazetteer, config, &mut |report| {
            on_epoch(EpochReport { part: "first stage on other folds", fold: Some(fold + 1), ..report })
        });
        let fold_tagger = Weights::new(vec![stage], CONSTRAINTS);
        for (idx, document) in documents.iter().enumerate().filter(|&(idx, _)| in_fold(idx)) {
            let base = base_features(&document_tokens(document), &gazetteer, Scoring::AllTokens, OwnFeatures::Inline);
            histories[idx] = DocumentHistory::new(&base, &first_stage(&fold_tagger, &base, &OwnSums::default()).spans);
        }
    }
    let history_refs: Vec<&DocumentHistory> = histories.iter().collect();
    let second = train_stage(&all, Some(&history_refs), &gazetteer, config, &mut |report| {
        on_epoch(EpochReport { part: "second stage", ..report })
    });
    NerModel::new(Weights::new(vec![first, second], CONSTRAINTS), gazetteer)
}

fn document_tokens(document: &TrainingDocument) -> Vec<Vec<&str>> {
    document.sentences.iter().map(|sentence| sentence.tokens.iter().map(String::as_str).collect()).collect()
}

/// Trains one stage's weights; `histories` (one per document) gives the second stage its view
/// of the first.
fn train_stage(
    documents: &[&TrainingDocument],
    histories: Option<&[&DocumentHistory]>,
    gazetteer: &Gazetteer,
    config: &TrainConfig,
    on_epoch: &mut dyn FnMut(EpochReport),
) -> Stage<N_LABELS> {
    let (examples, keys) = featurize(documents, histories, gazetteer, config.min_count);
    let learnt = train_perceptron::<N_LABELS>(
        &examples,
        keys.len(),
        config.epochs,
        config.seed,
        &CONSTRAINTS,
        &mut |epoch, n_wrong, n_tokens| on_epoch(EpochReport { part: "", fold: None, epoch, n_wrong, n_tokens }),
    );
    let scores = TransitionScores { start: learnt.start, end: learnt.end, transitions: learnt.transitions };
    Stage::new(&keys, &learnt.weights, scores)
}

/// Every sentence's features as rows of the weight table (keys seen at least `min_count`
/// times, numbered in order of first sight), and the keys of those rows.
fn featurize(
    documents: &[&TrainingDocument],
    histories: Option<&[&DocumentHistory]>,
    gazetteer: &Gazetteer,
    min_count: u32,
) -> (Vec<Example>, Vec<u64>) {
    let mut sentences = Vec::new();
    for (document_idx, document) in documents.iter().enumerate() {
        let tokens = document_tokens(document);
        let history = histories.and_then(|histories| histories.get(document_idx).copied());
        // Training scores every token (here and in the folds' first stages): a tagger trained
        // only on the tokens tagging scores learns less (dev F1 0.3 lower), and one trained on
        // all of them labels the skipped ones Outside anyway.
        let base = base_features(&tokens, gazetteer, Scoring::AllTokens, OwnFeatures::Inline);
        for (sentence_idx, ((sentence, tokens), base)) in document.sentences.iter().zip(&tokens).zip(base).enumerate() {
            if tokens.is_empty() {
                continue;
            }
            let features = match history {
                Some(history) => {
                    let mut features = SentenceFeatures::default();
                    with_history(&base, true, sentence_idx, history, &mut features);
                    features
                }
                None => base,
            };
            let gold = labels_of(&sentence.spans, tokens.len());
            sentences.push(KeyedSentence { keys: features.keys, starts: features.starts, gold });
        }
    }
    number_rows(sentences, min_count)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ner::label::NerType;

    fn sentence(words: &str, spans: &[(usize, usize, NerType)]) -> TrainingSentence {
        TrainingSentence {
            tokens: words.split(' ').map(String::from).collect(),
            spans: spans.iter().map(|&(start, end, entity_type)| NerSpan { start, end, entity_type }).collect(),
        }
    }

    fn toy_corpus() -> Vec<TrainingDocument> {
        let names = ["Anna Berg", "Tomas Quill", "Rhea Moss", "Ivo Tarn", "Lena Hart", "Omar Veld"];
        let places = ["Kestria", "Valdoria", "Ostmark", "Serrat"];
        let mut documents = Vec::new();
        for (idx, name) in names.iter().enumerate() {
            let place = places[idx % places.len()];
            let text = format!("{name} said on Monday that talks in {place} will resume .");
            documents.push(TrainingDocument {
                sentences: vec![sentence(&text, &[(0, 2, NerType::Per), (8, 9, NerType::Loc)])],
            });
        }
        documents
    }

    #[test]
    fn learns_a_toy_pattern_and_round_trips_through_bytes() {
        let config = TrainConfig { epochs: 8, seed: 7, min_count: 1, folds: 0 };
        let model = train_ner(&toy_corpus(), &config, &mut |_| {});
        let sentences = vec!["Mira Solt said on Monday that talks in Ostmark will resume .".split(' ').collect()];
        let tagged = model.tag_document(&sentences);
        let expected = vec![vec![
            NerSpan { start: 0, end: 2, entity_type: NerType::Per },
            NerSpan { start: 8, end: 9, entity_type: NerType::Loc },
        ]];
        assert_eq!(tagged, expected);
        let bytes = model.to_bytes();
        let reloaded = NerModel::from_bytes(&bytes).expect("a model's own bytes read back");
        assert_eq!(reloaded.tag_document(&sentences), expected);
        assert_eq!(reloaded.to_bytes(), bytes, "writing is deterministic");
    }

    #[test]
    fn training_is_reproducible() {
        let config = TrainConfig { epochs: 3, seed: 11, min_count: 1, folds: 2 };
        let first = train_ner(&toy_corpus(), &config, &mut |_| {}).to_bytes();
        let second = train_ner(&toy_corpus(), &config, &mut |_| {}).to_bytes();
        assert_eq!(first, second);
    }

    proptest::proptest! {
        #[test]
        fn any_bytes_load_or_fail_cleanly(bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..2000)) {
            // A valid header, so that the stage reader sees the junk.
            let mut file = b"SITREPNER".to_vec();
            for field in [2u32, 17, 1] {
                file.extend_from_slice(&field.to_le_bytes());
            }
            file.extend_from_slice(&bytes);
            let _ = NerModel::from_bytes(&file);
            let _ = NerModel::from_bytes(&bytes);
        }
    }

    #[test]
    fn bad_model_bytes_are_errors() {
        assert!(matches!(NerModel::from_bytes(b"hello"), Err(crate::ner::ModelError::Corrupt { .. })));
        assert!(matches!(NerModel::from_bytes(b"helloworld-and-more"), Err(crate::ner::ModelError::NotAModel)));
        let model = train_ner(&toy_corpus(), &TrainConfig { epochs: 1, seed: 1, min_count: 1, folds: 2 }, &mut |_| {});
        let bytes = model.to_bytes();
        for cut in [10, 20, bytes.len() / 2, bytes.len() - 1] {
            assert!(NerModel::from_bytes(&bytes[..cut]).is_err(), "cut at {cut}");
        }
    }
}
