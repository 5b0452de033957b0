//! `sitrep eval timex`: runs the time-expression annotator on TempEval-3 documents, each anchored
//! at its document creation time, and prints the TempEval-3 figures.

use std::io::Write;
use std::path::Path;

use anyhow::Context;
use rayon::prelude::*;
use serde::Deserialize;
use sitrep_eval::timex::{Timex, TimexDocument, TimexScores};

use crate::Env;
use crate::cli::{EvalTimexArgs, OutputFormat, TimexSplit};
use crate::eval::{read_jsonl, write_predictions};
use crate::exit::Exit;

#[derive(Deserialize)]
struct TimexRecord {
    id: String,
    /// `1998-08-07`, `1998-03-01T14:11:00` or `1999-05-07T03:44`: the date part anchors.
    dct: Option<String>,
    text: String,
    timexes: Vec<Timex>,
    #[serde(default)]
    source_file: String,
}

pub(super) fn timex(args: &EvalTimexArgs, env: &Env) -> anyhow::Result<Exit> {
    let mut records = Vec::new();
    let mut n_aquaint = 0;
    read_jsonl(&args.data, |record: TimexRecord| {
        let is_aquaint = record.source_file.starts_with("AQUAINT");
        let is_heldout = is_aquaint && n_aquaint % 2 == 1;
        n_aquaint += usize::from(is_aquaint);
        let in_split = match args.split {
            None => true,
            Some(TimexSplit::Heldout) => is_heldout,
            Some(TimexSplit::Dev) => !is_heldout,
        };
        if in_split && args.source.as_ref().is_none_or(|source| record.source_file.starts_with(source.as_str())) {
            records.push(record);
        }
        Ok(true)
    })?;
    let started = std::time::Instant::now();
    let predictions: Vec<TimexDocument> = records.par_iter().map(predict_document).collect::<anyhow::Result<_>>()?;
    let elapsed = started.elapsed();
    let gold: Vec<TimexDocument> =
        records.into_iter().map(|record| TimexDocument { id: record.id, timexes: record.timexes }).collect();
    write_predictions(args.output.predictions.as_deref(), &predictions)?;
    let scores = sitrep_eval::timex::score(&gold, &predictions);
    let mut out = std::io::stdout().lock();
    match args.output.format {
        OutputFormat::Json => {
            let value = serde_json::json!({
                "data": args.data.display().to_string(),
                "source": args.source,
                "split": args.split.map(|split| format!("{split:?}").to_lowercase()),
                "n_documents": gold.len(),
                "seconds": elapsed.as_secs_f64(),
                "scores": scores,
            });
            writeln!(out, "{value}")?;
        }
        OutputFormat::Text => write!(out, "{}", timex_text(&args.data, gold.len(), &scores, elapsed, env))?,
    }
    Ok(if gold.is_empty() { Exit::NothingDone } else { Exit::Success })
}

fn predict_document(record: &TimexRecord) -> anyhow::Result<TimexDocument> {
    let dct = match record.dct.as_deref().filter(|dct| !dct.is_empty()) {
        Some(dct) => Some(
            dct.get(..10)
                .and_then(|day| day.parse::<jiff::civil::Date>().ok())
                .with_context(|| format!("document {}: dct {dct:?} does not start with YYYY-MM-DD", record.id))?,
        ),
        None => None,
    };
    let timexes = sitrep_nlp::find_times(&record.text, dct)
        .into_iter()
        .map(|time| Timex {
            start: time.span.start.0,
            end: time.span.end.0,
            time_type: time.time_type.as_str().to_string(),
            value: time.value,
            text: time.text,
        })
        .collect();
    Ok(TimexDocument { id: record.id.clone(), timexes })
}

fn timex_text(
    data: &Path,
    n_documents: usize,
    scores: &TimexScores,
    elapsed: std::time::Duration,
    env: &Env,
) -> String {
    use std::fmt::Write as _;
    let mut out = String::new();
    let _ = writeln!(out, "{}", env.style.bold(&format!("time expressions on {}", data.display())));
    let _ = writeln!(out, "{:<10} {:>7} {:>7} {:>7}", "", "P", "R", "F1");
    let _ =
        writeln!(out, "{:<10} {:>7.4} {:>7.4} {:>7.4}", "strict", scores.strict_p, scores.strict_r, scores.strict_f1);
    let _ = writeln!(
        out,
        "{:<10} {:>7.4} {:>7.4} {:>7.4}",
        "relaxed", scores.relaxed_p, scores.relaxed_r, scores.relaxed_f1
    );
    let _ = writeln!(
        out,
        "type accuracy {:.4} (F1 {:.4}), value accuracy {:.4} (F1 {:.4})",
        scores.type_accuracy, scores.type_f1, scores.value_accuracy, scores.value_f1
    );
    let _ = writeln!(
        out,
        "{}",
        env.style.dim(&format!(
            "{n_documents} documents, {} gold, {} found, {} relaxed and {} strict matches, in {:.2} s",
            scores.gold,
            scores.system,
            scores.relaxed_match,
            scores.strict_match,
            elapsed.as_secs_f64()
        ))
    );
    out
}
