//! `sitrep eval ner`: tags the gold tokens of a CoNLL file, a document at a time, and prints
//! the conlleval figures.

use std::collections::BTreeSet;
use std::io::{Read, Write};
use std::path::Path;

use anyhow::Context;
use rayon::prelude::*;
use sitrep_eval::ner::{ConllFile, NerScores};
use sitrep_nlp::NerModel;

use crate::Env;
use crate::cli::{EvalNerArgs, OutputFormat};
use crate::eval::open_data;
use crate::exit::Exit;

pub(super) fn ner(args: &EvalNerArgs, env: &Env) -> anyhow::Result<Exit> {
    let file = read_conll(&args.data)?;
    let model = match &args.model {
        Some(path) => sitrep_nlp::Model::with_ner(read_model(path)?),
        None => sitrep_nlp::Model::builtin(),
    };
    let model = model.ner();
    let keep: Option<BTreeSet<String>> = (!args.types.is_empty()).then(|| args.types.iter().cloned().collect());
    let (predicted, elapsed) = tag_file(&file, model);
    if let Some(path) = &args.output.predictions {
        std::fs::write(path, file.with_tags(&predicted)).with_context(|| format!("cannot write {}", path.display()))?;
    }
    let scores = score_file(&file, &predicted, keep.as_ref());
    let n_tokens: usize = file.sentences().map(|sentence| sentence.lines.len()).sum();
    let n_sentences = file.sentences().count();
    let tokens_per_second = n_tokens as f64 / elapsed.as_secs_f64().max(1e-9);
    let mut out = std::io::stdout().lock();
    match args.output.format {
        OutputFormat::Json => {
            let value = serde_json::json!({
                "data": args.data.display().to_string(),
                "types_scored": keep,
                "documents": file.documents.len(),
                "sentences": n_sentences,
                "tokens": n_tokens,
                "seconds": elapsed.as_secs_f64(),
                "tokens_per_second": tokens_per_second,
                "types": scores.types,
                "micro": scores.micro,
            });
            writeln!(out, "{value}")?;
        }
        OutputFormat::Text => {
            let title =
                format!("named entities on {} ({n_sentences} sentences, {n_tokens} tokens)", args.data.display());
            write!(out, "{}", scores_text(&title, &scores, env))?;
            let timing = format!("tagged in {:.2} s, {tokens_per_second:.0} tokens/s", elapsed.as_secs_f64());
            writeln!(out, "{}", env.style.dim(&timing))?;
        }
    }
    Ok(if n_sentences == 0 { Exit::NothingDone } else { Exit::Success })
}

/// Reads a CoNLL file, gzipped or not.
pub(crate) fn read_conll(path: &Path) -> anyhow::Result<ConllFile> {
    let mut text = String::new();
    open_data(path)?
        .read_to_string(&mut text)
        .with_context(|| format!("cannot read {} as UTF-8 text", path.display()))?;
    sitrep_eval::ner::parse_conll(&text).with_context(|| format!("{} is not CoNLL", path.display()))
}

/// Reads a model file written by `sitrep train ner`.
pub(crate) fn read_model(path: &Path) -> anyhow::Result<NerModel> {
    let bytes = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    NerModel::from_bytes(&bytes).with_context(|| format!("cannot load the NER model {}", path.display()))
}

/// The predicted IOB2 tags of every sentence, in file order (documents in parallel), and the
/// time spent tagging: the tokens are laid out beforehand and the tags written afterwards, so
/// that the time is the tagger's alone, as a caller holding tokens would see it.
pub(crate) fn tag_file(file: &ConllFile, model: &NerModel) -> (Vec<Vec<String>>, std::time::Duration) {
    let documents: Vec<Vec<Vec<&str>>> = file
        .documents
        .iter()
        .map(|document| document.sentences.iter().map(|sentence| sentence.tokens()).collect())
        .collect();
    let started = std::time::Instant::now();
    let tagged: Vec<Vec<Vec<sitrep_nlp::NerSpan>>> =
        documents.par_iter().map(|sentences| model.tag_document(sentences)).collect();
    let elapsed = started.elapsed();
    let tags = documents
        .iter()
        .zip(tagged)
        .flat_map(|(sentences, spans)| {
            sentences.iter().zip(spans).map(|(tokens, spans)| {
                let entities = spans.iter().map(|span| (span.start, span.end, span.entity_type.as_str()));
                sitrep_eval::ner::iob2_tags(tokens.len(), entities)
            })
        })
        .collect();
    (tags, elapsed)
}

/// Scores predicted tags against the file's own.
pub(crate) fn score_file(file: &ConllFile, predicted: &[Vec<String>], keep: Option<&BTreeSet<String>>) -> NerScores {
    let gold: Vec<Vec<&str>> = file.sentences().map(|sentence| sentence.tags()).collect();
    let predicted: Vec<Vec<&str>> = predicted.iter().map(|tags| tags.iter().map(String::as_str).collect()).collect();
    sitrep_eval::ner::score(&gold, &predicted, keep)
}

/// The figures as a table: a row per type, then micro.
pub(crate) fn scores_text(title: &str, scores: &NerScores, env: &Env) -> String {
    use std::fmt::Write as _;
    let mut out = String::new();
    let _ = writeln!(out, "{}", env.style.bold(title));
    let _ = writeln!(out, "{:<6} {:>7} {:>7} {:>7} {:>7} {:>7}", "type", "P", "R", "F1", "gold", "found");
    let row = |name: &str, prf: &sitrep_eval::ner::Prf| {
        format!(
            "{name:<6} {:>7.2} {:>7.2} {:>7.2} {:>7} {:>7}\n",
            prf.precision * 100.0,
            prf.recall * 100.0,
            prf.f1 * 100.0,
            prf.gold,
            prf.predicted
        )
    };
    for (ty, prf) in &scores.types {
        out.push_str(&row(ty, prf));
    }
    out.push_str(&row("micro", &scores.micro));
    out
}
