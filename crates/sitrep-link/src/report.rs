//! The situation report: stories, actors, who said what, numbers and a timeline.

use std::collections::{BTreeMap, BTreeSet};

use sitrep_model::{
    Actor, AnnotatedArticle, EntityType, Report, ReportedNumber, SCHEMA_VERSION, Story, TimeType, TimelineEntry,
    TimelineKind,
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
            let date = published.to_zoned_datetime(jiff::tz::TimeZone::UTC).date().to_string();
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
    }
    entries.sort_by(|a, b| {
        a.date.cmp(&b.date).then_with(|| a.source.published.cmp(&b.source.published)).then_with(|| a.what.cmp(&b.what))
    });
    entries.dedup_by(|later, earlier| later.date == earlier.date && later.what == earlier.what);
    entries
}
