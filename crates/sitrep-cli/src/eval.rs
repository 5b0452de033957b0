//! `sitrep eval ...`: reads a gold data set, runs the extractor on it, and prints the scores the
//! `sitrep-eval` crate computes.

use std::io::{BufRead, Write};
use std::path::Path;

use anyhow::Context;
use rayon::prelude::*;
use serde::Deserialize;
use sitrep_eval::extraction::{ExtractionScores, GoldPage, MetadataScores, Prediction};
use sitrep_extract::ExtractConfig;
use sitrep_model::{Origin, RawDocument, SourceFormat};

use crate::Env;
use crate::cli::{EvalCommand, EvalExtractionArgs, OutputFormat};
use crate::exit::Exit;

pub(crate) mod ner;
pub(crate) mod quotes;
mod timex;

/// Runs one evaluation.
pub fn run(command: EvalCommand, env: &Env) -> anyhow::Result<Exit> {
    match command {
        EvalCommand::Extraction(args) => extraction(&args, env),
        EvalCommand::Timex(args) => timex::timex(&args, env),
        EvalCommand::Quotes(args) => quotes::quotes(&args, env),
        EvalCommand::Ner(args) => ner::ner(&args, env),
    }
}

/// Writes predictions as JSON Lines, one object per document, when a path is given.
pub(crate) fn write_predictions<T: serde::Serialize>(path: Option<&Path>, predictions: &[T]) -> anyhow::Result<()> {
    let Some(path) = path else { return Ok(()) };
    let mut out = std::io::BufWriter::new(
        std::fs::File::create(path).with_context(|| format!("cannot write {}", path.display()))?,
    );
    for prediction in predictions {
        writeln!(out, "{}", serde_json::to_string(prediction)?)?;
    }
    out.flush().with_context(|| format!("cannot write {}", path.display()))
}

/// A data file for reading, decompressed when its name ends in `.gz`.
fn open_data(path: &Path) -> anyhow::Result<Box<dyn BufRead>> {
    let file = std::fs::File::open(path).with_context(|| format!("cannot open {}", path.display()))?;
    Ok(if path.extension().is_some_and(|ext| ext == "gz") {
        Box::new(std::io::BufReader::new(flate2::read::MultiGzDecoder::new(file)))
    } else {
        Box::new(std::io::BufReader::new(file))
    })
}

/// Lines of a JSON Lines file, gzipped or not, parsed one at a time.
pub(crate) fn read_jsonl<T: for<'de> Deserialize<'de>>(
    path: &Path,
    mut each: impl FnMut(T) -> anyhow::Result<bool>,
) -> anyhow::Result<()> {
    for (idx, line) in open_data(path)?.lines().enumerate() {
        let line = line.with_context(|| format!("cannot read {}", path.display()))?;
        if line.trim().is_empty() {
            continue;
        }
        let record = serde_json::from_str(&line)
            .with_context(|| format!("{}:{}: not a record of this data set", path.display(), idx + 1))?;
        if !each(record)? {
            break;
        }
    }
    Ok(())
}

#[derive(Deserialize)]
struct ExtractionRecord {
    id: String,
    source: String,
    url: Option<String>,
    html: String,
    text: String,
    title: Option<String>,
    author: Option<String>,
    date: Option<String>,
}

fn extraction(args: &EvalExtractionArgs, env: &Env) -> anyhow::Result<Exit> {
    let mut records = Vec::new();
    read_jsonl(&args.data, |record: ExtractionRecord| {
        if args.source.as_ref().is_none_or(|source| *source == record.source) {
            records.push(record);
        }
        Ok(args.limit.is_none_or(|limit| records.len() < limit))
    })?;
    let started = std::time::Instant::now();
    let config = ExtractConfig::default();
    let predictions: Vec<Prediction> = records.par_iter().map(|record| predict_page(record, &config)).collect();
    let elapsed = started.elapsed();
    let gold: Vec<GoldPage> = records
        .into_iter()
        .map(|record| GoldPage {
            id: record.id,
            source: record.source,
            text: record.text,
            title: record.title,
            author: record.author,
            date: record.date,
        })
        .collect();
    write_predictions(args.output.predictions.as_deref(), &predictions)?;
    let scores = sitrep_eval::extraction::score(&gold, &predictions);
    let mut out = std::io::stdout().lock();
    match args.output.format {
        OutputFormat::Json => {
            let value = serde_json::json!({
                "data": args.data.display().to_string(),
                "n_pages": gold.len(),
                "seconds": elapsed.as_secs_f64(),
                "scores": scores,
            });
            writeln!(out, "{value}")?;
        }
        OutputFormat::Text => write!(out, "{}", extraction_text(&args.data, &scores, elapsed, env))?,
    }
    Ok(if gold.is_empty() { Exit::NothingDone } else { Exit::Success })
}

fn predict_page(record: &ExtractionRecord, config: &ExtractConfig) -> Prediction {
    let raw = RawDocument {
        origin: Origin::whole(record.id.clone()),
        format: SourceFormat::Html,
        body: record.html.clone(),
        title: None,
        url: record.url.clone(),
        published: None,
        modified: None,
        authors: Vec::new(),
        site: None,
    };
    match sitrep_extract::extract(&raw, config) {
        Ok(extracted) => {
            let article = &extracted.article;
            Prediction {
                id: record.id.clone(),
                text: sitrep_extract::body(article).to_string(),
                title: article.title.clone(),
                author: (!article.authors.is_empty()).then(|| article.authors.join(", ")),
                date: article.published.map(|published| published.date().to_string()),
            }
        }
        Err(err) => {
            tracing::debug!(%err, "no article");
            Prediction { id: record.id.clone(), ..Prediction::default() }
        }
    }
}

fn extraction_text(data: &Path, scores: &ExtractionScores, elapsed: std::time::Duration, env: &Env) -> String {
    use std::fmt::Write as _;
    let mut out = String::new();
    let _ = writeln!(out, "{}", env.style.bold(&format!("main-content extraction on {}", data.display())));
    let _ =
        writeln!(out, "{:<14} {:>6} {:>7} {:>7} {:>7} {:>7} {:>6}", "source", "pages", "F1", "P", "R", "acc", "empty");
    let row = |name: &str, body: &sitrep_eval::extraction::BodyScores| {
        format!(
            "{name:<14} {:>6} {:>7.3} {:>7.3} {:>7.3} {:>7.3} {:>6}\n",
            body.n, body.f1, body.precision, body.recall, body.accuracy, body.empty
        )
    };
    for (source, source_scores) in &scores.by_source {
        out.push_str(&row(source, &source_scores.body));
    }
    out.push_str(&row("all", &scores.body));
    let metadata_line = |name: &str, metadata: &MetadataScores| {
        let figure =
            |value: Option<f64>, n: usize| value.map_or("-".to_string(), |value| format!("{value:.3} (n={n})"));
        format!(
            "{name}: title {}  author {}  date {}\n",
            figure(metadata.title, metadata.n_title),
            figure(metadata.author, metadata.n_author),
            figure(metadata.date, metadata.n_date)
        )
    };
    for (source, source_scores) in &scores.by_source {
        if source_scores.metadata.n_title + source_scores.metadata.n_author + source_scores.metadata.n_date > 0 {
            out.push_str(&metadata_line(&format!("metadata, {source}"), &source_scores.metadata));
        }
    }
    let _ = writeln!(out, "{}", env.style.dim(&format!("{} pages in {:.2} s", scores.body.n, elapsed.as_secs_f64())));
    out
}
