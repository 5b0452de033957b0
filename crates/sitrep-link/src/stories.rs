//! Story clustering: articles in publication order join the most similar open story (TF-IDF
//! cosine over content words and entity names) when it is close enough and recent enough, or
//! start a new one.

use std::collections::BTreeMap;

use sitrep_model::{AnnotatedArticle, SourceTime};

use crate::text::{is_stopword, words};

/// Cosine similarity an article needs to join a story.
const JOIN_THRESHOLD: f64 = 0.25;
/// How long after its latest article a story stays open, in seconds.
const WINDOW_SECONDS: i64 = 30 * 24 * 3600;

type Vector = BTreeMap<String, f64>;

/// Groups articles into stories; each story lists article indices, oldest first. Stories are
/// ordered by their first article.
pub fn cluster_stories(articles: &[AnnotatedArticle]) -> Vec<Vec<usize>> {
    let vectors = tf_idf(articles);
    let mut order: Vec<usize> = (0..articles.len()).collect();
    order.sort_by_key(|&idx| {
        (articles[idx].article.published.is_none(), articles[idx].article.published, articles[idx].article.id.clone())
    });
    let mut stories: Vec<(Vec<usize>, Vector, Option<SourceTime>)> = Vec::new();
    for idx in order {
        let published = articles[idx].article.published;
        let best = stories
            .iter()
            .enumerate()
            .filter(|(_, (_, _, last))| within_window(*last, published))
            .map(|(story_idx, (_, centroid, _))| (story_idx, cosine(&vectors[idx], centroid)))
            .filter(|&(_, similarity)| similarity >= JOIN_THRESHOLD)
            .max_by(|a, b| a.1.total_cmp(&b.1));
        match best {
            Some((story_idx, _)) => {
                let (members, centroid, last) = &mut stories[story_idx];
                members.push(idx);
                for (term, weight) in &vectors[idx] {
                    *centroid.entry(term.clone()).or_default() += weight;
                }
                *last = (*last).max(published);
            }
            None => stories.push((vec![idx], vectors[idx].clone(), published)),
        }
    }
    stories.into_iter().map(|(members, _, _)| members).collect()
}

fn within_window(last: Option<SourceTime>, published: Option<SourceTime>) -> bool {
    match (last, published) {
        (Some(last), Some(published)) => {
            (published.instant().as_second() - last.instant().as_second()).abs() <= WINDOW_SECONDS
        }
        _ => true,
    }
}

fn tf_idf(articles: &[AnnotatedArticle]) -> Vec<Vector> {
    let counts: Vec<BTreeMap<String, f64>> = articles
        .iter()
        .map(|annotated| {
            let mut counts: BTreeMap<String, f64> = BTreeMap::new();
            for word in words(&annotated.article.text) {
                if word.len() > 2 && !is_stopword(&word) && !word.chars().all(|c| c.is_ascii_digit()) {
                    *counts.entry(word).or_default() += 1.0;
                }
            }
            // Names weigh more than words: who is involved says much about which story it is.
            for entity in &annotated.annotations.entities {
                *counts.entry(format!("entity:{}", entity.name.to_lowercase())).or_default() += 2.0;
            }
            counts
        })
        .collect();
    let mut document_frequency: BTreeMap<&str, f64> = BTreeMap::new();
    for article_counts in &counts {
        for term in article_counts.keys() {
            *document_frequency.entry(term).or_default() += 1.0;
        }
    }
    let n_articles = articles.len() as f64;
    counts
        .iter()
        .map(|article_counts| {
            let mut vector: Vector = article_counts
                .iter()
                .map(|(term, count)| {
                    let idf = ((1.0 + n_articles)
                        / (1.0 + document_frequency.get(term.as_str()).copied().unwrap_or(0.0)))
                    .ln()
                        + 1.0;
                    (term.clone(), (1.0 + count.ln()) * idf)
                })
                .collect();
            let norm = vector.values().map(|w| w * w).sum::<f64>().sqrt();
            if norm > 0.0 {
                vector.values_mut().for_each(|w| *w /= norm);
            }
            vector
        })
        .collect()
}

fn cosine(a: &Vector, b: &Vector) -> f64 {
    let dot: f64 = a.iter().filter_map(|(term, weight)| b.get(term).map(|other| weight * other)).sum();
    let norm_b = b.values().map(|w| w * w).sum::<f64>().sqrt();
    if norm_b == 0.0 { 0.0 } else { dot / norm_b }
}
