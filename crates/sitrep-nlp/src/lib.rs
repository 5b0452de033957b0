//! The NLP stage: given an [`Article`], finds its sentences, named entities with their roles,
//! in-article coreference, quotations with their speakers, quantities and time expressions, and
//! returns them as [`Annotations`].
//!
//! This crate never reads files, HTML or the network: it receives the article and its [`Model`]
//! as values. Names are found by a tagger the project trains ([`NerModel`], [`train_ner`]; the
//! shipped `models/ner.bin` is embedded at compile time) and refined by rules over word lists the
//! project wrote (`data/`). Quotes are found by rules, and the reported speech they miss by a
//! second trained tagger ([`AttributionModel`], [`train_attribution`]; `models/attribution.bin`).
//! The other annotators are rules, each behind its own module so that a measured, trained
//! version can replace it.
//!
//! ```
//! use sitrep_model::{Article, ArticleId, SourceFormat};
//! use sitrep_nlp::{annotate, Model};
//!
//! let text = "“There is no betrayal there,” U.S. Defense Secretary Pete Hegseth told reporters.";
//! let article = Article {
//!     id: ArticleId::from_content(None, text), url: None, site: None, title: None,
//!     authors: vec![], published: None, modified: None, language: None, text: text.to_string(),
//!     format: SourceFormat::Text,
//! };
//! let annotations = annotate(&article, &Model::builtin());
//! let quote = &annotations.quotes[0];
//! assert_eq!(quote.text, "There is no betrayal there,");
//! assert_eq!(quote.speaker.as_ref().unwrap().name, "Pete Hegseth");
//! assert_eq!(quote.cue.as_ref().unwrap().text, "told reporters");
//! ```

mod attribution;
mod claims;
mod coref;
mod doc;
mod lexicon;
mod marks;
mod model_file;
mod ner;
mod numbers;
mod quantity;
mod quotes;
mod segment;
mod sequence;
mod timex;
mod token;
mod weights;

use std::ops::Range;
use std::sync::{Arc, OnceLock};

use sitrep_model::{
    Annotations, Article, Cue, Entity, EntityId, EntityType, Mention, Quantity, Quote, Role, Speaker, TimeExpr,
};

pub use crate::attribution::{
    AttributionExample, AttributionModel, AttributionModelError, AttributionRelation, AttributionTrainConfig,
    train_attribution,
};
use crate::doc::Doc;
use crate::lexicon::Lexicon;
pub use crate::ner::{
    EpochReport, ModelError, NerModel, NerSpan, NerType, TrainConfig, TrainingDocument, TrainingSentence, train_ner,
};

/// Everything the annotators need besides the article: the project's word lists, the trained
/// named-entity tagger and the trained attribution tagger.
#[derive(Debug)]
pub struct Model {
    lexicon: Lexicon,
    ner: Arc<NerModel>,
    attribution: Option<Arc<AttributionModel>>,
}

/// The tagger `sitrep train ner` wrote, embedded when the crate is compiled.
const BUILTIN_NER: &[u8] = include_bytes!("../../../models/ner.bin");

/// The attribution tagger `sitrep train attribution` wrote, embedded likewise.
const BUILTIN_ATTRIBUTION: &[u8] = include_bytes!("../../../models/attribution.bin");

impl Model {
    /// The model built into the binary. The tagger is read once per process.
    pub fn builtin() -> Model {
        static NER: OnceLock<Arc<NerModel>> = OnceLock::new();
        let ner = NER.get_or_init(|| {
            // The embedded file is ours, checked by a test; failing to read it is a broken build.
            #[allow(clippy::expect_used)]
            let model = NerModel::from_bytes(BUILTIN_NER).expect("the embedded models/ner.bin is a valid NER model");
            Arc::new(model)
        });
        static ATTRIBUTION: OnceLock<Arc<AttributionModel>> = OnceLock::new();
        let attribution = ATTRIBUTION.get_or_init(|| {
            #[allow(clippy::expect_used)]
            let model = AttributionModel::from_bytes(BUILTIN_ATTRIBUTION)
                .expect("the embedded models/attribution.bin is a valid attribution model");
            Arc::new(model)
        });
        Model { lexicon: Lexicon::builtin(), ner: Arc::clone(ner), attribution: Some(Arc::clone(attribution)) }
    }

    /// The built-in word lists with another tagger (one just trained, say).
    pub fn with_ner(ner: NerModel) -> Model {
        Model { ner: Arc::new(ner), ..Model::builtin() }
    }

    /// This model with another attribution tagger (one just trained, say), or none.
    pub fn with_attribution(self, attribution: Option<AttributionModel>) -> Model {
        Model { attribution: attribution.map(Arc::new), ..self }
    }

    /// The named-entity tagger.
    pub fn ner(&self) -> &NerModel {
        &self.ner
    }
}

/// Sentence boundaries of a text, as code-point spans (for consumers that want them).
pub fn sentences(text: &str) -> Vec<sitrep_model::Span> {
    let doc = Doc::new(text, None);
    doc.sentences.iter().map(|range| doc.span(doc.bytes(range.clone()))).collect()
}

/// The tokens of a text, sentence by sentence, as the annotators see them (the input the
/// named-entity tagger takes, for callers that tag raw text with [`NerModel::tag_document`]).
pub fn sentence_tokens(text: &str) -> Vec<Vec<&str>> {
    let doc = Doc::new(text, None);
    doc.sentence_words().map(Iterator::collect).collect()
}

/// The time expressions of a text alone, normalised against a publication date (unanchored
/// without one): what [`annotate`] finds as `times`, without the other annotators' cost.
pub fn find_times(text: &str, published: Option<jiff::civil::Date>) -> Vec<TimeExpr> {
    let doc = Doc::new(text, None);
    time_exprs(&doc, published)
}

/// The quantities of a text alone: what [`annotate`] finds as `quantities`, without the other
/// annotators' cost, and so without `asserted_by` (which needs the quotes).
pub fn find_quantities(text: &str) -> Vec<Quantity> {
    let doc = Doc::new(text, None);
    quantity::find_quantities(&doc).into_iter().map(|found| to_quantity(&doc, found, None)).collect()
}

/// The contract's form of a quantity found in `doc`.
fn to_quantity(doc: &Doc<'_>, found: quantity::FoundQuantity, asserted_by: Option<Speaker>) -> Quantity {
    Quantity {
        span: doc.span(doc.bytes(found.tokens.clone())),
        text: doc.text_of(found.tokens).to_string(),
        value: found.value,
        unit: found.unit,
        qualifier: found.qualifier,
        of: found.of,
        upper: found.upper,
        asserted_by,
    }
}

fn time_exprs(doc: &Doc<'_>, published: Option<jiff::civil::Date>) -> Vec<TimeExpr> {
    timex::find_times(doc, published)
        .into_iter()
        .map(|found| TimeExpr {
            span: doc.span(doc.bytes(found.tokens.clone())),
            text: doc.text_of(found.tokens).to_string(),
            time_type: found.time_type,
            value: found.value,
            modifier: found.modifier.map(String::from),
        })
        .collect()
}

/// Which annotations beyond the entities and quotes to find. Every article gets its entities
/// and quotes; a caller that needs only who said what skips the numbers and times (an eighth of
/// the work on news).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Layers {
    /// Quantities and the claims they make.
    pub quantities: bool,
    /// Time expressions.
    pub times: bool,
    /// Indirect quotes: reported speech in no quotation marks. Without them the attribution
    /// tagger reads only the paragraphs of the quotations whose clause or speaker its parts may
    /// change, and the quotations come out as they do with every layer (on news, a fifth less
    /// work for who said what).
    pub indirect: bool,
}

impl Layers {
    /// Everything the annotators find.
    pub const ALL: Layers = Layers { quantities: true, times: true, indirect: true };
    /// Entities and quotes alone.
    pub const QUOTES: Layers = Layers { quantities: false, times: false, indirect: true };
    /// Entities and the quotations in quotation marks (direct, partial and headline quotes).
    pub const QUOTATIONS: Layers = Layers { indirect: false, ..Layers::QUOTES };
}

/// Annotates one article with every layer.
pub fn annotate(article: &Article, model: &Model) -> Annotations {
    annotate_layers(article, model, Layers::ALL)
}

/// Annotates one article with its entities, quotes and the `layers` asked for; the layers left
/// out are empty.
pub fn annotate_layers(article: &Article, model: &Model, layers: Layers) -> Annotations {
    let lexicon = &model.lexicon;
    let doc = Doc::new(&article.text, article.title.as_deref());
    let regions = marks::regions(&article.text);
    let name_mentions = ner::find_mentions(&doc, lexicon, &model.ner);
    let table = coref::resolve(&doc, lexicon, &name_mentions, &regions);
    let found_quotes = quotes::find_quotes(
        &doc,
        lexicon,
        &regions,
        &name_mentions,
        &table,
        model.attribution.as_deref(),
        layers.indirect,
    );
    let dct = article.published.map(|published| published.date());

    let entity_id = |idx: usize| EntityId(format!("e{}", idx + 1));
    let token_span = |tokens: Range<usize>| doc.span(doc.bytes(tokens));
    let entities: Vec<Entity> = table
        .entities
        .iter()
        .enumerate()
        .map(|(idx, info)| Entity {
            id: entity_id(idx),
            name: info.name.clone(),
            entity_type: info.entity_type,
            aliases: info.aliases.clone(),
            roles: info
                .roles
                .iter()
                .map(|(title, org, tokens)| Role {
                    title: title.clone(),
                    org: org.clone(),
                    span: token_span(tokens.clone()),
                })
                .collect(),
        })
        .collect();
    let mut mentions: Vec<Mention> = name_mentions
        .iter()
        .zip(&table.entity_of_mention)
        .map(|(mention, &entity)| Mention {
            span: token_span(mention.tokens.clone()),
            text: doc.text_of(mention.tokens.clone()).to_string(),
            entity_type: mention.entity_type,
            entity: entity_id(entity),
        })
        .chain(table.references.iter().map(|reference| Mention {
            span: token_span(reference.tokens.clone()),
            text: doc.text_of(reference.tokens.clone()).to_string(),
            entity_type: EntityType::Person,
            entity: entity_id(reference.entity),
        }))
        .collect();
    mentions.sort_by_key(|mention| (mention.span.start, mention.span.end));

    let quotes: Vec<Quote> = found_quotes
        .into_iter()
        .map(|found| Quote {
            span: doc.span(found.content.clone()),
            text: article.text.get(found.content.clone()).unwrap_or_default().to_string(),
            kind: found.kind,
            clause: found.clause.map(|clause| doc.span(clause)),
            speaker: found.speaker.map(|speaker| Speaker {
                entity: speaker.entity.map(entity_id),
                name: speaker
                    .entity
                    .and_then(|idx| table.entities.get(idx))
                    .map_or_else(|| doc.text_of(speaker.mention.clone()).to_string(), |info| info.name.clone()),
                mention: token_span(speaker.mention.clone()),
                mention_text: doc.text_of(speaker.mention).to_string(),
            }),
            unattributed: found.unattributed,
            cue: found.cue.map(|cue| Cue { span: token_span(cue.clone()), text: doc.text_of(cue).to_string() }),
            confidence: found.confidence,
        })
        .collect();
    let quantities = if layers.quantities {
        quantity::find_quantities(&doc)
            .into_iter()
            .map(|found| {
                let asserted_by =
                    claims::asserted_by(&doc, found.tokens.clone(), &quotes, &mentions, &entities, lexicon);
                to_quantity(&doc, found, asserted_by)
            })
            .collect()
    } else {
        Vec::new()
    };
    let times = if layers.times { time_exprs(&doc, dct) } else { Vec::new() };
    Annotations { entities, mentions, quotes, quantities, times }
}

/// An article of `text` (with `title`) published at the Unix epoch, for the annotators' tests.
#[cfg(test)]
pub(crate) fn test_article(text: &str, title: Option<&str>) -> Article {
    Article {
        id: sitrep_model::ArticleId::from_content(title, text),
        url: None,
        site: None,
        title: title.map(String::from),
        authors: vec![],
        published: Some(jiff::Timestamp::UNIX_EPOCH.into()),
        modified: None,
        language: None,
        text: text.to_string(),
        format: sitrep_model::SourceFormat::Text,
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use sitrep_model::AnnotatedArticle;

    use crate::{Model, annotate};

    pub(crate) use super::test_article as article;

    #[test]
    fn the_shipped_models_read_back_to_their_own_bytes() {
        let ner = crate::NerModel::from_bytes(super::BUILTIN_NER).map(|model| model.to_bytes());
        assert!(ner.is_ok_and(|bytes| bytes == super::BUILTIN_NER), "models/ner.bin");
        let attribution = crate::AttributionModel::from_bytes(super::BUILTIN_ATTRIBUTION).map(|model| model.to_bytes());
        assert!(attribution.is_ok_and(|bytes| bytes == super::BUILTIN_ATTRIBUTION), "models/attribution.bin");
    }

    /// Text built from news-like pieces, so the annotators' paths are exercised, not only noise.
    fn newsy_text() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            Just("“".to_string()),
            Just("”".to_string()),
            Just("‘".to_string()),
            Just("’".to_string()),
            Just("\"".to_string()),
            Just("'".to_string()),
            Just("\n\n".to_string()),
            Just(", ".to_string()),
            Just(". ".to_string()),
            Just(": ".to_string()),
            Just("said ".to_string()),
            Just("he ".to_string()),
            Just("the minister ".to_string()),
            Just("U.S. Defense Secretary Pete Hegseth ".to_string()),
            Just("Hegseth’s ".to_string()),
            Just("$66.5 billion ".to_string()),
            Just("5% of GDP ".to_string()),
            Just("next week ".to_string()),
            Just("on Thursday ".to_string()),
            Just("Q3 2024 ".to_string()),
            Just("the mid-1990s ".to_string()),
            Just("the '90s ".to_string()),
            Just("10:30 a.m. EST Friday ".to_string()),
            Just("2 1/2 years ".to_string()),
            Just("99999999999 years earlier ".to_string()),
            Just("a year ago ".to_string()),
            Just("the third quarter ".to_string()),
            Just("Sept. 31, 2025 ".to_string()),
            Just("$5-6 billion ".to_string()),
            Just("a third of ".to_string()),
            Just("twenty-five ".to_string()),
            Just("the 20th century ".to_string()),
            Just("1998-99 ".to_string()),
            Just("8/7/98 ".to_string()),
            "[0-9]{1,12}",
            Just("according to ".to_string()),
            "[A-Za-zÀ-ÿ ]{1,12}",
            "\\PC{1,4}",
        ];
        proptest::collection::vec(piece, 0..40).prop_map(|pieces| pieces.concat())
    }

    /// Each quantity as `text <- asserter`.
    fn check_claims(text: &str, expected: &str) {
        let annotations = annotate(&article(text, None), &Model::builtin());
        let rendered: Vec<String> = annotations
            .quantities
            .iter()
            .map(|quantity| {
                let asserter = quantity.asserted_by.as_ref().map_or("-", |speaker| speaker.name.as_str());
                format!("{} <- {asserter}", quantity.text)
            })
            .collect();
        assert_eq!(rendered.join(" | "), expected);
    }

    #[test]
    fn speakers_across_an_apposition_and_described_speakers() {
        let text = "“That is a fair concern,” Lena Hart, 69, told MSNBC on Monday.\n\n\
            “We were wrong,” Tom Reyes, the committeeman from Virginia, told AFP.\n\n\
            “Nothing has changed,” said a longtime adviser to the campaign.";
        let annotations = annotate(&article(text, None), &Model::builtin());
        let speakers: Vec<Option<&str>> = annotations
            .quotes
            .iter()
            .map(|quote| quote.speaker.as_ref().map(|speaker| speaker.mention_text.as_str()))
            .collect();
        assert_eq!(speakers, [Some("Lena Hart"), Some("Tom Reyes"), Some("a longtime adviser to the campaign")]);
        let described = &annotations.quotes[2];
        assert!(described.speaker.as_ref().is_some_and(|speaker| speaker.entity.is_none()));
        assert!(described.unattributed.is_some() && described.confidence <= 0.3);
    }

    #[test]
    fn the_quote_layers_alone_give_the_same_entities_and_quotes() {
        let text = "“Even 2% of GDP is not enough,” U.S. Defense Secretary Pete Hegseth said on Thursday. \
            The U.S. has provided more than $66.5 billion in aid since 2022, the Pentagon said.";
        let model = Model::builtin();
        let article = article(text, None);
        let all = annotate(&article, &model);
        let quotes_only = crate::annotate_layers(&article, &model, crate::Layers::QUOTES);
        assert!(!all.quantities.is_empty() && !all.times.is_empty(), "{all:?}");
        assert!(quotes_only.quantities.is_empty() && quotes_only.times.is_empty());
        assert_eq!((quotes_only.entities, quotes_only.mentions), (all.entities, all.mentions));
        assert_eq!(quotes_only.quotes, all.quotes);
        let times_only =
            crate::annotate_layers(&article, &model, crate::Layers { quantities: false, ..crate::Layers::ALL });
        assert_eq!(times_only.times, all.times);
    }

    /// The quotation layers tag only the paragraphs of the quotations the tagger may change,
    /// and must find them as every layer does: on articles with quotes in every position, continued ones,
    /// partial ones in reported speech and reported speech beside them.
    #[test]
    fn the_quotations_without_indirect_speech_are_the_quotations_with_it() {
        const ARTICLES: &[&str] = &[
            include_str!("../../../examples/articles/01-geneva-talks-agreed-meridian-post.txt"),
            include_str!("../../../examples/articles/02-shipping-losses-harbour-daily.txt"),
            include_str!("../../../examples/articles/03-ferreira-navy-funding-coastal-ledger.txt"),
            include_str!("../../../examples/articles/04-ferreira-defence-spending-meridian-post.txt"),
            include_str!("../../../examples/articles/05-kestria-mine-accusation-harbour-daily.txt"),
            include_str!("../../../examples/articles/06-deal-within-reach-coastal-ledger.txt"),
            include_str!("../../../examples/articles/07-strait-corridor-agreed-meridian-post.txt"),
        ];
        let model = Model::builtin();
        let (mut n_quotations, mut n_indirect) = (0, 0);
        for text in ARTICLES {
            let article = article(text, None);
            let every = crate::annotate_layers(&article, &model, crate::Layers::QUOTES);
            let quotations = crate::annotate_layers(&article, &model, crate::Layers::QUOTATIONS);
            let (indirect, expected): (Vec<_>, Vec<_>) =
                every.quotes.into_iter().partition(|quote| quote.kind == sitrep_model::QuoteKind::Indirect);
            assert_eq!(quotations.quotes, expected);
            assert_eq!((quotations.entities, quotations.mentions), (every.entities, every.mentions));
            n_quotations += expected.len();
            n_indirect += indirect.len();
        }
        assert!(n_quotations > 30 && n_indirect > 5, "{n_quotations} quotations, {n_indirect} indirect quotes");
    }

    #[test]
    fn claims_are_attributed_to_who_asserted_them() {
        check_claims(
            "“Even 2% of GDP is not enough,” U.S. Defense Secretary Pete Hegseth said. The U.S. has provided more than $66.5 billion in aid.",
            "2% <- Pete Hegseth | more than $66.5 billion <- -",
        );
        check_claims(
            "The alliance has over 50 members, the Pentagon said on Monday. Some 40 ships sailed, according to NATO.",
            "over 50 members <- Pentagon | Some 40 ships <- North Atlantic Treaty Organization",
        );
        check_claims(
            "The alliance has over 50 members, according to NATO.",
            "over 50 members <- North Atlantic Treaty Organization",
        );
    }

    #[test]
    fn today_is_the_day_where_the_article_was_written() {
        // 20:45 in New York on the 17th is already the 18th in UTC.
        let mut evening = article("The talks ended today.", None);
        evening.published = "2021-06-17T20:45:56-04:00".parse().ok();
        let times = annotate(&evening, &Model::builtin()).times;
        let values: Vec<&str> = times.iter().map(|time| time.value.as_str()).collect();
        assert_eq!(values, ["2021-06-17"]);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(400))]
        #[test]
        fn spans_always_slice_the_text(text in newsy_text()) {
            let model = Model::builtin();
            let title = text.split('\n').next().filter(|line| !line.is_empty());
            let annotated = AnnotatedArticle::new(article(&text, title), annotate(&article(&text, title), &model));
            prop_assert!(annotated.validate().is_ok(), "{:?}", annotated.validate());
        }
    }
}
