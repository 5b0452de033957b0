//! Reported speech: "X said (that) ...", "..., X said", "according to X", "Name: claim", with
//! the content fragments and the speaker of each.

use std::ops::Range;

use super::context::{Context, Phrasing};
use super::direct::MAX_SIGNATURE_TOKENS;
use super::words::*;
use super::{FoundQuote, SpeakerRef, finish, holds_quotation};
use crate::doc::Doc;
use crate::marks::Region;

/// The end of a sentence without its final stop.
pub(super) fn sentence_body_end(doc: &Doc<'_>, sentence: Range<usize>) -> usize {
    let mut end = sentence.end;
    while end > sentence.start && matches!(doc.word(end - 1), "." | "!" | "?") {
        end -= 1;
    }
    end
}

/// Reported speech whose content holds no quotation marks: "X said (that) CLAUSE", "CLAUSE, X
/// said.", "A, X said, B." (two fragments), "according to X, CLAUSE", "CLAUSE, according to X",
/// "X, saying CLAUSE", "Name: claim"; several per sentence when their contents do not overlap.
pub(super) fn indirect_quotes(ctx: &Context<'_, '_>, regions: &[Region]) -> Vec<FoundQuote> {
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
        let clause = skip_dateline(doc, sentence.clone())..sentence_body_end(doc, sentence.clone());
        let cues: Vec<Range<usize>> = clause.clone().filter_map(|idx| ctx.indirect_cue_at(idx)).collect();
        // Reported speech holding quotation marks is a quotation's, direct or partial.
        let quoted = |fragment: &Range<usize>| holds_quotation(doc, regions, fragment.clone());
        let mut reported_until = clause.start;
        let mut previous: Option<SpeakerRef> = None;
        let first_of_sentence = found.len();
        for cue in cues {
            if cue.start < reported_until {
                continue;
            }
            // "Podesta said A and said B": the second verb shares the first one's subject.
            // With no relation before, the verb coordinated with another ("tweeted a photograph
            // and said ...") shares the subject that opens the sentence.
            let verb_start = ctx.before_adverbs(cue.start, clause.start);
            let coordinated = (verb_start > clause.start && matches!(doc.word(verb_start - 1), "and" | "but"))
                .then(|| previous.clone().or_else(|| ctx.sentence_subject(clause.clone(), verb_start)))
                .flatten();
            let relation = match coordinated {
                Some(speaker) => {
                    let fragment = cue.end..reported_end(ctx, clause.clone(), clause.start, cue.end);
                    (doc.n_words(fragment.clone()) >= MIN_REPORTED_WORDS).then(|| (speaker, vec![fragment]))
                }
                None => reported_clause(ctx, clause.clone(), &cue),
            };
            let Some((speaker, fragments)) = relation else { continue };
            // A cue inside a quotation reports only inside it (`…, “I do not know which rival
            // will show up.”` reports nothing of the words before the quotation).
            let cue_bytes = doc.bytes(cue.clone());
            let quoting = regions
                .iter()
                .find(|region| region.content.start <= cue_bytes.start && cue_bytes.end <= region.content.end);
            let outside = |fragment: &Range<usize>| {
                let bytes = doc.bytes(fragment.clone());
                quoting.is_some_and(|region| bytes.start < region.content.start || bytes.end > region.content.end)
            };
            if fragments.iter().any(outside) {
                continue;
            }
            // A relation holding a quotation is the partial quote's; a verb coordinated with
            // it ("called them “crazy” and said ...") still shares its subject.
            if fragments.iter().any(quoted) {
                reported_until = fragments.iter().map(|fragment| fragment.end).max().unwrap_or(cue.end).max(cue.end);
                previous = Some(speaker);
                continue;
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
                found.push(indirect(doc.bytes(fragment), speaker.clone(), cue.clone()));
            }
            previous = Some(speaker);
        }
    }
    found
}

/// "Sanders: Clinton Email Story Has Moved", "MATTHEWS: Well, speculation is bad": a person named
/// before a colon that opens a paragraph says what follows it (headlines, transcripts).
pub(super) fn colon_attribution(
    ctx: &Context<'_, '_>,
    sentence: Range<usize>,
    regions: &[Region],
) -> Option<FoundQuote> {
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
    let enough = doc.n_words(content.clone()) >= MIN_REPORTED_WORDS;
    (enough && !holds_quotation(doc, regions, content.clone()))
        .then(|| indirect(doc.bytes(content), ctx.speaker_ref(speaker), colon..colon + 1))
}

/// An indirect quote of the bytes `content`.
fn indirect(content: Range<usize>, speaker: SpeakerRef, cue: Range<usize>) -> FoundQuote {
    finish(FoundQuote {
        content,
        kind: sitrep_model::QuoteKind::Indirect,
        clause: None,
        tentative: false,
        speaker: Some(speaker),
        unattributed: None,
        cue: Some(cue),
        confidence: 0.6,
        continues: None,
    })
}

/// The speaker and content fragments of one reporting cue inside `clause`:
/// "X said (on Sunday) (that) CLAUSE", "CLAUSE, X said.", "A, X said, B.", "according to X,
/// CLAUSE" and "CLAUSE, according to X". The speaker is the noun phrase beside the cue, named
/// or described ("critics say", "58 percent of voters said").
pub(super) fn reported_clause(
    ctx: &Context<'_, '_>,
    clause: Range<usize>,
    cue: &Range<usize>,
) -> Option<(SpeakerRef, Vec<Range<usize>>)> {
    let doc = ctx.doc;
    let enough = |range: &Range<usize>| doc.n_words(range.clone()) >= MIN_REPORTED_WORDS;
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
    let cue_word = doc.lower(cue.start);
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
    let takes_bare_clause = BARE_CLAUSE_CUES.contains(&cue_word) || ctx.lexicon.is_attribution_verb(cue_word);
    let takes_object = ctx.lexicon.is_stance_verb(cue_word) && !is_preposition(next);
    let content_start = if next == "that" || (next == "to" && ctx.lexicon.is_intention_verb(cue_word)) || takes_object {
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
    // The speaker before the cue, in the words from `start`: the phrase right before it, else the
    // clause's subject.
    let speaker_from = |start: usize| {
        ctx.candidate_ending_before(cue.start, start)
            .map(|candidate| ctx.speaker_ref(candidate))
            .or_else(|| ctx.subject_of(start, cue.start))
    };
    let speaker_before = speaker_from(clause.start);
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
        // The attribution is what follows the last comma: its subject is read from there, not
        // from the reported clause before it (unless the comma only separates a city from its
        // state).
        if ctx.follows_city(subject_start) {
            return None;
        }
        let speaker = speaker_from(subject_start)?;
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
    fragments
        .extend(resume.filter(|rest| doc.n_words(rest.clone()) > 0 && CLAUSE_VERBS.contains(&doc.word(rest.start))));
    Some((speaker, fragments))
}

/// Where the words reported after a cue end: at the sentence end, before a second verb of
/// speech coordinated with the first ("said A and vowed B"), before a closing "according to",
/// and, when the reporting clause is subordinate ("after Obama announced that A, forces
/// bombed ..."), at the comma closing it.
pub(super) fn reported_end(
    ctx: &Context<'_, '_>,
    clause: Range<usize>,
    subject_start: usize,
    content_start: usize,
) -> usize {
    let doc = ctx.doc;
    let subordinate = (clause.start..subject_start).any(|idx| SUBORDINATORS.contains(&doc.lower(idx)));
    (content_start + 1..clause.end)
        .find(|&idx| match doc.word(idx) {
            "and" | "but" => ctx.indirect_cue_at(idx + 1).is_some(),
            "," => {
                // ", and he reiterated ...", ", which ...", ", while ...": another clause begins.
                let next = doc.lower(idx + 1);
                let participle = next.ends_with("ing") && doc.word(idx + 1).starts_with(char::is_lowercase);
                let clause_follows = (CLAUSE_OPENERS.contains(&next) || next == "according" || participle)
                    && !(next == "and" && doc.word(idx + 2) == "that");
                subordinate || clause_follows
            }
            _ => false,
        })
        .unwrap_or(clause.end)
}

/// The fewest words a reported clause has.
pub(super) const MIN_REPORTED_WORDS: usize = 3;
