//! Named entities: a trained tagger ([`NerModel`], a linear-chain averaged perceptron over
//! BILOU labels) finds the names and their CoNLL types, and the rules of `rules` over the
//! project's word lists refine them into the contract's types, give known names their
//! canonical form and split titles off as roles.
//!
//! The two meet in [`find_mentions`]: the tagger decides what is a name outside headings; a
//! rule mention survives where it knows more (a lexicon name covering the tagger's span, a
//! role), or where the tagger found nothing and the rule rests on a word list. Headings keep
//! the rules alone, which only accept names the lexicon or the body established: the tagger
//! learnt headlines in capitals, not in title case.

mod features;
mod gazetteer;
mod label;
mod own_sums;
mod rules;
mod tagger;
mod train;

use std::borrow::Cow;
use std::ops::Range;

use sitrep_model::EntityType;

use crate::doc::Doc;
use crate::lexicon::Lexicon;

pub(crate) use features::{fold, hash_str};
pub use label::{NerSpan, NerType};
pub(crate) use rules::NameMention;
pub use tagger::{ModelError, NerModel};
pub use train::{EpochReport, TrainConfig, TrainingDocument, TrainingSentence, train_ner};

/// Finds the name mentions of a document, sorted and without overlaps.
pub(crate) fn find_mentions(doc: &Doc<'_>, lexicon: &Lexicon, tagger: &NerModel) -> Vec<NameMention> {
    let rule_mentions = rules::find_mentions(doc, lexicon);
    let sentences: Vec<Vec<Cow<'_, str>>> =
        doc.sentence_words().map(|words| words.map(as_in_training).collect()).collect();
    let tagged = tagger.tag_document(&sentences);
    // Titles the rules split off a person's name ("US Defence Secretary" before "Pete Hegseth")
    // are the role, whatever the tagger makes of their words; the names the lexicon knows inside
    // them ("US") are kept below.
    let roles = merged(rule_mentions.iter().filter_map(|rule| rule.role.clone()).collect());
    let mut mentions = Vec::new();
    let mut used = vec![false; rule_mentions.len()];
    for (sentence, spans) in doc.sentences.iter().zip(tagged) {
        if doc.is_heading(doc.paragraph_of[sentence.start]) {
            continue;
        }
        for mut span in spans {
            // An honorific is no part of the name ("Mr. Ekovich" is Ekovich), as in CoNLL's
            // guidelines; the tagger sometimes takes it in. Cut off, it types the name below.
            if span.end - span.start > 1 && PERSONAL_HONORIFICS.contains(&doc.word(sentence.start + span.start)) {
                span.start += 1;
            }
            // "If Trump wins", "Because Murphy said": a sentence's opening function word is
            // capitalised for the sentence, not for the name after it.
            if span.start == 0 && span.end > 1 && SENTENCE_OPENERS.contains(&doc.lower(sentence.start)) {
                span.start += 1;
            }
            let tokens = sentence.start + span.start..sentence.start + span.end;
            // "Mr. Coale", "Sen. Tester": an honorific names a person, whatever the word alone
            // looks like to the tagger.
            if tokens.start > 0 && PERSONAL_HONORIFICS.contains(&doc.word(tokens.start - 1)) {
                span.entity_type = NerType::Per;
            }
            let in_role = overlapping(&roles, &tokens, |role| role).next().is_some();
            if in_role && span.entity_type != NerType::Per {
                continue;
            }
            let overlapping: Vec<usize> = overlapping(&rule_mentions, &tokens, |rule| &rule.tokens).collect();
            for &idx in &overlapping {
                used[idx] = true;
            }
            let covering_known = overlapping.iter().map(|&idx| &rule_mentions[idx]).find(|rule| {
                rule.canonical.is_some() && rule.tokens.start <= tokens.start && tokens.end <= rule.tokens.end
            });
            if let Some(rule) = covering_known {
                mentions.push(rule.clone());
                continue;
            }
            let role = overlapping
                .iter()
                .map(|&idx| &rule_mentions[idx])
                .find(|rule| rule.entity_type == EntityType::Person && rule.role.is_some())
                .and_then(|rule| rule.role.clone())
                .filter(|_| span.entity_type == NerType::Per)
                .filter(|role| role.end <= tokens.start);
            let role = role.or_else(|| {
                (span.entity_type == NerType::Per)
                    .then(|| rules::lower_case_title_before(doc, lexicon, tokens.start))?
            });
            let text = doc.text_of(tokens.clone());
            let known = lexicon.names.get(text);
            let entity_type = match (span.entity_type, known) {
                (NerType::Per, _) => EntityType::Person,
                (_, Some(known)) => known.entity_type,
                (NerType::Org, None) => EntityType::Org,
                (NerType::Loc, None) => place_type(doc, lexicon, &tokens),
                (NerType::Misc, None) => misc_type(doc, lexicon, &tokens),
            };
            let canonical = known.map(|known| known.canonical.clone()).or_else(|| {
                (entity_type == EntityType::Norp)
                    .then(|| lexicon.demonyms.contains_key(text).then(|| text.to_string()))?
            });
            mentions.push(NameMention { tokens, entity_type, canonical, role });
        }
    }
    // What the tagger did not see: headings, and rule mentions resting on the word lists.
    for (rule, used) in rule_mentions.iter().zip(used) {
        let in_heading = doc.is_heading(doc.paragraph_of[rule.tokens.start]);
        if in_heading || (!used && (rule.canonical.is_some() || rule.role.is_some())) {
            mentions.push(rule.clone());
        }
    }
    mentions.sort_by_key(|mention| (mention.tokens.start, mention.tokens.end));
    mentions.dedup_by(|later, earlier| later.tokens.start < earlier.tokens.end);
    make_people_consistent(doc, &mut mentions);
    mentions
}

/// Abbreviated titles that only ever stand before a person's name.
const PERSONAL_HONORIFICS: &[&str] = &[
    "Mr.", "Mrs.", "Ms.", "Mr", "Mrs", "Ms", "Dr.", "Sen.", "Rep.", "Gov.", "Gen.", "Lt.", "Col.", "Maj.", "Capt.",
    "Adm.", "Sgt.", "Prof.", "Rev.", "Del.", "Amb.", "Supt.", "Cmdr.",
];

/// Function words that open sentences and never a name (CoNLL's guidelines leave them out).
const SENTENCE_OPENERS: &[&str] = &[
    "although", "though", "because", "if", "when", "whenever", "while", "whereas", "since", "unless", "until", "after",
    "before", "once", "but", "and", "or", "so", "yet", "without", "despite", "during", "like",
];

/// One name, one type: a lone word is a person when the article names a person with it in
/// full ("Trump" in "the Trump administration" after "Donald Trump") or with a title
/// ("President Trump"), or when most of its lone mentions are people.
fn make_people_consistent(doc: &Doc<'_>, mentions: &mut [NameMention]) {
    let is_lone = |mention: &NameMention| mention.tokens.len() == 1 && mention.canonical.is_none();
    let mut person_words: rustc_hash::FxHashSet<&str> = rustc_hash::FxHashSet::default();
    let mut votes: rustc_hash::FxHashMap<&str, (usize, usize)> = rustc_hash::FxHashMap::default();
    for mention in mentions.iter() {
        let is_person = mention.entity_type == EntityType::Person;
        if is_person && (mention.tokens.len() > 1 || mention.role.is_some()) {
            person_words.extend(mention.tokens.clone().map(|idx| doc.word(idx)));
        }
        if is_lone(mention) {
            let vote = votes.entry(doc.word(mention.tokens.start)).or_default();
            vote.0 += usize::from(is_person);
            vote.1 += usize::from(!is_person);
        }
    }
    for mention in mentions.iter_mut().filter(|mention| is_lone(mention)) {
        let word = doc.word(mention.tokens.start);
        let mostly_person = votes.get(word).is_some_and(|&(people, others)| people > others);
        if mention.entity_type != EntityType::Person && (person_words.contains(word) || mostly_person) {
            mention.entity_type = EntityType::Person;
        }
    }
}

/// A token as the training data writes it: news text curls its quotation marks and
/// apostrophes and uses dashes, Reuters' 1996 wire copy wrote them straight, so the tagger
/// would meet the curly forms as unknown words.
fn as_in_training(word: &str) -> Cow<'_, str> {
    if word.is_ascii() {
        return Cow::Borrowed(word);
    }
    match word {
        "“" | "”" | "„" | "«" | "»" => Cow::Borrowed("\""),
        "‘" | "’" | "‹" | "›" => Cow::Borrowed("'"),
        "—" | "–" => Cow::Borrowed("-"),
        "…" => Cow::Borrowed("..."),
        _ if word.contains('’') => Cow::Owned(word.replace('’', "'")),
        _ => Cow::Borrowed(word),
    }
}

/// Ranges sorted by start, overlapping ones merged into one: what [`overlapping`] searches.
fn merged(mut ranges: Vec<Range<usize>>) -> Vec<Range<usize>> {
    ranges.sort_by_key(|range| range.start);
    let mut out: Vec<Range<usize>> = Vec::with_capacity(ranges.len());
    for range in ranges {
        match out.last_mut() {
            Some(last) if range.start < last.end => last.end = last.end.max(range.end),
            _ => out.push(range),
        }
    }
    out
}

/// The indices of the items whose ranges overlap `tokens`, for items sorted by start whose
/// ranges do not overlap one another (the rules' mentions, their roles): a binary search, not a
/// scan, so that a long article costs no more than its length.
fn overlapping<'a, T>(
    items: &'a [T],
    tokens: &'a Range<usize>,
    range_of: impl Fn(&T) -> &Range<usize> + 'a,
) -> impl Iterator<Item = usize> + 'a {
    let first = items.partition_point(|item| range_of(item).end <= tokens.start);
    (first..items.len()).take_while(move |&idx| range_of(&items[idx]).start < tokens.end)
}

/// A place the tagger found: a polity (GPE) unless a word of it names a natural feature.
fn place_type(doc: &Doc<'_>, lexicon: &Lexicon, tokens: &Range<usize>) -> EntityType {
    let last = doc.word(tokens.end.saturating_sub(1));
    let first = doc.word(tokens.start);
    let natural = lexicon.place_heads.contains(last) || (tokens.len() > 1 && lexicon.place_leads.contains(first));
    if natural && !tokens.clone().any(|idx| lexicon.polity_words.contains(doc.word(idx))) {
        EntityType::Loc
    } else {
        EntityType::Gpe
    }
}

/// A MISC name: a nationality or group (NORP) when the lexicon or its shape says so.
fn misc_type(doc: &Doc<'_>, lexicon: &Lexicon, tokens: &Range<usize>) -> EntityType {
    let single = tokens.len() == 1;
    let demonym = lexicon.demonyms.contains_key(doc.text_of(tokens.clone()))
        || (single && rules::is_demonym_shaped(doc, lexicon, tokens.start));
    if demonym { EntityType::Norp } else { EntityType::Misc }
}

#[cfg(test)]
pub(crate) mod tests {
    use crate::Model;
    use crate::doc::Doc;
    use crate::lexicon::Lexicon;
    use crate::ner::{NameMention, find_mentions};

    /// Mentions as `TYPE:text`, with ` role=...` for people with a title, joined by ` | `.
    pub(crate) fn render(doc: &Doc<'_>, mentions: &[NameMention]) -> String {
        let rendered: Vec<String> = mentions
            .iter()
            .map(|mention| {
                let role = mention.role.clone().map(|role| format!(" role={}", doc.text_of(role))).unwrap_or_default();
                format!("{}:{}{role}", mention.entity_type.as_str(), doc.text_of(mention.tokens.clone()))
            })
            .collect();
        rendered.join(" | ")
    }

    fn check(text: &str, expected: &str) {
        let doc = Doc::new(text, None);
        let model = Model::builtin();
        assert_eq!(render(&doc, &find_mentions(&doc, &Lexicon::builtin(), model.ner())), expected);
    }

    #[test]
    fn the_tagger_finds_names_the_word_lists_do_not_know() {
        check(
            "Shares in the Polish refiner Orlen Petrochemia SA fell 3 percent in Warsaw on Tuesday, chief executive \
             Marta Kowalczyk told Reuters in Gdansk.",
            "NORP:Polish | ORG:Orlen Petrochemia SA | GPE:Warsaw | PERSON:Marta Kowalczyk role=chief executive | \
             ORG:Reuters | GPE:Gdansk",
        );
    }

    #[test]
    fn titles_stay_roles_and_known_names_keep_their_canonical_form() {
        check(
            "US Defence Secretary Pete Hegseth met French President Emmanuel Macron at NATO headquarters.",
            "GPE:US | PERSON:Pete Hegseth role=US Defence Secretary | NORP:French | \
             PERSON:Emmanuel Macron role=French President | ORG:NATO",
        );
    }

    #[test]
    fn one_name_one_type_within_an_article() {
        check(
            "President Trump spoke on Monday. Critics said Trump’s approach favours Moscow.",
            "PERSON:Trump role=President | PERSON:Trump | GPE:Moscow",
        );
    }

    /// Two particles between the given name and the surname, each beside one capitalised word
    /// only: a plain word there is skipped by the tagger unless it is listed as a particle.
    #[test]
    fn names_keep_their_particles() {
        check(
            "Ursula von der Leyen met Oscar de la Renta in Brussels.",
            "PERSON:Ursula von der Leyen | PERSON:Oscar de la Renta | GPE:Brussels",
        );
    }

    #[test]
    fn a_sentence_opening_function_word_is_no_part_of_a_name() {
        let text = "Headline here.\n\nAlthough Weiner admitted to the newspaper that he and the woman had been \
            friends for some time, he claimed they had never met in person.";
        let doc = Doc::new(text, None);
        let model = Model::builtin();
        let mentions = find_mentions(&doc, &Lexicon::builtin(), model.ner());
        let rendered = render(&doc, &mentions);
        assert!(rendered.contains("PERSON:Weiner"), "{rendered}");
        assert!(!rendered.contains("Although"), "{rendered}");
    }
}
