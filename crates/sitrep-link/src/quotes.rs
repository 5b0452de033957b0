//! Quotes grouped by speaker across articles, with the same remark carried by several articles
//! (exactly or with small changes) shown once with all its sources.

use std::collections::BTreeMap;

use sitrep_model::{AnnotatedArticle, QuoteKind, QuoteSource, ReportedQuote, SourceRef, SpeakerQuotes};

use crate::actors::ActorIndex;
use crate::text::{is_stopword, words};

/// Share of the shorter remark's content words the longer one must contain for the two to be one
/// remark.
const SAME_REMARK_OVERLAP: f64 = 0.8;

/// Which quotes to keep.
#[derive(Clone, Debug, Default)]
pub struct QuoteFilter {
    /// Only quotes by a speaker this names ("hegseth", "Pete Hegseth").
    pub speaker: Option<String>,
    /// Only quotes mentioning an actor this names.
    pub about: Option<String>,
}

/// The article's reference for the report.
pub(crate) fn source_ref(annotated: &AnnotatedArticle) -> SourceRef {
    SourceRef {
        article: annotated.article.id.clone(),
        site: annotated.article.site.clone(),
        title: annotated.article.title.clone(),
        published: annotated.article.published,
    }
}

/// Attributed quotes grouped by speaker (most quoted first), and the unattributed ones.
pub fn speaker_quotes(
    articles: &[AnnotatedArticle],
    actors: &ActorIndex,
    filter: &QuoteFilter,
) -> (Vec<SpeakerQuotes>, Vec<ReportedQuote>) {
    let mut by_speaker: BTreeMap<String, Vec<ReportedQuote>> = BTreeMap::new();
    let mut unattributed: Vec<ReportedQuote> = Vec::new();
    for (article_idx, annotated) in articles.iter().enumerate() {
        for quote in &annotated.annotations.quotes {
            if let Some(about) = &filter.about {
                let mentions_actor = annotated.annotations.mentions.iter().any(|mention| {
                    quote.span.contains(&mention.span)
                        && actors
                            .actor_of(article_idx, &mention.entity)
                            .is_some_and(|actor| actors.matches(actor, about))
                });
                let names_it = words(&quote.text)
                    .windows(words(about).len().max(1))
                    .any(|window| window == words(about).as_slice());
                if !mentions_actor && !names_it {
                    continue;
                }
            }
            let source = QuoteSource { source: source_ref(annotated), span: quote.span, text: quote.text.clone() };
            let reported = ReportedQuote {
                text: quote.text.clone(),
                kind: quote.kind,
                cue: quote.cue.as_ref().map(|cue| cue.text.clone()),
                sources: vec![source],
            };
            let actor = quote
                .speaker
                .as_ref()
                .and_then(|speaker| speaker.entity.as_ref())
                .and_then(|entity| actors.actor_of(article_idx, entity));
            match actor {
                Some(actor) => {
                    if filter.speaker.as_ref().is_some_and(|name| !actors.matches(actor, name)) {
                        continue;
                    }
                    merge_remark(by_speaker.entry(actor.to_string()).or_default(), reported);
                }
                None if filter.speaker.is_none() => unattributed.push(reported),
                None => {}
            }
        }
    }
    let mut speakers: Vec<SpeakerQuotes> = by_speaker
        .into_iter()
        .map(|(actor, quotes)| {
            let facts = actors.facts(&actor);
            SpeakerQuotes {
                name: facts.map(|facts| facts.name.clone()).unwrap_or_else(|| actor.clone()),
                roles: facts.map(|facts| facts.roles.clone()).unwrap_or_default(),
                actor,
                quotes,
            }
        })
        .collect();
    speakers.sort_by(|a, b| b.quotes.len().cmp(&a.quotes.len()).then_with(|| a.actor.cmp(&b.actor)));
    (speakers, unattributed)
}

/// Adds a remark to a speaker's list, joining an earlier rendering of the same remark.
fn merge_remark(remarks: &mut Vec<ReportedQuote>, reported: ReportedQuote) {
    let same = remarks.iter_mut().find(|known| {
        known.kind != QuoteKind::Indirect
            && reported.kind != QuoteKind::Indirect
            && is_same_remark(&known.text, &reported.text)
    });
    match same {
        Some(known) => {
            let already =
                known.sources.iter().any(|source| source.source.article == reported.sources[0].source.article);
            if !already {
                known.sources.extend(reported.sources);
            }
        }
        None => remarks.push(reported),
    }
}

fn is_same_remark(a: &str, b: &str) -> bool {
    let content = |text: &str| {
        words(text).into_iter().filter(|word| !is_stopword(word)).collect::<std::collections::BTreeSet<_>>()
    };
    let (a, b) = (content(a), content(b));
    let shorter = a.len().min(b.len());
    if shorter < 3 {
        return a == b && !a.is_empty();
    }
    let shared = a.intersection(&b).count();
    shared as f64 >= SAME_REMARK_OVERLAP * shorter as f64
}

#[cfg(test)]
mod tests {
    use crate::quotes::is_same_remark;

    #[test]
    fn remarks_with_small_changes_are_one() {
        assert!(is_same_remark(
            "but Valdoria will not sign anything while our sailors are held hostage to Kestrian guns.",
            "But Valdoria will not sign anything while our sailors are hostage to Kestrian guns."
        ));
        assert!(!is_same_remark("We did not start this crisis", "Kestria owes these talks an apology"));
    }
}
