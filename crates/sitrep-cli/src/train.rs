//! `sitrep train ...`: builds a shipped model from gold data and writes its file.

use std::io::Write;

use anyhow::Context;
use sitrep_eval::ner::ConllFile;
use sitrep_nlp::{NerSpan, NerType, TrainConfig, TrainingDocument, TrainingSentence};

use crate::Env;
use crate::cli::{QuoteKinds, TrainAttributionArgs, TrainCommand, TrainNerArgs};
use crate::eval::ner::{read_conll, score_file, scores_text, tag_file};
use crate::exit::Exit;

/// Runs one training.
pub fn run(command: TrainCommand, env: &Env) -> anyhow::Result<Exit> {
    match command {
        TrainCommand::Ner(args) => ner(&args, env),
        TrainCommand::Attribution(args) => attribution(&args, env),
    }
}

fn attribution(args: &TrainAttributionArgs, env: &Env) -> anyhow::Result<Exit> {
    use sitrep_eval::quotes::GoldArticle;

    let mut gold: Vec<GoldArticle> = Vec::new();
    crate::eval::read_jsonl(&args.data, |article: GoldArticle| {
        gold.push(article);
        Ok(true)
    })?;
    if gold.is_empty() {
        anyhow::bail!("no articles to train on in {}", args.data.display());
    }
    let examples: Vec<sitrep_nlp::AttributionExample> = gold.iter().map(attribution_example).collect();
    let config = sitrep_nlp::AttributionTrainConfig {
        epochs: args.epochs,
        seed: args.seed,
        min_count: args.min_count,
        folds: args.stage_folds,
    };
    let started = std::time::Instant::now();
    // Epochs of every training: the first stage, one per stage fold, then the second stage;
    // once per cross-validation fold, then on everything.
    let n_stages = if config.folds >= 2 { config.folds + 2 } else { 1 };
    let n_parts = n_stages * if args.folds >= 2 { args.folds + 1 } else { 1 };
    let bar = epoch_bar(env.show_progress, (n_parts * config.epochs) as u64);
    let on_epoch = |part: String| {
        let bar = bar.clone();
        move |_: sitrep_nlp::EpochReport| {
            bar.inc(1);
            bar.set_message(part.clone());
        }
    };
    let mut out = std::io::stdout().lock();
    if args.folds >= 2 {
        let (ordered, predictions) = cross_validate(&gold, &examples, args.folds, &config, &on_epoch);
        bar.suspend(|| -> anyhow::Result<()> {
            writeln!(
                out,
                "cross-validated over {} folds (each fold annotated by a tagger trained on the others):",
                args.folds
            )?;
            for (predicted, kinds) in predictions.iter().zip(ALL_KINDS) {
                if let Some(dir) = &args.predictions {
                    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
                    let path = dir.join(format!("{}.jsonl", kinds.file_stem()));
                    crate::eval::write_predictions(Some(&path), predicted)?;
                }
                let scores = sitrep_eval::quotes::score(&ordered, predicted, kinds.gold_kinds());
                write!(
                    out,
                    "{}",
                    crate::eval::quotes::quotes_text(&args.data, kinds, ordered.len(), &scores, started.elapsed(), env)
                )?;
            }
            Ok(())
        })?;
    }
    let tagger =
        sitrep_nlp::train_attribution(&examples, &untagged_model(), &config, &mut on_epoch("all articles".into()));
    bar.finish_and_clear();
    write_model(&args.out, &tagger.to_bytes(), tagger.n_features(), started, &mut out)?;
    Ok(Exit::Success)
}

/// The built-in word lists and entity tagger without an attribution tagger: what reads the
/// articles a new attribution tagger is trained on.
fn untagged_model() -> sitrep_nlp::Model {
    sitrep_nlp::Model::builtin().with_attribution(None)
}

/// Each fold of the articles annotated by a tagger trained on the others: the articles in the
/// order annotated, and their predictions for each of `ALL_KINDS`.
fn cross_validate<F: FnMut(sitrep_nlp::EpochReport)>(
    gold: &[sitrep_eval::quotes::GoldArticle],
    examples: &[sitrep_nlp::AttributionExample],
    folds: usize,
    config: &sitrep_nlp::AttributionTrainConfig,
    on_epoch: &dyn Fn(String) -> F,
) -> (Vec<sitrep_eval::quotes::GoldArticle>, Vec<Vec<sitrep_eval::quotes::PredictedArticle>>) {
    use rayon::prelude::*;

    let mut predictions = vec![Vec::new(); ALL_KINDS.len()];
    let mut ordered = Vec::new();
    for fold in 0..folds {
        let in_fold = |idx: usize| idx % folds == fold;
        let training: Vec<sitrep_nlp::AttributionExample> =
            examples.iter().enumerate().filter(|&(idx, _)| !in_fold(idx)).map(|(_, example)| example.clone()).collect();
        let mut report = on_epoch(format!("fold {}/{folds}", fold + 1));
        let tagger = sitrep_nlp::train_attribution(&training, &untagged_model(), config, &mut report);
        let model = untagged_model().with_attribution(Some(tagger));
        let held: Vec<&sitrep_eval::quotes::GoldArticle> =
            gold.iter().enumerate().filter(|&(idx, _)| in_fold(idx)).map(|(_, article)| article).collect();
        let annotated: Vec<_> = held
            .par_iter()
            .map(|article| crate::eval::quotes::annotate_gold(article, &model, sitrep_nlp::Layers::QUOTES))
            .collect();
        for (slot, kinds) in predictions.iter_mut().zip(ALL_KINDS) {
            slot.extend(
                held.iter()
                    .zip(&annotated)
                    .map(|(article, annotations)| crate::eval::quotes::predicted_quotes(article, annotations, kinds)),
            );
        }
        ordered.extend(held.into_iter().cloned());
    }
    (ordered, predictions)
}

const ALL_KINDS: [QuoteKinds; 3] = [QuoteKinds::Direct, QuoteKinds::DirectMixed, QuoteKinds::All];

/// A PolNeAR article's relations in byte offsets: its records grouped by relation.
fn attribution_example(article: &sitrep_eval::quotes::GoldArticle) -> sitrep_nlp::AttributionExample {
    let byte_of = sitrep_model::CharIndex::new(&article.text);
    let bytes = |start: Option<usize>, end: Option<usize>| -> Option<std::ops::Range<usize>> {
        let (start, end) = (start?, end?);
        if end <= start {
            return None;
        }
        Some(byte_of.bytes_of_span(sitrep_model::Span::new(start, end)))
    };
    let mut relations: Vec<(Option<String>, sitrep_nlp::AttributionRelation)> = Vec::new();
    for quote in &article.quotes {
        let content = bytes(Some(quote.quote_start), Some(quote.quote_end));
        let same = relations.iter_mut().find(|(id, _)| id.is_some() && *id == quote.attr_id);
        match same {
            Some((_, relation)) => relation.content.extend(content),
            None => relations.push((
                quote.attr_id.clone(),
                sitrep_nlp::AttributionRelation {
                    content: content.into_iter().collect(),
                    source: bytes(quote.speaker_start, quote.speaker_end),
                    cue: bytes(quote.cue_start, quote.cue_end),
                },
            )),
        }
    }
    sitrep_nlp::AttributionExample {
        text: article.text.clone(),
        relations: relations.into_iter().map(|(_, relation)| relation).collect(),
    }
}

fn ner(args: &TrainNerArgs, env: &Env) -> anyhow::Result<Exit> {
    let mut documents = Vec::new();
    for path in &args.data {
        let file = read_conll(path)?;
        documents.extend(training_documents(&file).with_context(|| format!("in {}", path.display()))?);
    }
    let n_sentences: usize = documents.iter().map(|document| document.sentences.len()).sum();
    if n_sentences == 0 {
        anyhow::bail!("no sentences to train on in {}", display_paths(&args.data));
    }
    let config = TrainConfig { epochs: args.epochs, seed: args.seed, min_count: args.min_count, folds: args.folds };
    if env.chatty {
        eprintln!(
            "sitrep: training on {} documents, {n_sentences} sentences, {} epochs (seed {})",
            documents.len(),
            config.epochs,
            config.seed
        );
    }
    let started = std::time::Instant::now();
    // Epochs of every part: the first stage, one per fold, then the second stage.
    let n_parts = if config.folds >= 2 { config.folds + 2 } else { 1 };
    let bar = epoch_bar(env.show_progress, (n_parts * config.epochs) as u64);
    let model = sitrep_nlp::train_ner(&documents, &config, &mut |report| {
        bar.inc(1);
        let fold = report.fold.map(|fold| format!(" {fold}/{}", config.folds)).unwrap_or_default();
        bar.set_message(format!("{}{fold}", report.part));
        // One line per part, at its last epoch: the training error it ended with.
        if env.chatty && report.epoch == config.epochs {
            let error_rate = 100.0 * report.n_wrong as f64 / report.n_tokens.max(1) as f64;
            bar.suspend(|| {
                eprintln!(
                    "sitrep: {}{fold}: {} epochs, {error_rate:.2}% of training tokens mislabelled in the last ({:.1} s)",
                    report.part,
                    config.epochs,
                    started.elapsed().as_secs_f64()
                );
            });
        }
    });
    bar.finish_and_clear();
    let mut out = std::io::stdout().lock();
    write_model(&args.out, &model.to_bytes(), model.n_features(), started, &mut out)?;
    if let Some(dev) = &args.dev {
        // Score what was written, read back, so that the figure is the shipped file's.
        let model = crate::eval::ner::read_model(&args.out)?;
        let file = read_conll(dev)?;
        let (predicted, _) = tag_file(&file, &model);
        let scores = score_file(&file, &predicted, None);
        write!(out, "{}", scores_text(&format!("named entities on {}", dev.display()), &scores, env))?;
    }
    Ok(Exit::Success)
}

/// The gold entities of a CoNLL file as training documents.
fn training_documents(file: &ConllFile) -> anyhow::Result<Vec<TrainingDocument>> {
    file.documents
        .iter()
        .map(|document| {
            let sentences = document
                .sentences
                .iter()
                .map(|sentence| {
                    let spans = sitrep_eval::ner::entities(&sentence.tags())
                        .into_iter()
                        .map(|(start, end, name)| {
                            let entity_type = NerType::parse(&name)
                                .with_context(|| format!("entity type {name:?} is not one of PER, ORG, LOC, MISC"))?;
                            Ok(NerSpan { start, end, entity_type })
                        })
                        .collect::<anyhow::Result<Vec<_>>>()?;
                    let tokens = sentence.tokens().into_iter().map(String::from).collect();
                    Ok(TrainingSentence { tokens, spans })
                })
                .collect::<anyhow::Result<Vec<_>>>()?;
            Ok(TrainingDocument { sentences })
        })
        .collect()
}

/// Writes a model file (and its folder) and says so, with its size and how long training took.
fn write_model(
    path: &std::path::Path,
    bytes: &[u8],
    n_features: usize,
    started: std::time::Instant,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    if let Some(parent) = path.parent().filter(|parent| !parent.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).with_context(|| format!("cannot create {}", parent.display()))?;
    }
    std::fs::write(path, bytes).with_context(|| format!("cannot write {}", path.display()))?;
    writeln!(
        out,
        "wrote {} ({:.1} MB, {n_features} features) in {:.1} s",
        path.display(),
        bytes.len() as f64 / 1e6,
        started.elapsed().as_secs_f64()
    )?;
    Ok(())
}

/// A bar over all epochs of a training, on a terminal only.
fn epoch_bar(show: bool, n_epochs: u64) -> indicatif::ProgressBar {
    if !show {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(n_epochs);
    if let Ok(style) = indicatif::ProgressStyle::with_template("{bar:30} {pos}/{len} epochs {msg} {elapsed}") {
        bar.set_style(style);
    }
    bar
}

fn display_paths(paths: &[std::path::PathBuf]) -> String {
    paths.iter().map(|path| path.display().to_string()).collect::<Vec<_>>().join(", ")
}
