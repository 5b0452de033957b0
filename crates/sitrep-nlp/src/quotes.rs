//! Quotations and who said them.
//!
//! Direct quotes come from the paired quotation marks of [`crate::marks`]; each is attributed by
//! the first of these that applies, the evidence kept as the speaker mention and the cue:
//!
//! 1. a reporting clause right after it (`“...,” Hegseth told reporters`, `“...,” said Owen
//!    Bransby`, `“...” climate change, Axelrod said`);
//! 2. a reporting clause before it in the same sentence (`Ferreira said: “...”`, `she said, “...”`),
//!    or a name and a colon (`Cecile Richards: “...”`);
//! 3. a signature line after its paragraph (`- Bernie Sanders.`);
//! 4. a paragraph ending in a colon right before it (`Peskov endorsed the statement, saying:`);
//! 5. an attributed quote earlier in the same paragraph (the second half of `“A,” X said. “B.”`);
//! 6. the paragraph before it: a quote paragraph by a known speaker, or a reporting clause.
//!
//! The speaker of a reporting clause is the head of its noun phrase: the name or reference that
//! ends it (titles, appositions and "(R-Fla.)" around it), or else a described speaker ("a
//! Clinton campaign spokesman") or a name the entities missed, kept as the article's words.
//!
//! A phrase quoted inside a sentence is a partial quote, attributed to the subject of the
//! sentence's reporting clause and given that clause (`said [that Russia “can’t stand” either
//! Democrat]`); a short phrase that no reported speech holds is a scare quote and skipped. A
//! quotation of ten words or more run into a sentence is direct speech all the same. Headline
//! quotes take the speaker named in the headline, or the speaker of a body quote that contains
//! the same words.
//!
//! Indirect speech is reported by verbs of speech, thought and evidence, intention ("plans to")
//! and stance ("criticized the deal"), with any noun phrase as subject: "X said (that) ...",
//! "..., X said.", "according to X", "..., saying ...", "Name: claim". A speaker that cannot be
//! resolved to a named entity keeps the article's words, with no entity and the reason.

use std::ops::Range;

use sitrep_model::EntityType;

use crate::coref::{EntityTable, pronoun_gender};
use crate::doc::Doc;
use crate::lexicon::Lexicon;
use crate::marks::Region;
use crate::ner::NameMention;

/// How freely a phrase that holds no name may be taken for a speaker.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Phrasing {
    /// Beside a quotation: a described person or body ("a Clinton campaign spokesman"), or a
    /// name the entities missed.
    Described,
    /// The subject of a reporting verb: any short noun phrase ("critics say", "58 percent of
    /// voters said").
    AnySubject,
}

/// A quote found, in byte and token terms.
#[derive(Clone, Debug)]
pub(crate) struct FoundQuote {
    pub(crate) content: Range<usize>,
    pub(crate) kind: sitrep_model::QuoteKind,
    /// A partial quote's reported clause, the quoted words included.
    pub(crate) clause: Option<Range<usize>>,
    /// A short phrase in quotation marks with no reporting clause beside it: a scare quote,
    /// dropped unless reported speech turns out to hold it.
    tentative: bool,
    pub(crate) speaker: Option<SpeakerRef>,
    pub(crate) unattributed: Option<String>,
    pub(crate) cue: Option<Range<usize>>,
    pub(crate) confidence: f32,
}

/// The mention a quote is attributed to and the entity it resolves to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct SpeakerRef {
    pub(crate) mention: Range<usize>,
    pub(crate) entity: Option<usize>,
    /// The mention is a name the entities did not take for one ("Ban recalled"), not a pronoun
    /// or a description.
    unknown_name: bool,
}

/// Something that can be a speaker: a name, a pronoun or a role noun phrase.
#[derive(Clone, Debug)]
struct Candidate {
    /// The whole noun phrase, titles included ("U.S. Defense Secretary Pete Hegseth").
    phrase: Range<usize>,
    /// The part that names the speaker ("Pete Hegseth", "he", "the minister").
    mention: Range<usize>,
    entity: Option<usize>,
    is_person: bool,
}

/// Objects of "told" that belong to the cue.
const TOLD_OBJECTS: &[&str] = &[
    "reporters",
    "journalists",
    "lawmakers",
    "senators",
    "supporters",
    "members",
    "parliament",
    "me",
    "us",
    "them",
    "him",
    "her",
    "delegates",
    "listeners",
    "viewers",
    "students",
    "crowds",
];
/// Words that may stand between a speaker and the cue ("Rubio recently stated").
const ADVERBS: &[&str] = &[
    "also",
    "later",
    "then",
    "again",
    "recently",
    "previously",
    "once",
    "further",
    "had",
    "has",
    "have",
    "would",
    "will",
    "earlier",
    "often",
    "later",
    "now",
    "too",
    "even",
    "has",
    "had",
];
/// Reporting verbs that introduce indirect speech reliably.
const INDIRECT_CUES: &[&str] = &[
    "say",
    "said",
    "says",
    "saying",
    "adding",
    "arguing",
    "noting",
    "warning",
    "insisting",
    "claiming",
    "suggesting",
    "stressing",
    "explaining",
    "acknowledging",
    "asked",
    "asks",
    "reported",
    "reports",
    "told",
    "tells",
    "warned",
    "warns",
    "stressed",
    "stresses",
    "insisted",
    "insists",
    "argued",
    "argues",
    "claimed",
    "claims",
    "noted",
    "notes",
    "added",
    "adds",
    "stated",
    "states",
    "emphasized",
    "emphasised",
    "emphasizes",
    "announced",
    "acknowledged",
    "admitted",
    "reiterated",
    "predicted",
    "suggested",
    "explained",
    "confirmed",
    "denied",
    "wrote",
    "clarified",
    "maintained",
    "asserted",
    "conceded",
    "cautioned",
    "declared",
];

struct Context<'d, 'a> {
    doc: &'d Doc<'a>,
    lexicon: &'d Lexicon,
    /// Sorted by where their phrases start.
    candidates: Vec<Candidate>,
    /// Indices into `candidates`, sorted by where their phrases end.
    by_end: Vec<usize>,
    /// The cue starting at each token, for quotations and for indirect speech.
    cues: Vec<Option<Range<usize>>>,
    indirect_cues: Vec<Option<Range<usize>>>,
}

/// Finds every quote of the document.
pub(crate) fn find_quotes(
    doc: &Doc<'_>,
    lexicon: &Lexicon,
    regions: &[Region],
    mentions: &[NameMention],
    table: &EntityTable,
) -> Vec<FoundQuote> {
    let ctx = Context::new(doc, lexicon, candidates(doc, lexicon, mentions, table));
    let mut found: Vec<FoundQuote> = Vec::new();
    for region_idx in 0..regions.len() {
        if let Some(quote) = direct_quote(&ctx, regions, region_idx, &found) {
            found.push(quote);
        }
    }
    attribute_headlines(&ctx, &mut found);
    place_partials_in_reported_speech(&ctx, &mut found);
    found.retain(|quote| !quote.tentative);
    found.extend(indirect_quotes(&ctx, regions));
    found.sort_by_key(|quote| (quote.content.start, quote.content.end));
    found
}

fn candidates(doc: &Doc<'_>, lexicon: &Lexicon, mentions: &[NameMention], table: &EntityTable) -> Vec<Candidate> {
    let mut candidates = Vec::new();
    for (mention, &entity) in mentions.iter().zip(&table.entity_of_mention) {
        if !matches!(mention.entity_type, EntityType::Person | EntityType::Org | EntityType::Gpe) {
            continue;
        }
        let start = mention.role.as_ref().map_or(mention.tokens.start, |role| role.start.min(mention.tokens.start));
        candidates.push(Candidate {
            phrase: start..mention.tokens.end,
            mention: mention.tokens.clone(),
            entity: Some(entity),
            is_person: mention.entity_type == EntityType::Person,
        });
    }
    for reference in &table.references {
        candidates.push(Candidate {
            phrase: reference.tokens.clone(),
            mention: reference.tokens.clone(),
            entity: Some(reference.entity),
            is_person: true,
        });
    }
    // Pronouns and role nouns left unresolved still mark a speaker, one sitrep cannot name.
    let mut covered = vec![false; doc.tokens.len()];
    for candidate in &candidates {
        covered[candidate.phrase.clone()].iter_mut().for_each(|token| *token = true);
    }
    for (idx, _) in covered.iter().enumerate().filter(|(_, covered)| !**covered) {
        let word = doc.word(idx);
        if pronoun_gender(word).is_some() && matches!(word, "he" | "He" | "she" | "She")
            || matches!(word, "they" | "They" | "we" | "We" | "I")
        {
            candidates.push(Candidate { phrase: idx..idx + 1, mention: idx..idx + 1, entity: None, is_person: true });
        } else if let Some((tokens, _)) = crate::coref::role_noun_at(doc, lexicon, idx) {
            candidates.push(Candidate { phrase: tokens.clone(), mention: tokens, entity: None, is_person: true });
        }
    }
    candidates.sort_by_key(|candidate| candidate.phrase.start);
    candidates
}

impl<'d, 'a> Context<'d, 'a> {
    fn new(doc: &'d Doc<'a>, lexicon: &'d Lexicon, candidates: Vec<Candidate>) -> Context<'d, 'a> {
        let mut by_end: Vec<usize> = (0..candidates.len()).collect();
        by_end.sort_by_key(|&idx| candidates[idx].phrase.end);
        let mut ctx = Context { doc, lexicon, candidates, by_end, cues: Vec::new(), indirect_cues: Vec::new() };
        (ctx.cues, ctx.indirect_cues) = (0..doc.tokens.len()).map(|idx| ctx.cues_of(idx)).unzip();
        ctx
    }

    /// The candidates whose phrase starts at `idx`, in order.
    fn starting_at(&self, idx: usize) -> impl Iterator<Item = &Candidate> + '_ {
        let first = self.candidates.partition_point(|candidate| candidate.phrase.start < idx);
        self.candidates[first..].iter().take_while(move |candidate| candidate.phrase.start == idx)
    }

    /// The candidates whose phrase ends at `end`, in order of their start.
    fn ending_at(&self, end: usize) -> impl Iterator<Item = &Candidate> + '_ {
        let first = self.by_end.partition_point(|&idx| self.candidates[idx].phrase.end < end);
        self.by_end[first..]
            .iter()
            .map(|&idx| &self.candidates[idx])
            .take_while(move |candidate| candidate.phrase.end == end)
    }

    /// The candidates whose phrase starts inside `range`.
    fn starting_in(&self, range: Range<usize>) -> &[Candidate] {
        let first = self.candidates.partition_point(|candidate| candidate.phrase.start < range.start);
        let end = self.candidates.partition_point(|candidate| candidate.phrase.start < range.end);
        &self.candidates[first..end.max(first)]
    }
}

impl Context<'_, '_> {
    /// A reporting cue starting at `idx`, with "told"'s object and "according to" included.
    fn cue_at(&self, idx: usize) -> Option<Range<usize>> {
        self.cues.get(idx).cloned().flatten()
    }

    /// A cue of indirect speech at `idx`: the reporting verbs that take a clause, and the verbs
    /// of thought and evidence ("Democrats think", "polls show").
    fn indirect_cue_at(&self, idx: usize) -> Option<Range<usize>> {
        self.indirect_cues.get(idx).cloned().flatten()
    }

    /// The cues at `idx`: for quotations (verbs of speech) and for indirect speech (the verbs
    /// of speech that take a clause, and the verbs of thought and evidence).
    fn cues_of(&self, idx: usize) -> (Option<Range<usize>>, Option<Range<usize>>) {
        let doc = self.doc;
        let word = doc.word(idx);
        if !doc.is_word(idx) {
            return (None, None);
        }
        if word.eq_ignore_ascii_case("according") && doc.word(idx + 1) == "to" {
            return (Some(idx..idx + 2), Some(idx..idx + 2));
        }
        let speech = self.lexicon.is_reporting_verb(word);
        let thought = self.lexicon.is_attribution_verb(word)
            || (self.lexicon.is_intention_verb(word) && doc.word(idx + 1) == "to")
            || (self.lexicon.is_stance_verb(word) && doc.is_word(idx + 1));
        if !(speech || thought) {
            return (None, None);
        }
        let Some(cue) = self.cue_shape(idx) else { return (None, None) };
        let lower = word.to_lowercase();
        let indirect = (thought || INDIRECT_CUES.contains(&lower.as_str())).then(|| cue.clone());
        (speech.then_some(cue), indirect)
    }

    /// The cue a verb at `idx` makes, with "told"'s object included; none where the word is a
    /// noun ("the call") or a capitalised word outside a heading.
    fn cue_shape(&self, idx: usize) -> Option<Range<usize>> {
        let doc = self.doc;
        let word = doc.word(idx);
        // "the call", "a statement": a noun, not a verb; capitalised verbs only in headings.
        let previous = if idx > 0 { doc.word(idx - 1) } else { "" };
        if matches!(previous, "the" | "a" | "an" | "this" | "that" | "his" | "her" | "their" | "its" | "to")
            && !word.ends_with("ing")
        {
            return None;
        }
        if doc.is_capitalised(idx) && !doc.is_heading(doc.paragraph_of[idx]) {
            return None;
        }
        let mut end = idx + 1;
        if matches!(word.to_lowercase().as_str(), "told" | "tell" | "tells" | "telling") {
            let object = doc.word(end);
            if TOLD_OBJECTS.contains(&object) || doc.is_capitalised(end) {
                end += 1;
            } else if matches!(object, "the" | "a" | "an") && doc.is_word(end + 1) {
                // "told the BBC", "told a news conference".
                end += 2;
                if doc.is_word(end)
                    && doc.word(end).chars().all(char::is_lowercase)
                    && !matches!(doc.word(end), "that" | "on" | "in" | "at" | "he" | "she" | "it" | "they")
                {
                    end += 1;
                }
            }
        }
        Some(idx..end)
    }

    /// The candidate whose phrase ends right before `idx`, adverbs allowed between.
    fn candidate_ending_before(&self, idx: usize, floor: usize) -> Option<&Candidate> {
        let mut end = idx;
        while end > floor && is_adverb(self.doc.word(end - 1)) {
            end -= 1;
        }
        self.candidate_ending_at(end, floor).or_else(|| {
            // An apposition between the speaker and the cue: "Sarandon, 69, told", "Morton
            // Blackwell, the committeeman from Virginia, told AFP".
            if end <= floor + 2 || self.doc.word(end - 1) != "," {
                return None;
            }
            let opening = (end.saturating_sub(MAX_APPOSITION_TOKENS).max(floor + 1)..end - 1)
                .rev()
                .find(|&at| self.doc.word(at) == ",")?;
            self.candidate_ending_at(opening, floor)
        })
    }

    /// The candidate whose phrase ends at `end`, not possessive nor after a preposition.
    fn candidate_ending_at(&self, end: usize, floor: usize) -> Option<&Candidate> {
        self.ending_at(end).find(|candidate| {
            let after_preposition = candidate.phrase.start > 0
                && matches!(
                    self.doc.word(candidate.phrase.start - 1),
                    "in" | "at" | "from" | "of" | "for" | "with" | "by" | "to"
                );
            candidate.phrase.end == end
                && candidate.phrase.start >= floor
                && !self.is_possessive(candidate)
                && !after_preposition
        })
    }

    /// The candidate whose phrase starts at `idx`.
    fn candidate_starting_at(&self, idx: usize) -> Option<&Candidate> {
        let idx = if matches!(self.doc.word(idx), ",") { idx + 1 } else { idx };
        self.starting_at(idx).find(|candidate| !self.is_possessive(candidate))
    }

    fn is_possessive(&self, candidate: &Candidate) -> bool {
        matches!(self.doc.word(candidate.phrase.end), "’s" | "'s" | "’" | "'")
    }

    /// The speaker of a reporting clause in tokens `window` whose cue is `cue`: a participle
    /// ("..., saying:") takes the noun phrase right before it or else the clause's subject; a
    /// finite verb takes the nearest person before it, or the phrase after it ("said X").
    fn speaker_of_cue(&self, window: Range<usize>, cue: &Range<usize>) -> Option<SpeakerRef> {
        let cue_word = self.doc.word(cue.start).to_lowercase();
        let before: Vec<&Candidate> = self
            .starting_in(window.start..cue.start)
            .iter()
            .filter(|candidate| candidate.phrase.end <= cue.start && !self.is_possessive(candidate))
            .collect();
        if cue_word == "according" {
            return self.candidate_starting_at(cue.end).map(|candidate| self.speaker_ref(candidate));
        }
        if let Some(adjacent) = self.candidate_ending_before(cue.start, window.start) {
            return Some(self.speaker_ref(adjacent));
        }
        // Places and organisations speak only from right beside the cue ("the ministry said").
        if cue_word.ends_with("ing") {
            return before.iter().find(|candidate| candidate.is_person).map(|candidate| self.speaker_ref(candidate));
        }
        // "Trump said he did not own them, but agreed that ...": a coordinated verb shares the
        // sentence's subject, not the nearest name.
        let mut verb_start = cue.start;
        while verb_start > window.start && is_adverb(self.doc.word(verb_start - 1)) {
            verb_start -= 1;
        }
        if verb_start > window.start && matches!(self.doc.word(verb_start - 1), "and" | "but" | "then" | "or") {
            let subject_start = skip_connector(self.doc, window.start);
            let subject = self.starting_at(subject_start).find(|candidate| !self.is_possessive(candidate));
            if let Some(subject) = subject.or_else(|| before.iter().find(|candidate| candidate.is_person).copied()) {
                return Some(self.speaker_ref(subject));
            }
        }
        if let Some(subject) = self.subject_of(window.start, cue.start) {
            return Some(subject);
        }
        let nearest_person = before.iter().rev().find(|candidate| candidate.is_person).copied();
        // "said Tom Reyes, “...”": a speaker after the cue stands alone before the quotation,
        // unlike the subject of a reported clause ("said they were concerned").
        let inverted = self.candidate_starting_at(cue.end).filter(|candidate| {
            matches!(self.doc.word(candidate.phrase.end), "," | ":" | "“" | "\"" | "—")
                || candidate.phrase.end >= window.end
        });
        nearest_person.or(inverted).map(|candidate| self.speaker_ref(candidate))
    }

    /// The subject of a cue whose clause opens at `clause_start`: the noun phrase from the
    /// clause's start, past any connective ("But critics say"), or else from the last comma
    /// before the cue ("In each state, about half of voters say").
    fn subject_of(&self, clause_start: usize, cue_start: usize) -> Option<SpeakerRef> {
        let doc = self.doc;
        let mut end = cue_start;
        while end > clause_start && is_adverb(doc.word(end - 1)) {
            end -= 1;
        }
        // "Barkley, who said he votes Democratic": the relative pronoun is the mention, the
        // noun it refers to the speaker.
        if end > clause_start && doc.word(end - 1).eq_ignore_ascii_case("who") {
            let antecedent = (end >= 2 && doc.word(end - 2) == ",")
                .then(|| self.candidate_ending_at(end - 2, clause_start))
                .flatten()
                .and_then(|candidate| candidate.entity);
            return Some(SpeakerRef { mention: end - 1..end, entity: antecedent, unknown_name: false });
        }
        let from_start = self.speaker_before_cue(skip_connector(doc, clause_start), cue_start, Phrasing::AnySubject);
        from_start
            .or_else(|| {
                let comma = (clause_start..cue_start).rev().find(|&idx| doc.word(idx) == ",")?;
                self.speaker_before_cue(skip_connector(doc, comma + 1), cue_start, Phrasing::AnySubject)
            })
            .or_else(|| {
                // "in an election year in which a majority of Americans say": the words back to
                // the clause's opening word.
                let mut start = end;
                while start > clause_start
                    && doc.is_word(start - 1)
                    && !CLAUSE_OPENERS.contains(&doc.word(start - 1).to_lowercase().as_str())
                    && end - start < MAX_NOUN_PHRASE_TOKENS
                {
                    start -= 1;
                }
                let opened =
                    start == clause_start || CLAUSE_OPENERS.contains(&doc.word(start - 1).to_lowercase().as_str());
                (start < end && opened).then(|| self.head_of_phrase(start..end, Phrasing::AnySubject)).flatten()
            })
    }

    /// The speaker of a reporting clause that opens at `start` and reaches its cue at `cue_start`
    /// ("Mr. Coale said", "a Clinton campaign spokesman said", "Fred Kagan, director of the
    /// project, said", "Rep. John Mica (R-Fla.) said"). The speaker is the noun phrase's head: a
    /// name or reference ending the phrase, or else the phrase itself, which names nobody.
    fn speaker_before_cue(&self, start: usize, cue_start: usize, phrasing: Phrasing) -> Option<SpeakerRef> {
        let doc = self.doc;
        let mut end = cue_start;
        while end > start && is_adverb(doc.word(end - 1)) {
            end -= 1;
        }
        // A party and state after a legislator's name: "(D-Md.)".
        if end > start + 2 && doc.word(end - 1) == ")" {
            end = (start..end - 1).rev().find(|&idx| doc.word(idx) == "(")?;
        }
        if end <= start || end - start > MAX_SPEAKER_CLAUSE_TOKENS {
            return None;
        }
        // The phrase ends at an apposition or a relative clause, which must close before the cue.
        let phrase_end = (start..end)
            .find(|&idx| matches!(doc.word(idx), "," | "who" | "whose" | "which" | "(" | "—" | "–"))
            .unwrap_or(end);
        // "Nate Silver, the polling guru who founded the site tweeted": an apposition left open.
        let apposition_opens = SPEAKER_DETERMINERS.contains(&doc.word(phrase_end + 1).to_lowercase().as_str());
        if phrase_end < end && doc.word(phrase_end) == "," && doc.word(end - 1) != "," && !apposition_opens {
            return None;
        }
        self.head_of_phrase(start..phrase_end, phrasing)
    }

    /// The speaker named right after a cue: "said former Obama adviser David Axelrod", "said
    /// Mr. Jebens, who ...", "said Del. Stacey Plaskett of the Virgin Islands".
    fn speaker_after_cue(&self, cue_end: usize, limit: usize, phrasing: Phrasing) -> Option<SpeakerRef> {
        let doc = self.doc;
        let mut end = cue_end;
        let mut named = false;
        while end < limit {
            if let Some(candidate) = self.starting_at(end).next() {
                end = candidate.phrase.end.max(end + 1);
                named = true;
                continue;
            }
            let word = doc.word(end);
            // "a spokesman for Disney", "a longtime adviser to the campaign": a described
            // speaker keeps its complement; a named one ends at the name.
            let complement = matches!(word, "of" | "for" | "to") && !named;
            // "said Clinton’s top aide Jake Sullivan": a possessive carries the phrase on.
            let carries_on = matches!(word, "’s" | "'s") || word.starts_with(|c: char| c.is_ascii_digit());
            if (!doc.is_word(end) && !carries_on) || (PHRASE_ENDS.contains(&word) && !complement) {
                break;
            }
            end += 1;
        }
        self.head_of_phrase(cue_end..end.min(limit), phrasing)
    }

    /// The person or body a noun phrase names: the name or reference at its end, not possessive
    /// ("Twitter's Adam Sharp"); else the phrase itself when it is a short run of words ("a
    /// Clinton campaign spokesman", "the RNC member"), with no entity.
    fn head_of_phrase(&self, phrase: Range<usize>, phrasing: Phrasing) -> Option<SpeakerRef> {
        let doc = self.doc;
        // Words, with possessives, hyphens and numbers ("a 2008 Clinton veteran").
        let well_formed = (phrase.clone()).all(|idx| {
            doc.is_word(idx)
                || matches!(doc.word(idx), "’s" | "'s" | "-")
                || doc.word(idx).starts_with(|c: char| c.is_ascii_digit())
        });
        let first = doc.word(phrase.start).to_lowercase();
        let last = doc.word(phrase.end.saturating_sub(1)).to_lowercase();
        // "Between Monday and Friday", "The senator is": an adverbial or a clause, not a speaker.
        // "but he also warned": a new clause, not the speaker of what came before.
        let opens_clause = CLAUSE_OPENERS.contains(&first.as_str()) && first != "that";
        let adverbial =
            is_preposition(&first) || SUBORDINATORS.contains(&first.as_str()) || first == "between" || opens_clause;
        let has_verb = phrase.clone().any(|idx| {
            CLAUSE_VERBS.contains(&doc.word(idx)) || self.cue_at(idx).is_some() || self.indirect_cue_at(idx).is_some()
        }) || (first.ends_with("ing") && doc.word(phrase.start).starts_with(char::is_lowercase));
        if phrase.is_empty() || !well_formed || adverbial || has_verb || SPEAKER_DETERMINERS.contains(&last.as_str()) {
            return None;
        }
        let head = self
            .ending_at(phrase.end)
            .find(|candidate| candidate.phrase.start >= phrase.start && !self.is_possessive(candidate));
        if let Some(head) = head {
            return Some(self.speaker_ref(head));
        }
        // Without a name at its end, a phrase speaks when it is a described person or body ("a
        // Clinton campaign spokesman", "the RNC member", "another friend") or a name the
        // entities missed ("Ban").
        let described = SPEAKER_DETERMINERS.contains(&doc.word(phrase.start).to_lowercase().as_str())
            || self.lexicon.titles_lower.contains(&doc.word(phrase.end - 1).to_lowercase());
        let unknown_name = phrase.clone().all(|idx| doc.is_capitalised(idx) || doc.word(idx) == "-");
        // A phrase opened by a name or pronoun that does not end it is a clause ("He went on to
        // defend the strategy"), not a speaker.
        let opened_by_name = self.starting_at(phrase.start).next().is_some();
        let any_subject =
            phrasing == Phrasing::AnySubject && !PHRASE_ENDS.contains(&doc.word(phrase.start)) && !opened_by_name;
        (phrase.len() <= MAX_NOUN_PHRASE_TOKENS && (described || unknown_name || any_subject)).then_some(SpeakerRef {
            mention: phrase,
            entity: None,
            unknown_name: unknown_name && !described,
        })
    }

    fn last_cue_in(&self, window: Range<usize>) -> Option<Range<usize>> {
        window.rev().find_map(|idx| self.cue_at(idx))
    }

    fn speaker_ref(&self, candidate: &Candidate) -> SpeakerRef {
        SpeakerRef { mention: candidate.mention.clone(), entity: candidate.entity, unknown_name: false }
    }
}

fn direct_quote(
    ctx: &Context<'_, '_>,
    regions: &[Region],
    region_idx: usize,
    found: &[FoundQuote],
) -> Option<FoundQuote> {
    let doc = ctx.doc;
    let region = &regions[region_idx];
    if region.content.is_empty() {
        return None;
    }
    let open_token = doc.token_at_or_after(region.outer.start);
    let close_token = doc.token_at_or_after(region.outer.end).saturating_sub(1);
    let after_close = close_token + 1;
    let paragraph_idx = *doc.paragraph_of.get(open_token)?;
    let sentence = doc.sentences.get(doc.sentence_of[open_token])?.clone();
    let paragraph = doc.paragraphs[paragraph_idx].clone();
    let n_words = doc.text[region.content.clone()].split_whitespace().count();
    // Where the clause before the quote starts: the sentence start, or the end of an earlier
    // quote in the same sentence.
    let clause_start = regions[..region_idx]
        .iter()
        .rev()
        .map(|earlier| doc.token_at_or_after(earlier.outer.end))
        .find(|&end| end > sentence.start && end <= open_token)
        .unwrap_or(sentence.start);
    let prefix_words = (clause_start..open_token).filter(|&idx| doc.is_word(idx)).count();
    let prefix_end = doc.word(open_token.saturating_sub(1));
    let in_headline = (paragraph_idx == 0 && doc.has_headline) || (doc.is_heading(paragraph_idx) && region.single);
    // A phrase borrowed into the writer's own clause is short; a long quotation run into the
    // sentence ("Trump said “we will build a wall and make them pay for it.”") is the speaker's
    // words whole.
    let embedded = prefix_words > 0 && !matches!(prefix_end, "," | ":" | "—" | "–") && n_words < MIN_WHOLE_QUOTE_WORDS;
    let kind = if in_headline {
        sitrep_model::QuoteKind::Headline
    } else if region.single {
        // Single marks outside headlines are nested or scare quotes, not quotations.
        return None;
    } else if embedded && region.n_paragraphs == 1 {
        sitrep_model::QuoteKind::Partial
    } else {
        sitrep_model::QuoteKind::Direct
    };
    let mut quote = FoundQuote {
        content: region.content.clone(),
        kind,
        clause: None,
        tentative: false,
        speaker: None,
        unattributed: None,
        cue: None,
        confidence: 0.0,
    };

    // 1. A reporting clause right after the quote.
    let window_end = (after_close..paragraph.end.min(after_close + REPORTING_CLAUSE_TOKENS))
        .find(|&idx| {
            // The stop of an abbreviation closing a parenthesis ("(R-Fla.)") ends nothing.
            let abbreviation_stop = doc.word(idx) == "." && doc.word(idx + 1) == ")";
            matches!(doc.word(idx), "." | "!" | "?" | ";" | "“" | "\"") && idx > after_close && !abbreviation_stop
        })
        .unwrap_or(paragraph.end.min(after_close + REPORTING_CLAUSE_TOKENS));
    let after_window = after_close..window_end;
    // The cue follows the speaker and any apposition ("Tom Reyes, the committeeman from
    // Virginia, told AFP").
    let first_cue = after_window.clone().take(8 + MAX_APPOSITION_TOKENS).find_map(|idx| ctx.cue_at(idx));
    // A phrase borrowed into a sentence is followed by the writer's words, not a reporting
    // clause, unless a comma sets one off (`called it “a sham,” Trump said`).
    let sets_off = doc.word(after_close) == "," || doc.text[region.content.clone()].trim_end().ends_with(',');
    if let (Some(cue), true) = (first_cue, sets_off || kind != sitrep_model::QuoteKind::Partial) {
        let clause_start = if doc.word(after_close) == "," { after_close + 1 } else { after_close };
        let cue_first = (clause_start..cue.start).all(|idx| is_adverb(doc.word(idx)));
        let speaker = if cue_first {
            ctx.speaker_after_cue(cue.end, window_end, Phrasing::Described)
        } else {
            ctx.speaker_before_cue(clause_start, cue.start, Phrasing::Described)
        };
        if let Some(speaker) = speaker {
            if quote.kind == sitrep_model::QuoteKind::Partial {
                // `called it “a sham,” Trump said`: what was said runs from the sentence start.
                let own_words = skip_dateline(doc, sentence.clone())..close_token + 1;
                quote.clause = Some(doc.bytes(own_words));
            }
            return Some(attributed(quote, speaker, cue, 0.95));
        }
        // `“It was a moral obligation to do something about” climate change, Axelrod said`: the
        // writer's words finish the quoted clause, and the attribution follows their comma.
        let comma = (clause_start..cue.start).rev().find(|&idx| doc.word(idx) == ",");
        let trailing = comma.and_then(|comma| {
            let speaker = ctx.speaker_before_cue(comma + 1, cue.start, Phrasing::Described)?;
            (comma > clause_start && kind != sitrep_model::QuoteKind::Headline).then_some((comma, speaker))
        });
        if let Some((comma, speaker)) = trailing {
            quote.kind = sitrep_model::QuoteKind::Partial;
            quote.clause = Some(doc.bytes(skip_dateline(doc, sentence.clone())..comma));
            return Some(attributed(quote, speaker, cue, 0.9));
        }
    }
    // 2. A reporting clause before the quote in the same sentence.
    if prefix_words > 0 {
        let window = clause_start..open_token;
        if let Some(cue) = ctx.last_cue_in(window.clone())
            && let Some(speaker) = ctx.speaker_of_cue(window, &cue)
        {
            let confidence = if embedded { 0.85 } else { 0.9 };
            if quote.kind == sitrep_model::QuoteKind::Partial {
                let reported = reported_after(ctx, &cue, sentence.clone());
                quote.clause = Some(doc.bytes(reported.start..reported.end.max(close_token + 1)));
            }
            return Some(attributed(quote, speaker, cue, confidence));
        }
        // "Cecile Richards: “...”": a name and a colon introduce the words, in headlines and
        // transcripts.
        let name_before_colon = (prefix_end == ":")
            .then(|| ctx.speaker_before_cue(skip_dash(doc, clause_start), open_token - 1, Phrasing::Described))
            .flatten()
            .filter(|speaker| speaker.entity.is_some() || (speaker.mention.clone()).all(|idx| doc.is_capitalised(idx)));
        if let Some(speaker) = name_before_colon {
            return Some(attributed(quote, speaker, open_token - 1..open_token, 0.8));
        }
    }
    // A second quotation in a coordinated clause shares the subject of the first ("dismissed it
    // as “A” and said Kestria would not respond to “B”").
    let earlier_in_sentence = found.iter().rev().find(|earlier| {
        let earlier_token = doc.token_at_or_after(earlier.content.start);
        doc.sentence_of.get(earlier_token) == Some(&doc.sentence_of[open_token]) && earlier.speaker.is_some()
    });
    if let (true, Some(earlier)) = (embedded, earlier_in_sentence) {
        quote.speaker = earlier.speaker.clone();
        quote.confidence = 0.75;
        return Some(finish(quote));
    }
    if kind == sitrep_model::QuoteKind::Partial {
        quote.tentative = n_words <= MAX_SCARE_QUOTE_WORDS;
        quote.unattributed = Some("no reporting clause in the sentence".to_string());
        return Some(quote);
    }
    // A dash line after a paragraph the quote ends names its author ("- Bernie Sanders.").
    let ends_paragraph = (close_token + 1..paragraph.end).all(|idx| !doc.is_word(idx));
    let signature = doc.paragraphs.get(paragraph_idx + 1).filter(|_| ends_paragraph).and_then(|next| {
        let dash = next.start;
        let end = (dash + 1..next.end).find(|&idx| matches!(doc.word(idx), "." | "," | ";")).unwrap_or(next.end);
        let signed = matches!(doc.word(dash), "-" | "—" | "–") && end - dash <= MAX_SIGNATURE_TOKENS;
        signed.then(|| ctx.head_of_phrase(dash + 1..end, Phrasing::Described)).flatten()
    });
    if let Some(speaker) = signature {
        let dash = doc.paragraphs[paragraph_idx + 1].start;
        return Some(attributed(quote, speaker, dash..dash + 1, 0.8));
    }
    let opens_paragraph = open_token == paragraph.start;
    let previous_paragraph = paragraph_idx.checked_sub(1).and_then(|idx| doc.paragraphs.get(idx)).cloned();
    // 3. A paragraph ending in a colon introduces the quote.
    if let (true, Some(previous)) = (opens_paragraph, previous_paragraph.clone())
        && doc.word(previous.end - 1) == ":"
    {
        let last_sentence = doc.sentences[doc.sentence_of[previous.end - 1]].clone();
        let speaker_and_cue = ctx
            .last_cue_in(last_sentence.clone())
            .and_then(|cue| ctx.speaker_of_cue(last_sentence.clone(), &cue).map(|speaker| (speaker, cue)));
        if let Some((speaker, cue)) = speaker_and_cue {
            return Some(attributed(quote, speaker, cue, 0.85));
        }
        if let Some(subject) = ctx
            .candidates
            .iter()
            .find(|candidate| last_sentence.contains(&candidate.phrase.start) && candidate.is_person)
        {
            quote.speaker = Some(ctx.speaker_ref(subject));
            quote.confidence = 0.6;
            return Some(finish(quote));
        }
    }
    // 4. An attributed quote earlier in the paragraph.
    let earlier_in_paragraph = found.iter().rev().find(|earlier| {
        let earlier_token = doc.token_at_or_after(earlier.content.start);
        doc.paragraph_of.get(earlier_token) == Some(&paragraph_idx)
            && earlier.speaker.is_some()
            && continues_to(earlier)
    });
    if let Some(earlier) = earlier_in_paragraph {
        quote.speaker = earlier.speaker.clone();
        quote.confidence = 0.8;
        return Some(finish(quote));
    }
    // 5. The paragraph before: a quote paragraph by a known speaker, or a reporting clause.
    if let (true, Some(previous)) = (opens_paragraph, previous_paragraph) {
        let previous_quote = found.iter().rev().find(|earlier| {
            let earlier_token = doc.token_at_or_after(earlier.content.start);
            previous.contains(&earlier_token) && earlier.speaker.is_some() && continues_to(earlier)
        });
        let previous_ends_in_quote =
            previous_quote.is_some_and(|earlier| doc.token_at_or_after(earlier.content.end) + 3 >= previous.end);
        if let (true, Some(earlier)) = (previous_ends_in_quote, previous_quote) {
            quote.speaker = earlier.speaker.clone();
            quote.confidence = 0.7;
            return Some(finish(quote));
        }
        let cue_sentence = doc
            .sentences
            .iter()
            .rev()
            .filter(|s| previous.contains(&s.start))
            .find_map(|s| ctx.last_cue_in(s.clone()).map(|cue| (s.clone(), cue)));
        if let Some((sentence, cue)) = cue_sentence
            && let Some(speaker) = ctx.speaker_of_cue(sentence, &cue)
        {
            quote.speaker = Some(speaker);
            quote.confidence = 0.6;
            return Some(finish(quote));
        }
        // Narration about one person right before an unattributed quote paragraph ("Oduya was
        // unusually candid about ...") introduces that person's words.
        let previous_has_quote = regions
            .iter()
            .any(|other| doc.paragraph_of.get(doc.token_at_or_after(other.outer.start)) == Some(&(paragraph_idx - 1)));
        let last_sentence = doc.sentences[doc.sentence_of[previous.end - 1]].clone();
        let subject =
            ctx.starting_at(last_sentence.start).find(|candidate| candidate.is_person && !ctx.is_possessive(candidate));
        if let (false, Some(subject)) = (previous_has_quote, subject) {
            quote.speaker = Some(ctx.speaker_ref(subject));
            quote.confidence = 0.5;
            return Some(finish(quote));
        }
    }
    if n_words < 4 && kind != sitrep_model::QuoteKind::Headline {
        return None;
    }
    quote.unattributed = Some("no reporting clause near the quote".to_string());
    Some(quote)
}

/// Whether a later quotation with no reporting clause may continue `earlier`'s: a direct
/// quote, or a partial one its own reporting clause attributed.
fn continues_to(earlier: &FoundQuote) -> bool {
    earlier.kind == sitrep_model::QuoteKind::Direct
        || (earlier.kind == sitrep_model::QuoteKind::Partial && earlier.cue.is_some() && earlier.clause.is_some())
}

fn attributed(mut quote: FoundQuote, speaker: SpeakerRef, cue: Range<usize>, confidence: f32) -> FoundQuote {
    quote.speaker = Some(speaker);
    quote.cue = Some(cue);
    quote.confidence = confidence;
    finish(quote)
}

/// A speaker that is a pronoun or role noun nobody could be resolved to stays as the article
/// words it ("he", "the spokesman"), with no entity, a low confidence and the reason.
fn finish(mut quote: FoundQuote) -> FoundQuote {
    let unresolved = quote.speaker.as_ref().filter(|speaker| speaker.entity.is_none());
    if let Some(speaker) = unresolved {
        let (reason, cap) = if speaker.unknown_name {
            ("the speaker's name is not among the entities found", UNKNOWN_NAME_CONFIDENCE)
        } else {
            ("the speaker (a pronoun or a description) could not be resolved to a name", UNRESOLVED_CONFIDENCE)
        };
        quote.unattributed = Some(reason.to_string());
        quote.confidence = quote.confidence.min(cap);
    } else if quote.speaker.is_some() && quote.kind == sitrep_model::QuoteKind::Partial {
        quote.confidence = quote.confidence.min(0.85);
    }
    quote
}

/// A headline quote with no speaker in the headline takes the speaker of the body quote that
/// contains the same words.
fn attribute_headlines(ctx: &Context<'_, '_>, found: &mut [FoundQuote]) {
    let normalise = |text: &str| {
        text.to_lowercase()
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
    };
    for idx in 0..found.len() {
        if found[idx].kind != sitrep_model::QuoteKind::Headline || found[idx].speaker.is_some() {
            continue;
        }
        let words = normalise(&ctx.doc.text[found[idx].content.clone()]);
        let source = found.iter().find(|other| {
            other.kind != sitrep_model::QuoteKind::Headline
                && other.speaker.is_some()
                && normalise(&ctx.doc.text[other.content.clone()]).contains(&words)
        });
        if let Some(source) = source {
            let speaker = source.speaker.clone();
            found[idx].speaker = speaker;
            found[idx].unattributed = None;
            found[idx].confidence = 0.7;
        }
    }
}

/// The words a cue before them reports, to the end of their clause: `said [that Russia “can’t
/// stand” either Democrat]`.
fn reported_after(ctx: &Context<'_, '_>, cue: &Range<usize>, sentence: Range<usize>) -> Range<usize> {
    let doc = ctx.doc;
    let start = if doc.word(cue.end) == "," { cue.end + 1 } else { cue.end };
    let clause = sentence.start..sentence_body_end(doc, sentence);
    start..reported_end(ctx, clause, cue.start, start).max(start)
}

/// The end of a sentence without its final stop.
fn sentence_body_end(doc: &Doc<'_>, sentence: Range<usize>) -> usize {
    let mut end = sentence.end;
    while end > sentence.start && matches!(doc.word(end - 1), "." | "!" | "?") {
        end -= 1;
    }
    end
}

/// A partial quote without a reporting clause beside it may still stand in reported speech
/// whose cue is elsewhere in the sentence ("That would create a “summer of agony” for Clinton,
/// said Brad Bannon"): it takes that clause, and its speaker when it has none.
fn place_partials_in_reported_speech(ctx: &Context<'_, '_>, found: &mut [FoundQuote]) {
    let doc = ctx.doc;
    for quote in found.iter_mut() {
        if quote.kind != sitrep_model::QuoteKind::Partial || quote.clause.is_some() {
            continue;
        }
        let first = doc.token_at_or_after(quote.content.start);
        let Some(&sentence_idx) = doc.sentence_of.get(first) else { continue };
        let sentence = doc.sentences[sentence_idx].clone();
        let clause = skip_dateline(doc, sentence.clone())..sentence_body_end(doc, sentence);
        let last = doc.token_at_or_after(quote.content.end).max(first + 1);
        // The nearest cue before the quote first, then those after it.
        let before = (clause.start..first).rev();
        let placed = before.chain(last..clause.end).filter_map(|idx| ctx.indirect_cue_at(idx)).find_map(|cue| {
            let (speaker, fragments) = reported_clause(ctx, clause.clone(), &cue)?;
            let fragment =
                fragments.into_iter().find(|fragment| fragment.start <= first && last <= fragment.end + 1)?;
            Some((speaker, cue, fragment))
        });
        let Some((speaker, cue, fragment)) = placed else { continue };
        quote.clause = Some(doc.bytes(fragment));
        quote.tentative = false;
        if quote.speaker.is_none() {
            quote.unattributed = None;
            *quote = finish(attributed(quote.clone(), speaker, cue, 0.6));
        }
    }
}

/// Reported speech without quotation marks, in sentences that have none:
/// "X said (that) CLAUSE", "CLAUSE, X said.", "A, X said, B." (two fragments), "according to X,
/// CLAUSE" and "CLAUSE, according to X". The speaker must stand right by the cue.
fn indirect_quotes(ctx: &Context<'_, '_>, regions: &[Region]) -> Vec<FoundQuote> {
    let doc = ctx.doc;
    let mut found = Vec::new();
    for sentence in &doc.sentences {
        if let Some(quote) = colon_attribution(ctx, sentence.clone(), regions) {
            found.push(quote);
            continue;
        }
        if doc.is_heading(doc.paragraph_of[sentence.start]) {
            continue;
        }
        // A sentence ending in a colon introduces a quotation; it reports nothing itself.
        if doc.word(sentence.end - 1) == ":" {
            continue;
        }
        let start = skip_dateline(doc, sentence.clone());
        let mut end = sentence.end;
        while end > start && matches!(doc.word(end - 1), "." | "!" | "?") {
            end -= 1;
        }
        let clause = start..end;
        let cues: Vec<Range<usize>> = clause.clone().filter_map(|idx| ctx.indirect_cue_at(idx)).collect();
        // Reported speech holding quotation marks is a quotation's, direct or partial.
        let quoted = |fragment: &Range<usize>| {
            let bytes = doc.bytes(fragment.clone());
            regions.iter().any(|region| region.outer.start < bytes.end && bytes.start < region.outer.end)
        };
        let mut reported_until = clause.start;
        let mut previous: Option<SpeakerRef> = None;
        let first_of_sentence = found.len();
        for cue in cues {
            if cue.start < reported_until {
                continue;
            }
            // "Podesta said A and said B": the second verb shares the first one's subject.
            let coordinated = previous.clone().filter(|_| matches!(doc.word(cue.start - 1), "and" | "but"));
            let relation = match coordinated {
                Some(speaker) => {
                    let fragment = cue.end..reported_end(ctx, clause.clone(), clause.start, cue.end);
                    (fragment.clone().filter(|&idx| doc.is_word(idx)).count() >= MIN_REPORTED_WORDS)
                        .then(|| (speaker, vec![fragment]))
                }
                None => reported_clause(ctx, clause.clone(), &cue),
            };
            let Some((speaker, fragments)) = relation else { continue };
            if fragments.iter().any(quoted) {
                break;
            }
            // "Polls show A, according to the survey": the source of a report already found.
            let overlaps = |fragment: &Range<usize>| {
                let bytes = doc.bytes(fragment.clone());
                found[first_of_sentence..]
                    .iter()
                    .any(|earlier: &FoundQuote| earlier.content.start < bytes.end && bytes.start < earlier.content.end)
            };
            if fragments.iter().any(overlaps) {
                continue;
            }
            reported_until = fragments.iter().map(|fragment| fragment.end).max().unwrap_or(cue.end).max(cue.end);
            for fragment in fragments {
                let quote = FoundQuote {
                    content: doc.bytes(fragment),
                    kind: sitrep_model::QuoteKind::Indirect,
                    clause: None,
                    tentative: false,
                    speaker: Some(speaker.clone()),
                    unattributed: None,
                    cue: Some(cue.clone()),
                    confidence: 0.6,
                };
                found.push(finish(quote));
            }
            previous = Some(speaker);
        }
    }
    found
}

/// "Sanders: Clinton Email Story Has Moved", "MATTHEWS: Well, speculation is bad": a person named
/// before a colon that opens a paragraph says what follows it (headlines, transcripts).
fn colon_attribution(ctx: &Context<'_, '_>, sentence: Range<usize>, regions: &[Region]) -> Option<FoundQuote> {
    let doc = ctx.doc;
    if sentence.start != doc.paragraphs[doc.paragraph_of[sentence.start]].start {
        return None;
    }
    let colon =
        (sentence.start..sentence.end.min(sentence.start + MAX_SIGNATURE_TOKENS)).find(|&idx| doc.word(idx) == ":")?;
    let speaker = ctx.ending_at(colon).find(|candidate| {
        candidate.is_person && candidate.phrase.start == skip_dash(doc, sentence.start) && !ctx.is_possessive(candidate)
    })?;
    let content = colon + 1..sentence_body_end(doc, sentence);
    let bytes = doc.bytes(content.clone());
    let quoted = regions.iter().any(|region| region.outer.start < bytes.end && bytes.start < region.outer.end);
    let n_words = content.clone().filter(|&idx| doc.is_word(idx)).count();
    (!quoted && n_words >= MIN_REPORTED_WORDS).then(|| {
        finish(FoundQuote {
            content: bytes,
            kind: sitrep_model::QuoteKind::Indirect,
            clause: None,
            tentative: false,
            speaker: Some(ctx.speaker_ref(speaker)),
            unattributed: None,
            cue: Some(colon..colon + 1),
            confidence: 0.6,
        })
    })
}

/// The speaker and content fragments of one reporting cue inside `clause`:
/// "X said (on Sunday) (that) CLAUSE", "CLAUSE, X said.", "A, X said, B.", "according to X,
/// CLAUSE" and "CLAUSE, according to X". The speaker is the noun phrase beside the cue, named
/// or described ("critics say", "58 percent of voters said").
fn reported_clause(
    ctx: &Context<'_, '_>,
    clause: Range<usize>,
    cue: &Range<usize>,
) -> Option<(SpeakerRef, Vec<Range<usize>>)> {
    let doc = ctx.doc;
    let n_words = |range: &Range<usize>| range.clone().filter(|&idx| doc.is_word(idx)).count();
    let enough = |range: &Range<usize>| n_words(range) >= MIN_REPORTED_WORDS;
    if doc.word(cue.start).eq_ignore_ascii_case("according") {
        let source_end = (cue.end..clause.end).find(|&idx| doc.word(idx) == ",").unwrap_or(clause.end);
        let speaker = ctx.speaker_after_cue(cue.end, source_end, Phrasing::AnySubject)?;
        let fragment = if cue.start == clause.start || doc.word(cue.start - 1) != "," {
            source_end + 1..clause.end
        } else {
            clause.start..cue.start - 1
        };
        return enough(&fragment).then_some((speaker, vec![fragment]));
    }
    let after_cue = cue.end;
    let next = doc.word(after_cue);
    let cue_word = doc.word(cue.start).to_lowercase();
    // "Rubio defended the bill, saying (that) CLAUSE": a participle reports for the subject of
    // its sentence.
    if cue_word.ends_with("ing") && cue.start > clause.start && doc.word(cue.start - 1) == "," {
        let subject = ctx
            .starting_in(clause.start..cue.start)
            .iter()
            .find(|candidate| !ctx.is_possessive(candidate) && (candidate.is_person || candidate.entity.is_some()))?;
        let fragment = after_cue..reported_end(ctx, clause.clone(), clause.start, after_cue);
        return enough(&fragment).then(|| (ctx.speaker_ref(subject), vec![fragment]));
    }
    // "X said (on Sunday) (that) CLAUSE": the content starts at "that", or right after the cue
    // when a clause (not a prepositional phrase) follows; "X plans to ...": at "to".
    let takes_bare_clause = BARE_CLAUSE_CUES.contains(&cue_word.as_str()) || ctx.lexicon.is_attribution_verb(&cue_word);
    let takes_object = ctx.lexicon.is_stance_verb(&cue_word) && !is_preposition(next);
    let content_start = if next == "that" || (next == "to" && ctx.lexicon.is_intention_verb(&cue_word)) || takes_object
    {
        Some(after_cue)
    } else if cue_word.starts_with("call") && matches!(next, "for" | "on") {
        // "called for a ban", "called on Congress to act".
        Some(after_cue + 1)
    } else if is_preposition(next) {
        // "said on Sunday that ...": a short time or place phrase, then "that".
        (after_cue..clause.end.min(after_cue + 6)).find(|&idx| doc.word(idx) == "that")
    } else if next != "," && takes_bare_clause && doc.is_word(after_cue) {
        Some(after_cue)
    } else {
        None
    };
    let subject_start = (clause.start..cue.start)
        .rev()
        .find(|&idx| doc.word(idx) == ",")
        .map_or_else(|| skip_connector(doc, clause.start), |comma| comma + 1);
    let speaker_before = ctx
        .candidate_ending_before(cue.start, clause.start)
        .map(|candidate| ctx.speaker_ref(candidate))
        .or_else(|| ctx.subject_of(clause.start, cue.start));
    if let (Some(speaker), Some(content_start)) = (speaker_before.clone(), content_start) {
        let fragment = content_start..reported_end(ctx, clause.clone(), subject_start, content_start);
        if enough(&fragment) {
            return Some((speaker, vec![fragment]));
        }
    }
    // "CLAUSE, X said (on Thursday)." and "A, X said, B.": the clause before the attribution,
    // which must not be a participial phrase ("Speaking at ..., X said ...").
    let comma_before_cue = cue.start > clause.start && doc.word(cue.start - 1) == ",";
    let (speaker, attribution) = if comma_before_cue {
        let limit = (cue.end..clause.end).find(|&idx| doc.word(idx) == ",").unwrap_or(clause.end);
        let speaker = ctx.speaker_after_cue(cue.end, limit, Phrasing::AnySubject)?;
        (speaker, cue.start..limit)
    } else {
        let speaker = speaker_before?;
        (speaker, subject_start..cue.end)
    };
    if attribution.start <= clause.start + 1
        || doc.word(attribution.start - 1) != ","
        || doc.word(clause.start).ends_with("ing")
    {
        return None;
    }
    let first = clause.start..attribution.start - 1;
    if !enough(&first) {
        return None;
    }
    let mut fragments = vec![first];
    let resume = (attribution.end..clause.end.min(attribution.end + 5))
        .find(|&idx| doc.word(idx) == ",")
        .map(|comma| comma + 1..clause.end);
    // "The target, he said, is insufficient": the sentence resumes with its verb.
    fragments.extend(resume.filter(|rest| n_words(rest) > 0 && CLAUSE_VERBS.contains(&doc.word(rest.start))));
    Some((speaker, fragments))
}

/// Where the words reported after a cue end: at the sentence end, before a second verb of
/// speech coordinated with the first ("said A and vowed B"), before a closing "according to",
/// and, when the reporting clause is subordinate ("after Obama announced that A, forces
/// bombed ..."), at the comma closing it.
fn reported_end(ctx: &Context<'_, '_>, clause: Range<usize>, subject_start: usize, content_start: usize) -> usize {
    let doc = ctx.doc;
    let subordinate =
        (clause.start..subject_start).any(|idx| SUBORDINATORS.contains(&doc.word(idx).to_lowercase().as_str()));
    (content_start + 1..clause.end)
        .find(|&idx| {
            let word = doc.word(idx);
            let next = doc.word(idx + 1).to_lowercase();
            // ", and he reiterated ...", ", which ...", ", while ...": another clause begins.
            let participle = next.ends_with("ing") && doc.word(idx + 1).starts_with(char::is_lowercase);
            let clause_follows = (CLAUSE_OPENERS.contains(&next.as_str()) || next == "according" || participle)
                && !(next == "and" && doc.word(idx + 2) == "that");
            (matches!(word, "and" | "but") && ctx.indirect_cue_at(idx + 1).is_some())
                || (word == "," && (subordinate || clause_follows))
        })
        .unwrap_or(clause.end)
}

/// Words that make a clause subordinate.
const SUBORDINATORS: &[&str] =
    &["after", "when", "while", "though", "although", "because", "since", "if", "before", "until", "once", "as"];

/// Past a dash opening a line ("- Bernie Sanders", "—Frank Newport").
fn skip_dash(doc: &Doc<'_>, start: usize) -> usize {
    if matches!(doc.word(start), "-" | "—" | "–") { start + 1 } else { start }
}

/// The clause start past an opening connective ("But", "And", "Still,").
fn skip_connector(doc: &Doc<'_>, start: usize) -> usize {
    let mut at = start;
    let opens = |word: &str| {
        let lower = word.to_lowercase();
        CONNECTIVES.contains(&lower.as_str()) || SUBORDINATORS.contains(&lower.as_str())
    };
    while opens(doc.word(at)) || (at > start && doc.word(at) == ",") {
        at += 1;
    }
    at
}

/// Words that open a clause inside a sentence: a relative pronoun, a conjunction, a
/// subordinator.
const CLAUSE_OPENERS: &[&str] = &[
    "which", "that", "who", "whom", "whose", "where", "while", "whereas", "although", "though", "because", "since",
    "when", "if", "as", "and", "but", "or", "so", "yet", "than", "after", "before", "until", "unless", "even",
];

/// Words that open a sentence before its subject.
const CONNECTIVES: &[&str] = &["but", "and", "still", "yet", "so", "however", "meanwhile", "now", "also", "instead"];

/// The fewest words a reported clause has.
const MIN_REPORTED_WORDS: usize = 3;

/// Cues that take a clause without "that" ("Reyes said the talks would open"); the others
/// ("declared", "denied", "confirmed") report speech only with "that", since they also take
/// plain objects ("declared an exclusion zone").
const BARE_CLAUSE_CUES: &[&str] = &[
    "asked", "asks", "reported", "reports", "say", "said", "says", "told", "tells", "added", "adds", "warned", "warns",
    "insisted", "insists", "argued", "argues", "noted", "notes", "stressed", "stresses", "claimed", "claims",
];

/// Verbs that continue a sentence interrupted by its attribution.
const CLAUSE_VERBS: &[&str] = &[
    "is", "are", "was", "were", "has", "have", "had", "will", "would", "could", "should", "can", "may", "might",
    "must", "does", "did", "do", "remains", "remain", "needs", "need", "means", "won't", "isn't", "wasn't",
];

fn is_preposition(word: &str) -> bool {
    matches!(
        word,
        "on" | "in"
            | "at"
            | "to"
            | "for"
            | "with"
            | "by"
            | "from"
            | "about"
            | "after"
            | "before"
            | "during"
            | "of"
            | "over"
            | "under"
            | "late"
            | "early"
            | "earlier"
            | "later"
            | "last"
            | "this"
            | "yesterday"
            | "today"
            | "again"
            | "as"
            | "when"
            | "while"
            | "without"
    )
}

/// A dateline opening a paragraph ("Washington:", "GENEVA —") is not part of what was said.
fn skip_dateline(doc: &Doc<'_>, sentence: Range<usize>) -> usize {
    if sentence.start != doc.paragraphs[doc.paragraph_of[sentence.start]].start {
        return sentence.start;
    }
    let limit = sentence.end.min(sentence.start + 5);
    (sentence.start..limit)
        .find(|&idx| {
            matches!(doc.word(idx), ":" | "—" | "–")
                && idx > sentence.start
                && (sentence.start..idx).all(|word| doc.is_capitalised(word) || doc.word(word) == ",")
        })
        .map_or(sentence.start, |separator| separator + 1)
}

/// Words from which a quotation inside a sentence counts as direct speech, not a partial quote.
const MIN_WHOLE_QUOTE_WORDS: usize = 10;

/// Words that open a common noun phrase that can be a speaker.
const SPEAKER_DETERMINERS: &[&str] =
    &["the", "a", "an", "one", "another", "some", "several", "his", "her", "their", "its", "this", "that"];
/// The longest such phrase, in tokens.
const MAX_NOUN_PHRASE_TOKENS: usize = 8;

/// The longest reporting clause read before its cue, appositions included.
const MAX_SPEAKER_CLAUSE_TOKENS: usize = 40;

/// Words that end the noun phrase of a speaker named after the cue.
const PHRASE_ENDS: &[&str] = &[
    "who",
    "whose",
    "which",
    "that",
    "in",
    "at",
    "on",
    "during",
    "after",
    "before",
    "while",
    "as",
    "when",
    "from",
    "to",
    "with",
    "about",
    "for",
    "of",
    "referring",
    "adding",
    "noting",
    "pointing",
    "according",
    "last",
    "this",
    "earlier",
    "later",
    "and",
    "but",
    "recently",
    "yesterday",
    "today",
    "tonight",
];

/// The longest line signing a quotation ("- Bernie Sanders."), its dash included.
const MAX_SIGNATURE_TOKENS: usize = 6;

/// Words up to which a quoted phrase with no reporting clause is taken for a scare quote.
const MAX_SCARE_QUOTE_WORDS: usize = 3;

/// Confidence in an attribution to a name that is no entity.
const UNKNOWN_NAME_CONFIDENCE: f32 = 0.6;

/// Confidence in an attribution to a mention that names nobody.
const UNRESOLVED_CONFIDENCE: f32 = 0.3;

/// Tokens after a quotation searched for its reporting clause.
const REPORTING_CLAUSE_TOKENS: usize = 22;

/// The longest apposition read between a speaker and their cue, commas included.
const MAX_APPOSITION_TOKENS: usize = 12;

/// Words that may stand between a speaker and the cue: listed auxiliaries and adverbs, and
/// lower-case words in -ly ("strongly").
fn is_adverb(word: &str) -> bool {
    ADVERBS.contains(&word) || (word.len() > 4 && word.ends_with("ly") && word.chars().all(|c| c.is_lowercase()))
}

#[cfg(test)]
mod tests {
    use crate::{Model, annotate, test_article};

    /// Each quote as `kind: words <- speaker's mention`, a partial quote's clause after `in`.
    fn render(text: &str) -> Vec<String> {
        let article = test_article(text, None);
        let slice = |span: sitrep_model::Span| {
            text.chars().skip(span.start.0).take(span.end.0 - span.start.0).collect::<String>()
        };
        annotate(&article, &Model::builtin())
            .quotes
            .into_iter()
            .map(|quote| {
                let speaker = quote.speaker.map_or("-".to_string(), |speaker| speaker.mention_text);
                let clause = quote.clause.map(|clause| format!(" in {}", slice(clause))).unwrap_or_default();
                format!("{:?}: {}{clause} <- {speaker}", quote.kind, quote.text)
            })
            .collect()
    }

    #[test]
    fn the_speaker_is_the_head_of_the_reporting_clause() {
        let text = "“It was just too much,” Mr. Coale said.\n\n\
            “She saw it coming,” said former Obama adviser David Axelrod.\n\n\
            “That is observable,” a Clinton campaign spokesman said.\n\n\
            “You continue to stall,” Rep. John Mica (R-Fla.) said Friday.\n\n\
            “Oz is smart,” Twitter's Adam Sharp said.";
        assert_eq!(
            render(text),
            [
                "Direct: It was just too much, <- Coale",
                "Direct: She saw it coming, <- David Axelrod",
                "Direct: That is observable, <- a Clinton campaign spokesman",
                "Direct: You continue to stall, <- John Mica",
                "Direct: Oz is smart, <- Adam Sharp",
            ]
        );
    }

    #[test]
    fn a_partial_quote_keeps_the_reported_clause_it_stands_in() {
        let text = "In an interview, Trump said Russia “can’t stand” either Democrat.\n\n\
            That would create a “summer of agony” for Clinton, said Brad Bannon, a pollster.";
        assert_eq!(
            render(text),
            [
                "Partial: can’t stand in Russia “can’t stand” either Democrat <- Trump",
                "Partial: summer of agony in That would create a “summer of agony” for Clinton <- Brad Bannon",
            ]
        );
    }

    #[test]
    fn transcripts_signatures_and_coordinated_verbs_name_the_speaker() {
        let text = "Sanders: Clinton Email Story Has Moved\n\n\
            “Many corporations pay zero taxes.”\n\n\
            - Bernie Sanders.\n\n\
            In the interview, Tom Reyes said the deal was done, but admitted that the talks were “very hard.”\n\n\
            “It was a moral obligation to act on” climate change, Axelrod said.";
        assert_eq!(
            render(text),
            [
                "Indirect: Clinton Email Story Has Moved <- Sanders",
                "Direct: Many corporations pay zero taxes. <- Bernie Sanders",
                "Indirect: the deal was done <- Tom Reyes",
                "Partial: very hard. in that the talks were “very hard.” <- Tom Reyes",
                "Partial: It was a moral obligation to act on in “It was a moral obligation to act on” climate change <- Axelrod",
            ]
        );
    }

    #[test]
    fn indirect_speech_takes_any_subject_and_coordinated_verbs() {
        let text = "But critics say the plan will fail within a year.\n\n\
            Podesta said Gates was not working for the party and said Manafort was not involved.\n\n\
            Polls show that voters prefer an outsider, according to the survey.";
        assert_eq!(
            render(text),
            [
                "Indirect: the plan will fail within a year <- critics",
                "Indirect: Gates was not working for the party <- Podesta",
                "Indirect: Manafort was not involved <- Podesta",
                "Indirect: that voters prefer an outsider <- Polls",
            ]
        );
    }
}
