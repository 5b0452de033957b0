//! Text for people: the Markdown report, quote and entity listings, article summaries. All
//! article text passes through [`clean`] first, since it is untrusted and may carry terminal
//! control or bidi characters.

use std::fmt::Write as _;

use sitrep_model::{Actor, AnnotatedArticle, QuoteKind, Report, ReportedQuote, SourceRef, SpeakerQuotes, TimelineKind};

/// Styling for terminals; plain when color is off.
#[derive(Clone, Copy, Debug)]
pub struct Style {
    pub color: bool,
}

impl Style {
    pub fn bold(&self, text: &str) -> String {
        if self.color { format!("\x1b[1m{text}\x1b[0m") } else { text.to_string() }
    }

    pub fn dim(&self, text: &str) -> String {
        if self.color { format!("\x1b[2m{text}\x1b[0m") } else { text.to_string() }
    }
}

/// Article text made safe for a terminal: control characters escaped, bidi overrides shown as
/// escapes, line breaks folded to spaces.
pub fn clean(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\n' | '\t' | '\r' => out.push(' '),
            '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{061c}' => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c if c.is_control() => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
    out
}

fn date_of(source: &SourceRef) -> String {
    source.published.map(|published| published.date().to_string()).unwrap_or_else(|| "undated".to_string())
}

fn outlet(source: &SourceRef) -> String {
    clean(source.site.as_deref().unwrap_or("unknown outlet"))
}

fn quote_marks(kind: QuoteKind, text: &str) -> String {
    let text = clean(text.trim());
    match kind {
        QuoteKind::Indirect => format!("(reported) {text}"),
        _ => format!("“{text}”"),
    }
}

fn sources_line(quote: &ReportedQuote) -> String {
    quote
        .sources
        .iter()
        .map(|source| format!("{} {}", outlet(&source.source), date_of(&source.source)))
        .collect::<Vec<_>>()
        .join("; ")
}

/// The Markdown situation report.
pub fn report_markdown(report: &Report) -> String {
    let mut out = String::new();
    let outlets: std::collections::BTreeSet<String> =
        report.stories.iter().flat_map(|story| story.outlets.iter().cloned()).collect();
    let _ = writeln!(out, "# Situation report\n");
    let dates: Vec<&str> = report
        .timeline
        .iter()
        .filter(|entry| entry.kind == TimelineKind::Published)
        .map(|entry| entry.date.as_str())
        .collect();
    let span = match (dates.first(), dates.last()) {
        (Some(first), Some(last)) if first != last => format!(", published {first} to {last}"),
        (Some(first), _) => format!(", published {first}"),
        _ => String::new(),
    };
    let _ = writeln!(out, "{} articles from {} outlets{span}.\n", report.n_articles, outlets.len());

    let _ = writeln!(out, "## Stories\n");
    for (idx, story) in report.stories.iter().enumerate() {
        let _ = writeln!(out, "### {}. {}\n", idx + 1, clean(&story.title));
        let _ = writeln!(out, "{} article(s) from {}.", story.articles.len(), clean(&story.outlets.join(", ")));
        if !story.key_entities.is_empty() {
            let _ = writeln!(out, "Key actors: {}.", clean(&story.key_entities.join(", ")));
        }
        let _ = writeln!(out);
        for source in &story.articles {
            let _ = writeln!(
                out,
                "- {} — {} ({})",
                date_of(source),
                clean(source.title.as_deref().unwrap_or("untitled")),
                outlet(source)
            );
        }
        let _ = writeln!(out);
    }

    let _ = writeln!(out, "## Actors\n");
    let _ = writeln!(out, "| Name | Type | Roles | Mentions | Articles |\n|---|---|---|---:|---:|");
    for actor in report.actors.iter().take(25) {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} |",
            clean(&actor.name),
            actor.entity_type.as_str(),
            clean(&actor.roles.join("; ")),
            actor.n_mentions,
            actor.n_articles
        );
    }
    let _ = writeln!(out);

    let _ = writeln!(out, "## Who said what\n");
    for speaker in &report.speakers {
        let direct: Vec<&ReportedQuote> =
            speaker.quotes.iter().filter(|quote| quote.kind != QuoteKind::Indirect).collect();
        if direct.is_empty() {
            continue;
        }
        let _ = writeln!(out, "{}", speaker_heading(speaker, "###"));
        for quote in direct {
            let cue = quote.cue.as_deref().map(|cue| format!(" ({})", clean(cue))).unwrap_or_default();
            let _ = writeln!(out, "- {}{cue} — {}", quote_marks(quote.kind, &quote.text), sources_line(quote));
        }
        let _ = writeln!(out);
    }
    let n_indirect: usize = report
        .speakers
        .iter()
        .map(|speaker| speaker.quotes.iter().filter(|quote| quote.kind == QuoteKind::Indirect).count())
        .sum();
    if n_indirect > 0 {
        let _ = writeln!(
            out,
            "{n_indirect} reported statements without quotation marks are listed by `sitrep quotes --indirect`.\n"
        );
    }
    if !report.unattributed.is_empty() {
        let _ = writeln!(out, "### Quotes without a named speaker\n");
        for quote in &report.unattributed {
            let _ = writeln!(out, "- {} — {}", quote_marks(quote.kind, &quote.text), sources_line(quote));
        }
        let _ = writeln!(out);
    }

    let _ = writeln!(out, "## Numbers\n");
    for number in &report.numbers {
        let of = number.of.as_deref().map(|of| format!(" of {}", clean(of))).unwrap_or_default();
        let _ = writeln!(
            out,
            "- {} = {} {}{of} — {}",
            clean(&number.text),
            format_value(number.value),
            number.unit,
            outlet(&number.source)
        );
    }
    let _ = writeln!(out);

    let _ = writeln!(out, "## Timeline\n");
    for entry in &report.timeline {
        let marker = match entry.kind {
            TimelineKind::Published => "published",
            TimelineKind::Mentioned => "mentioned",
            TimelineKind::Stated => "stated",
        };
        let _ = writeln!(
            out,
            "- {} · {marker} · {} ({})",
            entry.date,
            shorten(&clean(&entry.what), 220),
            outlet(&entry.source)
        );
    }
    out
}

/// At most `max_chars` characters, cut at a word with an ellipsis.
fn shorten(text: &str, max_chars: usize) -> String {
    if text.chars().count() <= max_chars {
        return text.to_string();
    }
    let cut: String = text.chars().take(max_chars).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head);
    format!("{cut} …")
}

fn speaker_heading(speaker: &SpeakerQuotes, level: &str) -> String {
    let roles =
        if speaker.roles.is_empty() { String::new() } else { format!(", {}", clean(&speaker.roles.join("; "))) };
    format!("{level} {}{roles}\n", clean(&speaker.name))
}

/// Values as people write them: 66500000000 -> 6.65e10, 450 -> 450.
fn format_value(value: f64) -> String {
    if value.abs() >= 1e6 { format!("{value:.3e}") } else { format!("{value}") }
}

/// The `sitrep quotes` listing.
pub fn quotes_text(speakers: &[SpeakerQuotes], unattributed: &[ReportedQuote], style: Style) -> String {
    let mut out = String::new();
    for speaker in speakers {
        let _ = write!(out, "{}", style.bold(&speaker_heading(speaker, "")).trim_start());
        for quote in &speaker.quotes {
            let cue = quote.cue.as_deref().map(|cue| format!(" [{}]", clean(cue))).unwrap_or_default();
            let _ = writeln!(out, "  {}{cue}", quote_marks(quote.kind, &quote.text));
            let _ = writeln!(out, "    {}", style.dim(&sources_line(quote)));
        }
        let _ = writeln!(out);
    }
    if !unattributed.is_empty() {
        let _ = writeln!(out, "{}", style.bold("Without a named speaker"));
        for quote in unattributed {
            let _ = writeln!(out, "  {}", quote_marks(quote.kind, &quote.text));
            let _ = writeln!(out, "    {}", style.dim(&sources_line(quote)));
        }
    }
    out
}

/// The `sitrep entities` listing.
pub fn entities_text(actors: &[Actor], style: Style) -> String {
    let mut out = String::new();
    for actor in actors {
        let roles =
            if actor.roles.is_empty() { String::new() } else { format!(" — {}", clean(&actor.roles.join("; "))) };
        let _ = writeln!(
            out,
            "{} {}{roles}",
            style.bold(&clean(&actor.name)),
            style.dim(&format!(
                "({}, {} mentions in {} articles)",
                actor.entity_type.as_str(),
                actor.n_mentions,
                actor.n_articles
            ))
        );
        if !actor.aliases.is_empty() {
            let _ = writeln!(out, "  also: {}", clean(&actor.aliases.join(", ")));
        }
    }
    out
}

/// One article's annotations in brief, for `annotate --format text`.
pub fn article_text(annotated: &AnnotatedArticle, style: Style) -> String {
    let article = &annotated.article;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} {}",
        style.bold(&clean(article.title.as_deref().unwrap_or("(untitled)"))),
        style.dim(&format!("[{}]", article.id))
    );
    let meta = [article.site.clone(), article.published.map(|p| p.to_string()), article.language.clone()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" · ");
    if !meta.is_empty() {
        let _ = writeln!(out, "{}", style.dim(&clean(&meta)));
    }
    let annotations = &annotated.annotations;
    let _ = writeln!(out, "entities:");
    for entity in &annotations.entities {
        let roles = entity.roles.iter().map(|role| role.title.as_str()).collect::<Vec<_>>().join("; ");
        let roles = if roles.is_empty() { String::new() } else { format!(" — {}", clean(&roles)) };
        let _ = writeln!(out, "  {} {} {}{roles}", entity.id.0, entity.entity_type.as_str(), clean(&entity.name));
    }
    let _ = writeln!(out, "quotes:");
    for quote in &annotations.quotes {
        let who = match &quote.speaker {
            Some(speaker) if speaker.entity.is_some() => {
                format!("{} <- {}", clean(&speaker.name), clean(&speaker.mention_text))
            }
            Some(speaker) => format!(
                "? \"{}\" ({})",
                clean(&speaker.mention_text),
                quote.unattributed.as_deref().unwrap_or("not resolved to a name")
            ),
            None => format!("? ({})", quote.unattributed.as_deref().unwrap_or("no speaker")),
        };
        let cue = quote.cue.as_ref().map(|cue| format!(" cue={}", clean(&cue.text))).unwrap_or_default();
        let _ = writeln!(
            out,
            "  [{:?}] {} {}{cue} [{}..{}]",
            quote.kind,
            who,
            quote_marks(QuoteKind::Direct, &quote.text),
            quote.span.start.0,
            quote.span.end.0
        );
    }
    let _ = writeln!(out, "quantities:");
    for quantity in &annotations.quantities {
        let _ = writeln!(out, "  {} = {} {}", clean(&quantity.text), format_value(quantity.value), quantity.unit);
    }
    let _ = writeln!(out, "times:");
    for time in &annotations.times {
        let _ = writeln!(out, "  {} = {:?} {}", clean(&time.text), time.time_type, time.value);
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::render::{clean, format_value};

    #[test]
    fn escapes_untrusted_text() {
        assert_eq!(clean("a\u{1b}[31mred\u{202e}x\ny"), "a\\u{1b}[31mred\\u{202e}x y");
    }

    #[test]
    fn values() {
        assert_eq!(format_value(66.5e9), "6.650e10");
        assert_eq!(format_value(450.0), "450");
    }
}
