//! Training the tagger: a structured averaged perceptron (Collins 2002). Each epoch visits the
//! training sentences in an order shuffled by a seeded generator, decodes each with the current
//! weights and, where the best sequence differs from the gold one, moves the weights of the
//! tokens and label pairs that differ toward gold. The averaged weights (Daumé's trick: keep the
//! sum of updates weighted by time, subtract it once at the end) generalise far better than
//! the last ones. Same data, same configuration: the same model, byte for byte.

use crate::lexicon::Lexicon;
use crate::ner::features::{DocumentHistory, SentenceFeatures, with_history};
use crate::ner::gazetteer::Gazetteer;
use crate::ner::label::{N_LABELS, NerSpan, labels_of};
use crate::ner::tagger::{KeyMap, NerModel, Stage, TransitionScores, Weights, base_features, viterbi};
use crate::sequence::{Averaged, SplitMix64, shuffle};

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

/// One training sentence as feature rows and gold labels.
struct Example {
    rows: Vec<u32>,
    starts: Vec<usize>,
    gold: Vec<usize>,
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
        return NerModel::new(Weights::new(vec![first]), gazetteer);
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
        let fold_tagger = Weights::new(vec![stage]);
        for (idx, document) in documents.iter().enumerate().filter(|&(idx, _)| in_fold(idx)) {
            let base = base_features(&document_tokens(document), &gazetteer);
            histories[idx] = DocumentHistory::new(&base, &fold_tagger.first_stage(&base).spans);
        }
    }
    let history_refs: Vec<&DocumentHistory> = histories.iter().collect();
    let second = train_stage(&all, Some(&history_refs), &gazetteer, config, &mut |report| {
        on_epoch(EpochReport { part: "second stage", ..report })
    });
    NerModel::new(Weights::new(vec![first, second]), gazetteer)
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
) -> Stage {
    let (examples, keys) = featurize(documents, histories, gazetteer, config.min_count);
    let n_rows = keys.len();
    let mut weights = Averaged::new(n_rows * N_LABELS);
    let mut start = Averaged::new(N_LABELS);
    let mut end = Averaged::new(N_LABELS);
    let mut transitions = Averaged::new(N_LABELS * N_LABELS);
    let mut order: Vec<usize> = (0..examples.len()).collect();
    let mut rng = SplitMix64(config.seed);
    let mut emissions = Vec::new();
    let mut time = 1.0f64;
    for epoch in 1..=config.epochs {
        shuffle(&mut order, &mut rng);
        let mut n_wrong = 0;
        let mut n_tokens = 0;
        for &example_idx in &order {
            let example = &examples[example_idx];
            let n = example.gold.len();
            n_tokens += n;
            emissions.clear();
            emissions.resize(n * N_LABELS, 0.0f32);
            for token_idx in 0..n {
                let scores = &mut emissions[token_idx * N_LABELS..(token_idx + 1) * N_LABELS];
                for &row in &example.rows[example.starts[token_idx]..example.starts[token_idx + 1]] {
                    let row = row as usize * N_LABELS;
                    for (score, weight) in scores.iter_mut().zip(&weights.current[row..row + N_LABELS]) {
                        *score += weight;
                    }
                }
            }
            let scores = TransitionScores {
                start: start.current.clone(),
                end: end.current.clone(),
                transitions: transitions.current.clone(),
            }
            .constrained();
            let predicted = viterbi(&emissions, &scores);
            if predicted == example.gold {
                time += 1.0;
                continue;
            }
            for token_idx in 0..n {
                let (gold, guess) = (example.gold[token_idx], predicted[token_idx]);
                if gold != guess {
                    n_wrong += 1;
                    for &row in &example.rows[example.starts[token_idx]..example.starts[token_idx + 1]] {
                        let row = row as usize * N_LABELS;
                        weights.add(row + gold, 1.0, time);
                        weights.add(row + guess, -1.0, time);
                    }
                }
                let gold_pair = token_idx.checked_sub(1).map(|previous| (example.gold[previous], gold));
                let guess_pair = token_idx.checked_sub(1).map(|previous| (predicted[previous], guess));
                if gold_pair != guess_pair
                    && let (Some((a, b)), Some((c, d))) = (gold_pair, guess_pair)
                {
                    transitions.add(a * N_LABELS + b, 1.0, time);
                    transitions.add(c * N_LABELS + d, -1.0, time);
                }
            }
            if example.gold[0] != predicted[0] {
                start.add(example.gold[0], 1.0, time);
                start.add(predicted[0], -1.0, time);
            }
            if example.gold[n - 1] != predicted[n - 1] {
                end.add(example.gold[n - 1], 1.0, time);
                end.add(predicted[n - 1], -1.0, time);
            }
            time += 1.0;
        }
        on_epoch(EpochReport { part: "", fold: None, epoch, n_wrong, n_tokens });
    }
    let scores =
        TransitionScores { start: start.average(time), end: end.average(time), transitions: transitions.average(time) };
    Stage::new(&keys, &weights.average(time), scores)
}

/// Every sentence's features as rows of the weight table (keys seen at least `min_count`
/// times, numbered in order of first sight), and the keys of those rows.
fn featurize(
    documents: &[&TrainingDocument],
    histories: Option<&[&DocumentHistory]>,
    gazetteer: &Gazetteer,
    min_count: u32,
) -> (Vec<Example>, Vec<u64>) {
    let mut sentence_keys: Vec<(SentenceFeatures, Vec<usize>)> = Vec::new();
    let mut counts: KeyMap<u32> = KeyMap::default();
    for (document_idx, document) in documents.iter().enumerate() {
        let tokens = document_tokens(document);
        let history = histories.and_then(|histories| histories.get(document_idx).copied());
        let base = base_features(&tokens, gazetteer);
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
            for &key in &features.keys {
                *counts.entry(key).or_default() += 1;
            }
            sentence_keys.push((features, labels_of(&sentence.spans, tokens.len())));
        }
    }
    let mut row_of: KeyMap<u32> = KeyMap::default();
    let mut keys = Vec::new();
    let examples = sentence_keys
        .into_iter()
        .map(|(features, gold)| {
            let mut rows = Vec::with_capacity(features.keys.len());
            let mut starts = Vec::with_capacity(gold.len() + 1);
            for token_idx in 0..features.n_tokens() {
                starts.push(rows.len());
                for &key in features.of_token(token_idx) {
                    if counts.get(&key).copied().unwrap_or(0) < min_count {
                        continue;
                    }
                    let row = *row_of.entry(key).or_insert_with(|| {
                        keys.push(key);
                        (keys.len() - 1) as u32
                    });
                    rows.push(row);
                }
            }
            starts.push(rows.len());
            Example { rows, starts, gold }
        })
        .collect();
    (examples, keys)
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
