//! The command line: every flag and subcommand, with short (`-h`) and long (`--help`) help.
//! This module only describes and validates; `main.rs` turns it into work.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

const AFTER_HELP: &str = "\
Exit codes:
  0    success (inputs that could not be read are reported on stderr and skipped)
  1    no input could be read, or nothing matched
  2    usage error or fatal error (store unreadable, bad flag)
  130  interrupted

Start with:
  sitrep analyze examples/articles        ingest the examples and print the report
  sitrep quotes --speaker Ferreira        who said what, for one person
  sitrep search \"corridor\"                full-text search with snippets";

/// sitrep turns news articles into a situation report: who said what (every quotation, attributed
/// to the right person), who did what, when, with which numbers, and how outlets' accounts differ.
#[derive(Debug, Parser)]
#[command(name = "sitrep", version, about, long_about = None, after_long_help = AFTER_HELP)]
pub struct Cli {
    /// Where the store lives [env: SITREP_DATA] [default: ./sitrep-data]
    #[arg(long, global = true, value_name = "DIR", env = "SITREP_DATA", hide_env = true)]
    pub data: Option<PathBuf>,

    /// When to use colors: auto, always or never.
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,

    /// Print only results and errors: no progress bar, no summary line.
    #[arg(long, short, global = true)]
    pub quiet: bool,

    #[command(subcommand)]
    pub command: Command,
}

/// Color output choice.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// Color when stdout is a terminal, NO_COLOR is unset and TERM is not dumb.
    Auto,
    /// Always color.
    Always,
    /// Never color.
    Never,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Ingest articles into the store and print the situation report.
    #[command(
        long_about = "Ingest articles into the store and print the situation report.\n\n\
        The same as `sitrep ingest PATH...` followed by `sitrep report`. The report covers everything in the store, \
        not only the articles just read.",
        after_long_help = "Examples:\n  sitrep analyze examples/articles\n  sitrep analyze --format json examples/articles > report.json"
    )]
    Analyze(AnalyzeArgs),

    /// Read articles, annotate them and add them to the store.
    #[command(
        long_about = "Read articles, annotate them and add them to the store.\n\n\
        PATH may be a text file, a web page (.html/.htm/.xhtml), a JSON Lines file (.jsonl/.ndjson, one {\"text\" or \"html\", \
        \"title\", \"url\", \"published\"} object per line), an RSS/Atom feed (.rss/.atom/.xml), a web archive (.warc/.warc.gz), \
        an http(s) URL or a list of them (.urls), a directory (walked for all of these) or - for standard input. A text file may \
        open with a header block of `Title:`, `URL:`, `Published:`, `Author:` and `Site:` lines followed by a blank line.\n\n\
        Ingest is idempotent: an article already stored (same content hash) is counted as a duplicate and left alone. Each batch \
        is one transaction, so an interrupted ingest keeps every batch it committed and nothing half-written.",
        after_long_help = "Examples:\n  sitrep ingest examples/articles\n  sitrep ingest CC-NEWS-20250301.warc.gz\n  sitrep ingest https://example.org/news/article.html\n  cat feed.jsonl | sitrep ingest -\n  sitrep --data /tmp/store ingest examples/articles/03-ferreira-navy-funding-coastal-ledger.txt"
    )]
    Ingest(IngestArgs),

    /// Annotate articles and print the JSON contract (one object per article), without storing.
    #[command(
        long_about = "Annotate articles and print them without storing.\n\n\
        With --format json (the default) each article is one line of JSON: the versioned contract documented in docs/schema.md \
        (`\"schema\": 1`): text, metadata, entities, mentions, quotes, quantities and times, every span a code-point offset into \
        `text`. With --format text, a readable summary per article.",
        after_long_help = "Examples:\n  sitrep annotate examples/articles/01-geneva-talks-agreed-meridian-post.txt\n  sitrep annotate --format text examples/articles\n  sitrep annotate --skip quantities,times examples/articles   # entities and quotes only"
    )]
    Annotate(AnnotateArgs),

    /// Clean articles (debris removed, metadata filled in) and print them, without annotating.
    #[command(
        after_long_help = "Examples:\n  sitrep extract examples/articles/02-shipping-losses-harbour-daily.txt\n  sitrep extract --format json examples/articles"
    )]
    Extract(ExtractArgs),

    /// Print the situation report over everything in the store.
    #[command(after_long_help = "Examples:\n  sitrep report\n  sitrep report --format json | jq '.speakers[0]'")]
    Report(ReportArgs),

    /// Who said what: quotations grouped by speaker, each remark once with every outlet that carried it.
    #[command(
        after_long_help = "Examples:\n  sitrep quotes\n  sitrep quotes --speaker Ferreira\n  sitrep quotes --about Kestria --format json"
    )]
    Quotes(QuotesArgs),

    /// People, organisations and places across all stored articles, with roles and aliases.
    #[command(after_long_help = "Examples:\n  sitrep entities\n  sitrep entities --type person")]
    Entities(EntitiesArgs),

    /// Full-text search over stored articles, best matches first, with snippets.
    #[command(
        long_about = "Full-text search over stored articles (titles and text), best matches first, with snippets; matched \
        words are shown in [brackets]. The query language: words (every word must match, in any form: \"ally\" finds \"allies\"), \"exact phrases\", OR between alternatives, -excluded words, title:word. Title matches rank higher.",
        after_long_help = "Examples:\n  sitrep search corridor\n  sitrep search '\"humanitarian corridor\" -Kestria'\n  sitrep search title:envoy --format json"
    )]
    Search(SearchArgs),

    /// Score an extractor on a gold data set (figures for docs/QUALITY.md).
    #[command(subcommand)]
    Eval(EvalCommand),

    /// Train a model on gold data and write the model file the binary ships.
    #[command(subcommand)]
    Train(TrainCommand),

    /// Serve the HTTP API (JSON) over the store on 127.0.0.1.
    #[command(
        long_about = "Serve the HTTP API over the store. Endpoints: GET /api/report, /api/quotes?speaker=&about=, \
        /api/entities, /api/search?q=&limit=, /api/articles/{id}, and / with a short index. Binds to 127.0.0.1 unless told \
        otherwise; there is no authentication, so do not expose it.",
        after_long_help = "Examples:\n  sitrep serve\n  sitrep serve --addr 127.0.0.1:9000"
    )]
    Serve(ServeArgs),
}

/// `sitrep eval ...`: one subcommand per data set.
#[derive(Debug, Subcommand)]
pub enum EvalCommand {
    /// Main-content extraction: body text (token 4-gram shingles: macro P/R, F1 of the means) per
    /// source and overall, and title/author/date accuracy on pages with gold metadata.
    #[command(
        long_about = "Main-content extraction on a gold file (`../shared/data/extraction/dev.jsonl.gz`): each page's \
        `html` goes through sitrep's extractor and its body text is scored against the gold `text` with the Scrapinghub \
        benchmark's metric (token 4-gram shingles; page precision and recall macro-averaged; F1 of the two means; \
        accuracy = exact token match), per source and overall, plus title exact match, author match and date match on \
        pages with gold metadata. The figures agree with ../shared/scorers/extraction.py on the same predictions; \
        --predictions writes them in that scorer's input format.",
        after_long_help = "Examples:\n  sitrep eval extraction ../shared/data/extraction/dev.jsonl.gz\n  sitrep eval extraction ../shared/data/extraction/dev.jsonl.gz --format json --predictions pred.jsonl"
    )]
    Extraction(EvalExtractionArgs),

    /// Time expressions (TimeML TIMEX3): strict and relaxed extraction F1, type and value accuracy
    /// and F1, as TempEval-3 defines them.
    #[command(
        long_about = "Time expressions on a TempEval-3 gold file (`../shared/data/timex/train.jsonl`): each document's \
        `text` goes through sitrep's time-expression annotator, anchored at the document creation time `dct`, and the \
        expressions found are scored against the gold TIMEX3s: strict (same span) and relaxed (overlapping span) \
        precision, recall and F1, type and value accuracy over relaxed matches, and type and value F1. The figures agree \
        with ../shared/scorers/timex.py on the same predictions; --predictions writes them in that scorer's input format.",
        after_long_help = "Examples:\n  sitrep eval timex ../shared/data/timex/train.jsonl\n  sitrep eval timex ../shared/data/timex/train.jsonl --split heldout\n  sitrep eval timex ../shared/data/timex/train.jsonl --format json --predictions pred.jsonl"
    )]
    Timex(EvalTimexArgs),

    /// Quotations and their speakers on PolNeAR: strict and lenient span P/R/F1, speaker accuracy
    /// on matched quotes, end to end (span and speaker right).
    #[command(
        long_about = "Quotations on a PolNeAR gold file (`../shared/data/quotes/dev.jsonl`): each article's `text` goes \
        through sitrep's annotator and the quotes it finds are matched one to one with the gold records of the chosen \
        kinds: strict (same span once quote marks and edge punctuation are trimmed) and lenient (overlap of at least half \
        the longer span) precision, recall and F1; speaker accuracy on matched quotes (all, and where the gold speaker is \
        named); end to end, a lenient match with the right speaker. Predictions that match only a gold record of another \
        kind are ignored. The speaker scored is the mention the attribution rests on (\"he\", \"the senator\"), as the \
        corpus marks speakers. The figures agree with ../shared/scorers/quotes.py on the same predictions; --predictions \
        writes them in that scorer's input format.",
        after_long_help = "Examples:\n  sitrep eval quotes ../shared/data/quotes/dev.jsonl\n  sitrep eval quotes ../shared/data/quotes/dev.jsonl --kinds direct\n  sitrep eval quotes ../shared/data/quotes/dev.jsonl --kinds all --format json --predictions pred.jsonl"
    )]
    Quotes(EvalQuotesArgs),

    /// Named entities on CoNLL data: entity-level exact match, precision, recall and F1 per type
    /// and micro-averaged (conlleval).
    #[command(
        long_about = "Named entities on a CoNLL file (`../shared/data/ner/dev.docs.conll.gz`): every sentence's gold \
        tokens go through sitrep's tagger, a document at a time (documents open with `-DOCSTART-` lines; a file without \
        them is read as one document per sentence, so the document-level features see less), and the entities found are \
        matched with the gold ones: an entity counts when its type and exact token span both match. Precision, recall \
        and F1 per type (PER, ORG, LOC, MISC) and micro-averaged, as conlleval defines them. The figures agree with \
        ../shared/scorers/ner.py on the same predictions; --predictions writes the input again with the predicted tags \
        (IOB2) in its last column, which that scorer reads beside the gold file.",
        after_long_help = "Examples:\n  sitrep eval ner ../shared/data/ner/dev.docs.conll.gz\n  sitrep eval ner ../shared/data/ner/ontonotes_nw_plo_dev.conll.gz --types PER,LOC,ORG\n  sitrep eval ner ../shared/data/ner/dev.docs.conll.gz --format json --predictions pred.conll\n  sitrep eval ner ../shared/data/ner/dev.docs.conll.gz --model /tmp/ner.bin"
    )]
    Ner(EvalNerArgs),
}

/// `sitrep train ...`: one subcommand per model.
#[derive(Debug, Subcommand)]
pub enum TrainCommand {
    /// The named-entity tagger, on CoNLL data; writes models/ner.bin.
    #[command(
        long_about = "Train the named-entity tagger on CoNLL files and write the model file.\n\n\
        The tagger is a linear-chain averaged perceptron over BILOU labels with word, shape, affix, context, gazetteer \
        and document-casing features; training visits the sentences in an order shuffled by --seed, so the same data and \
        flags give the same file, byte for byte. The shipped model is built by the first example below, on the train and \
        dev splits together; the second trains on train alone and scores dev, which gives the dev figures. The binary \
        embeds models/ner.bin when it is compiled, so rebuild after training (or try a new file with \
        `sitrep eval ner --model FILE`). With --dev, the new model is scored on that file at the end.",
        after_long_help = "Examples:\n  sitrep train ner ../shared/data/ner/train.docs.conll.gz ../shared/data/ner/dev.docs.conll.gz\n  sitrep train ner ../shared/data/ner/train.docs.conll.gz --dev ../shared/data/ner/dev.docs.conll.gz --out /tmp/ner-train-only.bin\n  sitrep train ner ../shared/data/ner/train.docs.conll.gz --epochs 5 --out /tmp/ner.bin"
    )]
    Ner(TrainNerArgs),

    /// The attribution tagger (source, cue and content of reported speech), on PolNeAR quote
    /// records; reports cross-validated figures and writes models/attribution.bin.
    #[command(
        long_about = "Train the attribution tagger on PolNeAR quote records (`../shared/data/quotes/dev.jsonl`) and write \
        the model file.\n\n\
        The tagger is a linear-chain averaged perceptron labelling each token as the source, cue or content of an \
        attribution relation (BIO), with word, context, lexicon-cue, distance-to-cue, quotation-mark and entity features. \
        The quote rules read its relations where they found none, for the cues no word list holds. Since the model is \
        trained on the data `sitrep eval quotes` scores, the figures to quote are the cross-validated ones this command \
        prints first (--folds: each fold annotated by a tagger trained on the others, scored as `sitrep eval quotes` \
        scores); then the model is trained on everything and written. The binary embeds models/attribution.bin when it \
        is compiled, so rebuild after training.",
        after_long_help = "Examples:\n  sitrep train attribution ../shared/data/quotes/dev.jsonl\n  sitrep train attribution ../shared/data/quotes/dev.jsonl --folds 0 --out /tmp/attribution.bin"
    )]
    Attribution(TrainAttributionArgs),
}

/// `sitrep train attribution`.
#[derive(Debug, Args)]
pub struct TrainAttributionArgs {
    /// PolNeAR quote records (JSON Lines, one article per line, with source and cue offsets).
    #[arg(value_name = "DATA")]
    pub data: PathBuf,
    /// Where to write the model.
    #[arg(long, value_name = "FILE", default_value = "models/attribution.bin")]
    pub out: PathBuf,
    /// Folds of the cross-validated figures; 0 skips them.
    #[arg(long, value_name = "N", default_value_t = 5)]
    pub folds: usize,
    /// Write the cross-validated predictions into this folder, as the reference scorer reads
    /// them: direct.jsonl, direct-mixed.jsonl and all.jsonl, one per `--kinds` of `sitrep eval
    /// quotes`.
    #[arg(long, value_name = "DIR")]
    pub predictions: Option<PathBuf>,
    /// Folds for training the second stage (each fold labelled by a first stage trained on
    /// the others); 0 trains the first stage alone.
    #[arg(long, value_name = "N", default_value_t = sitrep_nlp::AttributionTrainConfig::default().folds)]
    pub stage_folds: usize,
    /// Passes over the training data.
    #[arg(long, value_name = "N", default_value_t = sitrep_nlp::AttributionTrainConfig::default().epochs)]
    pub epochs: usize,
    /// Seed of the order in which sentences are visited.
    #[arg(long, value_name = "N", default_value_t = sitrep_nlp::AttributionTrainConfig::default().seed)]
    pub seed: u64,
    /// Drop features seen fewer times than this in training.
    #[arg(long, value_name = "N", default_value_t = sitrep_nlp::AttributionTrainConfig::default().min_count)]
    pub min_count: u32,
}

/// `sitrep train ner`.
#[derive(Debug, Args)]
pub struct TrainNerArgs {
    /// Training files in CoNLL format (`TOKEN ... TAG` lines, gzip accepted).
    #[arg(required = true, value_name = "DATA")]
    pub data: Vec<PathBuf>,
    /// A CoNLL file to score the trained model on.
    #[arg(long, value_name = "FILE")]
    pub dev: Option<PathBuf>,
    /// Where to write the model.
    #[arg(long, value_name = "FILE", default_value = "models/ner.bin")]
    pub out: PathBuf,
    /// Passes over the training data.
    #[arg(long, value_name = "N", default_value_t = sitrep_nlp::TrainConfig::default().epochs)]
    pub epochs: usize,
    /// Seed of the order in which sentences are visited.
    #[arg(long, value_name = "N", default_value_t = sitrep_nlp::TrainConfig::default().seed)]
    pub seed: u64,
    /// Drop features seen fewer times than this in training.
    #[arg(long, value_name = "N", default_value_t = sitrep_nlp::TrainConfig::default().min_count)]
    pub min_count: u32,
    /// Folds for training the second stage (each fold labelled by a first stage trained on
    /// the others); 0 trains the first stage alone.
    #[arg(long, value_name = "N", default_value_t = sitrep_nlp::TrainConfig::default().folds)]
    pub folds: usize,
}

/// `sitrep eval ner`.
#[derive(Debug, Args)]
pub struct EvalNerArgs {
    /// The gold file: CoNLL (`TOKEN ... TAG` lines, blank lines between sentences, optional
    /// `-DOCSTART-` lines; gzip accepted).
    #[arg(value_name = "DATA")]
    pub data: PathBuf,
    /// Score only these types, in gold and predictions alike (for data annotated with fewer
    /// types), e.g. PER,LOC,ORG.
    #[arg(long, value_name = "TYPES", value_delimiter = ',')]
    pub types: Vec<String>,
    /// Tag with this model file instead of the built-in one.
    #[arg(long, value_name = "FILE")]
    pub model: Option<PathBuf>,
    #[command(flatten)]
    pub output: EvalOutputArgs,
}

/// Which gold quotes `sitrep eval quotes` scores, as the reference scorer's `--kinds`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum QuoteKinds {
    /// Whole quotations in quote marks (sitrep's direct and headline quotes).
    Direct,
    /// Direct quotes and reported speech holding a quoted phrase (sitrep's partial quotes too).
    #[value(name = "direct,mixed")]
    DirectMixed,
    /// Every attribution, reported speech without quote marks included.
    All,
}

/// What every `sitrep eval` command writes.
#[derive(Debug, Args)]
pub struct EvalOutputArgs {
    /// Write the predictions here, one JSON object per article (or page, or document), as the
    /// reference scorer reads them.
    #[arg(long, value_name = "PATH")]
    pub predictions: Option<PathBuf>,
    /// text or json (one object holding every figure).
    #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
    pub format: OutputFormat,
}

/// `sitrep eval quotes`.
#[derive(Debug, Args)]
pub struct EvalQuotesArgs {
    /// The gold file: JSON Lines with id, text and quotes (quote_start, quote_end, speaker, kind).
    #[arg(value_name = "DATA")]
    pub data: PathBuf,
    /// The gold quotes scored.
    #[arg(long, value_enum, default_value_t = QuoteKinds::DirectMixed)]
    pub kinds: QuoteKinds,
    /// Read relations with this attribution tagger instead of the built-in one (a file
    /// `sitrep train attribution` wrote), or `none` for the rules alone.
    #[arg(long, value_name = "FILE")]
    pub attribution_model: Option<PathBuf>,
    /// Only the first N articles.
    #[arg(long, value_name = "N")]
    pub limit: Option<usize>,
    #[command(flatten)]
    pub output: EvalOutputArgs,
}

/// The project's development split of the TempEval-3 training file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum TimexSplit {
    /// Everything but the held-out part.
    Dev,
    /// Every second AQUAINT document, in file order.
    Heldout,
}

/// `sitrep eval timex`.
#[derive(Debug, Args)]
pub struct EvalTimexArgs {
    /// The gold file: JSON Lines with id, dct, text, timexes and source_file.
    #[arg(value_name = "DATA")]
    pub data: PathBuf,
    /// Only documents whose source_file starts with this (TimeBank, AQUAINT).
    #[arg(long, value_name = "PREFIX")]
    pub source: Option<String>,
    /// Only one part of the project's split of the training file: `heldout` is every second
    /// AQUAINT document (in file order), kept out of development; `dev` is the rest.
    #[arg(long, value_enum)]
    pub split: Option<TimexSplit>,
    #[command(flatten)]
    pub output: EvalOutputArgs,
}

/// `sitrep eval extraction`.
#[derive(Debug, Args)]
pub struct EvalExtractionArgs {
    /// The gold file: JSON Lines (optionally gzipped) with id, source, url, html, text, title, author, date.
    #[arg(value_name = "DATA")]
    pub data: PathBuf,
    /// Only pages of this source (scrapinghub, wcxb-article).
    #[arg(long, value_name = "NAME")]
    pub source: Option<String>,
    /// Only the first N pages.
    #[arg(long, value_name = "N")]
    pub limit: Option<usize>,
    #[command(flatten)]
    pub output: EvalOutputArgs,
}

/// Input paths and the options of reading them.
#[derive(Debug, Args)]
pub struct InputArgs {
    /// Files, directories, http(s) URLs, or - for standard input.
    #[arg(
        required = true,
        value_name = "PATH",
        long_help = "Files, directories, http(s) URLs, or - for standard input.\n\n\
        Files are read by their name: text (.txt, .text; other names are sniffed), HTML (.html, .htm, .xhtml), JSON Lines \
        (.jsonl, .ndjson; one {\"text\": ...} or {\"html\": ...} object per line, with optional title, url, published, \
        authors), RSS/Atom feeds (.rss, .atom, .xml; one article per item), web archives (.warc, .warc.gz; the HTML pages \
        of response records) and URL lists (.urls; one URL a line, # comments). Directories are walked for those names. \
        An argument starting with http:// or https:// is fetched (30 s limit, at most 5 redirects, http and https only); \
        its content type decides how it is read. Standard input is sniffed: JSON Lines, WARC, a feed, HTML or text.\n\n\
        Character encodings are detected (byte-order mark, HTTP or <meta> charset, else a guess), so Latin-1, \
        windows-1252 and UTF-16 input reads correctly."
    )]
    pub paths: Vec<PathBuf>,

    /// Keep every line of plain-text input: do not drop scraping debris.
    #[arg(long, hide_short_help = true)]
    pub keep_debris: bool,

    /// Publication time for inputs that state none (RFC 3339 or YYYY-MM-DD); relative dates
    /// ("on Thursday") are resolved against it.
    #[arg(long, value_name = "TIME")]
    pub published: Option<String>,
}

/// `sitrep analyze`.
#[derive(Debug, Args)]
pub struct AnalyzeArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Report format: md (readable Markdown) or json.
    #[arg(long, value_enum, default_value_t = ReportFormat::Md)]
    pub format: ReportFormat,
}

/// `sitrep ingest`.
#[derive(Debug, Args)]
pub struct IngestArgs {
    #[command(flatten)]
    pub input: InputArgs,
}

/// `sitrep annotate`.
#[derive(Debug, Args)]
pub struct AnnotateArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// json (the contract, one line per article) or text.
    #[arg(long, value_enum, default_value_t = OutputFormat::Json)]
    pub format: OutputFormat,
    /// Layers to leave out (their lists stay empty), comma-separated: `--skip quantities,times`
    /// keeps entities and quotes alone, an eighth less work; `--skip quantities,times,indirect`
    /// keeps entities and the quotations in quotation marks, a fifth less again.
    #[arg(long, value_enum, value_delimiter = ',', value_name = "LAYER")]
    pub skip: Vec<SkippableLayer>,
}

/// The annotation layers `sitrep annotate --skip` can leave out.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum SkippableLayer {
    /// Quantities and the claims they make.
    Quantities,
    /// Time expressions.
    Times,
    /// Indirect quotes (reported speech in no quotation marks); the quotations in marks stay
    /// as they are, found with a fifth less work.
    Indirect,
}

impl SkippableLayer {
    /// The layers left when `skipped` are left out.
    pub fn remaining(skipped: &[SkippableLayer]) -> sitrep_nlp::Layers {
        sitrep_nlp::Layers {
            quantities: !skipped.contains(&SkippableLayer::Quantities),
            times: !skipped.contains(&SkippableLayer::Times),
            indirect: !skipped.contains(&SkippableLayer::Indirect),
        }
    }
}

/// `sitrep extract`.
#[derive(Debug, Args)]
pub struct ExtractArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// text (the clean article) or json (one line per article).
    #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
    pub format: OutputFormat,
}

/// `sitrep report`.
#[derive(Debug, Args)]
pub struct ReportArgs {
    /// md (readable Markdown) or json.
    #[arg(long, value_enum, default_value_t = ReportFormat::Md)]
    pub format: ReportFormat,
}

/// `sitrep quotes`.
#[derive(Debug, Args)]
pub struct QuotesArgs {
    /// Only quotes by this speaker (any part of the name, case-insensitive).
    #[arg(long, value_name = "NAME")]
    pub speaker: Option<String>,
    /// Only quotes that mention this person, organisation or place.
    #[arg(long, value_name = "NAME")]
    pub about: Option<String>,
    /// Also show reported speech without quotation marks.
    #[arg(long)]
    pub indirect: bool,
    /// text or json.
    #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
    pub format: OutputFormat,
}

/// `sitrep entities`.
#[derive(Debug, Args)]
pub struct EntitiesArgs {
    /// Only this type: person, org, gpe, loc, norp, misc.
    #[arg(long = "type", value_name = "TYPE")]
    pub entity_type: Option<String>,
    /// text or json.
    #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
    pub format: OutputFormat,
}

/// `sitrep search`.
#[derive(Debug, Args)]
pub struct SearchArgs {
    /// The query.
    #[arg(value_name = "QUERY")]
    pub query: String,
    /// At most this many hits.
    #[arg(long, default_value_t = 10)]
    pub limit: usize,
    /// text or json.
    #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
    pub format: OutputFormat,
}

/// `sitrep serve`.
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1:8080", value_name = "ADDR")]
    pub addr: std::net::SocketAddr,
}

/// Text or JSON Lines.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// Readable text.
    Text,
    /// JSON, one object per line.
    Json,
}

/// The report's formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// Markdown for people.
    Md,
    /// One JSON object.
    Json,
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    use crate::cli::Cli;

    #[test]
    fn definition_is_consistent() {
        Cli::command().debug_assert();
    }
}
