//! The situation report: stories, actors, who said what, numbers and a timeline.

use std::collections::{BTreeMap, BTreeSet};

use sitrep_model::{
    Actor, AnnotatedArticle, EntityType, Quote, Report, ReportedNumber, SCHEMA_VERSION, Story, TimeExpr, TimeType,
    TimelineEntry, TimelineKind,
};

use crate::actors::ActorIndex;
use crate::quotes::{QuoteFilter, source_ref, speaker_quotes};
use crate::stories::cluster_stories;
use crate::text::context_around;

/// How many entities a story lists as its key entities.
const N_KEY_ENTITIES: usize = 6;

/// Builds the report over a set of articles.
pub fn build_report(articles: &[AnnotatedArticle]) -> Report {
    let actors = ActorIndex::build(articles);
    let (speakers, unattributed) = speaker_quotes(articles, &actors, &QuoteFilter::default());
    Report {
        schema: SCHEMA_VERSION,
        n_articles: articles.len(),
        stories: stories(articles, &actors),
        actors: actor_list(&actors),
        speakers,
        unattributed,
        numbers: numbers(articles),
        timeline: timeline(articles),
    }
}

fn actor_list(actors: &ActorIndex) -> Vec<Actor> {
    let mut list: Vec<Actor> = actors
        .iter()
        .map(|(id, facts)| Actor {
            id: id.to_string(),
            name: facts.name.clone(),
            entity_type: facts.entity_type.unwrap_or(EntityType::Misc),
            aliases: facts.aliases.iter().cloned().collect(),
            roles: facts.roles.clone(),
            n_mentions: facts.n_mentions,
            n_articles: facts.articles.len(),
        })
        .collect();
    list.sort_by(|a, b| b.n_mentions.cmp(&a.n_mentions).then_with(|| a.id.cmp(&b.id)));
    list
}

fn stories(articles: &[AnnotatedArticle], actors: &ActorIndex) -> Vec<Story> {
    let mut stories: Vec<Story> = cluster_stories(articles)
        .into_iter()
        .map(|members| {
            let outlets: BTreeSet<String> =
                members.iter().filter_map(|&idx| articles[idx].article.site.clone()).collect();
            let mut mention_counts: BTreeMap<String, usize> = BTreeMap::new();
            for &idx in &members {
                for mention in &articles[idx].annotations.mentions {
                    if let Some(actor) = actors.actor_of(idx, &mention.entity) {
                        *mention_counts.entry(actor.to_string()).or_default() += 1;
                    }
                }
            }
            let mut ranked: Vec<(String, usize)> = mention_counts.into_iter().collect();
            ranked.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            let key_entities = ranked
                .into_iter()
                .filter_map(|(actor, _)| actors.facts(&actor).map(|facts| facts.name.clone()))
                .take(N_KEY_ENTITIES)
                .collect();
            let title = members.iter().find_map(|&idx| articles[idx].article.title.clone()).unwrap_or_else(|| {
                members.first().map(|&idx| first_words(&articles[idx].article.text, 12)).unwrap_or_default()
            });
            Story {
                id: members.iter().map(|&idx| articles[idx].article.id.0.clone()).min().unwrap_or_default(),
                title,
                outlets: outlets.into_iter().collect(),
                start: members.iter().filter_map(|&idx| articles[idx].article.published).min(),
                end: members.iter().filter_map(|&idx| articles[idx].article.published).max(),
                articles: members.iter().map(|&idx| source_ref(&articles[idx])).collect(),
                key_entities,
            }
        })
        .collect();
    stories.sort_by(|a, b| {
        b.articles.len().cmp(&a.articles.len()).then_with(|| a.start.cmp(&b.start)).then_with(|| a.id.cmp(&b.id))
    });
    stories
}

fn first_words(text: &str, n_words: usize) -> String {
    let words: Vec<&str> = text.split_whitespace().take(n_words + 1).collect();
    let mut title = words.iter().take(n_words).copied().collect::<Vec<_>>().join(" ");
    if words.len() > n_words {
        title.push('…');
    }
    title
}

fn numbers(articles: &[AnnotatedArticle]) -> Vec<ReportedNumber> {
    articles
        .iter()
        .flat_map(|annotated| {
            annotated.annotations.quantities.iter().map(|quantity| ReportedNumber {
                text: quantity.text.clone(),
                value: quantity.value,
                unit: quantity.unit.clone(),
                qualifier: quantity.qualifier.clone(),
                of: quantity.of.clone(),
                source: source_ref(annotated),
            })
        })
        .collect()
}

fn timeline(articles: &[AnnotatedArticle]) -> Vec<TimelineEntry> {
    let mut entries = Vec::new();
    for annotated in articles {
        let article = &annotated.article;
        if let Some(published) = article.published {
            let date = published.date().to_string();
            let what = article.title.clone().unwrap_or_else(|| first_words(&article.text, 12));
            entries.push(TimelineEntry { date, what, kind: TimelineKind::Published, source: source_ref(annotated) });
        }
        for time in &annotated.annotations.times {
            // Only dates a reader can place: a day, a week or a month, anchored.
            let placeable = time.time_type == TimeType::Date
                && time.value.len() >= 7
                && time.value.starts_with(|c: char| c.is_ascii_digit());
            if placeable {
                let what = context_around(&article.text, time.span.start.0, time.span.end.0);
                entries.push(TimelineEntry {
                    date: time.value.clone(),
                    what,
                    kind: TimelineKind::Mentioned,
                    source: source_ref(annotated),
                });
            }
        }
        // Code-point offsets of the line breaks, to tell whether a date shares its cue's line.
        let line_breaks: Vec<usize> =
            article.text.chars().enumerate().filter(|(_, c)| *c == '\n').map(|(offset, _)| offset).collect();
        for quote in &annotated.annotations.quotes {
            let (Some(speaker), Some(time)) =
                (&quote.speaker, statement_date(quote, &annotated.annotations.times, &line_breaks))
            else {
                continue;
            };
            entries.push(TimelineEntry {
                date: time.value.get(..10).unwrap_or(&time.value).to_string(),
                what: format!("{}: “{}”", speaker.name, first_words(&quote.text, 16)),
                kind: TimelineKind::Stated,
                source: source_ref(annotated),
            });
        }
    }
    entries.sort_by(|a, b| {
        a.date.cmp(&b.date).then_with(|| a.source.published.cmp(&b.source.published)).then_with(|| a.what.cmp(&b.what))
    });
    entries.dedup_by(|later, earlier| later.date == earlier.date && later.what == earlier.what);
    entries
}

/// The day a quotation was given, when its reporting clause says: a time expression of day
/// precision near the cue ("Hegseth said on Thursday", "on Monday, Peskov told reporters"), on
/// the same line and outside the quoted words (a date inside them is what the speaker talks
/// about, not when they spoke).
/// `times` are in text order; `line_breaks` are the code-point offsets of the text's line breaks.
fn statement_date<'a>(quote: &Quote, times: &'a [TimeExpr], line_breaks: &[usize]) -> Option<&'a TimeExpr> {
    /// How far from the cue, in code points, the date may stand.
    const MAX_DISTANCE: usize = 60;
    let cue = quote.cue.as_ref()?.span;
    let is_day = |time: &TimeExpr| {
        matches!(time.time_type, TimeType::Date | TimeType::Time)
            && time.value.len() >= 10
            && time.value.as_bytes().get(..10).is_some_and(|day| {
                day.iter()
                    .enumerate()
                    .all(|(idx, b)| if idx == 4 || idx == 7 { *b == b'-' } else { b.is_ascii_digit() })
            })
    };
    let inside_quote = |time: &TimeExpr| time.span.start < quote.span.end && quote.span.start < time.span.end;
    let gap = |time: &TimeExpr| {
        if time.span.start >= cue.end { (cue.end.0, time.span.start.0) } else { (time.span.end.0, cue.start.0) }
    };
    let on_same_line = |(from, to): (usize, usize)| {
        let first_break_after = line_breaks.partition_point(|offset| *offset < from);
        line_breaks.get(first_break_after).is_none_or(|offset| *offset >= to)
    };
    // Only the times near the cue.
    let first = times.partition_point(|time| time.span.end.0 + MAX_DISTANCE < cue.start.0);
    let last = times.partition_point(|time| time.span.start.0 <= cue.end.0 + MAX_DISTANCE);
    times
        .get(first..last)?
        .iter()
        .filter(|time| is_day(time) && !inside_quote(time))
        .filter(|time| {
            let (from, to) = gap(time);
            to.saturating_sub(from) <= MAX_DISTANCE && on_same_line((from, to))
        })
        .min_by_key(|time| {
            let (from, to) = gap(time);
            to.saturating_sub(from)
        })
}

#[cfg(test)]
mod tests {
    use sitrep_model::{Cue, Quote, QuoteKind, Span, TimeExpr, TimeType};

    use crate::report::statement_date;

    fn quote(text: &str, quoted: &str, cue: &str) -> Quote {
        let position = |part: &str| {
            let byte = text.find(part).expect("part of the text");
            let start = text[..byte].chars().count();
            Span::new(start, start + part.chars().count())
        };
        Quote {
            span: position(quoted),
            text: quoted.to_string(),
            kind: QuoteKind::Direct,
            clause: None,
            speaker: None,
            unattributed: None,
            cue: Some(Cue { span: position(cue), text: cue.to_string() }),
            confidence: 1.0,
        }
    }

    fn breaks(text: &str) -> Vec<usize> {
        text.chars().enumerate().filter(|(_, c)| *c == '\n').map(|(offset, _)| offset).collect()
    }

    fn time(text: &str, part: &str, value: &str) -> TimeExpr {
        let byte = text.find(part).expect("part of the text");
        let start = text[..byte].chars().count();
        TimeExpr {
            span: Span::new(start, start + part.chars().count()),
            text: part.to_string(),
            time_type: TimeType::Date,
            value: value.to_string(),
            modifier: None,
        }
    }

    #[test]
    fn a_statement_takes_the_day_of_its_reporting_clause() {
        let text = "“We will sign on Friday,” Hegseth said on Thursday.\nTalks resume next week.";
        let quoted = quote(text, "We will sign on Friday,", "said");
        let times = [
            time(text, "Friday", "2025-03-07"),
            time(text, "Thursday", "2025-03-06"),
            time(text, "next week", "2025-W11"),
        ];
        let line_breaks = breaks(text);
        let found = statement_date(&quoted, &times, &line_breaks).map(|time| time.value.as_str());
        assert_eq!(found, Some("2025-03-06"));
        // Without a day in the reporting clause, no date: the one inside the quote is not it.
        let text = "“We will sign on Friday,” Hegseth said.";
        let quoted = quote(text, "We will sign on Friday,", "said");
        let times = [time(text, "Friday", "2025-03-07")];
        assert_eq!(statement_date(&quoted, &times, &breaks(text)), None);
    }
}
