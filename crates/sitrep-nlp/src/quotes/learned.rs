//! What the attribution tagger's parts add to the rules' quotes: the reported speech the rules
//! did not find (each content run it labelled outside every quote found, with the nearest
//! source and cue it gave in the same sentences), the reported clause of a partial quote the
//! rules placed in none, and the source of a quotation no rule attributes.

use std::ops::Range;

use super::context::{Context, Phrasing};
use super::{BESIDE_CONFIDENCE, FoundQuote, SpeakerRef, continued_in_paragraph, finish, holds_quotation};
use crate::attribution::{Role, RoleSpan};
use crate::doc::Doc;
use crate::marks::Region;

/// How far the tagger's relations are trusted: below the rules' indirect speech.
const LEARNED_CONFIDENCE: f32 = 0.5;

/// The fewest words of a content read from the tagger (PolNeAR's contents can be as short as
/// "the deal").
const MIN_LEARNED_WORDS: usize = 2;

/// The most tokens a content run may skip and go on ("a new [and] more personal campaign").
const MAX_CONTENT_GAP: usize = 2;

/// The tagger's parts of a document and its content runs, read once.
pub(super) struct Tagged<'p> {
    parts: &'p [RoleSpan],
    contents: Vec<Range<usize>>,
}

impl<'p> Tagged<'p> {
    pub(super) fn new(doc: &Doc<'_>, parts: &'p [RoleSpan]) -> Tagged<'p> {
        Tagged { parts, contents: contents(doc, parts) }
    }
}

/// The tagger's relations whose content no quote in `found` overlaps.
pub(super) fn learned_quotes(
    ctx: &Context<'_, '_>,
    regions: &[Region],
    tagged: &Tagged<'_>,
    found: &[FoundQuote],
) -> Vec<FoundQuote> {
    let parts = tagged.parts;
    let doc = ctx.doc;
    let taken = |bytes: &Range<usize>| {
        found.iter().any(|quote| {
            let clause = quote.clause.as_ref().unwrap_or(&quote.content);
            let start = quote.content.start.min(clause.start);
            let end = quote.content.end.max(clause.end);
            start < bytes.end && bytes.start < end
        })
    };
    let mut quotes = Vec::new();
    for content in &tagged.contents {
        let bytes = doc.bytes(content.clone());
        if doc.n_words(content.clone()) < MIN_LEARNED_WORDS || taken(&bytes) {
            continue;
        }
        // Reported speech holding a quotation is the quote rules' to read.
        if holds_quotation(doc, regions, content.clone()) {
            continue;
        }
        let speaker = nearest_part(doc, parts, Role::Source, content).and_then(|source| speaker_of(ctx, source));
        let cue = nearest_part(doc, parts, Role::Cue, content);
        let unattributed = speaker.is_none().then(|| "no source of the reported content was found".to_string());
        let confidence = if speaker.is_some() { LEARNED_CONFIDENCE } else { 0.0 };
        quotes.push(finish(FoundQuote {
            content: bytes,
            kind: sitrep_model::QuoteKind::Indirect,
            clause: None,
            tentative: false,
            speaker,
            unattributed,
            cue,
            confidence,
            continues: None,
        }));
    }
    quotes
}

/// The content runs, each joined with the next when that one opens the sentence right after or
/// goes on after a gap of a few tokens in the same sentence.
fn contents(doc: &Doc<'_>, parts: &[RoleSpan]) -> Vec<Range<usize>> {
    let mut runs: Vec<Range<usize>> = Vec::new();
    let mut last_role = None;
    for part in parts {
        if part.role != Role::Content {
            last_role = Some(part.role);
            continue;
        }
        // Runs that touch join within a paragraph (reported speech may run over sentences, not
        // over a paragraph break); runs a few tokens apart join within a sentence.
        let joins = |last: &Range<usize>| {
            let gap = part.tokens.start.saturating_sub(last.end);
            let same_sentence = doc.sentence_of[last.end - 1] == doc.sentence_of[part.tokens.start];
            let same_paragraph = doc.paragraph_of[last.end - 1] == doc.paragraph_of[part.tokens.start];
            (last.end == part.tokens.start && same_paragraph)
                || (gap <= MAX_CONTENT_GAP && same_sentence && last_role == Some(Role::Content))
        };
        match runs.last_mut() {
            Some(last) if joins(last) => last.end = part.tokens.end,
            _ => runs.push(part.tokens.clone()),
        }
        last_role = Some(Role::Content);
    }
    runs
}

/// The tagger's part of `role` nearest to `tokens` (and outside them) in the sentences they
/// touch.
fn nearest_part(doc: &Doc<'_>, parts: &[RoleSpan], role: Role, tokens: &Range<usize>) -> Option<Range<usize>> {
    let first_sentence = doc.sentences.get(*doc.sentence_of.get(tokens.start)?)?.start;
    let last_sentence = doc.sentences.get(*doc.sentence_of.get(tokens.end.checked_sub(1)?)?)?.end;
    parts
        .iter()
        .filter(|part| part.role == role && part.tokens.start >= first_sentence && part.tokens.end <= last_sentence)
        .filter(|part| part.tokens.end <= tokens.start || part.tokens.start >= tokens.end)
        .min_by_key(|part| distance(&part.tokens, tokens))
        .map(|part| part.tokens.clone())
}

/// Tokens between two runs (zero when they touch or overlap).
fn distance(a: &Range<usize>, b: &Range<usize>) -> usize {
    if a.end <= b.start { b.start - a.end } else { a.start.saturating_sub(b.end) }
}

/// The speaker a source run names: the head of its phrase (before any apposition), else the
/// last name inside it, else the run itself as the article's words when it reads as a noun
/// phrase.
fn speaker_of(ctx: &Context<'_, '_>, source: Range<usize>) -> Option<SpeakerRef> {
    let doc = ctx.doc;
    // The head comes before an apposition or a relative clause ("David Wasserman, an analyst
    // at the Cook Political Report"; "Katie Packer, who is chairman of ...").
    let apposition = source
        .clone()
        .find(|&idx| matches!(doc.word(idx), "," | "(" | "—" | "–" | "who" | "whose" | "which"))
        .filter(|&idx| idx > source.start);
    // A description and a person named in apposition to it speak as the person ("One early
    // supporter, Representative Lee Zeldin, ...").
    let named_in_apposition = apposition
        .filter(|&comma| doc.word(comma) == ",")
        .and_then(|comma| ctx.starting_at(comma + 1).find(|candidate| candidate.is_person))
        .map(|candidate| ctx.speaker_ref(candidate))
        .filter(|speaker| speaker.mention.start == source.start);
    if named_in_apposition.is_some() {
        return named_in_apposition;
    }
    let source = apposition.map_or(source.clone(), |end| source.start..end);
    ctx.head_of_phrase(source.clone(), Phrasing::AnySubject)
        .or_else(|| {
            ctx.starting_in(source.clone())
                .iter()
                .rev()
                .find(|candidate| candidate.phrase.end <= source.end && !ctx.is_possessive(candidate))
                .map(|candidate| ctx.speaker_ref(candidate))
        })
        .or_else(|| {
            ctx.reads_as_noun_phrase(&source).then_some(SpeakerRef {
                mention: source,
                entity: None,
                unknown_name: false,
            })
        })
}

/// A quote the rules left without a speaker, or gave one the tagger saw as no source (other
/// than a headline's or a reporting clause's right beside it), takes the source the tagger
/// found nearest to it in the sentences it touches, where it found one.
pub(super) fn attribute_from_parts(ctx: &Context<'_, '_>, tagged: &Tagged<'_>, found: &mut [FoundQuote]) {
    let (doc, parts) = (ctx.doc, tagged.parts);
    let is_source = |mention: &Range<usize>| {
        parts
            .iter()
            .any(|part| part.role == Role::Source && part.tokens.start < mention.end && mention.start < part.tokens.end)
    };
    let doubtful = |quote: &&mut FoundQuote| {
        may_take_tagged_source(quote) && quote.speaker.as_ref().is_none_or(|speaker| !is_source(&speaker.mention))
    };
    for quote in found.iter_mut().filter(doubtful) {
        let first = doc.token_at_or_after(quote.content.start);
        let last = doc.token_at_or_after(quote.content.end).saturating_sub(1).max(first);
        take_nearest_source(ctx, parts, quote, &(first..last + 1));
    }
    carry_speakers_on(ctx, found);
}

/// Whether the tagger's parts may give `quote` a speaker: it has none, or one that is neither
/// a headline's nor a reporting clause's right beside it (those stand).
pub(super) fn may_take_tagged_source(quote: &FoundQuote) -> bool {
    quote.speaker.is_none() || (quote.kind != sitrep_model::QuoteKind::Headline && quote.confidence < BESIDE_CONFIDENCE)
}

/// Whether `quote` is a partial quote that may take the clause of the tagger's content run
/// holding it: the rules placed it in no reported clause.
pub(super) fn lacks_clause(quote: &FoundQuote) -> bool {
    quote.kind == sitrep_model::QuoteKind::Partial && quote.clause.is_none() && !quote.tentative
}

/// A quotation still without a speaker continues the speaker of the quotation before it in its
/// paragraph, as the rules do, now that the tagger attributed that one (`“A,” said former Gov.
/// and party Chairman Ed Rendell. “B.”`); one the rules had continue an earlier quotation
/// follows that one's speaker where the tagger changed it.
fn carry_speakers_on(ctx: &Context<'_, '_>, found: &mut [FoundQuote]) {
    let doc = ctx.doc;
    for idx in 1..found.len() {
        let quote = &found[idx];
        let earlier = match quote.continues {
            Some(start) => found[..idx].iter().rev().find(|earlier| earlier.content.start == start),
            None if quote.speaker.is_none() && quote.kind == sitrep_model::QuoteKind::Direct => {
                quote.paragraph(doc).and_then(|paragraph| continued_in_paragraph(doc, &found[..idx], paragraph))
            }
            None => None,
        };
        let Some(earlier) = earlier.filter(|earlier| earlier.speaker != quote.speaker) else { continue };
        let (speaker, confidence) = (ctx.continued(earlier.speaker.as_ref()), earlier.confidence.min(0.8));
        let continues = Some(earlier.content.start);
        let quote = &mut found[idx];
        quote.speaker = speaker;
        quote.unattributed = None;
        quote.confidence = confidence;
        quote.continues = continues;
        *quote = finish(quote.clone());
    }
}

/// A partial quote the rules found no reported clause for takes the tagger's content run that
/// holds it, and the run's source when it has no speaker.
pub(super) fn clauses_from_parts(ctx: &Context<'_, '_>, tagged: &Tagged<'_>, found: &mut [FoundQuote]) {
    let (doc, parts) = (ctx.doc, tagged.parts);
    for quote in found.iter_mut().filter(|quote| lacks_clause(quote)) {
        let first = doc.token_at_or_after(quote.content.start);
        let last = doc.token_at_or_after(quote.content.end).max(first + 1);
        let Some(run) =
            tagged.contents.iter().find(|run| run.start <= first && run.end >= last && run.len() > last - first)
        else {
            continue;
        };
        quote.clause = Some(doc.bytes(run.clone()));
        if quote.speaker.is_none() {
            take_nearest_source(ctx, parts, quote, run);
        }
    }
}

/// Attributes `quote` to the source the tagger found nearest to `tokens`, with its cue, if it
/// found one.
fn take_nearest_source(ctx: &Context<'_, '_>, parts: &[RoleSpan], quote: &mut FoundQuote, tokens: &Range<usize>) {
    let source = nearest_part(ctx.doc, parts, Role::Source, tokens).and_then(|source| speaker_of(ctx, source));
    // A rule speaker resolved to an entity does not give way to a description naming nobody
    // (a name the entities missed still does).
    let resolved = quote.speaker.as_ref().is_some_and(|speaker| speaker.entity.is_some());
    if let Some(speaker) = source.filter(|source| source.entity.is_some() || source.unknown_name || !resolved) {
        quote.speaker = Some(speaker);
        quote.cue = nearest_part(ctx.doc, parts, Role::Cue, tokens).or(quote.cue.take());
        quote.unattributed = None;
        quote.confidence = LEARNED_CONFIDENCE;
        quote.continues = None;
        *quote = finish(quote.clone());
    }
}
