//! Runs documents through the stages: inputs are read in order, gathered into batches, each batch
//! processed in parallel (rayon) and handed back in input order, so output is deterministic and
//! memory stays bounded by one batch whatever the corpus size.

use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;
use sitrep_extract::{ExtractConfig, Extracted};
use sitrep_ingest::{Input, ReadConfig};
use sitrep_model::{AnnotatedArticle, RawDocument, SourceTime};
use sitrep_nlp::Model;

/// Documents per batch: enough to keep both cores busy, few enough to bound memory.
const BATCH_SIZE: usize = 64;

/// How to read and clean documents.
#[derive(Clone, Debug, Default)]
pub struct PipelineConfig {
    pub read: ReadConfig,
    pub extract: ExtractConfig,
    /// Publication time for documents that state none.
    pub default_published: Option<SourceTime>,
}

/// A document that could not be processed; the message names it.
#[derive(Clone, Debug)]
pub struct Failure {
    pub message: String,
}

/// Counts over a whole run.
#[derive(Clone, Copy, Debug, Default)]
pub struct RunCounts {
    pub read: usize,
    pub failed: usize,
}

/// Reads, cleans and (with `annotate`) annotates every document of `inputs`, calling `sink`
/// once per batch with the results in input order. Problems found while expanding the
/// arguments come first, as failures.
pub fn run<T: Send>(
    inputs: &[Input],
    expand_errors: Vec<sitrep_ingest::Error>,
    config: &PipelineConfig,
    progress: &ProgressBar,
    work: &(dyn Fn(Extracted) -> T + Sync),
    sink: &mut dyn FnMut(Vec<Result<T, Failure>>) -> anyhow::Result<()>,
) -> anyhow::Result<RunCounts> {
    let mut counts = RunCounts { read: 0, failed: expand_errors.len() };
    sink(expand_errors.into_iter().map(|err| Err(Failure { message: err.to_string() })).collect())?;
    let mut batch: Vec<Result<RawDocument, Failure>> = Vec::with_capacity(BATCH_SIZE);
    let mut flush = |batch: &mut Vec<Result<RawDocument, Failure>>, counts: &mut RunCounts| -> anyhow::Result<()> {
        let results: Vec<Result<T, Failure>> = batch
            .par_drain(..)
            .map(|raw| {
                let mut raw = raw?;
                if raw.published.is_none() {
                    raw.published = config.default_published;
                }
                sitrep_extract::extract(&raw, &config.extract)
                    .map(work)
                    .map_err(|err| Failure { message: err.to_string() })
            })
            .collect();
        for result in &results {
            match result {
                Ok(_) => counts.read += 1,
                Err(_) => counts.failed += 1,
            }
        }
        progress.inc(results.len() as u64);
        sink(results)
    };
    for input in inputs {
        for raw in sitrep_ingest::read(input, &config.read) {
            batch.push(raw.map_err(|err| Failure { message: err.to_string() }));
            if batch.len() == BATCH_SIZE {
                flush(&mut batch, &mut counts)?;
            }
        }
    }
    flush(&mut batch, &mut counts)?;
    progress.finish_and_clear();
    Ok(counts)
}

/// Extract + annotate with `layers`: the work of `annotate` and `ingest`.
pub fn annotate_work(model: &Model, layers: sitrep_nlp::Layers) -> impl Fn(Extracted) -> AnnotatedArticle + Sync + '_ {
    move |extracted: Extracted| {
        let annotations = sitrep_nlp::annotate_layers(&extracted.article, model, layers);
        AnnotatedArticle::new(extracted.article, annotations)
    }
}

/// A spinner counting documents on stderr, or nothing when stderr is not a terminal.
pub fn progress_bar(show: bool) -> ProgressBar {
    if !show {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new_spinner();
    if let Ok(style) = ProgressStyle::with_template("{spinner} {pos} documents {per_sec} {elapsed}") {
        bar.set_style(style);
    }
    bar.enable_steady_tick(std::time::Duration::from_millis(120));
    bar
}
