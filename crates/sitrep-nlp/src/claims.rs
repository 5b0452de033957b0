//! Claims: who asserted a quantity. A figure inside a quotation is its speaker's; a figure in a
//! sentence that names its source with "according to" is that source's, and one in a sentence
//! with a reporting clause ("..., the Pentagon said", "Hegseth said the U.S. ...") is the
//! reporter's. Other figures are the outlet's own and stay unattributed.

use std::ops::Range;

use sitrep_model::{Entity, Mention, Quote, Span, Speaker};

use crate::doc::Doc;
use crate::lexicon::Lexicon;

/// How far from a quantity, in tokens, its reporting clause is looked for: a run-on "sentence"
/// (a list, a table) must not make each figure cost the whole of it.
const MAX_REACH: usize = 40;

/// The speaker a quantity at `tokens` is asserted by, if the text says. `quotes` and `mentions`
/// are in text order.
pub(crate) fn asserted_by(
    doc: &Doc<'_>,
    tokens: Range<usize>,
    quotes: &[Quote],
    mentions: &[Mention],
    entities: &[Entity],
    lexicon: &Lexicon,
) -> Option<Speaker> {
    let span = doc.span(doc.bytes(tokens.clone()));
    // The quotes starting at or before the figure, nearest first; quotes do not nest deeply.
    let n_before = quotes.partition_point(|quote| quote.span.start <= span.start);
    let quoted = quotes[..n_before]
        .iter()
        .rev()
        .take(4)
        .find(|quote| contains(quote.span, span))
        .and_then(|quote| quote.speaker.clone());
    quoted
        .or_else(|| according_to(doc, tokens.start, mentions, entities))
        .or_else(|| reporting_clause(doc, tokens.start, mentions, entities, lexicon))
}

fn contains(outer: Span, inner: Span) -> bool {
    outer.start <= inner.start && inner.end <= outer.end
}

/// The tokens of the sentence of token `idx`, at most [`MAX_REACH`] either side of it.
fn near_in_sentence(doc: &Doc<'_>, idx: usize) -> Option<Range<usize>> {
    let sentence = doc.sentences.get(*doc.sentence_of.get(idx)?)?;
    Some(sentence.start.max(idx.saturating_sub(MAX_REACH))..sentence.end.min(idx + MAX_REACH))
}

/// The mention starting at code point `start`.
fn mention_starting_at(mentions: &[Mention], start: usize) -> Option<&Mention> {
    let first = mentions.partition_point(|mention| mention.span.start.0 < start);
    mentions.get(first).filter(|mention| mention.span.start.0 == start)
}

/// The mention ending at code point `end` (one of those starting shortly before it).
fn mention_ending_at(mentions: &[Mention], end: usize) -> Option<&Mention> {
    let first = mentions.partition_point(|mention| mention.span.start.0 + 80 < end);
    let last = mentions.partition_point(|mention| mention.span.start.0 < end);
    mentions.get(first..last)?.iter().find(|mention| mention.span.end.0 == end)
}

/// "..., according to the Pentagon": the mention right after "according to" near token `idx`
/// in its sentence.
fn according_to(doc: &Doc<'_>, idx: usize, mentions: &[Mention], entities: &[Entity]) -> Option<Speaker> {
    let near = near_in_sentence(doc, idx)?;
    let source_start = near.clone().find(|&token| {
        doc.word(token).eq_ignore_ascii_case("according") && doc.word(token + 1) == "to" && token + 2 < near.end
    })? + 2;
    let mut first = source_start;
    // "according to the Pentagon", "according to U.S. officials".
    if matches!(doc.word(first), "the" | "a" | "an") {
        first += 1;
    }
    let start = doc.span(doc.bytes(first..first + 1)).start;
    let mention = mention_starting_at(mentions, start.0)?;
    Some(speaker_of(mention, entities))
}

/// "..., the Pentagon said" or "Hegseth said ...": the mention just before or just after a
/// reporting verb near token `idx` in its sentence.
fn reporting_clause(
    doc: &Doc<'_>,
    idx: usize,
    mentions: &[Mention],
    entities: &[Entity],
    lexicon: &Lexicon,
) -> Option<Speaker> {
    let near = near_in_sentence(doc, idx)?;
    near.clone().filter(|&token| is_lower_case_reporting_verb(lexicon, doc.word(token))).find_map(|verb| {
        let verb_span = doc.span(doc.bytes(verb..verb + 1));
        let next_span = (verb + 1 < near.end).then(|| doc.span(doc.bytes(verb + 1..verb + 2)));
        // The mention ends one space before the verb.
        let before = verb_span.start.0.checked_sub(1).and_then(|end| mention_ending_at(mentions, end));
        let after = next_span.and_then(|next| mention_starting_at(mentions, next.start.0));
        before.or(after).map(|mention| speaker_of(mention, entities))
    })
}

fn speaker_of(mention: &Mention, entities: &[Entity]) -> Speaker {
    let entity = entities.iter().find(|entity| entity.id == mention.entity);
    Speaker {
        entity: Some(mention.entity.clone()),
        name: entity.map_or_else(|| mention.text.clone(), |entity| entity.name.clone()),
        mention: mention.span,
        mention_text: mention.text.clone(),
    }
}

/// A reporting verb written in lower case, as a verb inside a sentence is.
fn is_lower_case_reporting_verb(lexicon: &Lexicon, word: &str) -> bool {
    !word.chars().any(char::is_uppercase) && lexicon.is_reporting_verb(word)
}
