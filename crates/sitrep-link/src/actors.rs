//! Corpus-wide actors: each article's entities mapped to one id per real thing.
//!
//! People are keyed by their full name; an article that names someone only by surname joins the
//! person with that surname elsewhere when there is exactly one. Places and organisations are
//! keyed by the canonical name the NLP stage gave them ("U.S." and "America" are already
//! "United States").

use std::collections::{BTreeMap, BTreeSet};

use sitrep_model::{AnnotatedArticle, EntityId, EntityType};

use crate::text::slug;

/// The corpus-wide id of an entity of this type and name: `person:pete-hegseth`.
pub fn actor_id(entity_type: EntityType, name: &str) -> String {
    format!("{}:{}", entity_type.as_str().to_lowercase(), slug(name))
}

/// Maps (article, local entity) to actors, and holds what is known of each actor.
#[derive(Clone, Debug, Default)]
pub struct ActorIndex {
    /// (article index, local entity id) -> actor id.
    of_entity: BTreeMap<(usize, EntityId), String>,
    /// Actor id -> accumulated facts.
    actors: BTreeMap<String, ActorFacts>,
}

/// What the articles say about one actor.
#[derive(Clone, Debug, Default)]
pub struct ActorFacts {
    /// The fullest name used.
    pub name: String,
    /// The type.
    pub entity_type: Option<EntityType>,
    /// Other names used.
    pub aliases: BTreeSet<String>,
    /// Roles stated, in first-seen order.
    pub roles: Vec<String>,
    /// Mentions across all articles.
    pub n_mentions: usize,
    /// Articles mentioning it.
    pub articles: BTreeSet<usize>,
}

impl ActorIndex {
    /// Builds the index over articles (indices into `articles` identify them).
    pub fn build(articles: &[AnnotatedArticle]) -> ActorIndex {
        let mut index = ActorIndex::default();
        // Full names first, so that surnames elsewhere can find them.
        let mut surnames: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for annotated in articles {
            for entity in &annotated.annotations.entities {
                if entity.entity_type == EntityType::Person && entity.name.contains(' ') {
                    let surname = entity.name.rsplit(' ').next().unwrap_or_default().to_string();
                    surnames.entry(surname).or_default().insert(actor_id(EntityType::Person, &entity.name));
                }
            }
        }
        for (article_idx, annotated) in articles.iter().enumerate() {
            for entity in &annotated.annotations.entities {
                let id = match surnames.get(&entity.name) {
                    Some(full) if entity.entity_type == EntityType::Person && full.len() == 1 => {
                        full.iter().next().cloned().unwrap_or_default()
                    }
                    _ => actor_id(entity.entity_type, &entity.name),
                };
                index.of_entity.insert((article_idx, entity.id.clone()), id.clone());
                let facts = index.actors.entry(id).or_default();
                if is_better_name(&entity.name, &facts.name) {
                    if !facts.name.is_empty() {
                        facts.aliases.insert(std::mem::take(&mut facts.name));
                    }
                    facts.name = entity.name.clone();
                } else if entity.name != facts.name {
                    facts.aliases.insert(entity.name.clone());
                }
                facts.entity_type = Some(entity.entity_type);
                facts.aliases.extend(entity.aliases.iter().filter(|alias| **alias != facts.name).cloned());
                for role in &entity.roles {
                    // "alliance’s secretary-general" and "alliance's secretary-general" are one role.
                    let key = crate::text::words(&role.title);
                    if !facts.roles.iter().any(|known| crate::text::words(known) == key) {
                        facts.roles.push(role.title.clone());
                    }
                }
                facts.articles.insert(article_idx);
            }
            for mention in &annotated.annotations.mentions {
                if let Some(id) = index.of_entity.get(&(article_idx, mention.entity.clone()))
                    && let Some(facts) = index.actors.get_mut(id)
                {
                    facts.n_mentions += 1;
                }
            }
        }
        index
    }

    /// The actor of an article's local entity.
    pub fn actor_of(&self, article_idx: usize, entity: &EntityId) -> Option<&str> {
        self.of_entity.get(&(article_idx, entity.clone())).map(String::as_str)
    }

    /// Facts about an actor.
    pub fn facts(&self, actor: &str) -> Option<&ActorFacts> {
        self.actors.get(actor)
    }

    /// Every actor with its facts, by id.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &ActorFacts)> {
        self.actors.iter().map(|(id, facts)| (id.as_str(), facts))
    }

    /// True when `query` names the actor: its name, an alias, or one of their words
    /// (case-insensitive), so "hegseth" finds Pete Hegseth.
    pub fn matches(&self, actor: &str, query: &str) -> bool {
        let Some(facts) = self.actors.get(actor) else { return false };
        let query = crate::text::words(query);
        if query.is_empty() {
            return false;
        }
        std::iter::once(&facts.name).chain(&facts.aliases).any(|name| {
            let name_words = crate::text::words(name);
            query.iter().all(|word| name_words.contains(word))
        })
    }
}

/// The name to show for an actor: the one with more words, and between equals the one not in
/// capitals (datelines write "PORT CASTELLAN").
fn is_better_name(candidate: &str, current: &str) -> bool {
    let n_words = |name: &str| name.split_whitespace().count();
    let shouting = |name: &str| !name.chars().any(char::is_lowercase);
    (n_words(candidate), !shouting(candidate), candidate.len()) > (n_words(current), !shouting(current), current.len())
}

#[cfg(test)]
mod tests {
    use crate::actors::is_better_name;

    #[test]
    fn display_names() {
        assert!(is_better_name("Pete Hegseth", "Hegseth"));
        assert!(is_better_name("Port Castellan", "PORT CASTELLAN"));
        assert!(!is_better_name("Hegseth", "Pete Hegseth"));
    }
}
