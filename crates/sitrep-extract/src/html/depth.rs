//! A guard against pathological nesting. The HTML tree builder looks through the stack of open
//! elements for many tags, so its work grows with the square of the nesting depth: a page of
//! 100,000 nested tags would take minutes. Markup nested deeper than any real page is flattened
//! first (its tags dropped, its text kept), so every page parses in time linear in its size.

/// Nesting deeper than this is flattened; real pages stay far below it.
pub(crate) const MAX_DEPTH: usize = 1_000;

/// Tags that never hold content, or that the parser closes by itself (`<p>`, `<li>`, ...), so
/// they do not deepen the estimate.
const NON_NESTING: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr", "p", "li",
    "dt", "dd", "tr", "td", "th", "option", "!doctype", "param",
];

/// The markup with tags beyond `max_depth` removed, or `None` when it never nests that deep.
pub(crate) fn flatten_deep_nesting(html: &str, max_depth: usize) -> Option<String> {
    if estimated_max_depth(html) <= max_depth {
        return None;
    }
    let mut out = String::with_capacity(html.len());
    let mut depth = 0usize;
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        out.push_str(&rest[..open]);
        let after = &rest[open..];
        let Some(close) = after.find('>') else {
            out.push_str(after);
            return Some(out);
        };
        let tag = &after[..=close];
        let (name, closing, self_closing) = tag_parts(tag);
        let nests = !self_closing && !NON_NESTING.contains(&name.as_str()) && !name.is_empty();
        if closing && nests {
            if depth <= max_depth {
                out.push_str(tag);
            }
            depth = depth.saturating_sub(1);
        } else if nests {
            depth += 1;
            if depth <= max_depth {
                out.push_str(tag);
            }
        } else {
            out.push_str(tag);
        }
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    Some(out)
}

fn estimated_max_depth(html: &str) -> usize {
    let mut depth = 0usize;
    let mut max = 0usize;
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        let after = &rest[open..];
        let Some(close) = after.find('>') else { break };
        let (name, closing, self_closing) = tag_parts(&after[..=close]);
        if !self_closing && !NON_NESTING.contains(&name.as_str()) && !name.is_empty() {
            if closing {
                depth = depth.saturating_sub(1);
            } else {
                depth += 1;
                max = max.max(depth);
            }
        }
        rest = &after[close + 1..];
    }
    max
}

/// (lower-case name, is a closing tag, is self-closing) of a `<...>` run.
fn tag_parts(tag: &str) -> (String, bool, bool) {
    let inner = tag.trim_start_matches('<').trim_end_matches('>');
    let closing = inner.starts_with('/');
    let inner = inner.trim_start_matches('/');
    let name: String = inner
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '!' || *c == '-')
        .collect::<String>()
        .to_ascii_lowercase();
    let self_closing = inner.ends_with('/') || inner.starts_with('!') || inner.starts_with('?');
    (name, closing, self_closing)
}

#[cfg(test)]
mod tests {
    use crate::html::depth::flatten_deep_nesting;

    #[test]
    fn flattens_only_beyond_the_limit() {
        assert_eq!(flatten_deep_nesting("<div><p>text<br></div>", 3), None);
        assert_eq!(flatten_deep_nesting("<a><b><c><d>text</d></c></b></a>", 2).as_deref(), Some("<a><b>text</b></a>"));
    }
}
