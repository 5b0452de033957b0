//! One function per subcommand: read what it needs, call the libraries, write the result.

use std::io::Write;

use anyhow::Context;
use sitrep_link::{ActorIndex, QuoteFilter, build_report, speaker_quotes};
use sitrep_model::{AnnotatedArticle, QuoteKind, Report, SourceTime};
use sitrep_store::Store;

use crate::Env;
use crate::cli::{
    AnnotateArgs, Command, EntitiesArgs, ExtractArgs, InputArgs, OutputFormat, QuotesArgs, ReportArgs, ReportFormat,
    SearchArgs, ServeArgs, SkippableLayer,
};
use crate::exit::Exit;
use crate::pipeline::{Failure, PipelineConfig, RunCounts, annotate_work, progress_bar};
use crate::render;

/// Runs one subcommand.
pub fn run(command: Command, env: &Env) -> anyhow::Result<Exit> {
    match command {
        Command::Analyze(args) => {
            let exit = ingest(&args.input, env)?;
            if exit != Exit::Success {
                return Ok(exit);
            }
            report(&ReportArgs { format: args.format }, env)
        }
        Command::Ingest(args) => ingest(&args.input, env),
        Command::Annotate(args) => annotate(&args, env),
        Command::Extract(args) => extract(&args, env),
        Command::Report(args) => report(&args, env),
        Command::Quotes(args) => quotes(&args, env),
        Command::Entities(args) => entities(&args, env),
        Command::Search(args) => search(&args, env),
        Command::Eval(command) => crate::eval::run(command, env),
        Command::Train(command) => crate::train::run(command, env),
        Command::Serve(args) => serve(&args, env),
    }
}

fn pipeline_config(input: &InputArgs) -> anyhow::Result<PipelineConfig> {
    let default_published = match &input.published {
        Some(value) => Some(parse_time(value).with_context(|| {
            format!("--published {value:?} is not RFC 3339 (2026-03-05T09:30:00Z) or a date (2026-03-05)")
        })?),
        None => None,
    };
    let mut config = PipelineConfig { default_published, ..PipelineConfig::default() };
    config.extract.remove_debris = !input.keep_debris;
    Ok(config)
}

fn parse_time(value: &str) -> anyhow::Result<SourceTime> {
    if let Ok(time) = value.parse::<SourceTime>() {
        return Ok(time);
    }
    let date: jiff::civil::Date = value.parse()?;
    SourceTime::of_date(date).context("the date is out of range")
}

fn report_failures(results: &[Result<impl Sized, Failure>]) {
    for failure in results.iter().filter_map(|result| result.as_ref().err()) {
        eprintln!("sitrep: {}", failure.message);
    }
}

/// Exit status of a run over inputs: success if anything was read.
fn exit_of(counts: RunCounts) -> Exit {
    if counts.read == 0 {
        eprintln!("sitrep: no input could be read");
        Exit::NothingDone
    } else {
        Exit::Success
    }
}

fn open_store(env: &Env) -> anyhow::Result<Store> {
    Store::open(&env.data_dir).with_context(|| format!("cannot open the store in {}", env.data_dir.display()))
}

fn ingest(input: &InputArgs, env: &Env) -> anyhow::Result<Exit> {
    let config = pipeline_config(input)?;
    let mut store = open_store(env)?;
    let model = sitrep_nlp::Model::builtin();
    let (inputs, expand_errors) = sitrep_ingest::expand(&input.paths);
    let progress = progress_bar(env.show_progress);
    let (mut n_new, mut n_duplicate) = (0, 0);
    let work = annotate_work(&model, sitrep_nlp::Layers::ALL);
    let counts = crate::pipeline::run(&inputs, expand_errors, &config, &progress, &work, &mut |results| {
        report_failures(&results);
        let articles: Vec<AnnotatedArticle> = results.into_iter().filter_map(Result::ok).collect();
        let summary = store
            .insert_batch(&articles)
            .with_context(|| format!("cannot write to the store in {}", env.data_dir.display()))?;
        n_new += summary.new;
        n_duplicate += summary.duplicate;
        Ok(())
    })?;
    if env.chatty {
        eprintln!(
            "sitrep: read {} articles: {n_new} new, {n_duplicate} duplicate, {} failed (store: {})",
            counts.read,
            counts.failed,
            env.data_dir.display()
        );
    }
    Ok(exit_of(counts))
}

fn annotate(args: &AnnotateArgs, env: &Env) -> anyhow::Result<Exit> {
    let config = pipeline_config(&args.input)?;
    let model = sitrep_nlp::Model::builtin();
    let (inputs, expand_errors) = sitrep_ingest::expand(&args.input.paths);
    let mut out = std::io::stdout().lock();
    let progress = progress_bar(env.show_progress);
    let work = annotate_work(&model, SkippableLayer::remaining(&args.skip));
    let counts = crate::pipeline::run(&inputs, expand_errors, &config, &progress, &work, &mut |results| {
        report_failures(&results);
        for annotated in results.into_iter().filter_map(Result::ok) {
            match args.format {
                OutputFormat::Json => writeln!(out, "{}", serde_json::to_string(&annotated)?)?,
                OutputFormat::Text => writeln!(out, "{}", render::article_text(&annotated, env.style))?,
            }
        }
        Ok(())
    })?;
    out.flush()?;
    Ok(exit_of(counts))
}

fn extract(args: &ExtractArgs, env: &Env) -> anyhow::Result<Exit> {
    let config = pipeline_config(&args.input)?;
    let (inputs, expand_errors) = sitrep_ingest::expand(&args.input.paths);
    let mut out = std::io::stdout().lock();
    let progress = progress_bar(env.show_progress);
    let counts =
        crate::pipeline::run(&inputs, expand_errors, &config, &progress, &|extracted| extracted, &mut |results| {
            report_failures(&results);
            for extracted in results.into_iter().filter_map(Result::ok) {
                match args.format {
                    OutputFormat::Json => writeln!(out, "{}", serde_json::to_string(&extracted.article)?)?,
                    OutputFormat::Text => {
                        let article = &extracted.article;
                        let title = render::clean(article.title.as_deref().unwrap_or("(untitled)"));
                        writeln!(out, "{} {}", env.style.bold(&title), env.style.dim(&format!("[{}]", article.id)))?;
                        writeln!(out, "{}\n", sitrep_extract::body(article))?;
                        if !extracted.removed.is_empty() {
                            writeln!(
                                out,
                                "{}\n",
                                env.style.dim(&format!(
                                    "removed as debris: {}",
                                    render::clean(&extracted.removed.join(" | "))
                                ))
                            )?;
                        }
                    }
                }
            }
            Ok(())
        })?;
    out.flush()?;
    Ok(exit_of(counts))
}

fn stored_articles(env: &Env) -> anyhow::Result<Vec<AnnotatedArticle>> {
    if !env.data_dir.exists() {
        anyhow::bail!(
            "no store in {}; add articles first with `sitrep ingest PATH...` (or pass --data DIR)",
            env.data_dir.display()
        );
    }
    Ok(open_store(env)?.articles()?)
}

fn report(args: &ReportArgs, env: &Env) -> anyhow::Result<Exit> {
    let articles = stored_articles(env)?;
    let report: Report = build_report(&articles);
    let mut out = std::io::stdout().lock();
    match args.format {
        ReportFormat::Json => writeln!(out, "{}", serde_json::to_string_pretty(&report)?)?,
        ReportFormat::Md => write!(out, "{}", render::report_markdown(&report))?,
    }
    out.flush()?;
    Ok(if articles.is_empty() { Exit::NothingDone } else { Exit::Success })
}

fn quotes(args: &QuotesArgs, env: &Env) -> anyhow::Result<Exit> {
    let articles = stored_articles(env)?;
    let actors = ActorIndex::build(&articles);
    let filter = QuoteFilter { speaker: args.speaker.clone(), about: args.about.clone() };
    let (mut speakers, mut unattributed) = speaker_quotes(&articles, &actors, &filter);
    if !args.indirect {
        for speaker in &mut speakers {
            speaker.quotes.retain(|quote| quote.kind != QuoteKind::Indirect);
        }
        speakers.retain(|speaker| !speaker.quotes.is_empty());
        unattributed.retain(|quote| quote.kind != QuoteKind::Indirect);
    }
    let mut out = std::io::stdout().lock();
    match args.format {
        OutputFormat::Json => {
            for speaker in &speakers {
                writeln!(out, "{}", serde_json::to_string(speaker)?)?;
            }
        }
        OutputFormat::Text => write!(out, "{}", render::quotes_text(&speakers, &unattributed, env.style))?,
    }
    out.flush()?;
    if speakers.is_empty() && unattributed.is_empty() {
        if let Some(name) = &args.speaker {
            eprintln!(
                "sitrep: no quotes by a speaker named {name:?}; `sitrep entities --type person` lists the people in the store"
            );
        }
        return Ok(Exit::NothingDone);
    }
    Ok(Exit::Success)
}

fn entities(args: &EntitiesArgs, env: &Env) -> anyhow::Result<Exit> {
    let wanted = match &args.entity_type {
        Some(name) => Some(parse_entity_type(name)?),
        None => None,
    };
    let articles = stored_articles(env)?;
    let report = build_report(&articles);
    let actors: Vec<_> =
        report.actors.into_iter().filter(|actor| wanted.is_none_or(|wanted| actor.entity_type == wanted)).collect();
    let mut out = std::io::stdout().lock();
    match args.format {
        OutputFormat::Json => {
            for actor in &actors {
                writeln!(out, "{}", serde_json::to_string(actor)?)?;
            }
        }
        OutputFormat::Text => write!(out, "{}", render::entities_text(&actors, env.style))?,
    }
    out.flush()?;
    Ok(if actors.is_empty() { Exit::NothingDone } else { Exit::Success })
}

fn parse_entity_type(name: &str) -> anyhow::Result<sitrep_model::EntityType> {
    use sitrep_model::EntityType;
    let all =
        [EntityType::Person, EntityType::Org, EntityType::Gpe, EntityType::Loc, EntityType::Norp, EntityType::Misc];
    all.into_iter()
        .find(|entity_type| entity_type.as_str().eq_ignore_ascii_case(name))
        .with_context(|| format!("unknown entity type {name:?}; choose one of person, org, gpe, loc, norp, misc"))
}

fn search(args: &SearchArgs, env: &Env) -> anyhow::Result<Exit> {
    if !env.data_dir.exists() {
        anyhow::bail!(
            "no store in {}; add articles first with `sitrep ingest PATH...` (or pass --data DIR)",
            env.data_dir.display()
        );
    }
    let store = open_store(env)?;
    let hits = store.search(&args.query, args.limit).with_context(|| format!("search for {:?} failed", args.query))?;
    let mut out = std::io::stdout().lock();
    for hit in &hits {
        match args.format {
            OutputFormat::Json => {
                let value = serde_json::json!({
                    "article": hit.article, "title": hit.title, "site": hit.site, "published": hit.published,
                    "score": hit.score, "snippet": hit.snippet,
                });
                writeln!(out, "{value}")?;
            }
            OutputFormat::Text => {
                let title = render::clean(hit.title.as_deref().unwrap_or("(untitled)"));
                let site = render::clean(hit.site.as_deref().unwrap_or(""));
                writeln!(
                    out,
                    "{} {}",
                    env.style.bold(&title),
                    env.style.dim(&format!("{site} [{}] score {:.2}", hit.article, hit.score))
                )?;
                writeln!(out, "  {}\n", render::clean(&hit.snippet))?;
            }
        }
    }
    out.flush()?;
    if hits.is_empty() {
        eprintln!("sitrep: no article matches {:?}", args.query);
        return Ok(Exit::NothingDone);
    }
    Ok(Exit::Success)
}

fn serve(args: &ServeArgs, env: &Env) -> anyhow::Result<Exit> {
    let store = open_store(env)?;
    let runtime = tokio::runtime::Runtime::new().context("cannot start the async runtime")?;
    if env.chatty {
        eprintln!("sitrep: serving {} on http://{}", env.data_dir.display(), args.addr);
    }
    runtime
        .block_on(sitrep_server::serve(store, args.addr))
        .with_context(|| format!("cannot serve on {}", args.addr))?;
    Ok(Exit::Success)
}
