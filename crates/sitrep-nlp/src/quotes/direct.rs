//! Quotations in quotation marks: direct, partial and headline quotes and their attribution.

use std::ops::Range;

use super::context::{Context, Phrasing};
use super::indirect::{reported_clause, reported_end, sentence_body_end};
use super::words::*;
use super::{BESIDE_CONFIDENCE, FoundQuote, SpeakerRef, attributed, continued_in_paragraph, continues_to, finish};
use crate::marks::{Region, is_mark};

pub(super) fn direct_quote(
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
    let prefix_words = doc.n_words(clause_start..open_token);
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
        continues: None,
    };

    // 1. A reporting clause right after the quote, unless the quote ends its sentence and a cue
    // in its own clause before it reports it (`and said, “… overlook.” The star then recalled
    // an incident`; `Sanders said in 2001 that he had “… industry.” In a later vote, he warned
    // ...`: the next sentence is the writer's).
    let ends_sentence = doc.text[region.content.clone()].trim_end().ends_with('.')
        && doc.sentence_of.get(after_close).is_some_and(|&next| next != doc.sentence_of[close_token]);
    let cue_before = ctx.last_cue_in(clause_start..open_token);
    // Likewise a quotation that opens its sentence right after an attributed one in its
    // paragraph continues it (`''A,'' Mr. Trump said. ''B.'' He said, twice, that ...`).
    let continues_earlier = prefix_words == 0 && continued_in_paragraph(doc, found, paragraph_idx).is_some();
    if !(ends_sentence && (cue_before.is_some() || continues_earlier)) {
        let window_end = (after_close..paragraph.end.min(after_close + REPORTING_CLAUSE_TOKENS))
            .find(|&idx| {
                // The stop of an abbreviation closing a parenthesis or an apposition ("(R-Fla.)",
                // ", R-Pa., said") ends nothing.
                let abbreviation_stop = doc.word(idx) == "." && matches!(doc.word(idx + 1), ")" | ",");
                ends_reporting_clause(doc.word(idx)) && idx > after_close && !abbreviation_stop
            })
            .unwrap_or(paragraph.end.min(after_close + REPORTING_CLAUSE_TOKENS));
        let after_window = after_close..window_end;
        // The cue follows the speaker and any apposition ("Tom Reyes, the committeeman from
        // Virginia, told AFP").
        let first_cue = after_window.clone().take(8 + MAX_APPOSITION_TOKENS).find_map(|idx| ctx.cue_at(idx));
        // A phrase borrowed into a sentence is followed by the writer's words, not a reporting
        // clause, unless a comma sets one off (`called it “a sham,” Trump said`).
        let sets_off = doc.word(after_close) == "," || doc.text[region.content.clone()].trim_end().ends_with(',');
        // `“…,” Leonard E. Burman, director of ... and a professor at ..., said`: a person and an
        // apposition too long for the window, the cue right after the comma that closes it.
        let long_apposition = (first_cue.is_none() && sets_off && kind != sitrep_model::QuoteKind::Headline)
            .then(|| {
                let person = ctx
                    .candidate_starting_at(after_close)
                    .filter(|person| person.is_person && doc.word(person.phrase.end) == ",")?;
                let end = paragraph.end.min(person.phrase.end + MAX_LONG_APPOSITION_TOKENS);
                let cue = (person.phrase.end + 2..end)
                    .take_while(|&idx| !ends_reporting_clause(doc.word(idx)))
                    .filter(|&idx| doc.word(idx - 1) == ",")
                    .find_map(|idx| ctx.cue_at(idx))?;
                Some((ctx.speaker_ref(person), cue))
            })
            .flatten();
        if let Some((speaker, cue)) = long_apposition {
            return Some(attributed(quote, speaker, cue, 0.9));
        }
        if let (Some(cue), true) = (first_cue, sets_off || kind != sitrep_model::QuoteKind::Partial) {
            let clause_start = if doc.word(after_close) == "," { after_close + 1 } else { after_close };
            // `“…,” as John Cornyn, the No. 2 Republican, put it`: "as" opens the reporting clause.
            let clause_start = if doc.word(clause_start) == "as" { clause_start + 1 } else { clause_start };
            let cue_first = (clause_start..cue.start).all(|idx| is_adverb(doc.word(idx)));
            let speaker = if cue_first {
                ctx.speaker_after_cue(cue.end, window_end, Phrasing::Described)
            } else {
                ctx.speaker_before_cue(clause_start, cue.start, Phrasing::Described)
            };
            // After a quotation that ended its sentence, a new sentence whose verb goes on to
            // its own object ("He demands legal safeguards for any mechanism ...") is the
            // writer's, not a reporting clause ("He said.", "she added on Tuesday.").
            // Likewise a partial quote inside a reporting clause of its own (`admitted that he had
            // “been friends for some time,” he claimed they had never met`): the clause after it,
            // going on to its own content, reports something else.
            let reported_before = kind == sitrep_model::QuoteKind::Partial && cue_before.is_some();
            let own_object = (ends_sentence || reported_before)
                && !cue_first
                && doc.n_words(cue.end..window_end) > MAX_AFTER_CUE_WORDS;
            if let Some(speaker) = speaker.filter(|_| !own_object) {
                if quote.kind == sitrep_model::QuoteKind::Partial {
                    // `called it “a sham,” Trump said`: what was said runs from the sentence start.
                    let own_words = skip_dateline(doc, sentence.clone())..close_token + 1;
                    quote.clause = Some(doc.bytes(own_words));
                }
                return Some(attributed(quote, speaker, cue, BESIDE_CONFIDENCE));
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
    }
    // 2. A reporting clause before the quote in the same sentence.
    if prefix_words > 0 {
        let window = clause_start..open_token;
        // A restrictive relative clause inside what an earlier cue reports is not the reporting
        // clause (`told a young woman who suggested that ... that “…”`: the words are told).
        let outer = |speaker: &SpeakerRef| {
            let who = speaker.mention.start;
            let restrictive =
                doc.lower(who) == "who" && speaker.mention.len() == 1 && who > clause_start && doc.word(who - 1) != ",";
            let earlier = restrictive.then(|| ctx.last_cue_in(clause_start..who)).flatten()?;
            let speaker = ctx.speaker_of_cue(clause_start..who, &earlier)?;
            Some((earlier, speaker))
        };
        let cue_and_speaker = cue_before.and_then(|cue| {
            let speaker = ctx.speaker_of_cue(window.clone(), &cue)?;
            Some(outer(&speaker).unwrap_or((cue, speaker)))
        });
        if let Some((cue, speaker)) = cue_and_speaker {
            // `Trump boasted, “…”`: a named speaker and the cue right beside the quotation are as
            // sure as a reporting clause right after it.
            let beside = speaker.entity.is_some()
                && speaker.mention.end == ctx.before_adverbs(cue.start, clause_start)
                && cue.end + 1 == open_token
                && matches!(prefix_end, "," | ":");
            let confidence = if beside {
                BESIDE_CONFIDENCE
            } else if embedded {
                0.85
            } else {
                0.9
            };
            if quote.kind == sitrep_model::QuoteKind::Partial {
                let reported = reported_after(ctx, &cue, sentence.clone());
                quote.clause = Some(doc.bytes(reported.start..reported.end.max(close_token + 1)));
            }
            return Some(attributed(quote, speaker, cue, confidence));
        }
        // "Cecile Richards: “...”": a name and a colon introduce the words, in headlines and
        // transcripts, also after a dash ("... for Republican contests - Philip Bump: “...”").
        let name_start = (clause_start..open_token)
            .rev()
            .find(|&idx| matches!(doc.word(idx), "-" | "—" | "–"))
            .map_or(clause_start, |dash| dash + 1);
        let name_before_colon = (prefix_end == ":")
            .then(|| ctx.speaker_before_cue(name_start, open_token - 1, Phrasing::Described))
            .flatten()
            .filter(|speaker| speaker.entity.is_some() || (speaker.mention.clone()).all(|idx| doc.is_capitalised(idx)));
        if let Some(speaker) = name_before_colon {
            return Some(attributed(quote, speaker, open_token - 1..open_token, 0.8));
        }
        // `Clinton has since apologized for what happened: “…”`: with no cue, the person the
        // clause opens with introduces the whole quotation after its colon or comma; after a
        // colon an organisation does too (`the Illinois Board of Elections was conclusive in
        // its findings: “…”`).
        let introducer = (matches!(prefix_end, ":" | ",") && kind == sitrep_model::QuoteKind::Direct)
            .then(|| ctx.person_opening(clause_start..open_token, prefix_end == ":"))
            .flatten();
        if let Some(introducer) = introducer {
            quote.speaker = Some(ctx.speaker_ref(introducer));
            quote.confidence = 0.6;
            return Some(finish(quote));
        }
    }
    // A second quotation in a coordinated clause shares the subject of the first ("dismissed it
    // as “A” and said Kestria would not respond to “B”"), unless a person named between the two
    // opens a clause of their own (`a clip that Judge Mosman called “distasteful,” Santilli
    // expressed a desire to “…”`).
    let earlier_in_sentence = found.iter().rev().find(|earlier| {
        let earlier_token = doc.token_at_or_after(earlier.content.start);
        doc.sentence_of.get(earlier_token) == Some(&doc.sentence_of[open_token]) && earlier.speaker.is_some()
    });
    let earlier_in_sentence = earlier_in_sentence.filter(|earlier| {
        let between = doc.token_at_or_after(earlier.content.end)..open_token;
        !ctx.starting_in(between).iter().any(|candidate| {
            let before = doc.word(candidate.phrase.start.saturating_sub(1));
            candidate.is_person
                && !ctx.is_possessive(candidate)
                && (before == "," || (!before.is_empty() && before.chars().all(is_mark)))
        })
    });
    if let (true, Some(earlier)) = (embedded, earlier_in_sentence) {
        quote.speaker = earlier.speaker.clone();
        quote.confidence = 0.75;
        return Some(finish(quote));
    }
    // A partial quote longer than a scare quote, in a sentence with no reporting verb right after
    // an attributed quotation, goes on with its speaker (`“…,” Hennessey added. But that's not the
    // same thing as “properly chargeable under the law.”`).
    let goes_on_from = || {
        let sentence_idx = doc.sentence_of[open_token];
        found.iter().rev().find(|earlier| {
            let last = doc.token_at_or_after(earlier.content.end).saturating_sub(1);
            earlier.speaker.is_some()
                && continues_to(earlier)
                && doc.sentence_of.get(last).is_some_and(|&idx| idx + 1 == sentence_idx)
                && earlier.in_paragraph(doc, paragraph_idx)
        })
    };
    let reports_nothing = || sentence.clone().all(|idx| ctx.indirect_cue_at(idx).is_none());
    let goes_on = (kind == sitrep_model::QuoteKind::Partial && n_words > MAX_SCARE_QUOTE_WORDS && reports_nothing())
        .then(goes_on_from)
        .flatten();
    if let Some(earlier) = goes_on {
        quote.speaker = ctx.continued(earlier.speaker.as_ref());
        quote.confidence = 0.5;
        quote.continues = Some(earlier.content.start);
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
        let speaker = signed.then(|| ctx.head_of_phrase(dash + 1..end, Phrasing::Described)).flatten()?;
        Some((speaker, dash))
    });
    if let Some((speaker, dash)) = signature {
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
        if let Some(subject) = ctx.starting_in(last_sentence.clone()).iter().find(|candidate| candidate.is_person) {
            quote.speaker = Some(ctx.speaker_ref(subject));
            quote.confidence = 0.6;
            return Some(finish(quote));
        }
    }
    // 4. An attributed quote earlier in the paragraph.
    let earlier_in_paragraph = found
        .iter()
        .rev()
        .find(|earlier| earlier.in_paragraph(doc, paragraph_idx) && earlier.speaker.is_some() && continues_to(earlier));
    if let Some(earlier) = earlier_in_paragraph {
        quote.speaker = ctx.continued(earlier.speaker.as_ref());
        quote.confidence = 0.8;
        quote.continues = Some(earlier.content.start);
        return Some(finish(quote));
    }
    // 4b. A quotation opening a sentence inside its paragraph, after a sentence with no quotation
    // of its own: that sentence's reporting clause, or the person it opens with, introduces it
    // (`Coan, Santilli's attorney, argues that ... . “The government is alleging ...”`).
    let opens_sentence = doc.n_words(sentence.start..open_token) == 0;
    let sentence_before = (opens_sentence && !opens_paragraph && sentence.start > paragraph.start)
        .then(|| doc.sentences[doc.sentence_of[sentence.start - 1]].clone())
        .filter(|before| !regions.iter().any(|other| before.contains(&doc.token_at_or_after(other.outer.start))));
    if let Some(before) = sentence_before {
        if let Some(cue) = ctx.last_cue_in(before.clone())
            && let Some(speaker) = ctx.speaker_of_cue(before.clone(), &cue)
        {
            quote.speaker = Some(speaker);
            quote.confidence = 0.6;
            return Some(finish(quote));
        }
        if let Some(subject) = ctx.person_starting_at(before.start) {
            quote.speaker = Some(ctx.speaker_ref(subject));
            quote.confidence = 0.5;
            return Some(finish(quote));
        }
    }
    // 5. The paragraph before: a quote paragraph by a known speaker, or a reporting clause.
    if let (true, Some(previous)) = (opens_paragraph, previous_paragraph) {
        let previous_quote = found.iter().rev().find(|earlier| {
            let earlier_token = doc.token_at_or_after(earlier.content.start);
            previous.contains(&earlier_token) && earlier.speaker.is_some() && continues_to(earlier)
        });
        // It ends the paragraph, or only its own reporting clause follows it there ("...," said
        // Clinton's aide Jake Sullivan.).
        let previous_ends_in_quote = previous_quote.is_some_and(|earlier| {
            let end = doc.token_at_or_after(earlier.content.end);
            let last_sentence = doc.sentence_of.get(previous.end - 1);
            end + 3 >= previous.end
                || earlier.cue.as_ref().is_some_and(|cue| {
                    cue.start >= end
                        && doc.sentence_of.get(cue.start) == last_sentence
                        && doc.sentence_of.get(end.saturating_sub(1)) == last_sentence
                })
        });
        if let (true, Some(earlier)) = (previous_ends_in_quote, previous_quote) {
            quote.speaker = ctx.continued(earlier.speaker.as_ref());
            quote.confidence = 0.7;
            quote.continues = Some(earlier.content.start);
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
        let subject = ctx.person_starting_at(last_sentence.start);
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

/// A headline quote with no speaker in the headline takes the speaker of the body quote that
/// contains the same words.
pub(super) fn attribute_headlines(ctx: &Context<'_, '_>, found: &mut [FoundQuote]) {
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
pub(super) fn reported_after(ctx: &Context<'_, '_>, cue: &Range<usize>, sentence: Range<usize>) -> Range<usize> {
    let doc = ctx.doc;
    let start = if doc.word(cue.end) == "," { cue.end + 1 } else { cue.end };
    let clause = sentence.start..sentence_body_end(doc, sentence);
    start..reported_end(ctx, clause, cue.start, start).max(start)
}

/// A partial quote without a reporting clause beside it may still stand in reported speech
/// whose cue is elsewhere in the sentence ("That would create a “summer of agony” for Clinton,
/// said Brad Bannon"): it takes that clause, and its speaker when it has none.
pub(super) fn place_partials_in_reported_speech(ctx: &Context<'_, '_>, found: &mut [FoundQuote]) {
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
            *quote = attributed(quote.clone(), speaker, cue, 0.6);
        }
    }
}

/// Whether `word` ends the reporting clause after a quotation: a stop, or the next quotation.
fn ends_reporting_clause(word: &str) -> bool {
    matches!(word, "." | "!" | "?" | ";" | "“" | "\"")
}

/// Words from which a quotation inside a sentence counts as direct speech, not a partial quote.
pub(super) const MIN_WHOLE_QUOTE_WORDS: usize = 10;

/// The longest line signing a quotation ("- Bernie Sanders."), its dash included.
pub(super) const MAX_SIGNATURE_TOKENS: usize = 6;

/// Words up to which a quoted phrase with no reporting clause is taken for a scare quote.
pub(super) const MAX_SCARE_QUOTE_WORDS: usize = 3;

/// Tokens after a quotation searched for its reporting clause.
pub(super) const REPORTING_CLAUSE_TOKENS: usize = 22;

/// The longest apposition between a person named right after a quotation and the cue after it.
const MAX_LONG_APPOSITION_TOKENS: usize = 40;
