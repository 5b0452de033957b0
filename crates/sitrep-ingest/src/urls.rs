//! URLs: telling one from a path, the few pieces of one the readers need (scheme, host, TLD,
//! resolving a redirect's `Location`), and `.urls` lists, one URL a line.
//!
//! ```text
//! # Ukraine talks, week 11
//! https://meridianpost.example/2026/03/talks
//!
//! https://harbourtimes.example/world/geneva   # trailing text after whitespace is ignored
//! ```
//!
//! A URL list is read whole (it is capped like any document), then its URLs are fetched one at a
//! time as the documents are consumed; a bad line is reported with its number and the list goes
//! on. URLs are handled as strings on purpose: sitrep only needs these few operations, and the
//! HTTP client parses each URL again before it connects.

use sitrep_model::RawDocument;

use crate::error::Error;
use crate::fetch::Fetcher;
use crate::{Documents, ReadConfig};

/// True when `value` is an absolute `http://` or `https://` URL with a host.
pub(crate) fn is_http_url(value: &str) -> bool {
    matches!(scheme(value).map(str::to_ascii_lowercase).as_deref(), Some("http" | "https"))
        && host(value).is_some_and(|host| !host.is_empty())
}

/// The scheme of an absolute URL (`http`, `ftp`, `javascript`), as written.
pub(crate) fn scheme(url: &str) -> Option<&str> {
    let (scheme, _) = url.split_once(':')?;
    let mut chars = scheme.chars();
    let first_is_letter = chars.next().is_some_and(|first| first.is_ascii_alphabetic());
    let valid = first_is_letter && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    valid.then_some(scheme)
}

/// The host of an absolute URL with an authority, without user info, port or IPv6 brackets.
pub(crate) fn host(url: &str) -> Option<&str> {
    let (_, rest) = url.split_once("://")?;
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host_port = authority.rsplit_once('@').map_or(authority, |(_, host_port)| host_port);
    if let Some(bracketed) = host_port.strip_prefix('[') {
        return bracketed.split_once(']').map(|(host, _)| host);
    }
    Some(host_port.split(':').next().unwrap_or_default())
}

/// The top-level domain of a URL's host, lower-cased, for chardetng; `None` when there is none or
/// it is not plain ASCII (chardetng expects the Punycode form and panics on anything else).
pub(crate) fn tld(url: &str) -> Option<String> {
    let host = host(url)?.trim_end_matches('.');
    let label = host.rsplit('.').next()?.to_ascii_lowercase();
    let plain = !label.is_empty()
        && label.bytes().all(|byte| byte.is_ascii_lowercase() || byte.is_ascii_digit() || byte == b'-');
    plain.then_some(label)
}

/// Resolves a redirect target against the URL that answered (RFC 3986, without dot-segment
/// removal: servers normalise `..` themselves).
pub(crate) fn resolve(base: &str, reference: &str) -> Option<String> {
    let reference = reference.trim();
    if scheme(reference).is_some() {
        return Some(reference.to_string());
    }
    let (base_scheme, base_rest) = base.split_once("://")?;
    let base = base.split('#').next().unwrap_or(base);
    if let Some(network_path) = reference.strip_prefix("//") {
        return Some(format!("{base_scheme}://{network_path}"));
    }
    let authority_len = base_rest.find(['/', '?', '#']).unwrap_or(base_rest.len());
    let origin_len = base_scheme.len() + "://".len() + authority_len;
    let origin = base.get(..origin_len)?;
    let path_and_query = base.get(origin_len..)?;
    let path = path_and_query.split('?').next().unwrap_or_default();
    Some(if reference.starts_with('/') {
        format!("{origin}{reference}")
    } else if reference.starts_with('?') {
        format!("{origin}{path}{reference}")
    } else if reference.starts_with('#') || reference.is_empty() {
        base.to_string()
    } else {
        let directory = path.rsplit_once('/').map_or("", |(directory, _)| directory);
        format!("{origin}{directory}/{reference}")
    })
}

/// The URLs of a `.urls` list (its bytes), fetched lazily, each with the documents it yields.
pub(crate) fn read_list(location: String, bytes: &[u8], config: &ReadConfig) -> Documents {
    let content = match crate::decode::decode_text(&location, bytes) {
        Ok(content) => content,
        Err(err) => return Box::new(std::iter::once(Err(err))),
    };
    let entries: Vec<(usize, String)> = parse_list(&content);
    let fetcher = Fetcher::new(config);
    Box::new(entries.into_iter().flat_map(move |(line, value)| -> Documents {
        if is_http_url(&value) {
            crate::fetch::read_url(&fetcher, &value)
        } else {
            Box::new(std::iter::once(Err::<RawDocument, Error>(Error::BadUrl {
                location: location.clone(),
                line,
                value,
            })))
        }
    }))
}

/// The entries of a URL list: 1-based line number and the first word of each line that is not
/// blank or a `#` comment.
fn parse_list(content: &str) -> Vec<(usize, String)> {
    content
        .lines()
        .enumerate()
        .filter_map(|(idx, line)| {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                return None;
            }
            let value = line.split_whitespace().next().unwrap_or(line);
            Some((idx + 1, value.to_string()))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::urls::{host, is_http_url, parse_list, resolve, scheme, tld};

    #[test]
    fn pieces_of_urls() {
        assert!(is_http_url("https://example.com/a"));
        assert!(is_http_url("HTTP://example.com"));
        assert!(!is_http_url("https://"));
        assert!(!is_http_url("ftp://example.com/a"));
        assert!(!is_http_url("example.com/a"));
        assert_eq!(scheme("ftp://x/y"), Some("ftp"));
        assert_eq!(scheme("/a:b"), None);
        assert_eq!(host("https://user:pw@News.Example.co.uk:8443/a?b#c"), Some("News.Example.co.uk"));
        assert_eq!(host("http://[::1]:8080/x"), Some("::1"));
        assert_eq!(tld("https://News.Example.CZ./a").as_deref(), Some("cz"));
        assert_eq!(tld("https://новости.рф/a"), None);
        assert_eq!(tld("https://example/a").as_deref(), Some("example"));
        assert_eq!(tld("not a url"), None);
    }

    #[test]
    fn resolves_redirect_targets() {
        let base = "http://127.0.0.1:8080/a/b/c?q=1#f";
        assert_eq!(resolve(base, "https://x.example/y").as_deref(), Some("https://x.example/y"));
        assert_eq!(resolve(base, "//x.example/y").as_deref(), Some("http://x.example/y"));
        assert_eq!(resolve(base, "/root").as_deref(), Some("http://127.0.0.1:8080/root"));
        assert_eq!(resolve(base, "sibling").as_deref(), Some("http://127.0.0.1:8080/a/b/sibling"));
        assert_eq!(resolve(base, "?p=2").as_deref(), Some("http://127.0.0.1:8080/a/b/c?p=2"));
        assert_eq!(resolve("http://h.example", "x").as_deref(), Some("http://h.example/x"));
        assert_eq!(resolve("no scheme", "x"), None);
        assert_eq!(resolve(base, "ftp://h/f").as_deref(), Some("ftp://h/f"));
    }

    #[test]
    fn reads_list_lines() {
        let list =
            "# a comment\n\nhttps://a.example/1\n  http://b.example/2  trailing words\nnot-a-url\nftp://c.example/f\n";
        let entries: Vec<String> = parse_list(list)
            .into_iter()
            .map(|(line, value)| format!("{line} {value} {}", if is_http_url(&value) { "ok" } else { "bad" }))
            .collect();
        assert_eq!(
            entries,
            ["3 https://a.example/1 ok", "4 http://b.example/2 ok", "5 not-a-url bad", "6 ftp://c.example/f bad"]
        );
    }
}
