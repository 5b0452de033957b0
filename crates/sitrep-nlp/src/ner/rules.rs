//! Named-entity mentions, first version: capitalised runs classified by the lexicon and by
//! context (a title before a name, a reporting verb after it), with titles split off as roles.
//!
//! Headings are written in title case, so there only names already known (from the lexicon or
//! from the article's body) count. A single capitalised word that opens a sentence counts only
//! when something else marks it as a name.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::ops::Range;

use sitrep_model::EntityType;

use crate::doc::Doc;
use crate::lexicon::Lexicon;

/// A mention found by the recogniser, in token indices.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct NameMention {
    pub(crate) tokens: Range<usize>,
    pub(crate) entity_type: EntityType,
    /// The canonical name for lexicon matches ("U.S." -> "United States").
    pub(crate) canonical: Option<String>,
    /// For a person, the title tokens stated right before the name.
    pub(crate) role: Option<Range<usize>>,
}

/// Capitalised words that open sentences without naming anything.
const FUNCTION_WORDS: &[&str] = &[
    "A",
    "About",
    "According",
    "Additionally",
    "After",
    "Again",
    "Against",
    "All",
    "Also",
    "Although",
    "Among",
    "An",
    "And",
    "Another",
    "Any",
    "As",
    "At",
    "Because",
    "Before",
    "Both",
    "But",
    "By",
    "Despite",
    "Do",
    "During",
    "Each",
    "Earlier",
    "Even",
    "Every",
    "For",
    "From",
    "Given",
    "He",
    "Her",
    "Here",
    "His",
    "How",
    "However",
    "I",
    "If",
    "In",
    "Instead",
    "It",
    "Its",
    "Last",
    "Later",
    "Like",
    "Many",
    "Meanwhile",
    "More",
    "Most",
    "Much",
    "My",
    "New",
    "No",
    "Nobody",
    "None",
    "Not",
    "Now",
    "Of",
    "On",
    "Once",
    "One",
    "Only",
    "Or",
    "Our",
    "Over",
    "Some",
    "Since",
    "So",
    "Still",
    "Such",
    "That",
    "The",
    "Their",
    "Then",
    "There",
    "These",
    "They",
    "This",
    "Those",
    "Though",
    "Through",
    "To",
    "Today",
    "Under",
    "Unlike",
    "Until",
    "Upon",
    "We",
    "What",
    "When",
    "Where",
    "Whether",
    "Which",
    "While",
    "Who",
    "Why",
    "With",
    "Within",
    "Without",
    "Yet",
    "You",
    "Your",
    "Yes",
    "Oh",
    "Well",
    "Please",
    "She",
    "Speaking",
    "Asked",
    "Standing",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Jan.",
    "Feb.",
    "Mar.",
    "Apr.",
    "Jun.",
    "Jul.",
    "Aug.",
    "Sep.",
    "Sept.",
    "Oct.",
    "Nov.",
    "Dec.",
    "Mr.",
    "Mrs.",
    "Ms.",
    "Officials",
    "Analysts",
    "Critics",
    "Experts",
    "Diplomats",
    "Residents",
    "Sources",
    "Observers",
    "Police",
    "Authorities",
    "Others",
    "Several",
    "Lawmakers",
    "Leaders",
    "Officers",
    "Witnesses",
    "Troops",
    "Protesters",
];

/// Lower-case words that may join capitalised words inside one name.
const CONNECTORS: &[&str] = &["of", "for", "de", "la", "von", "van", "der", "al", "bin", "du"];

/// Finds name mentions in the whole document.
pub(crate) fn find_mentions(doc: &Doc<'_>, lexicon: &Lexicon) -> Vec<NameMention> {
    let runs = capitalised_runs(doc);
    let mut mentions = Vec::new();
    for run in &runs {
        if !doc.is_heading(doc.paragraph_of[run.start]) {
            classify_run(doc, lexicon, run.clone(), &mut mentions);
        }
    }
    // Second pass: names the body established are recognised anywhere, headings included.
    let known_people = person_name_parts(doc, &mentions);
    // The first mention covering each token, as the body's runs left them: the mentions this
    // pass adds cover only tokens of their own run (a heading's, or the one token asked about).
    let mut first_covering: Vec<Option<usize>> = vec![None; doc.tokens.len()];
    for (mention_idx, mention) in mentions.iter().enumerate() {
        for slot in first_covering.get_mut(mention.tokens.clone()).into_iter().flatten() {
            slot.get_or_insert(mention_idx);
        }
    }
    for run in &runs {
        if doc.is_heading(doc.paragraph_of[run.start]) {
            classify_known(doc, lexicon, run.clone(), &known_people, &mut mentions);
        } else {
            for idx in run.clone() {
                let covering = first_covering.get(idx).copied().flatten().and_then(|at| mentions.get_mut(at));
                match covering {
                    // A lone word taken for a place or a thing is a person the body names.
                    Some(mention)
                        if mention.tokens.len() == 1
                            && mention.canonical.is_none()
                            && mention.entity_type != EntityType::Person
                            && known_people.contains(doc.word(idx)) =>
                    {
                        mention.entity_type = EntityType::Person;
                    }
                    Some(_) => {}
                    None if known_people.contains(doc.word(idx)) => mentions.push(person(idx..idx + 1, None)),
                    None => {}
                }
            }
        }
    }
    mentions.sort_by_key(|mention| (mention.tokens.start, mention.tokens.end));
    mentions.dedup_by(|later, earlier| later.tokens.start < earlier.tokens.end);
    make_consistent(doc, &mut mentions);
    mentions
}

/// One name, one type within an article. A lone word is a place when the article also uses its
/// demonym ("Kestria" beside "Kestrian") or when it is a place anywhere else in the article; it
/// is an organisation when it opens an organisation's name ("Nordhavn" of "Nordhavn Lines").
fn make_consistent(doc: &Doc<'_>, mentions: &mut [NameMention]) {
    let demonyms: HashSet<&str> =
        mentions.iter().filter(|m| m.entity_type == EntityType::Norp).map(|m| doc.text_of(m.tokens.clone())).collect();
    let org_openers: HashSet<&str> = mentions
        .iter()
        .filter(|m| m.entity_type == EntityType::Org && m.tokens.len() > 1)
        .map(|m| doc.word(m.tokens.start))
        .collect();
    let has_demonym = |word: &str| {
        demonyms
            .iter()
            .any(|demonym| demonym.strip_prefix(word).is_some_and(|suffix| ["n", "an", "ian", "ese"].contains(&suffix)))
    };
    let mut place_words: HashMap<&str, EntityType> = HashMap::default();
    for mention in mentions.iter() {
        if mention.tokens.len() == 1 && matches!(mention.entity_type, EntityType::Gpe | EntityType::Loc) {
            place_words.insert(doc.word(mention.tokens.start), mention.entity_type);
        }
    }
    for mention in mentions.iter_mut().filter(|m| m.tokens.len() == 1 && m.canonical.is_none() && m.role.is_none()) {
        let word = doc.word(mention.tokens.start);
        if has_demonym(word) {
            mention.entity_type = EntityType::Gpe;
        } else if let Some(&entity_type) = place_words.get(word) {
            mention.entity_type = entity_type;
        } else if org_openers.contains(word) {
            mention.entity_type = EntityType::Org;
        }
    }
}

fn person(tokens: Range<usize>, role: Option<Range<usize>>) -> NameMention {
    NameMention { tokens, entity_type: EntityType::Person, canonical: None, role }
}

/// Maximal runs of capitalised words, possibly joined by connectors, within one sentence.
fn capitalised_runs(doc: &Doc<'_>) -> Vec<Range<usize>> {
    let mut runs = Vec::new();
    for sentence in &doc.sentences {
        let mut idx = sentence.start;
        while idx < sentence.end {
            if !doc.is_capitalised(idx) {
                idx += 1;
                continue;
            }
            let start = idx;
            let mut end = idx + 1;
            while end < sentence.end {
                if doc.is_capitalised(end) {
                    end += 1;
                } else if CONNECTORS.contains(&doc.word(end)) && end + 1 < sentence.end && doc.is_capitalised(end + 1) {
                    end += 2;
                } else {
                    break;
                }
            }
            runs.push(start..end);
            idx = end;
        }
    }
    runs
}

fn classify_run(doc: &Doc<'_>, lexicon: &Lexicon, run: Range<usize>, out: &mut Vec<NameMention>) {
    let mut start = run.start;
    let sentence_start = doc.sentences[doc.sentence_of[run.start]].start;
    while start < run.end && is_function_word(doc.word(start)) {
        start += 1;
    }
    if start >= run.end {
        return;
    }
    let opens_sentence = is_sentence_initial(doc, start, sentence_start);
    let run = start..run.end;
    // A connector only binds inside organisation names and titles ("Secretary of State").
    let has_connector = run.clone().any(|idx| !doc.is_capitalised(idx));
    let has_org_word = run.clone().any(|idx| lexicon.org_words.contains(doc.word(idx)));
    let has_title = run.clone().any(|idx| lexicon.titles.contains(doc.word(idx)));
    let has_polity_word = run.clone().any(|idx| lexicon.polity_words.contains(doc.word(idx)));
    if has_connector && !has_org_word && !has_title && !has_polity_word {
        let mut piece_start = run.start;
        for idx in run.clone() {
            if !doc.is_capitalised(idx) {
                classify_run(doc, lexicon, piece_start..idx, out);
                piece_start = idx + 1;
            }
        }
        classify_run(doc, lexicon, piece_start..run.end, out);
        return;
    }
    if let Some(known) = lexicon.names.get(doc.text_of(run.clone())) {
        out.push(NameMention {
            tokens: run,
            entity_type: known.entity_type,
            canonical: Some(known.canonical.clone()),
            role: None,
        });
        return;
    }
    if has_org_word {
        out.push(NameMention { tokens: run, entity_type: EntityType::Org, canonical: None, role: None });
        return;
    }
    if let Some(entity_type) = place_type(doc, lexicon, &run) {
        out.push(NameMention { tokens: run, entity_type, canonical: None, role: None });
        return;
    }
    // Titles before a name: "U.S. Defense Secretary Pete Hegseth" -> role + person.
    let last_title = run.clone().rev().find(|&idx| lexicon.titles.contains(doc.word(idx)));
    if let Some(title_idx) = last_title {
        let name = title_idx + 1..run.end;
        let role = run.start..title_idx + 1;
        mark_known_names(doc, lexicon, role.clone(), out);
        if !name.is_empty() && name.clone().all(|idx| !lexicon.names.contains_key(doc.word(idx))) {
            out.push(person(name, Some(role)));
        }
        return;
    }
    // Known place and organisation names inside a longer run: "Kremlin spokesperson" is handled
    // by the title rule above, "Ukraine Russia" here.
    let before_known = out.len();
    mark_known_names(doc, lexicon, run.clone(), out);
    if out.len() > before_known {
        return;
    }
    if let Some(role) = lower_case_title_before(doc, lexicon, run.start) {
        out.push(person(run, Some(role)));
        return;
    }
    // A person: several capitalised words, or one word that its context marks as a name
    // (a given name, a reporting verb right after or before it).
    let is_given_name = lexicon.given_names.contains_key(doc.word(run.start));
    // A plural noun opening a sentence ("Insurers said") is not a name.
    let plural_opener = opens_sentence && run.len() == 1 && doc.word(run.start).ends_with('s');
    let before_reporting_verb = doc.is_word(run.end) && lexicon.is_reporting_verb(doc.word(run.end)) && !plural_opener;
    let after_reporting_verb =
        run.start > 0 && doc.is_word(run.start - 1) && lexicon.is_reporting_verb(doc.word(run.start - 1));
    let single_name_by_context = before_reporting_verb || (!opens_sentence && (is_given_name || after_reporting_verb));
    if run.len() == 1
        && (lexicon.demonyms.contains_key(doc.word(run.start)) || is_demonym_shaped(doc, lexicon, run.start))
    {
        let demonym = doc.word(run.start).to_string();
        out.push(NameMention { tokens: run, entity_type: EntityType::Norp, canonical: Some(demonym), role: None });
        return;
    }
    if run.len() >= 2 || single_name_by_context {
        out.push(person(run, None));
        return;
    }
    if !opens_sentence {
        let word = doc.word(run.start);
        let place_like = ["ia", "stan", "land"].iter().any(|suffix| word.ends_with(suffix));
        let after_locative =
            run.start > 0 && ["in", "from", "to", "at", "near", "across"].contains(&doc.word(run.start - 1));
        let entity_type = if place_like || after_locative { EntityType::Gpe } else { EntityType::Misc };
        out.push(NameMention { tokens: run, entity_type, canonical: None, role: None });
    }
}

/// A place by its shape: "Serrat Strait", "Cape Orrin", "Republic of Kestria", or a dateline in
/// capitals ("PORT CASTELLAN, Valdoria —").
fn place_type(doc: &Doc<'_>, lexicon: &Lexicon, run: &Range<usize>) -> Option<EntityType> {
    let first = doc.word(run.start);
    let last = doc.word(run.end - 1);
    if run.clone().any(|idx| lexicon.polity_words.contains(doc.word(idx))) {
        return Some(EntityType::Gpe);
    }
    if run.len() >= 2 && lexicon.place_heads.contains(last) {
        return Some(EntityType::Loc);
    }
    if run.len() >= 2 && lexicon.place_leads.contains(first) {
        return Some(if first == "Port" || first == "Fort" { EntityType::Gpe } else { EntityType::Loc });
    }
    let paragraph_start = doc.paragraphs[doc.paragraph_of[run.start]].start;
    let all_caps = run.clone().all(|idx| {
        let word = doc.word(idx);
        word.chars().count() > 1
            && word.chars().all(|c| c.is_uppercase() || c == '-' || c == '.')
            && !lexicon.names.contains_key(word)
    });
    let dateline = run.start == paragraph_start && matches!(doc.word(run.end), "," | "—" | "–");
    (all_caps && dateline).then_some(EntityType::Gpe)
}

/// "Kestrian patrol boats": a capitalised -ian/-ean/-ese word used as an adjective.
pub(crate) fn is_demonym_shaped(doc: &Doc<'_>, lexicon: &Lexicon, idx: usize) -> bool {
    let word = doc.word(idx);
    let shaped = ["ian", "ean", "ese"].iter().any(|suffix| word.ends_with(suffix)) && word.chars().count() > 4;
    let next = doc.word(idx + 1);
    let before_noun =
        doc.is_word(idx + 1) && next.chars().next().is_some_and(char::is_lowercase) && !lexicon.is_reporting_verb(next);
    shaped && before_noun && !lexicon.given_names.contains_key(word)
}

/// Whether `word` is one of [`FUNCTION_WORDS`] (a set: the rules ask for every run of
/// capitalised words).
fn is_function_word(word: &str) -> bool {
    static SET: std::sync::LazyLock<HashSet<&'static str>> =
        std::sync::LazyLock::new(|| FUNCTION_WORDS.iter().copied().collect());
    SET.contains(word)
}

/// True when `idx` opens its sentence or a clause that starts like one: after a colon, a dash or
/// an opening quotation mark.
fn is_sentence_initial(doc: &Doc<'_>, idx: usize, sentence_start: usize) -> bool {
    let opens_clause = idx > sentence_start && matches!(doc.word(idx - 1), ":" | "—" | "“" | "‘" | "\"" | "'" | "(");
    opens_clause || (sentence_start..idx).all(|before| !doc.is_word(before) && doc.word(before) != "—")
}

/// Lexicon names and demonyms inside a run, longest first.
fn mark_known_names(doc: &Doc<'_>, lexicon: &Lexicon, run: Range<usize>, out: &mut Vec<NameMention>) {
    let mut idx = run.start;
    while idx < run.end {
        let mut matched = false;
        for end in (idx + 1..=run.end).rev() {
            if let Some(known) = lexicon.names.get(doc.text_of(idx..end)) {
                out.push(NameMention {
                    tokens: idx..end,
                    entity_type: known.entity_type,
                    canonical: Some(known.canonical.clone()),
                    role: None,
                });
                idx = end;
                matched = true;
                break;
            }
        }
        if matched {
            continue;
        }
        if lexicon.demonyms.contains_key(doc.word(idx)) {
            out.push(NameMention {
                tokens: idx..idx + 1,
                entity_type: EntityType::Norp,
                canonical: Some(doc.word(idx).to_string()),
                role: None,
            });
        }
        idx += 1;
    }
}

/// A lower-case title right before a name ("spokesperson Dmitry Peskov", "UN envoy Matthias
/// Oduya"), with the capitalised words before it that belong to the role.
pub(crate) fn lower_case_title_before(doc: &Doc<'_>, lexicon: &Lexicon, name_start: usize) -> Option<Range<usize>> {
    let title_idx = name_start.checked_sub(1)?;
    let word = doc.word(title_idx);
    if !lexicon.titles_lower.contains(word) || word.chars().next().is_some_and(char::is_uppercase) {
        return None;
    }
    let mut start = title_idx;
    while start > 0 && (doc.is_capitalised(start - 1) || lexicon.titles_lower.contains(doc.word(start - 1))) {
        start -= 1;
    }
    let sentence_start = doc.sentences[doc.sentence_of[title_idx]].start;
    while start < title_idx && is_function_word(doc.word(start)) && start >= sentence_start {
        start += 1;
    }
    Some(start..title_idx + 1)
}

/// Surnames of the people found so far: those named in full, or by one name after a title
/// ("President Trump").
fn person_name_parts(doc: &Doc<'_>, mentions: &[NameMention]) -> HashSet<String> {
    let mut parts = HashSet::default();
    for mention in mentions.iter().filter(|mention| {
        mention.entity_type == EntityType::Person && (mention.tokens.len() >= 2 || mention.role.is_some())
    }) {
        parts.insert(doc.word(mention.tokens.end - 1).to_string());
    }
    parts
}

/// In headings, only lexicon names and the people of the body.
fn classify_known(
    doc: &Doc<'_>,
    lexicon: &Lexicon,
    run: Range<usize>,
    known_people: &HashSet<String>,
    out: &mut Vec<NameMention>,
) {
    mark_known_names(doc, lexicon, run.clone(), out);
    for idx in run {
        let covered = out.iter().any(|mention| mention.tokens.contains(&idx));
        if !covered && known_people.contains(doc.word(idx)) {
            out.push(person(idx..idx + 1, None));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::doc::Doc;
    use crate::lexicon::Lexicon;
    use crate::ner::rules::find_mentions;
    use crate::ner::tests::render;

    fn check(text: &str, expected: &str) {
        let doc = Doc::new(text, None);
        assert_eq!(render(&doc, &find_mentions(&doc, &Lexicon::builtin())), expected);
    }

    #[test]
    fn people_with_roles() {
        check(
            "Washington: U.S. Defense Secretary Pete Hegseth said on Thursday. French President Emmanuel Macron warned.",
            "GPE:Washington | GPE:U.S. | PERSON:Pete Hegseth role=U.S. Defense Secretary | NORP:French | PERSON:Emmanuel Macron role=French President",
        );
        check(
            "Over the weekend, Kremlin spokesperson Dmitry Peskov welcomed comments by US Secretary of State Marco Rubio.",
            "ORG:Kremlin | PERSON:Dmitry Peskov role=Kremlin spokesperson | GPE:US | PERSON:Marco Rubio role=US Secretary of State",
        );
    }

    #[test]
    fn organisations_places_and_surnames() {
        check(
            "The Ukraine Defense Contact Group met in Brussels. Hegseth stressed it. Pete Hegseth left.",
            "ORG:Ukraine Defense Contact Group | GPE:Brussels | PERSON:Hegseth | PERSON:Pete Hegseth",
        );
    }

    #[test]
    fn headings_only_know_names() {
        check(
            "Shift in U.S. Policy Under Trump Administration\nPresident Donald Trump spoke.",
            "GPE:U.S. | PERSON:Trump | PERSON:Donald Trump role=President",
        );
    }
}
