//! Fuzzes the HTML path of the extract stage: any bytes, read as a (lossily decoded) HTML page,
//! must give an article or an error, never a panic or a hang, and an article must keep the
//! promises `Article` and `sitrep_extract` document.

#![no_main]

use libfuzzer_sys::fuzz_target;
use sitrep_extract::{ExtractConfig, body, extract};
use sitrep_model::{Article, Origin, RawDocument, SourceFormat};

fuzz_target!(|data: &[u8]| {
    let raw = RawDocument {
        origin: Origin::whole("fuzz"),
        format: SourceFormat::Html,
        body: String::from_utf8_lossy(data).into_owned(),
        title: None,
        url: None,
        published: None,
        modified: None,
        authors: Vec::new(),
        site: None,
    };
    // An error is a fine answer to junk; only a panic (or a timeout) is a finding.
    if let Ok(extracted) = extract(&raw, &ExtractConfig::default()) {
        check_article(&extracted.article);
    }
});

/// The invariants that are cheap to check on every output.
fn check_article(article: &Article) {
    let text = article.text.as_str();
    assert!(!text.trim().is_empty(), "an extracted article has empty text");
    // `extract` returns `Error::NoText` rather than an article that is only a headline.
    assert!(!body(article).trim().is_empty(), "an extracted article has a headline and no body: {text:?}");
    if let Some(title) = &article.title {
        assert!(!title.trim().is_empty(), "the title is Some but blank: {title:?}");
        // The text opens with the headline as its first paragraph.
        assert!(text.starts_with(title.as_str()), "the text does not start with the title {title:?}: {text:?}");
    }
    // Paragraphs are separated by exactly one blank line: none is empty, none starts or ends the
    // text with a break.
    assert!(!text.contains("\n\n\n"), "the text has an empty paragraph: {text:?}");
    assert!(!text.starts_with('\n') && !text.ends_with('\n'), "the text starts or ends with a line break: {text:?}");
    assert_eq!(article.format, SourceFormat::Html, "the article forgot its source format");
}
