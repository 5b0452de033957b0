//! `http://` and `https://` URLs, fetched with a polite blocking client (ureq, rustls with the ring
//! provider and the webpki-roots CA bundle): a total time limit and a connect time limit, a size
//! cap read incrementally, a user agent naming sitrep, and a redirect limit.
//!
//! Redirects are followed here rather than by the client, so that every hop is checked: only http
//! and https are fetched (a redirect to `ftp:`, `file:` or `javascript:` is refused with an error
//! naming it), and the time limit covers the whole chain. No proxy is used and no environment
//! variable is read; the caller's [`FetchConfig`] is the whole configuration.
//!
//! The response's `Content-Type` decides how it is read: HTML becomes one [`SourceFormat::Html`]
//! document with the final URL, an RSS or Atom feed becomes its items, `text/plain` a text
//! document; `application/xml` and a missing type are sniffed. Anything else is an error naming
//! the type.
//!
//! [`SourceFormat::Html`]: sitrep_model::SourceFormat::Html

use std::io::Read;
use std::time::{Duration, Instant};

use sitrep_model::{Origin, SourceTime};

use crate::error::{Error, Result};
use crate::html::PageInfo;
use crate::http::{ContentType, MediaKind};
use crate::{Documents, ReadConfig};

/// How URLs are fetched. The size cap is [`ReadConfig::max_document_bytes`].
#[derive(Clone, Debug)]
pub struct FetchConfig {
    /// The longest a fetch may take, redirects and body included.
    pub timeout: Duration,
    /// The longest a connection (with its TLS handshake) may take to open.
    pub connect_timeout: Duration,
    /// The most redirects followed for one URL.
    pub max_redirects: u32,
    /// The `User-Agent` header.
    pub user_agent: String,
}

impl Default for FetchConfig {
    fn default() -> FetchConfig {
        FetchConfig {
            timeout: Duration::from_secs(30),
            connect_timeout: Duration::from_secs(10),
            max_redirects: 5,
            user_agent: format!("sitrep/{} (+https://example.invalid/sitrep)", env!("CARGO_PKG_VERSION")),
        }
    }
}

/// What sitrep asks for, in order of preference.
const ACCEPT: &str = "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,\
                      application/xml;q=0.9,text/plain;q=0.8,*/*;q=0.1";

/// A configured client; one per URL list, so that connections are reused.
pub(crate) struct Fetcher {
    agent: ureq::Agent,
    config: FetchConfig,
    max_bytes: u64,
}

/// A successful response.
struct Fetched {
    /// The URL that answered, after redirects.
    url: String,
    content_type: Option<ContentType>,
    last_modified: Option<jiff::Timestamp>,
    body: Vec<u8>,
}

impl Fetcher {
    pub(crate) fn new(config: &ReadConfig) -> Fetcher {
        let fetch = &config.fetch;
        let agent_config = ureq::Agent::config_builder()
            .timeout_global(Some(fetch.timeout))
            .timeout_connect(Some(fetch.connect_timeout))
            .max_redirects(0)
            .http_status_as_error(false)
            .user_agent(fetch.user_agent.as_str())
            .accept(ACCEPT)
            .proxy(None)
            .build();
        Fetcher {
            agent: ureq::Agent::new_with_config(agent_config),
            config: fetch.clone(),
            max_bytes: config.max_document_bytes,
        }
    }

    /// Fetches `url`, following redirects; the body is capped at `max_bytes`.
    fn get(&self, url: &str) -> Result<Fetched> {
        let deadline = Instant::now() + self.config.timeout;
        let mut current = url.to_string();
        let mut n_redirects = 0;
        loop {
            let is_http = crate::urls::scheme(&current)
                .is_some_and(|scheme| scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https"));
            if !is_http {
                return Err(Error::UnsupportedScheme { location: url.to_string(), target: current });
            }
            let remaining = deadline.saturating_duration_since(Instant::now());
            if remaining.is_zero() {
                return Err(Error::Timeout { location: url.to_string(), limit: self.config.timeout });
            }
            tracing::debug!(url = %current, "fetching");
            let response = self
                .agent
                .get(current.as_str())
                .config()
                .timeout_global(Some(remaining))
                .build()
                .call()
                .map_err(|err| self.client_error(url, err))?;
            let status = response.status().as_u16();
            let header = |name: &str| response.headers().get(name).and_then(|value| value.to_str().ok());
            if (300..400).contains(&status) && status != 304 {
                let target = header("location")
                    .and_then(|location| crate::urls::resolve(&current, location))
                    .ok_or_else(|| Error::BadRedirect { location: current.clone(), status })?;
                n_redirects += 1;
                if n_redirects > self.config.max_redirects {
                    return Err(Error::TooManyRedirects {
                        location: url.to_string(),
                        limit: self.config.max_redirects,
                        target,
                    });
                }
                tracing::debug!(from = %current, to = %target, status, "redirected");
                current = target;
                continue;
            }
            if !(200..300).contains(&status) {
                return Err(Error::HttpStatus { location: current, status });
            }
            let content_type = header("content-type").map(ContentType::parse);
            let last_modified = header("last-modified").and_then(crate::http::parse_http_date);
            let mut body = Vec::new();
            response
                .into_body()
                .into_reader()
                .take(self.max_bytes.saturating_add(1))
                .read_to_end(&mut body)
                .map_err(|err| self.read_error(url, err))?;
            if body.len() as u64 > self.max_bytes {
                return Err(Error::TooLarge { location: url.to_string(), limit: self.max_bytes });
            }
            return Ok(Fetched { url: current, content_type, last_modified, body });
        }
    }

    fn client_error(&self, url: &str, err: ureq::Error) -> Error {
        match err {
            ureq::Error::Timeout(ureq::Timeout::Connect) => {
                Error::Timeout { location: url.to_string(), limit: self.config.connect_timeout }
            }
            ureq::Error::Timeout(_) => Error::Timeout { location: url.to_string(), limit: self.config.timeout },
            ureq::Error::Io(io) if io.kind() == std::io::ErrorKind::TimedOut => {
                Error::Timeout { location: url.to_string(), limit: self.config.timeout }
            }
            other => Error::Network { location: url.to_string(), source: Box::new(other) },
        }
    }

    /// A failed body read: ureq wraps its own errors (a timeout among them) in `io::Error`.
    fn read_error(&self, url: &str, err: std::io::Error) -> Error {
        if err.kind() == std::io::ErrorKind::TimedOut {
            return Error::Timeout { location: url.to_string(), limit: self.config.timeout };
        }
        match err.into_inner().map(|inner| inner.downcast::<ureq::Error>()) {
            Some(Ok(client_error)) => self.client_error(url, *client_error),
            Some(Err(other)) => Error::Network { location: url.to_string(), source: other },
            None => Error::Network { location: url.to_string(), source: "the connection failed while reading".into() },
        }
    }
}

/// Fetches a URL and reads what it answers with.
pub(crate) fn read_url(fetcher: &Fetcher, url: &str) -> Documents {
    let fetched = match fetcher.get(url) {
        Ok(fetched) => fetched,
        Err(err) => return Box::new(std::iter::once(Err(err))),
    };
    let charset = fetched.content_type.as_ref().and_then(|content_type| content_type.charset.as_deref());
    let kind = match &fetched.content_type {
        Some(content_type) => content_type.kind(),
        None => MediaKind::Xml,
    };
    let body = fetched.body.as_slice();
    let page = || {
        let info = PageInfo { declared_charset: charset, url: Some(&fetched.url), modified: fetched.last_modified };
        crate::html::document(Origin::whole(url), body, info)
    };
    let feed = || crate::feed::read(url, body, charset, Some(&fetched.url));
    match kind {
        MediaKind::Html => Box::new(std::iter::once(page())),
        MediaKind::Feed => feed(),
        MediaKind::Xml if crate::feed::looks_like_feed(body) => feed(),
        MediaKind::Xml if crate::html::looks_like_html(body) => Box::new(std::iter::once(page())),
        MediaKind::Xml if fetched.content_type.is_some() => feed(),
        MediaKind::Text | MediaKind::Xml => {
            let text = crate::decode::decode_declared_text(url, body, charset, Some(&fetched.url))
                .and_then(|content| crate::text::parse(url, &content))
                .map(|mut doc| {
                    doc.url = doc.url.or_else(|| Some(fetched.url.clone()));
                    doc.modified = doc.modified.or(fetched.last_modified.map(SourceTime::utc));
                    doc
                });
            Box::new(std::iter::once(text))
        }
        MediaKind::Other => Box::new(std::iter::once(Err(Error::UnsupportedContentType {
            location: url.to_string(),
            content_type: fetched.content_type.map(|content_type| content_type.media_type).unwrap_or_default(),
        }))),
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use std::io::{BufRead, BufReader, Write};
    use std::net::{TcpListener, TcpStream};
    use std::time::{Duration, Instant};

    use crate::ReadConfig;
    use crate::fetch::{FetchConfig, Fetcher, read_url};

    /// Starts a canned-response server on 127.0.0.1 and returns its base URL. Each connection is
    /// served on its own thread; the server lives until the test process ends.
    pub(crate) fn serve() -> String {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                std::thread::spawn(move || answer(stream));
            }
        });
        base
    }

    fn answer(mut stream: TcpStream) {
        let mut reader = BufReader::new(stream.try_clone().unwrap());
        let mut request_line = String::new();
        if reader.read_line(&mut request_line).is_err() {
            return;
        }
        let mut user_agent = String::new();
        loop {
            let mut line = String::new();
            if reader.read_line(&mut line).unwrap_or(0) == 0 || line.trim().is_empty() {
                break;
            }
            if let Some(value) = line.strip_prefix("user-agent: ").or_else(|| line.strip_prefix("User-Agent: ")) {
                user_agent = value.trim().to_string();
            }
        }
        let path = request_line.split_whitespace().nth(1).unwrap_or("/").to_string();
        let respond = |stream: &mut TcpStream, status: &str, headers: &str, body: &[u8]| {
            let head =
                format!("HTTP/1.1 {status}\r\n{headers}Content-Length: {}\r\nConnection: close\r\n\r\n", body.len());
            let _ = stream.write_all(head.as_bytes());
            let _ = stream.write_all(body);
        };
        match path.as_str() {
            "/page" => respond(
                &mut stream,
                "200 OK",
                "Content-Type: text/html; charset=windows-1252\r\nLast-Modified: Thu, 05 Mar 2026 09:30:00 GMT\r\n",
                b"<html><body><p>\x93Caf\xe9,\x94 she said.</p></body></html>",
            ),
            "/agent" => respond(&mut stream, "200 OK", "Content-Type: text/plain\r\n", user_agent.as_bytes()),
            "/moved" => respond(&mut stream, "302 Found", "Location: page\r\n", b""),
            "/ftp" => respond(&mut stream, "301 Moved Permanently", "Location: ftp://127.0.0.1/file.html\r\n", b""),
            "/nowhere" => respond(&mut stream, "302 Found", "", b""),
            "/missing" => respond(&mut stream, "404 Not Found", "Content-Type: text/html\r\n", b"<p>gone</p>"),
            "/image" => respond(&mut stream, "200 OK", "Content-Type: image/png\r\n", b"\x89PNG"),
            "/feed" => respond(
                &mut stream,
                "200 OK",
                "Content-Type: application/rss+xml\r\n",
                b"<rss version=\"2.0\"><channel><title>Local</title><item><title>One</title><link>/one</link>\
                  <description>First.</description></item><item><title>Two</title><description>Second.</description></item></channel></rss>",
            ),
            "/text" => respond(&mut stream, "200 OK", "Content-Type: text/plain; charset=utf-8\r\n", "Title: Plain\n\nJust text.".as_bytes()),
            "/big" => {
                // No Content-Length: the body streams until the connection closes, far past the cap.
                let _ = stream.write_all(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nConnection: close\r\n\r\n");
                let chunk = vec![b'x'; 16 * 1024];
                for _ in 0..1024 {
                    if stream.write_all(&chunk).is_err() {
                        break;
                    }
                }
            }
            "/slow" => {
                std::thread::sleep(Duration::from_secs(3));
                respond(&mut stream, "200 OK", "Content-Type: text/html\r\n", b"<p>late</p>");
            }
            other => {
                // /loop/N redirects to /loop/N+1 for ever.
                let next = other.strip_prefix("/loop/").and_then(|n| n.parse::<u32>().ok()).map(|n| n + 1);
                match next {
                    Some(next) => respond(&mut stream, "301 Moved Permanently", &format!("Location: /loop/{next}\r\n"), b""),
                    None => respond(&mut stream, "404 Not Found", "", b""),
                }
            }
        }
    }

    fn config() -> ReadConfig {
        ReadConfig {
            max_document_bytes: 64 * 1024,
            fetch: FetchConfig { timeout: Duration::from_millis(500), ..FetchConfig::default() },
        }
    }

    fn fetch(url: &str) -> Vec<String> {
        let fetcher = Fetcher::new(&config());
        read_url(&fetcher, url)
            .map(|res| match res {
                Ok(doc) => format!(
                    "{} {} url={:?} title={:?} modified={:?} body={:?}",
                    doc.origin,
                    doc.format.as_str(),
                    doc.url,
                    doc.title,
                    doc.modified.map(|time| time.to_string()),
                    doc.body
                ),
                Err(err) => format!("error: {err}"),
            })
            .collect()
    }

    #[test]
    fn fetches_pages_feeds_and_text() {
        let base = serve();
        assert_eq!(
            fetch(&format!("{base}/page")),
            [format!(
                "{base}/page html url=Some(\"{base}/page\") title=None modified=Some(\"2026-03-05T09:30:00Z\") body=\"<html><body><p>“Café,” she said.</p></body></html>\""
            )]
        );
        // A relative redirect is followed; the document keeps the given URL as origin and the final one as url.
        let moved = fetch(&format!("{base}/moved"));
        assert!(moved[0].starts_with(&format!("{base}/moved html url=Some(\"{base}/page\")")), "{moved:?}");
        let items = fetch(&format!("{base}/feed"));
        assert_eq!(items.len(), 2);
        assert!(
            items[0].starts_with(&format!("{base}/feed:1 feed url=Some(\"{base}/one\") title=Some(\"One\")")),
            "{items:?}"
        );
        let text = fetch(&format!("{base}/text"));
        assert_eq!(
            text,
            [format!(
                "{base}/text text url=Some(\"{base}/text\") title=Some(\"Plain\") modified=None body=\"Just text.\""
            )]
        );
        let agent = fetch(&format!("{base}/agent"));
        assert!(
            agent[0]
                .contains(&format!("body=\"sitrep/{} (+https://example.invalid/sitrep)\"", env!("CARGO_PKG_VERSION"))),
            "{agent:?}"
        );
    }

    #[test]
    fn refuses_what_it_should() {
        let base = serve();
        let check = |path: &str, expected: String| {
            assert_eq!(fetch(&format!("{base}{path}")), [format!("error: {expected}")]);
        };
        check("/loop/0", format!("{base}/loop/0: more than 5 redirects; the last one pointed to \"{base}/loop/6\""));
        check(
            "/ftp",
            format!(
                "{base}/ftp: refusing to fetch \"ftp://127.0.0.1/file.html\": only http:// and https:// URLs are fetched"
            ),
        );
        check("/nowhere", format!("{base}/nowhere: HTTP 302 redirect without a Location header"));
        check("/missing", format!("{base}/missing: the server answered HTTP 404"));
        check(
            "/image",
            format!("{base}/image: content type \"image/png\" is not HTML, an RSS or Atom feed, or plain text"),
        );
        check("/big", format!("{base}/big: larger than the 65536-byte limit for one document"));
        assert_eq!(
            fetch("ftp://127.0.0.1/x"),
            [
                "error: ftp://127.0.0.1/x: refusing to fetch \"ftp://127.0.0.1/x\": only http:// and https:// URLs are fetched"
            ]
        );
    }

    #[test]
    fn slow_servers_time_out() {
        let base = serve();
        let started = Instant::now();
        assert_eq!(fetch(&format!("{base}/slow")), [format!("error: {base}/slow: no complete answer within 500ms")]);
        assert!(started.elapsed() < Duration::from_secs(2), "took {:?}", started.elapsed());
    }
}
