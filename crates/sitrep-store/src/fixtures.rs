//! Hand-built articles for the unit tests.

use sitrep_model::{
    AnnotatedArticle, Annotations, Article, ArticleId, CharIndex, Cue, Entity, EntityId, EntityType, Mention, Quote,
    QuoteKind, Role, Span, Speaker,
};

/// An article with the given title, text and publication time (RFC 3339). When the text opens
/// with a name and holds a “quotation”, the annotations attribute the quotation to that name:
/// one entity, one mention, one quote with the cue `said`.
pub(crate) fn article(title: &str, text: &str, published: Option<&str>) -> AnnotatedArticle {
    let article = Article {
        id: ArticleId::from_content(Some(title), text),
        url: Some(format!("https://example.org/{}", title.replace(' ', "-"))),
        site: Some("example.org".to_string()),
        title: Some(title.to_string()),
        authors: vec!["A. Reporter".to_string()],
        published: published.and_then(|published| published.parse().ok()),
        modified: None,
        language: Some("en".to_string()),
        text: text.to_string(),
        format: sitrep_model::SourceFormat::Text,
    };
    let annotations = annotate(text);
    let annotated = AnnotatedArticle::new(article, annotations);
    assert_eq!(annotated.validate(), Ok(()), "fixture spans must slice the text");
    annotated
}

fn annotate(text: &str) -> Annotations {
    let index = CharIndex::new(text);
    let (Some(open), Some(close)) = (text.find('“'), text.find('”')) else {
        return Annotations::default();
    };
    let name: String = text.split_whitespace().take(2).collect::<Vec<_>>().join(" ");
    let span_of = |needle: &str| {
        let byte_start = text.find(needle).unwrap_or_default();
        index.span_of_bytes(byte_start, byte_start + needle.len())
    };
    let entity = EntityId("e1".to_string());
    let name_span = span_of(&name);
    let quote_span = index.span_of_bytes(open + '“'.len_utf8(), close);
    Annotations {
        entities: vec![Entity {
            id: entity.clone(),
            name: name.clone(),
            entity_type: EntityType::Person,
            aliases: vec![name.clone()],
            roles: vec![Role { title: "Minister".to_string(), org: None, span: Span::new(0, 0) }],
        }],
        mentions: vec![Mention {
            span: name_span,
            text: name.clone(),
            entity_type: EntityType::Person,
            entity: entity.clone(),
        }],
        quotes: vec![Quote {
            span: quote_span,
            text: text.get(open + '“'.len_utf8()..close).unwrap_or_default().to_string(),
            kind: QuoteKind::Direct,
            clause: None,
            speaker: Some(Speaker { entity: Some(entity), name: name.clone(), mention: name_span, mention_text: name }),
            unattributed: None,
            cue: text.contains("said").then(|| Cue { span: span_of("said"), text: "said".to_string() }),
            confidence: 0.9,
        }],
        quantities: Vec::new(),
        times: Vec::new(),
    }
}
