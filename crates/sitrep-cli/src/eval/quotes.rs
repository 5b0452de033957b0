//! `sitrep eval quotes`: runs the annotator on PolNeAR articles and scores the quotations it finds
//! and their speakers as `../shared/scorers/quotes.py` does.

use std::io::Write;
use std::path::Path;

use rayon::prelude::*;
use sitrep_eval::quotes::{GoldArticle, PredictedArticle, PredictedQuote, QuoteScores};
use sitrep_model::{Article, ArticleId, QuoteKind, SourceFormat};

use crate::Env;
use crate::cli::{EvalQuotesArgs, OutputFormat, QuoteKinds};
use crate::eval::{read_jsonl, write_predictions};
use crate::exit::Exit;

pub(super) fn quotes(args: &EvalQuotesArgs, env: &Env) -> anyhow::Result<Exit> {
    let mut gold: Vec<GoldArticle> = Vec::new();
    read_jsonl(&args.data, |article: GoldArticle| {
        gold.push(article);
        Ok(args.limit.is_none_or(|limit| gold.len() < limit))
    })?;
    let model = match &args.attribution_model {
        None => sitrep_nlp::Model::builtin(),
        Some(path) if path.as_os_str() == "none" => sitrep_nlp::Model::builtin().with_attribution(None),
        Some(path) => sitrep_nlp::Model::builtin().with_attribution(Some(read_attribution_model(path)?)),
    };
    let started = std::time::Instant::now();
    let predictions: Vec<PredictedArticle> =
        gold.par_iter().map(|article| predict_article(article, &model, args.kinds)).collect();
    let elapsed = started.elapsed();
    write_predictions(args.output.predictions.as_deref(), &predictions)?;
    let scores = sitrep_eval::quotes::score(&gold, &predictions, args.kinds.gold_kinds());
    let mut out = std::io::stdout().lock();
    match args.output.format {
        OutputFormat::Json => {
            let value = serde_json::json!({
                "data": args.data.display().to_string(),
                "kinds": args.kinds.label(),
                "n_articles": gold.len(),
                "seconds": elapsed.as_secs_f64(),
                "scores": scores,
            });
            writeln!(out, "{value}")?;
        }
        OutputFormat::Text => {
            write!(out, "{}", quotes_text(&args.data, args.kinds, gold.len(), &scores, elapsed, env))?
        }
    }
    Ok(if gold.is_empty() { Exit::NothingDone } else { Exit::Success })
}

pub(crate) fn read_attribution_model(path: &Path) -> anyhow::Result<sitrep_nlp::AttributionModel> {
    use anyhow::Context as _;
    let bytes = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    sitrep_nlp::AttributionModel::from_bytes(&bytes)
        .with_context(|| format!("cannot load the attribution model {}", path.display()))
}

/// sitrep's quotes of the kinds being scored: direct quotes are `direct` and `headline`; mixed
/// ones are `partial`; `indirect` is reported speech.
pub(crate) fn predict_article(gold: &GoldArticle, model: &sitrep_nlp::Model, kinds: QuoteKinds) -> PredictedArticle {
    predicted_quotes(gold, &annotate_gold(gold, model, kinds.layers()), kinds)
}

/// The `layers` of a gold article's text (the quantities and times, which no quote reads, are
/// left out, as `sitrep annotate --skip quantities,times` leaves them). The article
/// keeps the data's id: hashing the text for one, as ingesting does, would add a few per cent
/// to the time measured, for an id nothing here reads.
pub(crate) fn annotate_gold(
    gold: &GoldArticle,
    model: &sitrep_nlp::Model,
    layers: sitrep_nlp::Layers,
) -> sitrep_model::Annotations {
    let article = Article {
        id: ArticleId(gold.id.clone()),
        url: None,
        site: None,
        title: None,
        authors: Vec::new(),
        published: None,
        modified: None,
        language: Some("en".into()),
        text: gold.text.clone(),
        format: SourceFormat::Text,
    };
    sitrep_nlp::annotate_layers(&article, model, layers)
}

/// The quotes of `annotations` of the kinds being scored, as the scorer reads them.
pub(crate) fn predicted_quotes(
    gold: &GoldArticle,
    annotations: &sitrep_model::Annotations,
    kinds: QuoteKinds,
) -> PredictedArticle {
    let quotes = annotations
        .quotes
        .iter()
        .filter(|quote| kinds.includes(quote.kind))
        .map(|quote| {
            // PolNeAR's content of a partial quote is the whole reported clause.
            let content = quote.clause.unwrap_or(quote.span);
            PredictedQuote {
                quote_start: content.start.0,
                quote_end: content.end.0,
                speaker: quote.speaker.as_ref().map(|speaker| speaker.mention_text.clone()),
                speaker_name: quote.speaker.as_ref().map(|speaker| speaker.name.clone()),
                cue: quote.cue.as_ref().map(|cue| (cue.span.start.0, cue.span.end.0)),
                kind: Some(kind_name(quote.kind).to_string()),
                confidence: Some(quote.confidence),
            }
        })
        .collect();
    PredictedArticle { id: gold.id.clone(), quotes }
}

fn kind_name(kind: QuoteKind) -> &'static str {
    match kind {
        QuoteKind::Direct => "direct",
        QuoteKind::Partial => "partial",
        QuoteKind::Headline => "headline",
        QuoteKind::Indirect => "indirect",
    }
}

impl QuoteKinds {
    /// The gold kinds scored, `None` for all.
    pub(crate) fn gold_kinds(self) -> Option<&'static [&'static str]> {
        match self {
            QuoteKinds::Direct => Some(&["direct"]),
            QuoteKinds::DirectMixed => Some(&["direct", "mixed"]),
            QuoteKinds::All => None,
        }
    }

    /// A file name for predictions of these kinds.
    pub(crate) fn file_stem(self) -> &'static str {
        match self {
            QuoteKinds::Direct => "direct",
            QuoteKinds::DirectMixed => "direct-mixed",
            QuoteKinds::All => "all",
        }
    }

    /// The layers that find these kinds: no indirect speech unless it is scored (the
    /// quotations come out the same either way).
    pub(crate) fn layers(self) -> sitrep_nlp::Layers {
        match self {
            QuoteKinds::Direct | QuoteKinds::DirectMixed => sitrep_nlp::Layers::QUOTATIONS,
            QuoteKinds::All => sitrep_nlp::Layers::QUOTES,
        }
    }

    /// Whether sitrep's quotes of this kind are predictions for the gold kinds scored.
    fn includes(self, kind: QuoteKind) -> bool {
        match self {
            QuoteKinds::Direct => matches!(kind, QuoteKind::Direct | QuoteKind::Headline),
            QuoteKinds::DirectMixed => kind != QuoteKind::Indirect,
            QuoteKinds::All => true,
        }
    }

    /// As the reference scorer's `--kinds` writes it.
    pub(crate) fn label(self) -> &'static str {
        match self {
            QuoteKinds::Direct => "direct",
            QuoteKinds::DirectMixed => "direct,mixed",
            QuoteKinds::All => "all",
        }
    }
}

pub(crate) fn quotes_text(
    data: &Path,
    kinds: QuoteKinds,
    n_articles: usize,
    scores: &QuoteScores,
    elapsed: std::time::Duration,
    env: &Env,
) -> String {
    use std::fmt::Write as _;
    let mut out = String::new();
    let _ = writeln!(out, "{}", env.style.bold(&format!("quotes ({}) on {}", kinds.label(), data.display())));
    let _ = writeln!(out, "{:<12} {:>7} {:>7} {:>7}", "", "P", "R", "F1");
    for (name, prf) in [("strict", scores.strict), ("lenient", scores.lenient), ("end to end", scores.e2e)] {
        let _ = writeln!(out, "{name:<12} {:>7.3} {:>7.3} {:>7.3}", prf.precision, prf.recall, prf.f1);
    }
    let accuracy = |value: Option<f64>| value.map_or_else(|| "-".to_string(), |value| format!("{value:.3}"));
    let _ = writeln!(
        out,
        "speaker accuracy on matched quotes: all {} (n={}), named {} (n={})",
        accuracy(scores.speaker_acc_all),
        scores.speaker_n,
        accuracy(scores.speaker_acc_named),
        scores.speaker_named_n
    );
    let _ = writeln!(
        out,
        "{}",
        env.style.dim(&format!(
            "{n_articles} articles, {} gold, {} found ({} ignored as other kinds), in {:.2} s",
            scores.gold,
            scores.pred,
            scores.ignored_pred,
            elapsed.as_secs_f64()
        ))
    );
    out
}
