//! Training the attribution tagger: a structured averaged perceptron over sentences, as the
//! entity tagger is trained (seeded shuffle, averaged weights, features seen fewer than
//! `min_count` times dropped). Same data, same configuration: the same model, byte for byte.

use std::ops::Range;

use super::features::{DocumentView, SentenceKeys};
use super::{AttributionModel, Buffers, CONSTRAINTS, N_ROLE_LABELS, Role, RoleSpan, labels_of};
use crate::doc::Doc;
use crate::ner::EpochReport;
use crate::sequence::{Example, KeyedSentence, number_rows, train_perceptron};
use crate::weights::{Stage, TransitionScores};

/// One article and its gold attribution relations.
#[derive(Clone, Debug, Default)]
pub struct AttributionExample {
    /// The article's text.
    pub text: String,
    /// Its relations.
    pub relations: Vec<AttributionRelation>,
}

/// One attribution relation, in byte offsets into the text.
#[derive(Clone, Debug, Default)]
pub struct AttributionRelation {
    /// Each content fragment.
    pub content: Vec<Range<usize>>,
    /// The source, if the text names one.
    pub source: Option<Range<usize>>,
    /// The cue, if any.
    pub cue: Option<Range<usize>>,
}

/// How to train.
#[derive(Clone, Debug)]
pub struct AttributionTrainConfig {
    /// Passes over the data.
    pub epochs: usize,
    /// Seed of the shuffling.
    pub seed: u64,
    /// Features seen fewer times than this are dropped.
    pub min_count: u32,
    /// Folds of the articles for the second stage's view of the first (0: the first stage
    /// alone). Each fold is labelled by a first stage trained on the others.
    pub folds: usize,
}

impl Default for AttributionTrainConfig {
    fn default() -> AttributionTrainConfig {
        AttributionTrainConfig { epochs: 15, seed: 20_261_202, min_count: 5, folds: 5 }
    }
}

/// An article read once: its entities and quotation marks, which every stage's features use.
struct Prepared<'e> {
    text: &'e str,
    mentions: Vec<crate::ner::NameMention>,
    regions: Vec<crate::marks::Region>,
    relations: &'e [AttributionRelation],
}

/// Trains a tagger on `examples`, reading each article with `model`'s tokenizer, entities and
/// word lists; `on_epoch` hears after every epoch.
pub fn train_attribution(
    examples: &[AttributionExample],
    model: &crate::Model,
    config: &AttributionTrainConfig,
    on_epoch: &mut dyn FnMut(EpochReport),
) -> AttributionModel {
    let articles: Vec<Prepared<'_>> = examples
        .iter()
        .map(|example| {
            let doc = Doc::new(&example.text, None);
            Prepared {
                text: &example.text,
                mentions: crate::ner::find_mentions(&doc, &model.lexicon, &model.ner),
                regions: crate::marks::regions(&example.text),
                relations: &example.relations,
            }
        })
        .collect();
    let all: Vec<&Prepared<'_>> = articles.iter().collect();
    let first =
        train_stage(&all, None, model, config, &mut |report| on_epoch(EpochReport { part: "first stage", ..report }));
    if config.folds < 2 {
        return AttributionModel::new(vec![first]);
    }
    // Jackknifing: the second stage learns how far to trust the first stage's labels on text
    // that stage never saw.
    let mut first_labels: Vec<Vec<Vec<usize>>> = vec![Vec::new(); articles.len()];
    for fold in 0..config.folds {
        let in_fold = |idx: usize| idx % config.folds == fold;
        let others: Vec<&Prepared<'_>> =
            articles.iter().enumerate().filter(|&(idx, _)| !in_fold(idx)).map(|(_, article)| article).collect();
        let stage = train_stage(&others, None, model, config, &mut |report| {
            on_epoch(EpochReport { part: "first stage on other folds", fold: Some(fold + 1), ..report })
        });
        let tagger = AttributionModel::new(vec![stage]);
        for (idx, article) in articles.iter().enumerate().filter(|&(idx, _)| in_fold(idx)) {
            let doc = Doc::new(article.text, None);
            let view = DocumentView::new(&doc, &model.lexicon, &article.mentions, &article.regions);
            let mut buffers = Buffers::default();
            first_labels[idx] =
                sentences(&doc).map(|sentence| tagger.tag_sentence(&view, sentence, &mut buffers)).collect();
        }
    }
    let second = train_stage(&all, Some(&first_labels), model, config, &mut |report| {
        on_epoch(EpochReport { part: "second stage", ..report })
    });
    AttributionModel::new(vec![first, second])
}

/// The sentences the tagger reads: the non-empty ones.
fn sentences<'d>(doc: &'d Doc<'_>) -> impl Iterator<Item = Range<usize>> + 'd {
    doc.sentences.iter().filter(|sentence| !sentence.is_empty()).cloned()
}

/// One stage trained on `articles` (with, for a second stage, the first stage's labels of
/// each of them, in the same order).
fn train_stage(
    articles: &[&Prepared<'_>],
    first_labels: Option<&[Vec<Vec<usize>>]>,
    model: &crate::Model,
    config: &AttributionTrainConfig,
    on_epoch: &mut dyn FnMut(EpochReport),
) -> Stage<N_ROLE_LABELS> {
    let (examples, keys) = featurize(articles, first_labels, model, config.min_count);
    let learnt = train_perceptron::<N_ROLE_LABELS>(
        &examples,
        keys.len(),
        config.epochs,
        config.seed,
        &CONSTRAINTS,
        &mut |epoch, n_wrong, n_tokens| {
            on_epoch(EpochReport { part: "attribution", fold: None, epoch, n_wrong, n_tokens })
        },
    );
    let scores = TransitionScores { start: learnt.start, end: learnt.end, transitions: learnt.transitions };
    Stage::new(&keys, &learnt.weights, scores)
}

/// The gold parts of an article, in its tokens: a token belongs to a part when its bytes
/// overlap the part's.
fn gold_spans(doc: &Doc<'_>, relations: &[AttributionRelation]) -> Vec<RoleSpan> {
    let tokens_of = |bytes: &Range<usize>| -> Option<Range<usize>> {
        let first = doc.tokens.iter().position(|token| token.end > bytes.start && token.start < bytes.end)?;
        let last = doc.tokens.iter().rposition(|token| token.end > bytes.start && token.start < bytes.end)?;
        Some(first..last + 1)
    };
    let mut spans = Vec::new();
    for relation in relations {
        for content in &relation.content {
            spans.extend(tokens_of(content).map(|tokens| RoleSpan { role: Role::Content, tokens }));
        }
        spans
            .extend(relation.source.as_ref().and_then(tokens_of).map(|tokens| RoleSpan { role: Role::Source, tokens }));
        spans.extend(relation.cue.as_ref().and_then(tokens_of).map(|tokens| RoleSpan { role: Role::Cue, tokens }));
    }
    // Parts split at sentence ends, each sentence's labels from its own pieces.
    spans.sort_by_key(|span| (span.tokens.start, span.tokens.end));
    spans
}

fn featurize(
    articles: &[&Prepared<'_>],
    first_labels: Option<&[Vec<Vec<usize>>]>,
    model: &crate::Model,
    min_count: u32,
) -> (Vec<Example>, Vec<u64>) {
    let mut labelled = Vec::new();
    for (article_idx, article) in articles.iter().enumerate() {
        let doc = Doc::new(article.text, None);
        let view = DocumentView::new(&doc, &model.lexicon, &article.mentions, &article.regions);
        let spans = gold_spans(&doc, article.relations);
        let labels = first_labels.and_then(|all| all.get(article_idx));
        for (sentence_idx, sentence) in sentences(&doc).enumerate() {
            let mut keys = SentenceKeys::default();
            let first = labels.and_then(|labels| labels.get(sentence_idx)).map(Vec::as_slice);
            view.sentence_keys(sentence.clone(), first, &mut keys);
            let gold = labels_of(&spans, sentence);
            labelled.push(KeyedSentence { keys: keys.keys, starts: keys.starts, gold });
        }
    }
    number_rows(labelled, min_count)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Articles in which a made-up verb ("quibbled") reports a clause: no word list holds it.
    fn toy_corpus() -> Vec<AttributionExample> {
        let speakers = ["Anna Berg", "Tomas Quill", "Rhea Moss", "Ivo Tarn", "Lena Hart", "Omar Veld"];
        let claims = ["the budget is too small", "the talks will resume soon", "the bridge needs repairs"];
        speakers
            .iter()
            .enumerate()
            .map(|(idx, speaker)| {
                let claim = claims[idx % claims.len()];
                let text = format!("A short headline\n\n{speaker} quibbled that {claim}. The weather was fine.");
                let find = |part: &str| text.find(part).map(|start| start..start + part.len());
                let relation = AttributionRelation {
                    content: find(&format!("that {claim}")).into_iter().collect(),
                    source: find(speaker),
                    cue: find("quibbled"),
                };
                AttributionExample { text: text.clone(), relations: vec![relation] }
            })
            .collect()
    }

    fn parts_of(model: &AttributionModel, text: &str) -> Vec<(Role, String)> {
        let lexicon = crate::lexicon::Lexicon::builtin();
        let doc = Doc::new(text, None);
        model
            .tag(&doc, &lexicon, &[], &crate::marks::regions(text), |_| true)
            .into_iter()
            .map(|part| (part.role, doc.text_of(part.tokens).to_string()))
            .collect()
    }

    #[test]
    fn learns_a_cue_no_list_holds_and_round_trips_through_bytes() {
        let base = crate::Model::builtin().with_attribution(None);
        let config = AttributionTrainConfig { epochs: 8, seed: 7, min_count: 1, folds: 2 };
        let model = train_attribution(&toy_corpus(), &base, &config, &mut |_| {});
        let text = "A short headline\n\nMira Solt quibbled that the budget will resume soon. The weather was fine.";
        let parts = parts_of(&model, text);
        assert!(parts.contains(&(Role::Cue, "quibbled".to_string())), "{parts:?}");
        assert!(parts.contains(&(Role::Content, "that the budget will resume soon".to_string())), "{parts:?}");
        let bytes = model.to_bytes();
        let reloaded = AttributionModel::from_bytes(&bytes).expect("a model's own bytes read back");
        assert_eq!(parts_of(&reloaded, text), parts);
        assert_eq!(reloaded.to_bytes(), bytes, "writing is deterministic");
    }

    #[test]
    fn training_is_reproducible() {
        let base = crate::Model::builtin().with_attribution(None);
        let config = AttributionTrainConfig { epochs: 3, seed: 11, min_count: 1, folds: 2 };
        let first = train_attribution(&toy_corpus(), &base, &config, &mut |_| {}).to_bytes();
        let second = train_attribution(&toy_corpus(), &base, &config, &mut |_| {}).to_bytes();
        assert_eq!(first, second);
    }

    proptest::proptest! {
        #[test]
        fn any_bytes_load_or_fail_cleanly(bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..2000)) {
            // A valid header, so that the stage reader sees the junk.
            let mut file = b"SITREPATTR".to_vec();
            for field in [2u32, 7, 1] {
                file.extend_from_slice(&field.to_le_bytes());
            }
            file.extend_from_slice(&bytes);
            let _ = AttributionModel::from_bytes(&file);
            let _ = AttributionModel::from_bytes(&bytes);
        }
    }

    #[test]
    fn bad_model_bytes_are_errors() {
        use crate::attribution::AttributionModelError;
        assert!(matches!(AttributionModel::from_bytes(b"hello"), Err(AttributionModelError::Corrupt { .. })));
        assert!(matches!(AttributionModel::from_bytes(b"helloworld-and-more"), Err(AttributionModelError::NotAModel)));
        let base = crate::Model::builtin().with_attribution(None);
        let config = AttributionTrainConfig { epochs: 1, seed: 1, min_count: 1, folds: 2 };
        let bytes = train_attribution(&toy_corpus(), &base, &config, &mut |_| {}).to_bytes();
        for cut in [10, 20, bytes.len() / 2, bytes.len() - 1] {
            assert!(AttributionModel::from_bytes(&bytes[..cut]).is_err(), "cut at {cut}");
        }
    }

    #[test]
    fn the_builtin_model_loads() {
        let model = crate::Model::builtin();
        assert!(model.attribution.as_ref().is_some_and(|tagger| tagger.n_features() > 10_000));
    }
}
