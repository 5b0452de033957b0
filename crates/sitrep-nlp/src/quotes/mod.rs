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
//! 6. for a quote opening a sentence, the sentence before it in its paragraph: its reporting
//!    clause or the person it opens with (`Coan argues that ... . “...”`);
//! 7. the paragraph before it: a quote paragraph by a known speaker, or a reporting clause.
//!
//! The speaker of a reporting clause is the head of its noun phrase: the name or reference that
//! ends it (titles, appositions and "(R-Fla.)" around it), or else a described speaker ("a
//! Clinton campaign spokesman") or a name the entities missed, kept as the article's words.
//!
//! A phrase quoted inside a sentence is a partial quote, attributed to the subject of the
//! sentence's reporting clause and given that clause (`said [that Russia “can’t stand” either
//! Democrat]`), or, in a sentence with no reporting verb right after an attributed quotation,
//! to that quotation's speaker; a short phrase that no reported speech holds is a scare quote
//! and skipped. A
//! quotation of ten words or more run into a sentence is direct speech all the same. Headline
//! quotes take the speaker named in the headline, or the speaker of a body quote that contains
//! the same words.
//!
//! Indirect speech is reported by verbs of speech, thought and evidence, intention ("plans to")
//! and stance ("criticized the deal"), with any noun phrase as subject: "X said (that) ...",
//! "..., X said.", "according to X", "..., saying ...", "Name: claim". A speaker that cannot be
//! resolved to a named entity keeps the article's words, with no entity and the reason.
//!
//! The attribution tagger's relations ([`crate::attribution`]) then add the reported speech of
//! the cues no word list holds and the clauses of partial quotes the rules placed in none, and
//! give a quote that no rule attributes, or whose rule speaker the tagger saw as no source, the
//! tagger's nearest source (a headline's speaker and a reporting clause right beside the quote
//! stand), each with a lower confidence.

mod context;
mod direct;
mod indirect;
mod learned;
mod words;

use std::ops::Range;

use context::{Context, candidates};
use direct::{attribute_headlines, direct_quote, place_partials_in_reported_speech};
use indirect::indirect_quotes;
use learned::{Tagged, attribute_from_parts, clauses_from_parts, lacks_clause, learned_quotes, may_take_tagged_source};

use crate::attribution::AttributionModel;
use crate::coref::EntityTable;
use crate::doc::Doc;
use crate::lexicon::Lexicon;
use crate::marks::Region;
use crate::ner::NameMention;

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
    /// Where the earlier quotation starts whose speaker this one continues, having no
    /// reporting clause of its own.
    continues: Option<usize>,
}

/// The mention a quote is attributed to and the entity it resolves to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct SpeakerRef {
    pub(crate) mention: Range<usize>,
    pub(crate) entity: Option<usize>,
    /// The mention is a name the entities did not take for one ("Ban recalled"), not a pronoun
    /// or a description.
    pub(super) unknown_name: bool,
}

/// Finds every quote of the document.
pub(crate) fn find_quotes(
    doc: &Doc<'_>,
    lexicon: &Lexicon,
    regions: &[Region],
    mentions: &[NameMention],
    table: &EntityTable,
    tagger: Option<&AttributionModel>,
    indirect: bool,
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
    let parts = match tagger {
        None => Vec::new(),
        Some(tagger) if indirect => tagger.tag(doc, lexicon, mentions, regions, |_| true),
        Some(tagger) => {
            let read = sentences_read(doc, &found);
            tagger.tag(doc, lexicon, mentions, regions, |sentence| {
                let in_read = |token: Option<usize>| {
                    token.and_then(|token| doc.sentence_of.get(token)).is_some_and(|&idx| read[idx])
                };
                in_read(Some(sentence.start)) || in_read(sentence.end.checked_sub(1))
            })
        }
    };
    let tagged = Tagged::new(doc, &parts);
    clauses_from_parts(&ctx, &tagged, &mut found);
    found.retain(|quote| !quote.tentative);
    attribute_from_parts(&ctx, &tagged, &mut found);
    if indirect {
        found.extend(indirect_quotes(&ctx, regions));
        let learned = learned_quotes(&ctx, regions, &tagged, &found);
        found.extend(learned);
    }
    found.sort_by_key(|quote| (quote.content.start, quote.content.end));
    found
}

/// The sentences whose tagger parts can change the quotes in `found`. A partial quote that may
/// take the clause of the tagger's content run holding it reads its whole paragraphs: content
/// runs join over sentences, never over a paragraph, and the run's source lies in the sentences
/// the run touches. A quotation that may take a speaker reads the sentences it touches (where
/// the source it takes lies) and those of its speaker's mention (whether the tagger saw it as a
/// source). So the quotations found from these sentences' parts alone are the ones found from
/// every part.
fn sentences_read(doc: &Doc<'_>, found: &[FoundQuote]) -> Vec<bool> {
    let mut read = vec![false; doc.sentences.len()];
    let mut mark = |tokens: Range<usize>, whole_paragraphs: bool| {
        let tokens = match whole_paragraphs {
            false => Some(tokens),
            true => {
                let first = doc.paragraph_of.get(tokens.start).and_then(|&idx| doc.paragraphs.get(idx));
                let last = tokens.end.checked_sub(1).and_then(|last| doc.paragraph_of.get(last));
                let last = last.and_then(|&idx| doc.paragraphs.get(idx));
                first.zip(last).map(|(first, last)| first.start..last.end)
            }
        };
        let sentences = tokens.and_then(|tokens| {
            let first = doc.sentence_of.get(tokens.start)?;
            let last = doc.sentence_of.get(tokens.end.checked_sub(1)?)?;
            Some(*first..*last + 1)
        });
        if let Some(sentences) = sentences {
            read.iter_mut().take(sentences.end).skip(sentences.start).for_each(|slot| *slot = true);
        }
    };
    for quote in found.iter().filter(|quote| !quote.tentative) {
        let (clause, speaker) = (lacks_clause(quote), may_take_tagged_source(quote));
        if !clause && !speaker {
            continue;
        }
        let first = doc.token_at_or_after(quote.content.start);
        mark(first..doc.token_at_or_after(quote.content.end).max(first + 1), clause);
        if let Some(speaker) = &quote.speaker {
            mark(speaker.mention.clone(), clause);
        }
    }
    read
}

/// Whether tokens `tokens` overlap a quotation mark pair's extent.
fn holds_quotation(doc: &Doc<'_>, regions: &[Region], tokens: Range<usize>) -> bool {
    let bytes = doc.bytes(tokens);
    regions.iter().any(|region| region.outer.start < bytes.end && bytes.start < region.outer.end)
}

impl FoundQuote {
    /// The paragraph the quote opens in.
    fn paragraph(&self, doc: &Doc<'_>) -> Option<usize> {
        doc.paragraph_of.get(doc.token_at_or_after(self.content.start)).copied()
    }

    /// Whether the quote has words in paragraph `paragraph`: one over several paragraphs is in
    /// each of them, the one it closes in included.
    fn in_paragraph(&self, doc: &Doc<'_>, paragraph: usize) -> bool {
        let last_token = doc.token_at_or_after(self.content.end).saturating_sub(1);
        let (Some(first), Some(&last)) = (self.paragraph(doc), doc.paragraph_of.get(last_token)) else {
            return false;
        };
        (first..=last).contains(&paragraph)
    }
}

/// The last quote of `found` in paragraph `paragraph`, when it is attributed and a later
/// quotation may continue it.
fn continued_in_paragraph<'f>(doc: &Doc<'_>, found: &'f [FoundQuote], paragraph: usize) -> Option<&'f FoundQuote> {
    found
        .iter()
        .rev()
        .find(|earlier| earlier.in_paragraph(doc, paragraph))
        .filter(|earlier| earlier.speaker.is_some() && continues_to(earlier))
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

/// Confidence in an attribution to a reporting clause right beside its quote.
const BESIDE_CONFIDENCE: f32 = 0.95;

/// Confidence in an attribution to a name that is no entity.
const UNKNOWN_NAME_CONFIDENCE: f32 = 0.6;

/// Confidence in an attribution to a mention that names nobody.
const UNRESOLVED_CONFIDENCE: f32 = 0.3;

#[cfg(test)]
mod tests {
    use crate::{Model, annotate, test_article};

    /// Each quote as `kind: words <- speaker's mention`, a partial quote's clause after `in`.
    fn render(text: &str) -> Vec<String> {
        render_with(text, &Model::builtin())
    }

    /// The rendered quotes of one kind ("Direct", "Partial").
    fn render_kind(text: &str, kind: &str) -> Vec<String> {
        render(text).into_iter().filter(|quote| quote.starts_with(&format!("{kind}:"))).collect()
    }

    fn render_with(text: &str, model: &Model) -> Vec<String> {
        let article = test_article(text, None);
        let slice = |span: sitrep_model::Span| {
            text.chars().skip(span.start.0).take(span.end.0 - span.start.0).collect::<String>()
        };
        annotate(&article, model)
            .quotes
            .into_iter()
            .map(|quote| {
                let speaker = quote.speaker.map_or("-".to_string(), |speaker| speaker.mention_text);
                let clause = quote.clause.map(|clause| format!(" in {}", slice(clause))).unwrap_or_default();
                format!("{:?}: {}{clause} <- {speaker}", quote.kind, quote.text)
            })
            .collect()
    }

    /// The rules alone find one partial quote in `text`, and give it to `speaker`.
    fn assert_one_partial_quote_by(text: &str, speaker: &str) {
        let rules_alone = render_with(text, &Model::builtin().with_attribution(None));
        let partial: Vec<&String> = rules_alone.iter().filter(|quote| quote.starts_with("Partial:")).collect();
        assert_eq!(partial.len(), 1, "{rules_alone:?}");
        assert!(partial[0].ends_with(&format!("<- {speaker}")), "{rules_alone:?}");
    }

    #[test]
    fn the_tagger_reads_reported_speech_the_rules_miss() {
        let text = "Ted Cruz won in Iowa.\n\nCruz has long said that he qualifies as a natural-born citizen.\n\n\
            Britain and France in particular feared the re-emergence of a German colossus in Europe.";
        let rules_alone = render_with(text, &Model::builtin().with_attribution(None));
        // "has long said" and "feared" with an object are in no rule.
        assert_eq!(rules_alone, Vec::<String>::new());
        let with_tagger = render(text);
        assert_eq!(
            with_tagger,
            [
                "Indirect: that he qualifies as a natural-born citizen <- Cruz",
                "Indirect: the re-emergence of a German colossus in Europe <- France"
            ]
        );
    }

    #[test]
    fn the_person_opening_a_sentence_speaks_past_a_long_description() {
        let text = "Polls tighten.\n\nGeoff Garin, a Democratic pollster who is working with Priorities USA, \
            a pro-Clinton super PAC, said the primaries have reinforced perceptions of her as \"untrustworthy.\"";
        let partial = render_kind(text, "Partial");
        assert_eq!(partial.len(), 1, "{partial:?}");
        assert!(partial[0].ends_with("<- Geoff Garin"), "{partial:?}");
    }

    #[test]
    fn a_word_after_a_possessive_is_no_cue() {
        // "remarks" after "Obama's" is a noun: the reporting verb is "called", its subject the
        // person before the apposition.
        let text = "Turnout matters.\n\nWith 50 days until the election, Minyon Moore, a senior adviser to the \
            Clinton campaign, called Mr. Obama's remarks on Saturday \"a true wake-up call\" to his supporters.";
        let rules_alone = render_with(text, &Model::builtin().with_attribution(None));
        assert_eq!(rules_alone.len(), 1, "{rules_alone:?}");
        assert!(rules_alone[0].ends_with("<- Minyon Moore"), "{rules_alone:?}");
    }

    #[test]
    fn a_partial_quote_in_its_own_reported_clause_is_not_reported_by_the_clause_after_it() {
        let text = "A friendship.\n\nAnthony Weiner spoke on Monday.\n\nWeiner admitted to the newspaper that he \
            and the woman had “been friends for some time,” he claimed they had never met in person.";
        assert_one_partial_quote_by(text, "Weiner");
    }

    #[test]
    fn a_coordinated_verb_after_a_quotation_shares_the_sentence_subject() {
        // The first quote's reporting verb has a coordinated subject, read as its nearest name;
        // the second verb, after that quote, goes back to the sentence's opening.
        let text = "Letter sent.\n\nMaria Lopez and Tom Reyes said they found the letter “troubling” and \
            said it “leaves so many questions unanswered.”";
        let rules_alone = render_with(text, &Model::builtin().with_attribution(None));
        let speakers: Vec<&str> = rules_alone.iter().filter_map(|quote| quote.rsplit(" <- ").next()).collect();
        assert_eq!(speakers, ["Tom Reyes", "Maria Lopez"], "{rules_alone:?}");
    }

    #[test]
    fn a_quotation_opening_a_sentence_is_introduced_by_the_sentence_before_it() {
        let text = "Harbour dispute.\n\nVera Stanek, the union's lawyer, argues that the dockers broke no rule. \
            “The port authority is alleging a strike where there was only a meeting.”\n\n\
            Omar Lindqvist toured the terminal on Friday. “We will reopen the north quay next month.”";
        let rules_alone = render_with(text, &Model::builtin().with_attribution(None));
        let direct: Vec<&str> = rules_alone
            .iter()
            .filter(|quote| quote.starts_with("Direct:"))
            .filter_map(|quote| quote.rsplit(" <- ").next())
            .collect();
        assert_eq!(direct, ["Vera Stanek", "Omar Lindqvist"], "{rules_alone:?}");
    }

    #[test]
    fn a_partial_quote_right_after_an_attributed_quotation_goes_on_with_its_speaker() {
        let text = "Charges weighed.\n\n“Many laws reach further than anyone enforces them,” Ilse Varga added. \
            But that is not the same thing as “properly chargeable under the statute.”";
        assert_one_partial_quote_by(text, "Ilse Varga");
        // A scare quote of a few words is no one's.
        let scare = "Charges weighed.\n\n“Many laws reach further than anyone enforces them,” Ilse Varga added. \
            The “crime” was never named.";
        let rules_alone = render_with(scare, &Model::builtin().with_attribution(None));
        assert!(rules_alone.iter().all(|quote| !quote.starts_with("Partial:")), "{rules_alone:?}");
    }

    #[test]
    fn a_restrictive_relative_clause_inside_reported_words_does_not_report_the_quote() {
        let text = "Turnout.\n\nNadia Ferrante, the head of the Civic League, told a student who argued that some \
            people stay home out of anger that “staying home has never once been a strategy that worked for anyone.”";
        let rules_alone = render_with(text, &Model::builtin().with_attribution(None));
        assert_eq!(rules_alone.len(), 1, "{rules_alone:?}");
        assert!(rules_alone[0].ends_with("<- Nadia Ferrante"), "{rules_alone:?}");
        // Set off by a comma, the relative clause is the speaker's own ("the student, who
        // argued").
        let apart = "Turnout.\n\nNadia Ferrante met Tom Reyes, who argued that \
            “staying home has never once been a strategy that worked for anyone.”";
        let rules_alone = render_with(apart, &Model::builtin().with_attribution(None));
        assert!(rules_alone.iter().all(|quote| !quote.ends_with("<- Nadia Ferrante")), "{rules_alone:?}");
    }

    #[test]
    fn a_long_apposition_between_the_speaker_and_the_cue_after_a_quotation() {
        let text = "Tax plans.\n\n“It has the virtue of being fiscally responsible,” Leonie Marsh, director of the \
            independent Harbour Budget Institute and a professor of public finance at the University of Kestria, \
            said of the plan.";
        let rules_alone = render_with(text, &Model::builtin().with_attribution(None));
        assert_eq!(rules_alone.len(), 1, "{rules_alone:?}");
        assert!(rules_alone[0].ends_with("<- Leonie Marsh"), "{rules_alone:?}");
    }

    #[test]
    fn an_opening_phrase_with_a_preposition_names_no_subject() {
        let text = "Budget vote.\n\nLike Halvorsen, Marta Quiroga rejected the cuts on Tuesday, arguing that \
            there is “room for compromise” in the plan.";
        assert_one_partial_quote_by(text, "Marta Quiroga");
    }

    #[test]
    fn a_person_opening_a_new_clause_between_two_quotes_breaks_the_coordination() {
        let text = "Court hearing.\n\nIn a video that Judge Hal Brenner called “distasteful,” Dario Pell \
            expressed a wish to “put the council on trial.”";
        let rules_alone = render_with(text, &Model::builtin().with_attribution(None));
        let speakers: Vec<&str> = rules_alone.iter().filter_map(|quote| quote.rsplit(" <- ").next()).collect();
        assert!(speakers.first() == Some(&"Hal Brenner") && speakers.get(1) != Some(&"Hal Brenner"), "{rules_alone:?}");
    }

    #[test]
    fn a_past_tense_between_two_names_joins_no_noun_phrase() {
        let text = "Sunday shows.\n\nAna Novak pressed Republican National Chairman Bill Ortega on the budget, \
            insisting that the party should hold the “higher ground” on taxes.";
        assert_one_partial_quote_by(text, "Ana Novak");
    }

    #[test]
    fn a_name_modifying_a_titled_person_is_not_the_subject() {
        let text = "Campaign answers.\n\nClinton campaign spokesman Brian Fallon responded on Twitter, \
            calling the charge “pathetic” and “dangerous.”";
        let rules_alone = render_with(text, &Model::builtin().with_attribution(None));
        let speakers: Vec<&str> = rules_alone.iter().filter_map(|quote| quote.rsplit(" <- ").next()).collect();
        assert_eq!(speakers, ["Brian Fallon", "Brian Fallon"], "{rules_alone:?}");
    }

    #[test]
    fn a_dateline_is_never_the_speaker() {
        let text = "Obama on Putin.\n\nWASHINGTON (AP) — President Barack Obama on Tuesday accused Donald Trump \
            of praising Vladimir Putin to a degree that is “unprecedented in American politics.”";
        let partial = render_kind(text, "Partial");
        assert_eq!(partial.len(), 1, "{partial:?}");
        assert!(partial[0].ends_with("<- Barack Obama"), "{partial:?}");
    }

    #[test]
    fn a_quote_no_rule_attributes_takes_the_source_the_tagger_finds() {
        let text = "Senator Maria Lopez spoke in Denver on Monday.\n\n\
            On the deal Maria Lopez expressed doubt, “I am concerned about any agreement that involves blanket returns.”";
        let quote = "Direct: I am concerned about any agreement that involves blanket returns.";
        assert_eq!(render_with(text, &Model::builtin().with_attribution(None)), [format!("{quote} <- -")]);
        assert_eq!(render(text), [format!("{quote} <- Maria Lopez")]);
    }

    #[test]
    fn a_partial_quote_in_no_rule_clause_takes_the_tagger_content() {
        let text = "Senator Maria Lopez spoke in Denver on Monday.\n\n\
            Lopez branded the proposal as “cruel, careless and costly.”\n\n\
            For her part, Lopez tweeted Monday that the mayor is a “bully” and a “quitter.”";
        let rules_alone = render_with(text, &Model::builtin().with_attribution(None));
        assert_eq!(rules_alone[0], "Partial: cruel, careless and costly. <- -");
        assert_eq!(
            render(text)[0],
            "Partial: cruel, careless and costly. in the proposal as “cruel, careless and costly.” <- Lopez"
        );
    }

    #[test]
    fn the_head_of_a_speaker_phrase_is_before_its_modifiers() {
        let text = "Senators met on Monday.\n\n\
            Another intelligence source speaking to Fox News said, “The agents are investigating the donations.”\n\n\
            Anthony Anton, president and CEO of the Washington Restaurant Association stated, “It is a math problem.”\n\n\
            “We will win this state,” said Sen. Lindsey Graham of South Carolina.";
        // The rules' reading: the attribution tagger may still prefer a source of its own for a
        // speaker that is only a description.
        assert_eq!(
            render_with(text, &Model::builtin().with_attribution(None)),
            [
                "Direct: The agents are investigating the donations. <- Another intelligence source",
                "Direct: It is a math problem. <- Anthony Anton",
                "Direct: We will win this state, <- Lindsey Graham",
            ]
        );
    }

    #[test]
    fn abbreviations_and_places_inside_a_reporting_clause_keep_its_speaker() {
        let text = "Convention notes.\n\n\
            \"Perpetual motion!\" Rep. Glenn Thompson, R-Pa., said of the swirl of activities.\n\n\
            Stacy Baker of Columbia, South Carolina says Cruz can win if he keeps “doing what he’s doing.”\n\n\
            “That is his role,” said former Pennsylvania Gov. and Democratic National Committee Chairman Ed Rendell.";
        let quotes = render(text);
        let rendered: Vec<&str> =
            quotes.iter().map(String::as_str).filter(|quote| !quote.starts_with("Indirect")).collect();
        assert_eq!(
            rendered,
            [
                "Direct: Perpetual motion! <- Glenn Thompson",
                "Partial: doing what he’s doing. in Cruz can win if he keeps “doing what he’s doing.” <- Stacy Baker",
                "Direct: That is his role, <- Ed Rendell",
            ]
        );
    }

    #[test]
    fn a_name_in_apposition_to_a_description_is_mentioned_with_it() {
        let text = "ESPN fires Schilling.\n\n\
            Schilling's son, Grant, defended his father on Facebook, saying: “He has made great strides.”";
        assert_eq!(render_kind(text, "Direct"), ["Direct: He has made great strides. <- Schilling's son, Grant"]);
    }

    #[test]
    fn a_quotation_ending_its_sentence_is_not_attributed_by_the_writers_next_sentence() {
        let text = "Refugees.\n\n\
            Filippo Grandi, the UN refugee chief, reacted skeptically to the deal: “I am concerned about any agreement.” \
            He demands legal safeguards for any mechanism transferring responsibility.\n\n\
            “Prices cratered,” said Mr. Ekovich, who noted that golf courses had ''cratered'' in value. \
            ''Things are moving in the right direction.''";
        assert_eq!(
            render_kind(text, "Direct"),
            [
                "Direct: I am concerned about any agreement. <- Filippo Grandi",
                "Direct: Prices cratered, <- Ekovich",
                "Direct: Things are moving in the right direction. <- Ekovich",
            ]
        );
    }

    #[test]
    fn a_quotation_after_one_over_paragraphs_continues_its_speaker() {
        // The first quotation runs on into the next paragraph, where the speaker is named again
        // between it and the last one.
        let text = "Meeting.\n\n\
            \"I am a fan of the pope,\" Sanders said in an interview. \"He has been a transformative leader.\n\n\
            \"And he is a very beautiful man,\" Sanders continued. \"When you meet him, you see something special.\"";
        assert_eq!(
            render_kind(text, "Direct"),
            [
                "Direct: I am a fan of the pope, <- Sanders",
                "Direct: He has been a transformative leader.\n\n\"And he is a very beautiful man, <- Sanders",
                "Direct: When you meet him, you see something special. <- Sanders",
            ]
        );
    }

    #[test]
    fn a_named_speaker_and_cue_right_before_the_quotation_are_sure() {
        let text = "Debate night.\n\n\
            When Clinton noted that Trump has occasionally not paid any federal income taxes, Trump boasted, “That makes me smart.”";
        let article = test_article(text, None);
        let quotes = annotate(&article, &Model::builtin()).quotes;
        let direct = quotes.iter().find(|quote| quote.kind == sitrep_model::QuoteKind::Direct);
        let speaker = direct.and_then(|quote| quote.speaker.as_ref()).map(|speaker| speaker.mention_text.as_str());
        assert_eq!(speaker, Some("Trump"));
        assert!(direct.is_some_and(|quote| quote.confidence >= 0.95), "{direct:?}");
    }

    #[test]
    fn a_participle_after_a_comma_and_a_particle_verb_report_the_subject() {
        let text = "Senators met on Monday.\n\n\
            Trump attacked Clinton on Monday, saying, “She has no stamina at all.”\n\n\
            “If they sue us in a court in Miami, they are going to lose,” Rubio fired back.\n\n\
            The campaign declined to comment, with spokesman Glen Caplin saying, “WikiLeaks is a propaganda arm.”\n\n\
            Even a top strategist said Clinton will have to choose, saying, “She is going to have to come out.”";
        assert_eq!(
            render_kind(text, "Direct"),
            [
                "Direct: She has no stamina at all. <- Trump",
                "Direct: If they sue us in a court in Miami, they are going to lose, <- Rubio",
                "Direct: WikiLeaks is a propaganda arm. <- Glen Caplin",
                "Direct: She is going to have to come out. <- a top strategist",
            ]
        );
    }

    #[test]
    fn doubled_consonant_verbs_and_as_clauses_report_the_quotation() {
        let text = "The show went on.\n\n\
            A flabbergasted Noah quipped, “That is not a plan, that is a press release.”\n\n\
            “We will be back next week,” as John Cornyn, the No. 2 in the GOP leadership, put it, “with or without a deal.”";
        assert_eq!(
            render_kind(text, "Direct"),
            [
                "Direct: That is not a plan, that is a press release. <- Noah",
                "Direct: We will be back next week, <- John Cornyn",
                "Direct: with or without a deal. <- John Cornyn",
            ]
        );
    }

    #[test]
    fn the_person_a_clause_opens_with_introduces_the_quotation_after_its_colon() {
        let text = "Senator Maria Lopez spoke in Denver on Monday.\n\n\
            Lopez has since apologized for what happened: “Yes, I should have used two email addresses.”\n\n\
            Earlier this week, Lopez shared her anxiety with an audience, “I do not know which rival will show up.”";
        assert_eq!(
            render_with(text, &Model::builtin().with_attribution(None)),
            [
                "Direct: Yes, I should have used two email addresses. <- Lopez",
                "Direct: I do not know which rival will show up. <- Lopez",
            ]
        );
    }

    #[test]
    fn after_a_colon_an_organisation_or_a_name_after_a_dash_introduces_the_quotation() {
        let text = "Board Rules on Ballot.\n\n\
            The Illinois Board of Elections was conclusive in its findings: “Further discussion on this issue is unnecessary.”\n\n\
            The interplay has been important for Republican contests - Philip Bump: “Two weeks ago, his strongest territory had been the South.”";
        let quotes = render_with(text, &Model::builtin().with_attribution(None));
        assert_eq!(quotes.len(), 2, "{quotes:?}");
        assert!(quotes[0].ends_with("<- Illinois Board of Elections"), "{quotes:?}");
        assert_eq!(quotes[1], "Direct: Two weeks ago, his strongest territory had been the South. <- Philip Bump");
    }

    #[test]
    fn a_quotation_paragraph_continues_one_its_own_reporting_clause_follows() {
        let text = "Clinton Wins Nomination\n\n\
            “This has to be the first time a candidate has encouraged a foreign power to spy on his opponent,” \
            said Clinton’s top foreign policy aide Jake Sullivan.\n\n\
            “This has gone from being a matter of curiosity to being a national security issue.”";
        let quotes = render_with(text, &Model::builtin().with_attribution(None));
        assert_eq!(quotes.len(), 2, "{quotes:?}");
        assert!(quotes.iter().all(|quote| quote.ends_with("<- Jake Sullivan")), "{quotes:?}");
    }

    #[test]
    fn a_sentence_after_a_quotation_run_into_its_own_does_not_attribute_it() {
        let text = "Sanders on Research\n\n\
            Sanders said following a vote in 2001 that he had “very serious concerns about the long-term goals of an \
            increasingly powerful and profit-motivated biotechnology industry.” In a later vote, Smith warned of the dangers.";
        let quotes = render_with(text, &Model::builtin().with_attribution(None));
        assert!(quotes.first().is_some_and(|quote| quote.ends_with("<- Sanders")), "{quotes:?}");
    }

    #[test]
    fn a_quotation_continuing_another_follows_the_speaker_the_tagger_gave_it() {
        let text = "Pollsters compete.\n\n\
            He ran a firm.\n\n\
            “Our method succeeds where others fail,” Braynard is quoted as saying. \
            “Because we do not have to dial as much, our costs are lower.”";
        let rules_alone = render_with(text, &Model::builtin().with_attribution(None));
        assert_eq!(rules_alone[1], "Direct: Because we do not have to dial as much, our costs are lower. <- He");
        assert_eq!(
            render(text),
            [
                "Direct: Our method succeeds where others fail, <- Braynard",
                "Direct: Because we do not have to dial as much, our costs are lower. <- Braynard",
            ]
        );
    }

    #[test]
    fn the_next_sentence_does_not_attribute_an_introduced_quotation() {
        let text = "Stars speak out.\n\n\
            Hayek confirmed she had been and said, “America has a very severe problem with discrimination.” \
            The star then recalled an incident at a movie theater.";
        assert_eq!(
            render_kind(text, "Direct"),
            ["Direct: America has a very severe problem with discrimination. <- Hayek"]
        );
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
