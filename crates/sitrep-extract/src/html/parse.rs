//! A fast HTML parser for article extraction: markup in, the `scraper` document tree out.
//!
//! A browser-grade parser (html5ever) spent half of the extraction time, most of it on what
//! extraction never reads: scripts, styles, drawings, attributes like `srcset`, and the error
//! recovery of rare markup. This one reads the page in one pass over its bytes and builds the
//! same kind of tree with the HTML5 tree-construction rules that decide where text blocks start
//! and end: `<html>`, `<head>` and `<body>` implied, paragraphs and list items closed by what
//! follows them, end tags matched within their scope (stray ones ignored), table parts only in
//! tables, void elements, raw-text elements, character references.
//!
//! What it leaves out on purpose:
//! - **Inert content.** Scripts (but JSON-LD, which the metadata reader needs), styles, SVG
//!   drawings, templates, `<noscript>` fallbacks and comments never hold article text.
//! - **Attributes nobody reads** (`src`, `srcset`, `data-*`, event handlers ...).
//! - **Pathological input.** Elements nested deeper than [`MAX_DEPTH`] join their parent and a
//!   tag keeps at most [`MAX_ATTRIBUTES`], so every page parses in time linear in its size.
//!
//! Misnested formatting tags (`<b><i></b></i>`) are closed where they end rather than
//! reconstructed, which changes no text.

use std::borrow::Cow;
use std::sync::LazyLock;

use html5ever::tendril::StrTendril;
use html5ever::{Attribute, LocalName, QualName, local_name, ns};
use memchr::memchr;
use rustc_hash::FxHashMap;
use scraper::node::{Element, Text};
use scraper::{Html, Node};

/// Elements nested deeper than this join their parent instead; real pages stay far below it.
pub(crate) const MAX_DEPTH: usize = 512;

/// Attributes kept per tag; the rest of a tag's attributes are dropped.
pub(crate) const MAX_ATTRIBUTES: usize = 64;

/// The attributes that the linearizer, the boilerplate rules and the metadata reader look at.
const READ_ATTRIBUTES: &[&str] = &[
    "class",
    "id",
    "style",
    "hidden",
    "aria-hidden",
    "role",
    "itemprop",
    "content",
    "datetime",
    "href",
    "rel",
    "http-equiv",
    "lang",
    "name",
    "property",
    "type",
    "charset",
];

/// Elements dropped with their content (a `<script>` of JSON-LD excepted).
const INERT: &[&str] = &["script", "style", "svg", "template", "noscript", "math"];

/// Elements whose content is text up to their end tag, not markup.
const RAW_TEXT: &[&str] = &["title", "textarea", "xmp", "iframe", "noembed", "noframes", "plaintext"];

/// Elements that never have content.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr", "param",
    "keygen", "image",
];

/// Elements that belong in `<head>` when they come before the body starts.
const HEAD_CONTENT: &[&str] = &["meta", "link", "title", "script", "base", "style"];

/// Start tags that close an open `<p>`.
const CLOSES_P: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "center",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "ul",
    "li",
    "dd",
    "dt",
];

/// Elements that bound the search for an open element to close.
const SCOPE_BOUNDARIES: &[&str] = &["html", "table", "td", "th", "caption", "template", "applet", "marquee", "object"];

/// Containers that stop the search for a list item to close (the HTML "special" category,
/// less its void and raw-text members).
const SPECIAL: &[&str] = &[
    "address",
    "applet",
    "article",
    "aside",
    "blockquote",
    "body",
    "button",
    "caption",
    "center",
    "colgroup",
    "dd",
    "details",
    "dir",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "html",
    "li",
    "listing",
    "main",
    "marquee",
    "menu",
    "nav",
    "object",
    "ol",
    "p",
    "pre",
    "search",
    "section",
    "select",
    "summary",
    "table",
    "tbody",
    "td",
    "template",
    "tfoot",
    "th",
    "thead",
    "tr",
    "ul",
];

const HEADINGS: &[&str] = &["h1", "h2", "h3", "h4", "h5", "h6"];

/// Parts of a table, ignored outside one.
const TABLE_PARTS: &[&str] = &["tr", "td", "th", "tbody", "thead", "tfoot", "caption", "col", "colgroup"];

/// What the tree builder needs to know of a tag name, found with one lookup.
#[derive(Clone, Copy, Default)]
struct TagKind {
    inert: bool,
    raw_text: bool,
    void: bool,
    head_content: bool,
    table_part: bool,
    closes_p: bool,
}

/// Sets one of a [`TagKind`]'s flags.
type MarkKind = fn(&mut TagKind);

static TAG_KINDS: LazyLock<FxHashMap<&'static str, TagKind>> = LazyLock::new(|| {
    let mut kinds: FxHashMap<&'static str, TagKind> = FxHashMap::default();
    let lists: [(&[&'static str], MarkKind); 6] = [
        (INERT, |kind| kind.inert = true),
        (RAW_TEXT, |kind| kind.raw_text = true),
        (VOID, |kind| kind.void = true),
        (HEAD_CONTENT, |kind| kind.head_content = true),
        (TABLE_PARTS, |kind| kind.table_part = true),
        (CLOSES_P, |kind| kind.closes_p = true),
    ];
    for (names, mark) in lists {
        for name in names {
            mark(kinds.entry(name).or_default());
        }
    }
    kinds
});

impl TagKind {
    fn of(name: &str) -> TagKind {
        TAG_KINDS.get(name).copied().unwrap_or_default()
    }
}

/// Parses a page.
pub(crate) fn parse(html: &str) -> Html {
    let mut builder = TreeBuilder::new();
    Tokenizer { html, at: 0 }.run(&mut builder);
    builder.document
}

enum Token<'a> {
    Start { name: &'a str, attributes: Vec<Attribute> },
    End { name: &'a str },
}

struct Tokenizer<'a> {
    html: &'a str,
    at: usize,
}

impl<'a> Tokenizer<'a> {
    fn run(&mut self, builder: &mut TreeBuilder) {
        let bytes = self.html.as_bytes();
        while self.at < bytes.len() {
            let Some(offset) = memchr(b'<', &bytes[self.at..]) else {
                builder.text(&self.html[self.at..]);
                break;
            };
            let open = self.at + offset;
            if open > self.at {
                builder.text(&self.html[self.at..open]);
            }
            self.at = open;
            self.markup(builder);
        }
    }

    /// Reads the markup at `self.at` (a `<`).
    fn markup(&mut self, builder: &mut TreeBuilder) {
        let bytes = self.html.as_bytes();
        let rest = &bytes[self.at..];
        if rest.starts_with(b"<!--") {
            self.at = comment_end(bytes, self.at + 4);
            return;
        }
        match rest.get(1) {
            Some(b'!' | b'?') => self.at = skip_past(bytes, self.at, b'>'),
            Some(b'/') if rest.get(2).is_some_and(u8::is_ascii_alphabetic) => {
                let (name, end) = read_name(self.html, self.at + 2);
                self.at = skip_past(bytes, end, b'>');
                builder.token(Token::End { name: &name_lower(name) });
            }
            Some(b'/') => self.at = skip_past(bytes, self.at, b'>'),
            Some(byte) if byte.is_ascii_alphabetic() => self.start_tag(builder),
            _ => {
                builder.text("<");
                self.at += 1;
            }
        }
    }

    fn start_tag(&mut self, builder: &mut TreeBuilder) {
        let bytes = self.html.as_bytes();
        let (raw_name, name_end) = read_name(self.html, self.at + 1);
        let name = name_lower(raw_name);
        let (attributes, end) = read_attributes(self.html, name_end);
        self.at = end;
        let kind = TagKind::of(&name);
        if kind.inert
            && let Some(inert) = INERT.iter().find(|inert| **inert == name)
        {
            let content_end = end_tag_start(bytes, end, inert);
            let json_ld = *inert == "script"
                && attributes.iter().any(|attribute| {
                    attribute.name.local == local_name!("type")
                        && attribute.value.to_ascii_lowercase().contains("ld+json")
                });
            if json_ld {
                builder.token(Token::Start { name: "script", attributes });
                builder.raw_text(&self.html[end..content_end]);
                builder.token(Token::End { name: "script" });
            }
            self.at = skip_past(bytes, content_end, b'>');
            return;
        }
        if kind.raw_text
            && let Some(raw) = RAW_TEXT.iter().find(|raw| **raw == name)
        {
            let content_end = if *raw == "plaintext" { bytes.len() } else { end_tag_start(bytes, end, raw) };
            builder.token(Token::Start { name: raw, attributes });
            let content = &self.html[end..content_end];
            if matches!(*raw, "title" | "textarea") {
                builder.text(content);
            } else {
                builder.raw_text(content);
            }
            builder.token(Token::End { name: raw });
            self.at = skip_past(bytes, content_end, b'>');
            return;
        }
        builder.token(Token::Start { name: &name, attributes });
    }
}

/// The tag name starting at `from` and where it ends.
fn read_name(html: &str, from: usize) -> (&str, usize) {
    let bytes = html.as_bytes();
    let mut at = from;
    while at < bytes.len() && !is_tag_space(bytes[at]) && bytes[at] != b'/' && bytes[at] != b'>' {
        at += 1;
    }
    (&html[from..at], at)
}

fn name_lower(name: &str) -> Cow<'_, str> {
    if name.bytes().any(|byte| byte.is_ascii_uppercase()) {
        Cow::Owned(name.to_ascii_lowercase())
    } else {
        Cow::Borrowed(name)
    }
}

/// The attributes worth keeping from `at` to the tag's end, and where it ends (just past its
/// `>`, or the end of the input). A closing `/` means nothing in HTML: only void elements are
/// empty.
fn read_attributes(html: &str, mut at: usize) -> (Vec<Attribute>, usize) {
    let bytes = html.as_bytes();
    let mut attributes: Vec<Attribute> = Vec::new();
    while at < bytes.len() {
        match bytes[at] {
            b'>' => return (attributes, at + 1),
            b'/' => at += 1,
            byte if is_tag_space(byte) => at += 1,
            _ => {
                let (name, value, end) = read_attribute(html, at);
                at = end;
                let name = name.to_ascii_lowercase();
                let keep = attributes.len() < MAX_ATTRIBUTES
                    && READ_ATTRIBUTES.contains(&name.as_str())
                    && !attributes.iter().any(|attribute| *attribute.name.local == name);
                if keep {
                    let value = decode_references(value, true);
                    attributes.push(Attribute {
                        name: QualName::new(None, ns!(), LocalName::from(name)),
                        value: StrTendril::from_slice(&value),
                    });
                }
            }
        }
    }
    (attributes, bytes.len())
}

/// (name, raw value, end) of the attribute starting at `at`.
fn read_attribute(html: &str, at: usize) -> (&str, &str, usize) {
    let bytes = html.as_bytes();
    // The first character belongs to the name even when it is `=`.
    let mut name_end = at + 1;
    while name_end < bytes.len() && !is_tag_space(bytes[name_end]) && !matches!(bytes[name_end], b'/' | b'>' | b'=') {
        name_end += 1;
    }
    let name = &html[at..name_end];
    let mut value = name_end;
    while value < bytes.len() && is_tag_space(bytes[value]) {
        value += 1;
    }
    if bytes.get(value) != Some(&b'=') {
        return (name, "", name_end);
    }
    value += 1;
    while value < bytes.len() && is_tag_space(bytes[value]) {
        value += 1;
    }
    match bytes.get(value) {
        Some(&quote @ (b'"' | b'\'')) => match memchr(quote, &bytes[value + 1..]) {
            Some(offset) => (name, &html[value + 1..value + 1 + offset], value + 1 + offset + 1),
            None => (name, &html[value + 1..], bytes.len()),
        },
        _ => {
            let mut end = value;
            while end < bytes.len() && !is_tag_space(bytes[end]) && bytes[end] != b'>' {
                end += 1;
            }
            (name, &html[value..end], end)
        }
    }
}

/// Where the end tag `</name` of an element whose content starts at `from` begins (the end of
/// the input when there is none).
fn end_tag_start(bytes: &[u8], from: usize, name: &str) -> usize {
    let mut at = from;
    while let Some(offset) = memchr(b'<', &bytes[at..]) {
        let open = at + offset;
        let name_start = open + 2;
        let name_end = name_start + name.len();
        let closes = bytes.get(open + 1) == Some(&b'/')
            && bytes.get(name_start..name_end).is_some_and(|candidate| candidate.eq_ignore_ascii_case(name.as_bytes()))
            && bytes.get(name_end).is_none_or(|&byte| is_tag_space(byte) || byte == b'/' || byte == b'>');
        if closes {
            return open;
        }
        at = open + 1;
    }
    bytes.len()
}

/// Just past the next `byte` from `from` (the end of the input when there is none).
fn skip_past(bytes: &[u8], from: usize, byte: u8) -> usize {
    memchr(byte, &bytes[from.min(bytes.len())..]).map_or(bytes.len(), |offset| from + offset + 1)
}

/// Just past the comment whose text starts at `from` (after `<!--`).
fn comment_end(bytes: &[u8], from: usize) -> usize {
    // `<!-->` and `<!--->` are empty comments.
    for abrupt in [&b">"[..], b"->"] {
        if bytes[from..].starts_with(abrupt) {
            return from + abrupt.len();
        }
    }
    memchr::memmem::find(&bytes[from..], b"-->").map_or(bytes.len(), |offset| from + offset + 3)
}

fn is_tag_space(byte: u8) -> bool {
    matches!(byte, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c')
}

/// Text with its character references (`&amp;`, `&#8217;`, `&nbsp`) decoded. In an attribute
/// value, a reference without its `;` followed by a letter, digit or `=` stays as it is.
fn decode_references(text: &str, in_attribute: bool) -> Cow<'_, str> {
    let bytes = text.as_bytes();
    let Some(first) = memchr(b'&', bytes) else { return Cow::Borrowed(text) };
    let mut out = String::with_capacity(text.len());
    out.push_str(&text[..first]);
    let mut at = first;
    while at < bytes.len() {
        // `at` is on a `&`.
        match reference(&text[at + 1..], in_attribute) {
            Some((decoded, length)) => {
                out.push_str(&decoded);
                at += 1 + length;
            }
            None => {
                out.push('&');
                at += 1;
            }
        }
        let next = memchr(b'&', &bytes[at..]).map_or(bytes.len(), |offset| at + offset);
        out.push_str(&text[at..next]);
        at = next;
    }
    Cow::Owned(out)
}

/// The text a reference after `&` stands for, and how many bytes it takes.
fn reference(after: &str, in_attribute: bool) -> Option<(String, usize)> {
    let bytes = after.as_bytes();
    if bytes.first() == Some(&b'#') {
        let hex = matches!(bytes.get(1), Some(b'x' | b'X'));
        let digits_start = if hex { 2 } else { 1 };
        let digits_end = digits_start
            + bytes[digits_start..]
                .iter()
                .take_while(|byte| if hex { byte.is_ascii_hexdigit() } else { byte.is_ascii_digit() })
                .count();
        if digits_end == digits_start {
            return None;
        }
        let value =
            u32::from_str_radix(&after[digits_start..digits_end.min(digits_start + 8)], if hex { 16 } else { 10 })
                .unwrap_or(0x110000);
        let length = digits_end + usize::from(bytes.get(digits_end) == Some(&b';'));
        let c = match value {
            0x80..=0x9f => html5ever::data::C1_REPLACEMENTS[(value - 0x80) as usize].unwrap_or('\u{fffd}'),
            _ => char::from_u32(value).filter(|&c| c != '\0').unwrap_or('\u{fffd}'),
        };
        return Some((c.to_string(), length));
    }
    let name_length = bytes.iter().take(32).take_while(|byte| byte.is_ascii_alphanumeric()).count();
    if name_length == 0 {
        return None;
    }
    if bytes.get(name_length) == Some(&b';')
        && let Some(&(first, second)) = html5ever::data::NAMED_ENTITIES.get(&after[..=name_length])
    {
        return Some((code_points(first, second), name_length + 1));
    }
    // Legacy references without `;` ("&nbsp", "&copy"): the longest that names one.
    (2..=name_length.min(6)).rev().find_map(|length| {
        let &(first, second) = html5ever::data::NAMED_ENTITIES.get(&after[..length])?;
        let next = bytes.get(length).copied();
        let stays = in_attribute && next.is_some_and(|byte| byte.is_ascii_alphanumeric() || byte == b'=');
        (!stays).then(|| (code_points(first, second), length))
    })
}

fn code_points(first: u32, second: u32) -> String {
    [first, second].into_iter().filter(|&c| c != 0).filter_map(char::from_u32).collect()
}

/// Where the parser is in the page's structure.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Phase {
    /// Before any content: `<head>` still open.
    InHead,
    InBody,
}

/// Builds the tree from tokens.
struct TreeBuilder {
    document: Html,
    html: Option<ego_tree::NodeId>,
    head: Option<ego_tree::NodeId>,
    body: Option<ego_tree::NodeId>,
    phase: Phase,
    /// Open elements inside `<body>` (or `<head>`).
    open: OpenElements,
}

/// The stack of open elements, innermost last, with a count of each name so that looking for
/// an element that is not open costs nothing.
#[derive(Default)]
struct OpenElements {
    stack: Vec<(ego_tree::NodeId, LocalName)>,
    counts: FxHashMap<String, usize>,
}

impl OpenElements {
    fn push(&mut self, id: ego_tree::NodeId, name: LocalName) {
        match self.counts.get_mut(&*name) {
            Some(count) => *count += 1,
            None => {
                self.counts.insert(name.to_string(), 1);
            }
        }
        self.stack.push((id, name));
    }

    fn pop(&mut self) -> Option<(ego_tree::NodeId, LocalName)> {
        let popped = self.stack.pop()?;
        if let Some(count) = self.counts.get_mut(&*popped.1) {
            *count -= 1;
        }
        Some(popped)
    }

    fn clear(&mut self) {
        self.stack.clear();
        self.counts.clear();
    }

    fn last(&self) -> Option<&(ego_tree::NodeId, LocalName)> {
        self.stack.last()
    }

    fn len(&self) -> usize {
        self.stack.len()
    }

    fn is_empty(&self) -> bool {
        self.stack.is_empty()
    }

    /// Whether any element named in `names` is open, at any depth.
    fn any_open(&self, names: &[&str]) -> bool {
        names.iter().any(|name| self.counts.get(*name).is_some_and(|&count| count > 0))
    }
}

impl TreeBuilder {
    fn new() -> TreeBuilder {
        TreeBuilder {
            document: Html::new_document(),
            html: None,
            head: None,
            body: None,
            phase: Phase::InHead,
            open: OpenElements::default(),
        }
    }

    fn token(&mut self, token: Token<'_>) {
        match token {
            Token::Start { name, attributes } => self.start(name, attributes),
            Token::End { name } => self.end(name),
        }
    }

    /// Text with references still to decode.
    fn text(&mut self, text: &str) {
        let decoded = decode_references(text, false);
        self.raw_text(&decoded);
    }

    /// Text as it is.
    fn raw_text(&mut self, text: &str) {
        if text.is_empty() {
            return;
        }
        let blank = text.bytes().all(|byte| byte.is_ascii_whitespace());
        if self.phase == Phase::InHead && self.open.is_empty() {
            if blank {
                return;
            }
            self.enter_body(Vec::new());
        }
        let parent = self.current();
        let Some(mut parent) = self.document.tree.get_mut(parent) else { return };
        if let Some(mut last) = parent.last_child()
            && let Node::Text(previous) = last.value()
        {
            previous.text.push_slice(text);
            return;
        }
        parent.append(Node::Text(Text { text: StrTendril::from_slice(text) }));
    }

    fn start(&mut self, name: &str, attributes: Vec<Attribute>) {
        match name {
            "html" => {
                let html = self.ensure_html();
                self.add_missing_attributes(html, attributes);
                return;
            }
            "head" => {
                if self.head.is_none() && self.phase == Phase::InHead {
                    self.ensure_head(attributes);
                }
                return;
            }
            "body" => {
                match self.body {
                    Some(body) => self.add_missing_attributes(body, attributes),
                    None => self.enter_body(attributes),
                }
                return;
            }
            _ => {}
        }
        let kind = TagKind::of(name);
        if self.phase == Phase::InHead {
            if kind.head_content {
                let head = self.ensure_head(Vec::new());
                self.insert(head, name, attributes, kind.void);
                return;
            }
            self.enter_body(Vec::new());
        }
        self.close_implied_by(name, kind);
        if kind.table_part && !self.in_scope_of("table") {
            return;
        }
        let parent = self.current();
        self.insert(parent, name, attributes, kind.void);
    }

    /// Closes what a start tag closes: an open `<p>`, the previous list item, table cell or row.
    fn close_implied_by(&mut self, name: &str, kind: TagKind) {
        if kind.closes_p && self.in_button_scope("p") {
            self.pop_until(&["p"]);
        }
        match name {
            "li" => self.close_in_list_scope(&["li"]),
            "dd" | "dt" => self.close_in_list_scope(&["dd", "dt"]),
            "td" | "th" => self.close_in_table_scope(&["td", "th"]),
            "tr" => self.close_in_table_scope(&["tr"]),
            "tbody" | "thead" | "tfoot" => self.close_in_table_scope(&["tbody", "thead", "tfoot"]),
            "option" if self.current_is("option") => {
                self.open.pop();
            }
            "a" if self.in_scope_of("a") => self.pop_until(&["a"]),
            heading
                if HEADINGS.contains(&heading)
                    && self.open.last().is_some_and(|(_, open)| HEADINGS.contains(&&**open)) =>
            {
                self.open.pop();
            }
            _ => {}
        }
    }

    fn end(&mut self, name: &str) {
        match name {
            "html" | "body" => return,
            "head" => {
                if self.phase == Phase::InHead {
                    self.open.clear();
                }
                return;
            }
            "br" => {
                self.start("br", Vec::new());
                return;
            }
            _ => {}
        }
        if HEADINGS.contains(&name) {
            if self.in_scope_of_any(HEADINGS) {
                self.pop_until(HEADINGS);
            }
            return;
        }
        let open = if matches!(name, "table" | "tbody" | "thead" | "tfoot" | "tr") {
            self.in_table_scope(name)
        } else {
            self.in_scope_of(name)
        };
        if open {
            self.pop_until(&[name]);
        }
    }

    fn insert(&mut self, parent: ego_tree::NodeId, name: &str, attributes: Vec<Attribute>, void: bool) {
        let local = LocalName::from(name);
        let element = Element::new(QualName::new(None, ns!(html), local.clone()), attributes);
        let id = self.append(parent, Node::Element(element));
        if !void && self.open.len() < MAX_DEPTH {
            self.open.push(id, local);
        }
    }

    /// Appends `node` to `parent` (every id the builder holds is in the tree; the root stands
    /// in for one that is not).
    fn append(&mut self, parent: ego_tree::NodeId, node: Node) -> ego_tree::NodeId {
        match self.document.tree.get_mut(parent) {
            Some(mut parent) => parent.append(node).id(),
            None => self.document.tree.root_mut().append(node).id(),
        }
    }

    /// The element new content goes into.
    fn current(&mut self) -> ego_tree::NodeId {
        match self.open.last() {
            Some((id, _)) => *id,
            None => match self.phase {
                Phase::InHead => self.ensure_head(Vec::new()),
                Phase::InBody => self.body.unwrap_or_else(|| self.ensure_html()),
            },
        }
    }

    fn ensure_html(&mut self) -> ego_tree::NodeId {
        if let Some(html) = self.html {
            return html;
        }
        let element = Element::new(QualName::new(None, ns!(html), local_name!("html")), Vec::new());
        let id = self.document.tree.root_mut().append(Node::Element(element)).id();
        self.html = Some(id);
        id
    }

    fn ensure_head(&mut self, attributes: Vec<Attribute>) -> ego_tree::NodeId {
        if let Some(head) = self.head {
            return head;
        }
        let html = self.ensure_html();
        let element = Element::new(QualName::new(None, ns!(html), local_name!("head")), attributes);
        let id = self.append(html, Node::Element(element));
        self.head = Some(id);
        id
    }

    fn enter_body(&mut self, attributes: Vec<Attribute>) {
        self.ensure_head(Vec::new());
        self.phase = Phase::InBody;
        self.open.clear();
        if self.body.is_none() {
            let html = self.ensure_html();
            let element = Element::new(QualName::new(None, ns!(html), local_name!("body")), attributes);
            let id = self.append(html, Node::Element(element));
            self.body = Some(id);
        }
    }

    fn add_missing_attributes(&mut self, element: ego_tree::NodeId, attributes: Vec<Attribute>) {
        let Some(mut node) = self.document.tree.get_mut(element) else { return };
        if let Node::Element(element) = node.value() {
            for attribute in attributes {
                if !element.attrs.iter().any(|(name, _)| *name == attribute.name) {
                    element.attrs.push((attribute.name, attribute.value));
                }
            }
        }
    }

    fn current_is(&self, name: &str) -> bool {
        self.open.last().is_some_and(|(_, open)| &**open == name)
    }

    fn in_scope_of(&self, name: &str) -> bool {
        self.in_scope_of_any(&[name])
    }

    /// Whether an element named in `names` is open, below the nearest scope boundary.
    fn in_scope_of_any(&self, names: &[&str]) -> bool {
        if !self.open.any_open(names) {
            return false;
        }
        for (_, open) in self.open.stack.iter().rev() {
            if names.contains(&&**open) {
                return true;
            }
            if SCOPE_BOUNDARIES.contains(&&**open) {
                return false;
            }
        }
        false
    }

    fn in_button_scope(&self, name: &str) -> bool {
        if !self.open.any_open(&[name]) {
            return false;
        }
        for (_, open) in self.open.stack.iter().rev() {
            if &**open == name {
                return true;
            }
            if SCOPE_BOUNDARIES.contains(&&**open) || &**open == "button" {
                return false;
            }
        }
        false
    }

    fn close_in_list_scope(&mut self, names: &[&str]) {
        if !self.open.any_open(names) {
            return;
        }
        for (_, open) in self.open.stack.iter().rev() {
            if names.contains(&&**open) {
                self.pop_until(names);
                return;
            }
            if SCOPE_BOUNDARIES.contains(&&**open) || matches!(&**open, "ul" | "ol" | "dl") {
                return;
            }
            // A list item is closed across inline elements, paragraphs and divisions only.
            if SPECIAL.contains(&&**open) && !matches!(&**open, "p" | "div" | "address") {
                return;
            }
        }
    }

    fn close_in_table_scope(&mut self, names: &[&str]) {
        if names.iter().any(|name| self.in_table_scope(name)) {
            self.pop_until(names);
        }
    }

    /// Whether `name` is open inside the innermost table (or, for `table`, at all).
    fn in_table_scope(&self, name: &str) -> bool {
        if !self.open.any_open(&[name]) {
            return false;
        }
        for (_, open) in self.open.stack.iter().rev() {
            if &**open == name {
                return true;
            }
            if matches!(&**open, "table" | "html" | "template") {
                return false;
            }
        }
        false
    }

    /// Pops open elements up to and including the innermost one named in `names`.
    fn pop_until(&mut self, names: &[&str]) {
        while let Some((_, open)) = self.open.pop() {
            if names.contains(&&*open) {
                return;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use scraper::{Html, Selector};

    use crate::html::parse::parse;

    /// The tree as nested tags with text, attributes left out.
    fn outline(document: &Html) -> String {
        fn walk(node: ego_tree::NodeRef<'_, scraper::Node>, out: &mut String) {
            match node.value() {
                scraper::Node::Element(element) => {
                    out.push_str(&format!("<{}>", element.name()));
                    node.children().for_each(|child| walk(child, out));
                    out.push_str(&format!("</{}>", element.name()));
                }
                scraper::Node::Text(text) => out.push_str(text),
                _ => node.children().for_each(|child| walk(child, out)),
            }
        }
        let mut out = String::new();
        walk(document.tree.root(), &mut out);
        out
    }

    #[test]
    fn implied_structure() {
        let document = parse("<title>T &amp; U</title><p>One<p>Two<ul><li>a<li>b</ul>");
        assert_eq!(
            outline(&document),
            "<html><head><title>T & U</title></head><body><p>One</p><p>Two</p><ul><li>a</li><li>b</li></ul></body></html>"
        );
    }

    #[test]
    fn stray_and_misnested_end_tags() {
        let document = parse("<body><div>a</span>b</p></div>c<td>d</td>");
        assert_eq!(outline(&document), "<html><head></head><body><div>ab</div>cd</body></html>");
    }

    #[test]
    fn tables_and_headings() {
        let document = parse("<table><tr><td>a<td>b<tr><td>c</table><h2>x<h3>y</h2>");
        assert_eq!(
            outline(&document),
            "<html><head></head><body><table><tr><td>a</td><td>b</td></tr><tr><td>c</td></tr></table><h2>x</h2><h3>y</h3></body></html>"
        );
    }

    #[test]
    fn inert_content_is_dropped_and_json_ld_kept() {
        let page = "<head><script>var a = '</p>';</script><SCRIPT type=\"application/ld+json\">{\"a\":\"&amp;\"}</SCRIPT>\
            <style>p{}</style></head><body><!-- <p>note</p> --><p>One</p><svg><text>x</text></svg><p>Two</p></body>";
        let document = parse(page);
        assert_eq!(
            outline(&document),
            "<html><head><script>{\"a\":\"&amp;\"}</script></head><body><p>One</p><p>Two</p></body></html>"
        );
    }

    #[test]
    fn attributes_read_and_decoded() {
        let document = parse("<html lang=en><body><a HREF=\"/a?x=1&amp;y=2\" data-x=1 class='c d' title=\"<p>\">a</a>");
        let link = document.select(&Selector::parse("a").unwrap()).next().unwrap();
        assert_eq!(link.value().attr("href"), Some("/a?x=1&y=2"));
        assert_eq!(link.value().attr("class"), Some("c d"));
        assert_eq!(link.value().attr("data-x"), None);
        assert!(document.select(&Selector::parse("html[lang=en]").unwrap()).next().is_some());
    }

    #[test]
    fn references_in_text() {
        let document = parse("<p>caf&eacute; &#8217;s &#x41; &nbsp;x &copy 2026 &unknown; AT&T &#150;</p>");
        let text: String = document.root_element().text().collect();
        assert_eq!(text, "café ’s A \u{a0}x © 2026 &unknown; AT&T –");
    }

    #[test]
    fn hostile_input_parses_in_linear_time() {
        let deep = format!("<body>{}<p>deep text</p>{}</body>", "<div>".repeat(100_000), "</div>".repeat(100_000));
        let text: String = parse(&deep).root_element().text().collect();
        assert_eq!(text, "deep text");
        let flood = format!("<p {}>x</p>", (0..100_000).map(|n| format!("class{n}=1")).collect::<Vec<_>>().join(" "));
        let text: String = parse(&flood).root_element().text().collect();
        assert_eq!(text, "x");
        for junk in ["<", "</", "<a href=\"", "<!--", "<script>", "&#x110000;", "<p a='>", "\0<\u{fffd}>"] {
            parse(junk);
        }
    }
}
