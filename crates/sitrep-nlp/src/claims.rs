//! Claims: who asserted a quantity. A figure inside a quotation is its speaker's; a figure in a
//! sentence that names its source with "according to" is that source's, and one in a sentence
//! with a reporting clause ("..., the Pentagon said", "Hegseth said the U.S. ...") is the
//! reporter's. Other figures are the outlet's own and stay unattributed.

use std::ops::Range;

use sitrep_model::{Entity, Mention, Quote, Span, Speaker};

use crate::doc::Doc;
use crate::lexicon::Lexicon;

/// The speaker a quantity at `tokens` is asserted by, if the text says.
pub(crate) fn asserted_by(
    doc: &Doc<'_>,
    tokens: Range<usize>,
    quotes: &[Quote],
    mentions: &[Mention],
    entities: &[Entity],
    lexicon: &Lexicon,
) -> Option<Speaker> {
    let span = doc.span(doc.bytes(tokens.clone()));
    let quoted = quotes.iter().find(|quote| contains(quote.span, span)).and_then(|quote| quote.speaker.clone());
    quoted
        .or_else(|| according_to(doc, tokens.start, mentions, entities))
        .or_else(|| reporting_clause(doc, tokens.start, mentions, entities, lexicon))
}

fn contains(outer: Span, inner: Span) -> bool {
    outer.start <= inner.start && inner.end <= outer.end
}

/// "..., according to the Pentagon": the mention right after "according to" in the sentence of
/// token `idx`.
fn according_to(doc: &Doc<'_>, idx: usize, mentions: &[Mention], entities: &[Entity]) -> Option<Speaker> {
    let sentence = doc.sentences.get(*doc.sentence_of.get(idx)?)?.clone();
    let source_start = sentence.clone().find(|&token| {
        doc.word(token).eq_ignore_ascii_case("according") && doc.word(token + 1) == "to" && token + 2 < sentence.end
    })? + 2;
    let mut first = source_start;
    // "according to the Pentagon", "according to U.S. officials".
    if matches!(doc.word(first), "the" | "a" | "an") {
        first += 1;
    }
    let start = doc.span(doc.bytes(first..first + 1)).start;
    let mention = mentions.iter().find(|mention| mention.span.start == start)?;
    Some(speaker_of(mention, entities))
}

/// "..., the Pentagon said" or "Hegseth said ...": the mention just before or just after a
/// reporting verb in the sentence of token `idx`.
fn reporting_clause(
    doc: &Doc<'_>,
    idx: usize,
    mentions: &[Mention],
    entities: &[Entity],
    lexicon: &Lexicon,
) -> Option<Speaker> {
    let sentence = doc.sentences.get(*doc.sentence_of.get(idx)?)?.clone();
    sentence.clone().filter(|&token| lexicon.reporting_verbs.contains(doc.word(token))).find_map(|verb| {
        let verb_span = doc.span(doc.bytes(verb..verb + 1));
        let next_span = (verb + 1 < sentence.end).then(|| doc.span(doc.bytes(verb + 1..verb + 2)));
        // The mention ends one space before the verb.
        let before = mentions.iter().find(|mention| mention.span.end.0 + 1 == verb_span.start.0);
        let after = next_span.and_then(|next| mentions.iter().find(|mention| mention.span.start == next.start));
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
