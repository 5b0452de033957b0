//! The HTML page at `/`: the report's stories and who said what, every article string escaped.

use std::fmt::Write as _;

use sitrep_model::{QuoteKind, Report};

/// Escapes text for HTML element content and attribute values.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

pub(crate) fn report_page(report: &Report) -> String {
    let mut out = String::from(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>sitrep</title>\
         <style>body{font:16px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}\
         blockquote{margin:.3rem 0 .3rem 1rem;border-left:3px solid #ccc;padding-left:.6rem}small{color:#666}</style></head><body>",
    );
    let _ = write!(
        out,
        "<h1>Situation report</h1><p>{} articles. JSON: <a href=\"/api/report\">/api/report</a>, \
        <a href=\"/api/quotes\">/api/quotes</a>, <a href=\"/api/entities\">/api/entities</a>, /api/search?q=…, /api/articles/{{id}}.</p>",
        report.n_articles
    );
    let _ = write!(out, "<h2>Stories</h2><ol>");
    for story in &report.stories {
        let _ = write!(
            out,
            "<li>{} <small>{} article(s) · {}</small></li>",
            escape(&story.title),
            story.articles.len(),
            escape(&story.outlets.join(", "))
        );
    }
    let _ = write!(out, "</ol><h2>Who said what</h2>");
    for speaker in &report.speakers {
        let quotes: Vec<_> = speaker.quotes.iter().filter(|quote| quote.kind != QuoteKind::Indirect).collect();
        if quotes.is_empty() {
            continue;
        }
        let _ = write!(out, "<h3>{} <small>{}</small></h3>", escape(&speaker.name), escape(&speaker.roles.join("; ")));
        for quote in quotes {
            let sources: Vec<String> = quote
                .sources
                .iter()
                .map(|source| escape(source.source.site.as_deref().unwrap_or("unknown outlet")))
                .collect();
            let _ =
                write!(out, "<blockquote>“{}” <small>{}</small></blockquote>", escape(&quote.text), sources.join(", "));
        }
    }
    out.push_str("</body></html>");
    out
}

#[cfg(test)]
mod tests {
    use crate::html::escape;

    #[test]
    fn escapes_markup() {
        assert_eq!(
            escape("<script>alert('x')</script> & \"q\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;"
        );
    }
}
