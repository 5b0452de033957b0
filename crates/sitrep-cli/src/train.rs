//! `sitrep train ...`: builds a shipped model from gold data and writes its file.

use std::io::Write;

use anyhow::Context;
use sitrep_eval::ner::ConllFile;
use sitrep_nlp::{NerSpan, NerType, TrainConfig, TrainingDocument, TrainingSentence};

use crate::Env;
use crate::cli::{TrainCommand, TrainNerArgs};
use crate::eval::ner::{read_conll, score_file, scores_text, tag_file};
use crate::exit::Exit;

/// Runs one training.
pub fn run(command: TrainCommand, env: &Env) -> anyhow::Result<Exit> {
    match command {
        TrainCommand::Ner(args) => ner(&args, env),
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
    let bytes = model.to_bytes();
    if let Some(parent) = args.out.parent().filter(|parent| !parent.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).with_context(|| format!("cannot create {}", parent.display()))?;
    }
    std::fs::write(&args.out, &bytes).with_context(|| format!("cannot write {}", args.out.display()))?;
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "wrote {} ({:.1} MB, {} features) in {:.1} s",
        args.out.display(),
        bytes.len() as f64 / 1e6,
        model.n_features(),
        started.elapsed().as_secs_f64()
    )?;
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
