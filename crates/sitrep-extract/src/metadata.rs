//! Metadata that plain text does not state: the headline, the outlet and the language.

use crate::debris::is_debris_line;

/// The headline of a text that states none: its first line when that line reads as a headline.
///
/// A breadcrumb ending in the headline ("Home Trump <headline>") stands before the headline in
/// scraped text, so a later headline-like line that the first one ends with wins.
pub(crate) fn infer_title(paragraphs: &[String], skip_debris: bool) -> Option<String> {
    let mut lines = paragraphs.iter().filter(|line| !(skip_debris && is_debris_line(line, None))).peekable();
    let first = lines.next()?;
    // A text of one paragraph is all body, however short.
    if !is_headline_like(first) || lines.peek().is_none() {
        return None;
    }
    let breadcrumb_target = lines
        .take(3)
        .find(|later| is_headline_like(later) && first.len() > later.len() && first.ends_with(later.as_str()));
    Some(breadcrumb_target.unwrap_or(first).clone())
}

fn is_headline_like(line: &str) -> bool {
    let n_words = line.split_whitespace().count();
    (2..=20).contains(&n_words)
        && !line.trim_end().ends_with(['.', ':', ';', ','])
        && !line.starts_with(['-', '*', '•', '“', '"', '‘'])
}

/// The outlet of a URL: its host without `www.`.
pub(crate) fn site_of_url(url: &str) -> Option<String> {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.rsplit_once('@').map_or(host, |(_, host)| host);
    let host = host.split(':').next()?.to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host);
    (!host.is_empty() && host.contains('.')).then(|| host.to_string())
}

/// Characters the language detector reads: plenty for a confident guess, and the detector's
/// time grows with its input.
const LANGUAGE_SAMPLE_CHARS: usize = 600;

/// ISO 639-1 code of the text's language, when the detector is confident.
pub(crate) fn detect_language(text: &str) -> Option<String> {
    let sample = match text.char_indices().nth(LANGUAGE_SAMPLE_CHARS) {
        Some((end, _)) => &text[..end],
        None => text,
    };
    let info = whatlang::detect(sample)?;
    if !info.is_reliable() && info.confidence() < 0.5 {
        return None;
    }
    let code = info.lang().code();
    let short = match code {
        "eng" => "en",
        "fra" => "fr",
        "deu" => "de",
        "spa" => "es",
        "ita" => "it",
        "por" => "pt",
        "nld" => "nl",
        "rus" => "ru",
        "ukr" => "uk",
        "pol" => "pl",
        "ara" => "ar",
        "cmn" => "zh",
        "jpn" => "ja",
        "tur" => "tr",
        other => other,
    };
    Some(short.to_string())
}

#[cfg(test)]
mod tests {
    use crate::metadata::{detect_language, infer_title, site_of_url};

    fn title_of(lines: &[&str]) -> Option<String> {
        let paragraphs: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
        infer_title(&paragraphs, true)
    }

    #[test]
    fn headline_or_none() {
        assert_eq!(
            title_of(&["Talks Resume in Geneva", "GENEVA — Talks resumed."]).as_deref(),
            Some("Talks Resume in Geneva")
        );
        assert_eq!(title_of(&["For the first time since 2022, the minister will not attend.", "More."]), None);
        assert_eq!(
            title_of(&["Home World Talks Resume", "", "Talks Resume", "Body."]).as_deref(),
            Some("Talks Resume")
        );
        assert_eq!(title_of(&["Listen to this article", "Talks Resume", "Body."]).as_deref(), Some("Talks Resume"));
        assert_eq!(title_of(&["fine line"]), None);
    }

    #[test]
    fn site_from_url() {
        assert_eq!(site_of_url("https://www.Politico.com/news/x?a=1").as_deref(), Some("politico.com"));
        assert_eq!(site_of_url("http://user@news.example:8080/").as_deref(), Some("news.example"));
        assert_eq!(site_of_url("not a url"), None);
    }

    #[test]
    fn language() {
        assert_eq!(
            detect_language(
                "The talks resumed on Monday after a week of delays, officials said, and the ministers met again."
            )
            .as_deref(),
            Some("en")
        );
    }
}
