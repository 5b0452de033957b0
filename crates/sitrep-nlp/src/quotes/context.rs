//! What the attribution rules read an article through: the candidates for speaker (names,
//! references, pronouns, role nouns), the cues at each token, and the noun phrases of reporting
//! clauses with the speaker at their head.

use std::ops::Range;

use sitrep_model::EntityType;

use super::SpeakerRef;
use super::words::*;
use crate::coref::{EntityTable, pronoun_gender};
use crate::doc::Doc;
use crate::lexicon::Lexicon;
use crate::ner::NameMention;

/// How freely a phrase that holds no name may be taken for a speaker.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Phrasing {
    /// Beside a quotation: a described person or body ("a Clinton campaign spokesman"), or a
    /// name the entities missed.
    Described,
    /// The subject of a reporting verb: any short noun phrase ("critics say", "58 percent of
    /// voters said").
    AnySubject,
}

/// Something that can be a speaker: a name, a pronoun or a role noun phrase.
#[derive(Clone, Debug)]
pub(super) struct Candidate {
    /// The whole noun phrase, titles included ("U.S. Defense Secretary Pete Hegseth").
    pub(super) phrase: Range<usize>,
    /// The part that names the speaker ("Pete Hegseth", "he", "the minister").
    pub(super) mention: Range<usize>,
    pub(super) entity: Option<usize>,
    pub(super) is_person: bool,
}

pub(super) struct Context<'d, 'a> {
    pub(super) doc: &'d Doc<'a>,
    pub(super) lexicon: &'d Lexicon,
    /// Sorted by where their phrases start.
    pub(super) candidates: Vec<Candidate>,
    /// Indices into `candidates`, sorted by where their phrases end.
    pub(super) by_end: Vec<usize>,
    /// The cue starting at each token, for quotations and for indirect speech.
    pub(super) cues: Vec<Option<Range<usize>>>,
    pub(super) indirect_cues: Vec<Option<Range<usize>>>,
}

pub(super) fn candidates(
    doc: &Doc<'_>,
    lexicon: &Lexicon,
    mentions: &[NameMention],
    table: &EntityTable,
) -> Vec<Candidate> {
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
    pub(super) fn new(doc: &'d Doc<'a>, lexicon: &'d Lexicon, candidates: Vec<Candidate>) -> Context<'d, 'a> {
        let mut by_end: Vec<usize> = (0..candidates.len()).collect();
        by_end.sort_by_key(|&idx| candidates[idx].phrase.end);
        let mut ctx = Context { doc, lexicon, candidates, by_end, cues: Vec::new(), indirect_cues: Vec::new() };
        (ctx.cues, ctx.indirect_cues) = (0..doc.tokens.len()).map(|idx| ctx.cues_of(idx)).unzip();
        ctx
    }

    /// The candidates whose phrase starts at `idx`, in order.
    pub(super) fn starting_at(&self, idx: usize) -> impl Iterator<Item = &Candidate> + '_ {
        let first = self.candidates.partition_point(|candidate| candidate.phrase.start < idx);
        self.candidates[first..].iter().take_while(move |candidate| candidate.phrase.start == idx)
    }

    /// The candidates whose phrase ends at `end`, in order of their start.
    pub(super) fn ending_at(&self, end: usize) -> impl Iterator<Item = &Candidate> + '_ {
        let first = self.by_end.partition_point(|&idx| self.candidates[idx].phrase.end < end);
        self.by_end[first..]
            .iter()
            .map(|&idx| &self.candidates[idx])
            .take_while(move |candidate| candidate.phrase.end == end)
    }

    /// The candidates whose phrase starts inside `range`.
    pub(super) fn starting_in(&self, range: Range<usize>) -> &[Candidate] {
        let first = self.candidates.partition_point(|candidate| candidate.phrase.start < range.start);
        let end = self.candidates.partition_point(|candidate| candidate.phrase.start < range.end);
        &self.candidates[first..end.max(first)]
    }
}

impl Context<'_, '_> {
    /// A reporting cue starting at `idx`, with "told"'s object and "according to" included.
    pub(super) fn cue_at(&self, idx: usize) -> Option<Range<usize>> {
        self.cues.get(idx).cloned().flatten()
    }

    /// A cue of indirect speech at `idx`: the reporting verbs that take a clause, and the verbs
    /// of thought and evidence ("Democrats think", "polls show").
    pub(super) fn indirect_cue_at(&self, idx: usize) -> Option<Range<usize>> {
        self.indirect_cues.get(idx).cloned().flatten()
    }

    /// The cues at `idx`: for quotations (verbs of speech) and for indirect speech (the verbs
    /// of speech that take a clause, and the verbs of thought and evidence).
    pub(super) fn cues_of(&self, idx: usize) -> (Option<Range<usize>>, Option<Range<usize>>) {
        let doc = self.doc;
        if !doc.is_word(idx) {
            return (None, None);
        }
        let lower = doc.lower(idx);
        if lower == "according" && doc.word(idx + 1) == "to" {
            return (Some(idx..idx + 2), Some(idx..idx + 2));
        }
        // "Trump shot back", "Rubio fired back", "Kelly went on": a verb and its particle report
        // a quotation.
        if is_phrasal_cue(lower, doc.word(idx + 1)) {
            return (self.cue_shape(idx).map(|cue| cue.start..cue.end + 1), None);
        }
        let verb = self.lexicon.verb_classes(lower);
        let speech = verb.speech;
        let thought =
            verb.thought || (verb.intention && doc.word(idx + 1) == "to") || (verb.stance && doc.is_word(idx + 1));
        if !(speech || thought) {
            return (None, None);
        }
        let Some(cue) = self.cue_shape(idx) else { return (None, None) };
        let indirect = (thought || INDIRECT_CUES.contains(&lower)).then(|| cue.clone());
        (speech.then_some(cue), indirect)
    }

    /// The cue a verb at `idx` makes, with "told"'s object included; none where the word is a
    /// noun ("the call") or a capitalised word outside a heading.
    pub(super) fn cue_shape(&self, idx: usize) -> Option<Range<usize>> {
        let doc = self.doc;
        let word = doc.word(idx);
        // "the call", "a statement", "a series of tweets": a noun, not a verb; capitalised verbs
        // only in headings.
        let previous = if idx > 0 { doc.word(idx - 1) } else { "" };
        if matches!(previous, "the" | "a" | "an" | "this" | "that" | "his" | "her" | "their" | "its" | "to" | "of")
            && !word.ends_with("ing")
        {
            return None;
        }
        // "Mr. Obama's remarks", "Trump's call": after a possessive the word is a noun; only a
        // participle follows a contracted "has" ("she's said", "Trump's argued").
        let lower = doc.lower(idx);
        if matches!(previous, "’s" | "'s") && !(lower.ends_with("ed") || lower.ends_with("ing") || lower == "said") {
            return None;
        }
        if doc.is_capitalised(idx) && !doc.is_heading(doc.paragraph_of[idx]) {
            return None;
        }
        let mut end = idx + 1;
        if matches!(doc.lower(idx), "told" | "tell" | "tells" | "telling") {
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

    /// Where the words before `idx` start once the adverbs right before it are passed over
    /// ("Rubio [recently] stated"), not before `floor`.
    pub(super) fn before_adverbs(&self, idx: usize, floor: usize) -> usize {
        let mut end = idx;
        while end > floor && is_adverb(self.doc.word(end - 1)) {
            end -= 1;
        }
        end
    }

    /// The candidate whose phrase ends right before `idx`, adverbs allowed between.
    pub(super) fn candidate_ending_before(&self, idx: usize, floor: usize) -> Option<&Candidate> {
        let end = self.before_adverbs(idx, floor);
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

    /// Whether the words at `start` follow a place named after a preposition and a comma: the
    /// state of "Stacy Baker of Columbia, South Carolina", no subject of its own.
    pub(super) fn follows_city(&self, start: usize) -> bool {
        start > 1
            && self.doc.word(start - 1) == ","
            && self.ending_at(start - 1).any(|city| follows_preposition(self.doc, city.phrase.start))
    }

    /// The candidate whose phrase ends at `end`, not possessive nor after a preposition.
    pub(super) fn candidate_ending_at(&self, end: usize, floor: usize) -> Option<&Candidate> {
        self.ending_at(end).find(|candidate| {
            // "at the Center for Global Development": the article does not open a subject here.
            let mut before = candidate.phrase.start;
            if before > 0 && matches!(self.doc.word(before - 1), "the" | "a" | "an") {
                before -= 1;
            }
            let after_preposition = follows_preposition(self.doc, before) || self.follows_city(before);
            candidate.phrase.start >= floor && !self.is_possessive(candidate) && !after_preposition
        })
    }

    /// The candidate whose phrase starts at `idx`.
    pub(super) fn candidate_starting_at(&self, idx: usize) -> Option<&Candidate> {
        let idx = if matches!(self.doc.word(idx), ",") { idx + 1 } else { idx };
        self.starting_at(idx).find(|candidate| !self.is_possessive(candidate))
    }

    /// The person a clause opens with, past a dateline, a connective and a short opening
    /// phrase set off by a comma ("Earlier this week, Clinton shared ..."; one opened by a
    /// preposition may name someone else: "Like Corker, Menendez rejected ..."), not possessive; with
    /// `organisations`, an organisation or a place named as an entity too.
    pub(super) fn person_opening(&self, clause: Range<usize>, organisations: bool) -> Option<&Candidate> {
        let doc = self.doc;
        let start = skip_connector(doc, skip_dateline(doc, clause.clone()));
        let subject_start = self.past_opening_phrase(start, clause.end);
        // An organisation's name may follow its article ("The Illinois Board of Elections").
        let subject_start = if organisations && matches!(doc.word(subject_start), "The" | "the") {
            subject_start + 1
        } else {
            subject_start
        };
        self.starting_at(subject_start)
            .find(|candidate| {
                (candidate.is_person || (organisations && candidate.entity.is_some())) && !self.is_possessive(candidate)
            })
            .map(|candidate| self.modified_person(candidate, clause.end).unwrap_or(candidate))
    }

    /// Where the subject of a clause starting at `start` stands: past a short opening phrase
    /// set off by a comma that names nobody ("Earlier this week,") or opens with a preposition
    /// ("Like Corker,"), else at `start`.
    fn past_opening_phrase(&self, start: usize, end: usize) -> usize {
        let doc = self.doc;
        (start..end.min(start + MAX_OPENING_PHRASE_TOKENS))
            .find(|&idx| doc.word(idx) == ",")
            .filter(|&comma| self.starting_in(start..comma).is_empty() || ADJUNCT_OPENERS.contains(&doc.lower(start)))
            .map_or(start, |comma| comma + 1)
    }

    /// The person whose phrase starts at `idx`, not possessive.
    pub(super) fn person_starting_at(&self, idx: usize) -> Option<&Candidate> {
        self.starting_at(idx).find(|candidate| candidate.is_person && !self.is_possessive(candidate))
    }

    pub(super) fn is_possessive(&self, candidate: &Candidate) -> bool {
        matches!(self.doc.word(candidate.phrase.end), "’s" | "'s" | "’" | "'")
    }

    /// The speaker of a reporting clause in tokens `window` whose cue is `cue`: a participle
    /// ("..., saying:") takes the noun phrase right before it or else the clause's subject; a
    /// finite verb takes the nearest person before it, or the phrase after it ("said X").
    pub(super) fn speaker_of_cue(&self, window: Range<usize>, cue: &Range<usize>) -> Option<SpeakerRef> {
        // "WASHINGTON (AP) — ...": the dateline names the place, never the speaker.
        let window = skip_wire_dateline(self.doc, window.clone()).min(cue.start)..window.end;
        let cue_word = self.doc.lower(cue.start);
        let before: Vec<&Candidate> = self
            .starting_in(window.start..cue.start)
            .iter()
            .filter(|candidate| candidate.phrase.end <= cue.start && !self.is_possessive(candidate))
            .collect();
        if cue_word == "according" {
            return self.candidate_starting_at(cue.end).map(|candidate| self.speaker_ref(candidate));
        }
        // "emailed reporters the text of the Act, arguing, “...”": a participle set off by a
        // comma shares the sentence's subject, not the noun before the comma.
        let verb_start = self.before_adverbs(cue.start, window.start);
        let participle = cue_word.ends_with("ing") && verb_start > window.start && self.doc.word(verb_start - 1) == ",";
        if participle {
            // Its subject opens the sentence, or is the subject of the clause's own reporting
            // verb ("a top GOP strategist said Clinton will have to choose, saying, “...”").
            let earlier_cue = (window.start..verb_start - 1).find_map(|idx| self.cue_at(idx));
            let subject = self
                .sentence_subject(window.clone(), cue.start)
                .or_else(|| earlier_cue.and_then(|earlier| self.speaker_of_cue(window.start..earlier.start, &earlier)));
            if subject.is_some() {
                return subject;
            }
        }
        // "with spokesman Glen Caplin saying, “...”": the name before the participle is its
        // subject, after "with" too.
        let with_subject = cue_word
            .ends_with("ing")
            .then(|| {
                self.ending_at(verb_start).find(|candidate| {
                    candidate.phrase.start > window.start
                        && self.doc.word(candidate.phrase.start - 1) == "with"
                        && !self.is_possessive(candidate)
                })
            })
            .flatten();
        if let Some(subject) = with_subject {
            return Some(self.speaker_ref(subject));
        }
        // "Geoff Garin, a pollster who works with Priorities USA, a super PAC, said": the person
        // who opens the sentence, set off by a comma, is the subject; what stands between the
        // commas describes them, and the name nearest the cue belongs to the description.
        if !cue_word.ends_with("ing") && verb_start > window.start && self.doc.word(verb_start - 1) == "," {
            let opening = self.starting_at(skip_connector(self.doc, window.start)).find(|candidate| {
                candidate.is_person
                    && !self.is_possessive(candidate)
                    && candidate.phrase.end + 1 < verb_start
                    && self.doc.word(candidate.phrase.end) == ","
            });
            if let Some(subject) = opening {
                return Some(self.speaker_ref(subject));
            }
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
        if verb_start > window.start && matches!(self.doc.word(verb_start - 1), "and" | "but" | "then" | "or") {
            let subject_start = skip_connector(self.doc, window.start);
            let subject = self.starting_at(subject_start).find(|candidate| !self.is_possessive(candidate));
            // The window may open after a quotation earlier in the sentence (`stressed her
            // support during a “Commander-in-Chief Forum” sponsored by NBC News and said`): the
            // subject is the sentence's.
            let sentence_start = self.doc.sentences.get(self.doc.sentence_of[cue.start]).map(|sentence| sentence.start);
            let sentence_opening = sentence_start
                .filter(|&start| start < window.start)
                .and_then(|start| self.person_opening(start..cue.start, true))
                .filter(|candidate| candidate.phrase.end <= window.start);
            let subject =
                subject.or(sentence_opening).or_else(|| before.iter().find(|candidate| candidate.is_person).copied());
            if let Some(subject) = subject {
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

    /// The person or body named at the opening of `clause` (past a connective), not possessive,
    /// ending before `before`: the subject its coordinated verbs share.
    pub(super) fn sentence_subject(&self, clause: Range<usize>, before: usize) -> Option<SpeakerRef> {
        let start = self.past_opening_phrase(skip_connector(self.doc, clause.start), before);
        self.starting_at(start)
            .find(|candidate| {
                candidate.phrase.end < before
                    && !self.is_possessive(candidate)
                    && (candidate.is_person || candidate.entity.is_some())
            })
            .map(|candidate| self.modified_person(candidate, before).unwrap_or(candidate))
            .map(|candidate| self.speaker_ref(candidate))
    }

    /// The person a name modifies, when it opens a longer noun phrase that ends in a titled
    /// person ("Clinton campaign spokesman Brian Fallon", "Trump adviser Stephen Miller"), before
    /// `before`: the words between are lower-case nouns, no verb, cue, preposition or article,
    /// and the person's phrase holds their title (so that "The Rove ad hits Clinton" is no
    /// phrase).
    fn modified_person(&self, candidate: &Candidate, before: usize) -> Option<&Candidate> {
        let doc = self.doc;
        let modifier = |idx: usize| {
            let word = doc.word(idx);
            doc.is_word(idx)
                && word.starts_with(char::is_lowercase)
                && !CLAUSE_VERBS.contains(&word)
                && !SPEAKER_DETERMINERS.contains(&word)
                && !is_preposition(word)
                && !is_adverb(word)
                // A past tense is a verb ("Todd pressed Chairman Reince Priebus"), not a noun.
                && !(word.len() > 4 && word.ends_with("ed"))
                && self.cue_at(idx).is_none()
                && self.indirect_cue_at(idx).is_none()
        };
        let after = candidate.phrase.end;
        self.starting_in(after..(after + MAX_MODIFIER_WORDS + 1).min(before)).iter().find(|person| {
            person.is_person
                && person.entity.is_some()
                && person.phrase.start < person.mention.start
                && person.phrase.end <= before
                && !self.is_possessive(person)
                && (after..person.phrase.start).all(modifier)
        })
    }

    /// The subject of a cue whose clause opens at `clause_start`: the noun phrase from the
    /// clause's start, past any connective ("But critics say"), or else from the last comma
    /// before the cue ("In each state, about half of voters say").
    pub(super) fn subject_of(&self, clause_start: usize, cue_start: usize) -> Option<SpeakerRef> {
        let doc = self.doc;
        let end = self.before_adverbs(cue_start, clause_start);
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
                if self.follows_city(comma + 1) {
                    return None;
                }
                self.speaker_before_cue(skip_connector(doc, comma + 1), cue_start, Phrasing::AnySubject)
            })
            .or_else(|| {
                // "in an election year in which a majority of Americans say": the words back to
                // the clause's opening word.
                let mut start = end;
                while start > clause_start
                    && doc.is_word(start - 1)
                    && !CLAUSE_OPENERS.contains(&doc.lower(start - 1))
                    && end - start < MAX_NOUN_PHRASE_TOKENS
                {
                    start -= 1;
                }
                let opened = start == clause_start || CLAUSE_OPENERS.contains(&doc.lower(start - 1));
                (start < end && opened).then(|| self.head_of_phrase(start..end, Phrasing::AnySubject)).flatten()
            })
    }

    /// The speaker of a reporting clause that opens at `start` and reaches its cue at `cue_start`
    /// ("Mr. Coale said", "a Clinton campaign spokesman said", "Fred Kagan, director of the
    /// project, said", "Rep. John Mica (R-Fla.) said"). The speaker is the noun phrase's head: a
    /// name or reference ending the phrase, or else the phrase itself, which names nobody.
    pub(super) fn speaker_before_cue(&self, start: usize, cue_start: usize, phrasing: Phrasing) -> Option<SpeakerRef> {
        let doc = self.doc;
        let mut end = self.before_adverbs(cue_start, start);
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
        // "Anthony Anton, president and CEO of the association stated": likewise after a title.
        let opening = doc.lower(phrase_end + 1);
        let apposition_opens = SPEAKER_DETERMINERS.contains(&opening) || self.lexicon.titles_lower.contains(opening);
        if phrase_end < end && doc.word(phrase_end) == "," && doc.word(end - 1) != "," && !apposition_opens {
            return None;
        }
        self.head_of_phrase(start..phrase_end, phrasing)
    }

    /// The speaker named right after a cue: "said former Obama adviser David Axelrod", "said
    /// Mr. Jebens, who ...", "said Del. Stacey Plaskett of the Virgin Islands".
    pub(super) fn speaker_after_cue(&self, cue_end: usize, limit: usize, phrasing: Phrasing) -> Option<SpeakerRef> {
        let doc = self.doc;
        let mut end = cue_end;
        let (mut named, mut named_person) = (false, false);
        while end < limit {
            if let Some(candidate) = self.starting_at(end).next() {
                end = candidate.phrase.end.max(end + 1);
                named = true;
                named_person |= candidate.is_person;
                continue;
            }
            let word = doc.word(end);
            // "a spokesman for Disney", "a longtime adviser to the campaign": a described
            // speaker keeps its complement; a named one ends at the name. "former Pennsylvania
            // Gov. and party Chairman Ed Rendell": titles joined before the person's name.
            let complement = (matches!(word, "of" | "for" | "to") && !named)
                || (word == "and" && !named_person && doc.is_capitalised(end + 1));
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
    pub(super) fn head_of_phrase(&self, phrase: Range<usize>, phrasing: Phrasing) -> Option<SpeakerRef> {
        let doc = self.doc;
        // Words, with possessives, hyphens and numbers ("a 2008 Clinton veteran").
        let well_formed = (phrase.clone()).all(|idx| {
            doc.is_word(idx)
                || matches!(doc.word(idx), "’s" | "'s" | "-")
                || doc.word(idx).starts_with(|c: char| c.is_ascii_digit())
        });
        let first = doc.lower(phrase.start);
        let last = doc.lower(phrase.end.saturating_sub(1));
        // "Between Monday and Friday", "The senator is": an adverbial or a clause, not a speaker.
        // "but he also warned": a new clause, not the speaker of what came before.
        let opens_clause = CLAUSE_OPENERS.contains(&first) && first != "that";
        let adverbial = is_preposition(first) || SUBORDINATORS.contains(&first) || first == "between" || opens_clause;
        // A cue word ending the phrase is a noun ("the congressional report said"), since a verb
        // follows it.
        let cue_inside =
            |idx: usize| idx + 1 < phrase.end && (self.cue_at(idx).is_some() || self.indirect_cue_at(idx).is_some());
        let has_verb = phrase.clone().any(|idx| CLAUSE_VERBS.contains(&doc.word(idx)) || cue_inside(idx))
            || (first.ends_with("ing") && doc.word(phrase.start).starts_with(char::is_lowercase));
        if phrase.is_empty() || !well_formed || adverbial || has_verb || SPEAKER_DETERMINERS.contains(&last) {
            return None;
        }
        // "Another intelligence source speaking to Fox News": a participle and its object after
        // the head modify it.
        let modifier = (phrase.start + 1..phrase.end).find(|&idx| {
            let word = doc.word(idx);
            word.len() > 4
                && word.ends_with("ing")
                && word.starts_with(char::is_lowercase)
                && (is_preposition(doc.lower(idx + 1)) || SPEAKER_DETERMINERS.contains(&doc.lower(idx + 1)))
        });
        if let Some(modifier) = modifier {
            return self.head_of_phrase(phrase.start..modifier, phrasing);
        }
        // "president of the Washington Restaurant Association": the name after a preposition is
        // not the phrase's head, which ends before the preposition ("Sen. Lindsey Graham of
        // South Carolina").
        let preposition_before = |start: usize| {
            (phrase.start..start)
                .rev()
                .find(|&idx| !matches!(doc.word(idx), "the" | "a" | "an"))
                .filter(|&idx| is_preposition(doc.lower(idx)) || doc.word(idx) == "of")
        };
        let heading = |end: usize| {
            self.ending_at(end)
                .find(|candidate| candidate.phrase.start >= phrase.start && !self.is_possessive(candidate))
        };
        let mut head = heading(phrase.end);
        if let Some(preposition) = head.and_then(|head| preposition_before(head.phrase.start)) {
            head = heading(preposition);
        }
        if let Some(head) = head {
            return Some(self.speaker_ref(head));
        }
        // Without a name at its end, a phrase speaks when it is a described person or body ("a
        // Clinton campaign spokesman", "the RNC member", "another friend") or a name the
        // entities missed ("Ban").
        let described = SPEAKER_DETERMINERS.contains(&first) || self.lexicon.titles_lower.contains(last);
        let unknown_name = phrase.clone().all(|idx| doc.is_capitalised(idx) || doc.word(idx) == "-");
        // A phrase opened by a name or pronoun that does not end it is a clause ("He went on to
        // defend the strategy"), not a speaker.
        let opened_by_name = self.starting_at(phrase.start).next().is_some();
        let any_subject =
            phrasing == Phrasing::AnySubject && !PHRASE_ENDS.contains(&doc.word(phrase.start)) && !opened_by_name;
        let speaks = described || unknown_name || any_subject;
        (phrase.len() <= MAX_NOUN_PHRASE_TOKENS && speaks && self.reads_as_noun_phrase(&phrase)).then_some(SpeakerRef {
            mention: phrase,
            entity: None,
            unknown_name: unknown_name && !described,
        })
    }

    /// Whether a run of words can be a noun phrase: not a lone adverb or conjunction ("then",
    /// "though"), not closed by a preposition, an article or a conjunction ("Former secretary of",
    /// "sponsored by NBC News and"). Pronouns, determiners and relative pronouns are sources as
    /// PolNeAR marks them ("who", "his").
    pub(super) fn reads_as_noun_phrase(&self, run: &Range<usize>) -> bool {
        let joins = |word: &str| matches!(word, "and" | "or" | "but" | "nor" | "though" | "although" | "then");
        let Some(last) = run.clone().last().map(|idx| self.doc.lower(idx)) else { return false };
        if run.len() == 1 {
            return !joins(last) && !is_adverb(last);
        }
        !is_preposition(last) && !joins(last) && !matches!(last, "of" | "the" | "a" | "an")
    }

    pub(super) fn last_cue_in(&self, window: Range<usize>) -> Option<Range<usize>> {
        window.rev().find_map(|idx| self.cue_at(idx))
    }

    /// The speaker a later quotation continues: the earlier one's, with a relative "who"
    /// replaced by the name it follows ("said Mr. Ekovich, who noted ...": the next quotation
    /// is Mr. Ekovich's).
    pub(super) fn continued(&self, speaker: Option<&SpeakerRef>) -> Option<SpeakerRef> {
        let speaker = speaker?;
        let mention = &speaker.mention;
        let relative = mention.len() == 1 && self.doc.word(mention.start).eq_ignore_ascii_case("who");
        let antecedent = relative
            .then(|| mention.start.checked_sub(1).filter(|&comma| self.doc.word(comma) == ","))
            .flatten()
            .and_then(|comma| self.candidate_ending_at(comma, 0));
        Some(antecedent.map_or_else(|| speaker.clone(), |candidate| self.speaker_ref(candidate)))
    }

    pub(super) fn speaker_ref(&self, candidate: &Candidate) -> SpeakerRef {
        let mention = self.described_apposition(candidate).unwrap_or_else(|| candidate.mention.clone());
        SpeakerRef { mention, entity: candidate.entity, unknown_name: false }
    }

    /// A person named in apposition to the description opening the sentence ("Schilling's son,
    /// Grant, defended ...", "One early supporter, Representative Lee Zeldin, ..."): the
    /// article's mention of the speaker is the whole appositive phrase, the entity the name's.
    fn described_apposition(&self, candidate: &Candidate) -> Option<Range<usize>> {
        let doc = self.doc;
        let comma = candidate.phrase.start.checked_sub(1).filter(|&comma| doc.word(comma) == ",")?;
        if !candidate.is_person || doc.word(candidate.phrase.end) != "," {
            return None;
        }
        let sentence = doc.sentences.get(*doc.sentence_of.get(comma)?)?;
        let start = skip_connector(doc, sentence.start);
        if comma <= start || comma - start > MAX_NOUN_PHRASE_TOKENS {
            return None;
        }
        // A description: words ending in a common noun ("son", "supporter", "sociologist"),
        // naming nobody but possessively, with no verb.
        let last = doc.word(comma - 1);
        let words = (start..comma).all(|idx| doc.is_word(idx) || matches!(doc.word(idx), "’s" | "'s"));
        let names_nobody =
            self.starting_in(start..comma).iter().all(|other| !other.is_person || self.is_possessive(other));
        let has_verb = (start..comma).any(|idx| {
            CLAUSE_VERBS.contains(&doc.word(idx)) || self.cue_at(idx).is_some() || self.indirect_cue_at(idx).is_some()
        });
        let described = words && names_nobody && !has_verb && last.chars().all(char::is_lowercase);
        described.then_some(start..candidate.mention.end)
    }
}

/// Whether the word before `at` is a preposition that takes a place or body ("of", "in").
fn follows_preposition(doc: &Doc<'_>, at: usize) -> bool {
    at > 0 && matches!(doc.word(at - 1), "in" | "at" | "from" | "of" | "for" | "with" | "by" | "to")
}
