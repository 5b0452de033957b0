//! Entities within one article: name mentions grouped into entities (a surname joins the full
//! name it belongs to, "U.S." joins "US"), roles attached to people (titles before the name,
//! appositives after it), and references resolved to people: pronouns (he, she) and role nouns
//! ("the minister", "the spokeswoman").

use std::ops::Range;

use sitrep_model::EntityType;

use crate::doc::Doc;
use crate::lexicon::{Gender, Lexicon};
use crate::marks::Region;
use crate::ner::NameMention;

/// An entity of the article, in token and byte terms.
#[derive(Clone, Debug)]
pub(crate) struct EntityInfo {
    pub(crate) name: String,
    pub(crate) entity_type: EntityType,
    pub(crate) aliases: Vec<String>,
    /// Role text, the organisation it belongs to, and the role's token range.
    pub(crate) roles: Vec<(String, Option<String>, Range<usize>)>,
    pub(crate) gender: Gender,
}

/// A pronoun or role noun resolved to an entity.
#[derive(Clone, Debug)]
pub(crate) struct Reference {
    pub(crate) tokens: Range<usize>,
    pub(crate) entity: usize,
}

/// Entities, which entity each name mention belongs to, and resolved references.
#[derive(Clone, Debug, Default)]
pub(crate) struct EntityTable {
    pub(crate) entities: Vec<EntityInfo>,
    /// For each name mention (same order as the recogniser's output), its entity.
    pub(crate) entity_of_mention: Vec<usize>,
    pub(crate) references: Vec<Reference>,
}

const FEMALE_ROLE_WORDS: &[&str] =
    &["spokeswoman", "chairwoman", "congresswoman", "businesswoman", "Mrs.", "Ms.", "Queen", "Princess", "Baroness"];
const MALE_ROLE_WORDS: &[&str] =
    &["spokesman", "chairman", "congressman", "businessman", "Mr.", "King", "Prince", "Lord"];

/// Groups mentions into entities and resolves references.
pub(crate) fn resolve(doc: &Doc<'_>, lexicon: &Lexicon, mentions: &[NameMention], quotes: &[Region]) -> EntityTable {
    let mut table = EntityTable::default();
    for mention in mentions {
        let entity = match mention.entity_type {
            EntityType::Person => person_entity(doc, lexicon, &mut table, mention),
            _ => other_entity(doc, &mut table, mention),
        };
        table.entity_of_mention.push(entity);
        if mention.entity_type == EntityType::Person {
            if let Some(role) = mention.role.clone() {
                add_role(doc, mentions, &mut table.entities[entity], role);
            }
            if let Some(role) = appositive_role(doc, lexicon, mention.tokens.end) {
                add_role(doc, mentions, &mut table.entities[entity], role);
            }
        }
    }
    add_roles_announced_before(doc, lexicon, mentions, &mut table);
    for entity in &mut table.entities {
        if entity.gender == Gender::Unknown {
            entity.gender = gender_from_roles(entity);
        }
    }
    resolve_references(doc, lexicon, mentions, quotes, &mut table);
    table
}

/// "… the U.S. Secretary of Defense will not be present. Pete Hegseth, returning from …": a
/// person first named at the start of a sentence, with no role of their own, takes the title
/// the previous sentence gave someone it did not name, when that sentence holds one such
/// description and no person.
fn add_roles_announced_before(doc: &Doc<'_>, lexicon: &Lexicon, mentions: &[NameMention], table: &mut EntityTable) {
    let mut seen = vec![false; table.entities.len()];
    for (mention, &entity) in mentions.iter().zip(&table.entity_of_mention) {
        if std::mem::replace(&mut seen[entity], true) || mention.entity_type != EntityType::Person {
            continue;
        }
        let sentence_idx = doc.sentence_of[mention.tokens.start];
        let opens_sentence = doc.sentences[sentence_idx].start == mention.tokens.start;
        if !opens_sentence || sentence_idx == 0 || !table.entities[entity].roles.is_empty() {
            continue;
        }
        let previous = doc.sentences[sentence_idx - 1].clone();
        // Mentions are in text order: those of the previous sentence are found by bisection.
        let first_in_previous = mentions.partition_point(|other| other.tokens.start < previous.start);
        let names_a_person = mentions[first_in_previous..]
            .iter()
            .take_while(|other| other.tokens.start < previous.end)
            .any(|other| other.entity_type == EntityType::Person);
        if names_a_person || doc.paragraph_of[previous.start] != doc.paragraph_of[mention.tokens.start] {
            continue;
        }
        let descriptions: Vec<Range<usize>> =
            previous.clone().filter_map(|idx| unnamed_title_at(doc, lexicon, idx)).collect();
        if let [role] = descriptions.as_slice() {
            add_role(doc, mentions, &mut table.entities[entity], role.clone());
        }
    }
}

/// The title of a definite description at `idx` that names no one: "the U.S. Secretary of
/// Defense" gives "U.S. Secretary of Defense".
fn unnamed_title_at(doc: &Doc<'_>, lexicon: &Lexicon, idx: usize) -> Option<Range<usize>> {
    if !matches!(doc.word(idx), "the" | "The") {
        return None;
    }
    let sentence_end = doc.sentences[doc.sentence_of[idx]].end;
    let mut end = idx + 1;
    let mut last_capitalised = None;
    while end < sentence_end && end - idx <= 6 {
        if doc.is_capitalised(end) {
            last_capitalised = Some(end);
        } else if doc.word(end) != "of" {
            break;
        }
        end += 1;
    }
    let role = idx + 1..last_capitalised? + 1;
    // The head is the word before "of", else the last: "Secretary" of "U.S. Secretary of
    // Defense", not "Defense" of "the Ukraine Defense Contact Group".
    let head = role.clone().find(|&token| doc.word(token + 1) == "of").unwrap_or(role.end - 1);
    lexicon.titles.contains(doc.word(head)).then_some(role)
}

fn person_entity(doc: &Doc<'_>, lexicon: &Lexicon, table: &mut EntityTable, mention: &NameMention) -> usize {
    let text = doc.text_of(mention.tokens.clone()).to_string();
    let surname = doc.word(mention.tokens.end - 1);
    let same_person = |entity: &EntityInfo| {
        entity.entity_type == EntityType::Person
            && (entity.name == text
                || entity.name.rsplit(' ').next() == Some(surname)
                || entity.aliases.contains(&text))
    };
    // The most recent entity with this surname: two people sharing one are told apart by
    // their full names, and a bare surname means the last one named.
    if let Some(idx) = table.entities.iter().rposition(same_person) {
        let entity = &mut table.entities[idx];
        if mention.tokens.len() > 1 && entity.name.split(' ').count() < mention.tokens.len() {
            let shorter = std::mem::replace(&mut entity.name, text.clone());
            push_alias(entity, shorter);
            entity.gender = gender_of(lexicon, &text);
        } else if entity.name != text {
            push_alias(entity, text);
        }
        return idx;
    }
    table.entities.push(EntityInfo {
        gender: if mention.tokens.len() > 1 { gender_of(lexicon, &text) } else { Gender::Unknown },
        name: text,
        entity_type: EntityType::Person,
        aliases: Vec::new(),
        roles: Vec::new(),
    });
    table.entities.len() - 1
}

fn other_entity(doc: &Doc<'_>, table: &mut EntityTable, mention: &NameMention) -> usize {
    let text = doc.text_of(mention.tokens.clone()).to_string();
    let name = mention.canonical.clone().unwrap_or_else(|| text.clone());
    if let Some(idx) =
        table.entities.iter().position(|entity| entity.entity_type == mention.entity_type && entity.name == name)
    {
        if text != name {
            push_alias(&mut table.entities[idx], text);
        }
        return idx;
    }
    let aliases = if text != name { vec![text] } else { Vec::new() };
    table.entities.push(EntityInfo {
        name,
        entity_type: mention.entity_type,
        aliases,
        roles: Vec::new(),
        gender: Gender::Unknown,
    });
    table.entities.len() - 1
}

fn push_alias(entity: &mut EntityInfo, alias: String) {
    if alias != entity.name && !entity.aliases.contains(&alias) {
        entity.aliases.push(alias);
    }
}

fn gender_of(lexicon: &Lexicon, full_name: &str) -> Gender {
    let first = full_name.split(' ').next().unwrap_or_default();
    lexicon.given_names.get(first).copied().unwrap_or(Gender::Unknown)
}

fn gender_from_roles(entity: &EntityInfo) -> Gender {
    let has = |words: &[&str]| {
        entity.roles.iter().any(|(role, _, _)| role.split([' ', '-']).any(|word| words.contains(&word)))
    };
    if has(FEMALE_ROLE_WORDS) {
        Gender::Female
    } else if has(MALE_ROLE_WORDS) {
        Gender::Male
    } else {
        Gender::Unknown
    }
}

fn add_role(doc: &Doc<'_>, mentions: &[NameMention], entity: &mut EntityInfo, role: Range<usize>) {
    let title = doc.text_of(role.clone()).to_string();
    // "Minister" after "Defence Minister" says nothing new.
    let lower = title.to_lowercase();
    if entity.roles.iter().any(|(known, _, _)| known.to_lowercase().ends_with(&lower)) {
        return;
    }
    let org = mentions
        .iter()
        .find(|mention| {
            mention.entity_type != EntityType::Person
                && role.start <= mention.tokens.start
                && mention.tokens.end <= role.end
        })
        .map(|mention| doc.text_of(mention.tokens.clone()).to_string());
    entity.roles.push((title, org, role));
}

/// ", the alliance’s secretary-general," / ", a senior fellow at the Halloran Institute," after a
/// name: the role between the commas, when it holds a title word.
fn appositive_role(doc: &Doc<'_>, lexicon: &Lexicon, after_name: usize) -> Option<Range<usize>> {
    if doc.word(after_name) != "," {
        return None;
    }
    let sentence_end = doc.sentences[doc.sentence_of[after_name]].end;
    let mut start = after_name + 1;
    let first = doc.word(start);
    if !(matches!(first, "the" | "a" | "an") || doc.is_capitalised(start) || lexicon.is_title(first)) {
        return None;
    }
    if matches!(first, "the" | "a" | "an") {
        start += 1;
    }
    let mut end = start;
    while end < sentence_end
        && end - start < 14
        && !matches!(doc.word(end), "," | "." | ";" | ":" | "—" | "”" | "\"" | "(")
    {
        let word = doc.word(end);
        if doc.is_word(end) && lexicon.is_reporting_verb(word) {
            return None;
        }
        // The role ends where a clause about the person begins: "who co-wrote", "appointed last month".
        let starts_clause = matches!(word, "who" | "which" | "that" | "whose" | "where" | "when")
            || (end > start
                && word.chars().all(char::is_lowercase)
                && (word.ends_with("ing") || word.ends_with("ed"))
                && !lexicon.is_title(word));
        if starts_clause {
            break;
        }
        end += 1;
    }
    let has_title =
        (start..end).any(|idx| lexicon.is_title(doc.word(idx)) || lexicon.is_title(&capitalise(doc.word(idx))));
    (has_title && end > start).then_some(start..end)
}

fn capitalise(word: &str) -> String {
    let mut chars = word.chars();
    chars.next().map(|first| first.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

/// Whether a token is a subject pronoun sitrep resolves, and the gender it implies.
pub(crate) fn pronoun_gender(word: &str) -> Option<Gender> {
    match word {
        "he" | "He" | "him" | "his" | "His" => Some(Gender::Male),
        "she" | "She" | "her" | "Her" => Some(Gender::Female),
        _ => None,
    }
}

/// A role noun phrase starting at `idx`: "the minister", "the Kremlin spokesman", "Envoy" in a
/// headline. Returns its tokens and the head noun.
pub(crate) fn role_noun_at(doc: &Doc<'_>, lexicon: &Lexicon, idx: usize) -> Option<(Range<usize>, String)> {
    let word = doc.word(idx);
    if matches!(word, "the" | "The") {
        for end in idx + 1..(idx + 5).min(doc.tokens.len()) {
            let word = doc.word(end);
            if !doc.is_word(end) {
                return None;
            }
            let lower = doc.lower(end);
            // The head noun ends the phrase unless a name follows ("the Defence Minister Ana ...").
            if lexicon.titles_lower.contains(lower) && !doc.is_capitalised(end + 1) {
                return Some((idx..end + 1, lower.to_string()));
            }
            if !(doc.is_capitalised(end) || lexicon.is_title(word)) {
                return None;
            }
        }
        return None;
    }
    (doc.is_word(idx) && doc.is_heading(doc.paragraph_of[idx]) && lexicon.titles_lower.contains(doc.lower(idx)))
        .then(|| (idx..idx + 1, doc.lower(idx).to_string()))
}

fn resolve_references(
    doc: &Doc<'_>,
    lexicon: &Lexicon,
    mentions: &[NameMention],
    quotes: &[Region],
    table: &mut EntityTable,
) {
    // Every person mention, in text order, as (tokens, entity); references join as resolved.
    let mut person_mentions: Vec<(Range<usize>, usize)> = mentions
        .iter()
        .zip(&table.entity_of_mention)
        .filter(|(mention, _)| mention.entity_type == EntityType::Person)
        .map(|(mention, &entity)| (mention.tokens.clone(), entity))
        .collect();
    // Whether each token starts inside a quotation's content, marked region by region (the
    // tokens are in text order) instead of asking every region for every token.
    let mut quoted = vec![false; doc.tokens.len()];
    for region in quotes {
        let tokens = doc.token_at_or_after(region.content.start)..doc.token_at_or_after(region.content.end);
        quoted.get_mut(tokens).unwrap_or_default().fill(true);
    }
    let inside_quote = |idx: usize| quoted.get(idx).copied().unwrap_or(false);
    let mut idx = 0;
    while idx < doc.tokens.len() {
        let word = doc.word(idx);
        let resolved = if inside_quote(idx) {
            None
        } else if let Some(gender) = pronoun_gender(word).filter(|_| matches!(word, "he" | "He" | "she" | "She")) {
            let search = AntecedentSearch { doc, lexicon, entities: &table.entities, inside_quote: &inside_quote };
            search.antecedent(&person_mentions, idx, gender).map(|entity| (idx..idx + 1, entity))
        } else if let Some((tokens, head)) = role_noun_at(doc, lexicon, idx) {
            holder_of_role(&person_mentions, &table.entities, idx, &head).map(|entity| (tokens, entity))
        } else {
            None
        };
        if let Some((tokens, entity)) = resolved {
            let pos = person_mentions.partition_point(|(mention, _)| mention.start < tokens.start);
            person_mentions.insert(pos, (tokens.clone(), entity));
            idx = tokens.end;
            table.references.push(Reference { tokens, entity });
        } else {
            idx += 1;
        }
    }
}

/// How many sentences of narration a pronoun looks back.
const ANTECEDENT_SENTENCES: usize = 3;

struct AntecedentSearch<'d, 'a> {
    doc: &'d Doc<'a>,
    lexicon: &'d Lexicon,
    entities: &'d [EntityInfo],
    inside_quote: &'d dyn Fn(usize) -> bool,
}

impl AntecedentSearch<'_, '_> {
    /// The person a pronoun at `idx` refers to: in the nearest sentence before it (this one
    /// first) that names a person of a compatible gender, the one who speaks (followed by a verb
    /// of saying), else the first one named. Sentences wholly inside quotations are skipped, and
    /// people named only inside quotations are not antecedents: a pronoun continues the narration.
    fn antecedent(&self, person_mentions: &[(Range<usize>, usize)], idx: usize, gender: Gender) -> Option<usize> {
        let doc = self.doc;
        let sentence_idx = doc.sentence_of[idx];
        let compatible = |entity: usize| {
            let known = self.entities[entity].gender;
            known == gender || known == Gender::Unknown
        };
        let mut n_narration = 0;
        for candidate_sentence in (0..=sentence_idx).rev() {
            let range = doc.sentences[candidate_sentence].clone();
            if range.clone().filter(|&token| doc.is_word(token)).all(|token| (self.inside_quote)(token)) {
                continue;
            }
            n_narration += 1;
            if n_narration > ANTECEDENT_SENTENCES + 1 {
                break;
            }
            let limit = if candidate_sentence == sentence_idx { idx } else { range.end };
            let in_sentence: Vec<&(Range<usize>, usize)> = person_mentions
                .iter()
                .filter(|(tokens, entity)| {
                    tokens.start >= range.start
                        && tokens.start < limit
                        && !(self.inside_quote)(tokens.start)
                        && compatible(*entity)
                })
                .collect();
            let speaker = in_sentence
                .iter()
                .find(|(tokens, _)| self.lexicon.is_reporting_verb(doc.word(tokens.end)) && doc.is_word(tokens.end));
            if let Some((_, entity)) = speaker.or(in_sentence.first()) {
                return Some(*entity);
            }
        }
        None
    }
}

/// The person most recently named with a role whose head is `head` ("minister"); a headline's
/// role noun looks forward to the first such person instead.
fn holder_of_role(
    person_mentions: &[(Range<usize>, usize)],
    entities: &[EntityInfo],
    idx: usize,
    head: &str,
) -> Option<usize> {
    // `word` in lower case is `head`, without allocating for the usual ASCII word.
    let is_head = |word: &str| match word.is_ascii() {
        true => word.eq_ignore_ascii_case(head) && !head.bytes().any(|byte| byte.is_ascii_uppercase()),
        false => word.to_lowercase() == head,
    };
    let holds = |entity: usize| entities[entity].roles.iter().any(|(role, _, _)| role.split(' ').any(is_head));
    person_mentions
        .iter()
        .rev()
        .filter(|(tokens, _)| tokens.start < idx)
        .map(|&(_, entity)| entity)
        .find(|&entity| holds(entity))
        .or_else(|| person_mentions.iter().map(|&(_, entity)| entity).find(|&entity| holds(entity)))
}

#[cfg(test)]
mod tests {
    use crate::{Model, annotate, test_article};

    /// Each person entity as `name — role; role`.
    fn check_people(text: &str, expected: &[&str]) {
        let article = test_article(text, None);
        let annotations = annotate(&article, &Model::builtin());
        let people: Vec<String> = annotations
            .entities
            .iter()
            .filter(|entity| entity.entity_type == sitrep_model::EntityType::Person)
            .map(|entity| {
                let roles: Vec<&str> = entity.roles.iter().map(|role| role.title.as_str()).collect();
                if roles.is_empty() { entity.name.clone() } else { format!("{} — {}", entity.name, roles.join("; ")) }
            })
            .collect();
        assert_eq!(people, expected);
    }

    #[test]
    fn a_role_announced_in_the_sentence_before_the_name() {
        check_people(
            "For the first time since the Ukraine Defense Contact Group was set up, the U.S. Secretary of Defense \
             will not be present at its meeting. \
             Pete Hegseth, returning from Singapore, will arrive later. Hegseth said so.",
            &["Pete Hegseth — U.S. Secretary of Defense"],
        );
        // Someone else named in that sentence holds it.
        check_people(
            "The Foreign Minister met Ana Ruiz on Monday. Pete Hegseth arrived later.",
            &["Ana Ruiz", "Pete Hegseth"],
        );
    }
}
